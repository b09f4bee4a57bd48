using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CodeExecution.Core;
using CodeExecution.Core.Model;
using CodeExecution.Core.Network;

namespace CodeExecution.Benchmarks;

/// <summary>
/// What a program's HTTP request costs through the host, against a loopback server answering a 6-byte body: each
/// request timed inside the program (fetch in JavaScript, urlopen in Python), beside the same requests made
/// directly by .NET's HttpClient (the host's own part) and by native node and python3, in one run.
/// </summary>
internal static class NetworkOverhead
{
    public static async Task<string> RunAsync(int requests)
    {
        using var server = new HttpListener();
        var port = FreePort();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var serving = Task.Run(() => ServeAsync(server));
        var url = $"http://127.0.0.1:{port}/hello";
        await using var executor = new CodeExecutor(new CodeExecutorOptions
        {
            MaxConcurrency = 1,
            Network = new NetworkOptions { ReachablePrivateAddresses = [IPAddress.Loopback] },
        });
        await executor.InitializeAsync();

        var javascript = $$"""
            (async () => {
              const times = [];
              for (let i = 0; i < {{requests}}; i++) {
                const started = performance.now();
                const r = await fetch('{{url}}');
                await r.text();
                times.push(performance.now() - started);
              }
              console.log(JSON.stringify(times));
            })();
            """;
        var python = $$"""
            import json, time, urllib.request
            times = []
            for i in range({{requests}}):
                started = time.perf_counter()
                with urllib.request.urlopen('{{url}}') as r:
                    r.read()
                times.append((time.perf_counter() - started) * 1000)
            print(json.dumps(times))
            """;

        var report = new StringBuilder();
        report.AppendLine($"{requests} sequential GETs of a 6-byte body from a loopback HTTP server, each timed by the caller:");
        report.AppendLine();
        report.AppendLine("| caller | p50 ms | p95 ms | requests/s |");
        report.AppendLine("|---|---|---|---|");
        report.AppendLine(Row("HttpClient in the host (direct)", await DirectAsync(url, requests)));
        report.AppendLine(Row("JavaScript fetch in the sandbox", await SandboxedAsync(executor, ExecutionLanguage.JavaScript, javascript)));
        report.AppendLine(Row("node fetch (native)", await NativeAsync("node", "bench.js", javascript)));
        try
        {
            report.AppendLine(Row("Python urlopen in the sandbox", await SandboxedAsync(executor, ExecutionLanguage.Python, python)));
        }
        catch (InvalidOperationException e)
        {
            report.AppendLine($"| Python urlopen in the sandbox | {e.Message.ReplaceLineEndings(" ")[..Math.Min(120, e.Message.Length)]} | | |");
        }

        report.AppendLine(Row("python3 urlopen (native)", await NativeAsync("python3", "bench.py", python)));
        server.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        return report.ToString();
    }

    private static async Task<List<double>> DirectAsync(string url, int requests)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await http.GetStringAsync(url);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> SandboxedAsync(CodeExecutor executor, ExecutionLanguage language, string code)
    {
        var result = await executor.ExecuteAsync(new ExecutionRequest
        {
            Code = code,
            Language = language,
            Limits = new ExecutionLimits { AllowNetwork = true, MaxNetworkRequests = 1000, TimeoutMs = 10_000 },
            Network = new NetworkAccess { Allow = ["127.0.0.1"] },
        });
        return result.Success
            ? JsonSerializer.Deserialize<List<double>>(result.Stdout)!
            : throw new InvalidOperationException($"{language} failed: {result.Error} {result.Stderr}");
    }

    private static async Task<List<double>> NativeAsync(string interpreter, string fileName, string code)
    {
        var directory = Directory.CreateTempSubdirectory("codeexec-bench-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, fileName), code);
            var start = new ProcessStartInfo(interpreter, [fileName]) { WorkingDirectory = directory.FullName, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return JsonSerializer.Deserialize<List<double>>(output)!;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Row(string caller, List<double> times)
    {
        // The first requests open the connection and warm the code paths: the summary is of the rest.
        var steady = times.Skip(Math.Min(10, times.Count / 10)).Order().ToList();
        double Percentile(double p) => steady[Math.Min(steady.Count - 1, (int)Math.Ceiling(p * steady.Count) - 1)];
        return $"| {caller} | {Percentile(0.50):F3} | {Percentile(0.95):F3} | {1000 / steady.Average():F0} |";
    }

    private static async Task ServeAsync(HttpListener server)
    {
        var body = Encoding.ASCII.GetBytes("hello\n");
        while (server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await server.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            context.Response.ContentType = "text/plain";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
