// Cold start phases against Azurite, then POST /api/execute handled in-process (function class + real
// ASP.NET Core request objects), per language. Run in Release:
//   dotnet run -c Release --project bench/CodeExecution.Functions.Benchmarks [-- iterations]
// A queued job of hello-worlds through the queue functions instead (items/s, enqueue to completed):
//   dotnet run -c Release --project bench/CodeExecution.Functions.Benchmarks -- jobs [items] [python|javascript] [messages at once]
// 1, 2, 4, 8 and 16 clients sending hello-worlds over real HTTP (the functions on Kestrel), answers by status, p50/p99:
//   dotnet run -c Release --project bench/CodeExecution.Functions.Benchmarks -- load [python|javascript] [requests per row]
// The time from a print in a Python program to its event at a client of POST /api/execute's event stream, p50/p95:
//   dotnet run -c Release --project bench/CodeExecution.Functions.Benchmarks -- stream [runs]
using System.Diagnostics;
using CodeExecution.Functions;
using CodeExecution.Functions.Benchmarks;
using CodeExecution.Functions.Functions;
using CodeExecution.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

await using var azurite = await AzuriteServer.StartAsync();
var id = Guid.NewGuid().ToString("N")[..12];
var settings = new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = azurite.ConnectionString,
    ["Storage:RuntimesContainer"] = $"runtimes-{id}",
    ["Storage:ExecutionsTable"] = $"executions{id}",
    ["Storage:StatisticsTable"] = $"statistics{id}",
    ["CodeExecution:MaxConcurrency"] = "2",
};

if (args is ["jobs", ..])
{
    settings["Jobs:JobsTable"] = $"jobs{id}";
    settings["CodeExecution:MaxRequestBodyBytes"] = "16777216";
    using var jobsHost = await StartAsync(settings, new PhaseLog());
    await JobsBenchmark.RunAsync(
        jobsHost,
        args.Length > 2 ? args[2] : "python",
        args.Length > 1 ? int.Parse(args[1]) : 1000,
        args.Length > 3 ? int.Parse(args[3]) : 8);
    await jobsHost.StopAsync();
    return;
}

if (args is ["load", ..])
{
    await LoadBenchmark.RunAsync(
        settings,
        args.Length > 1 ? args[1] : "python",
        args.Length > 2 ? int.Parse(args[2]) : 2000,
        [1, 2, 4, 8, 16]);
    return;
}

if (args is ["stream", ..])
{
    await StreamingBenchmark.RunAsync(settings, args.Length > 1 ? int.Parse(args[1]) : 5);
    return;
}

var iterations = args.Length > 0 ? int.Parse(args[0]) : 200;

foreach (var label in new[] { "first cold start (empty container)", "second cold start (artifact in blob)" })
{
    var phases = new PhaseLog();
    using var host = await StartAsync(settings, phases);
    Console.WriteLine($"== {label}");
    foreach (var line in phases.Lines)
    {
        Console.WriteLine($"   {line}");
    }

    if (label.StartsWith("second", StringComparison.Ordinal))
    {
        var execute = host.Services.GetRequiredService<ExecuteFunction>();
        await MeasureAsync(execute, "python", "print('hello, world')", iterations);
        await MeasureAsync(execute, "javascript", "console.log('hello, world')", iterations);
    }

    await host.StopAsync();
}

static async Task<IHost> StartAsync(Dictionary<string, string?> settings, PhaseLog phases)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Logging.AddProvider(phases);
    builder.Services.AddCodeExecutionFunctions(builder.Configuration);
    var host = builder.Build();
    await host.StartAsync();
    await host.Services.GetRequiredService<ExecutorHost>().GetReadyAsync(CancellationToken.None);
    return host;
}

static async Task MeasureAsync(ExecuteFunction execute, string language, string code, int iterations)
{
    var body = $$"""{"code":{{System.Text.Json.JsonSerializer.Serialize(code)}},"language":"{{language}}"}""";
    for (var i = 0; i < 20; i++)
    {
        await HttpCall.SendAsync(HttpCall.Post("/api/execute", body), execute.Execute);
    }

    var times = new List<double>(iterations);
    string? lastBody = null;
    for (var i = 0; i < iterations; i++)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/execute", body), execute.Execute);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        lastBody = answer.Body;
        if (answer.Status != 200)
        {
            Console.WriteLine($"   {language}: status {answer.Status}: {lastBody}");
            return;
        }
    }

    times.Sort();
    Console.WriteLine($"== POST /api/execute {language} hello world, {iterations} sequential calls: p50 {Percentile(times, 0.50):F1} ms, p95 {Percentile(times, 0.95):F1} ms, max {times[^1]:F1} ms");
    Console.WriteLine($"   last body: {lastBody}");
}

static double Percentile(List<double> sorted, double quantile) =>
    sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
