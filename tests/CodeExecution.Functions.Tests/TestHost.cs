using CodeExecution.Functions.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Functions.Tests;

/// <summary>A host with the Functions app's service registrations (not the worker itself), on Azurite.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TestHost(IHost host, LogCapture logs)
    {
        _host = host;
        Logs = logs;
    }

    public IServiceProvider Services => _host.Services;

    public LogCapture Logs { get; }

    public ExecutorHost Executor => Services.GetRequiredService<ExecutorHost>();

    public T Function<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The settings of a run on <paramref name="azurite"/>; <paramref name="names"/> gives the container and tables.</summary>
    public static Dictionary<string, string?> Settings(AzuriteServer azurite, StorageNamesForRun names) => new()
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Storage:RuntimesContainer"] = names.Container,
        ["Storage:ExecutionsTable"] = names.ExecutionsTable,
        ["Storage:StatisticsTable"] = names.StatisticsTable,
        ["CodeExecution:MaxConcurrency"] = "2",
        ["CodeExecution:MaxWaitingRequests"] = "1",
        ["CodeExecution:MaxQueueWaitMs"] = "400",
        ["CodeExecution:MaxBatchSize"] = "5",
        ["CodeExecution:MaxRequestBodyBytes"] = "65536",
        ["CodeExecution:RetryAfterSeconds"] = "2",
    };

    public static async Task<TestHost> StartAsync(IDictionary<string, string?> settings, bool waitForRuntimes = true, Action<IServiceCollection>? configure = null)
    {
        var logs = new LogCapture();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.AddCodeExecutionFunctions(builder.Configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        var testHost = new TestHost(host, logs);
        if (waitForRuntimes)
        {
            await testHost.Executor.GetReadyAsync(CancellationToken.None);
        }

        return testHost;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Unique container and table names, so runs never share state.</summary>
public sealed record StorageNamesForRun(string Container, string ExecutionsTable, string StatisticsTable)
{
    public static StorageNamesForRun Unique()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new StorageNamesForRun($"runtimes-{id}", $"executions{id}", $"statistics{id}");
    }
}
