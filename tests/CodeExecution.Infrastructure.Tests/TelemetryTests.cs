using CodeExecution.Core;
using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Statistics;
using CodeExecution.Functions.Telemetry;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Infrastructure.Tests;

public sealed class TelemetryTests : IAsyncLifetime
{
    private static readonly string ModuleCache = Path.Combine(Path.GetTempPath(), "codeexec-tests", "modules");

    private readonly CapturingTelemetryChannel _channel = new();
    private readonly ServiceProvider _services;

    public TelemetryTests()
    {
        // The app's registrations, with only the channel (where telemetry leaves the process) swapped.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://localhost/",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ITelemetryChannel>(_channel);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information));
        services.AddCodeExecutionTelemetry(configuration);
        _services = services.BuildServiceProvider();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Executions_EachBecomeAnEvent_WithLanguageOutcomeAndLimitFlagsAsDimensions()
    {
        var recorders = _services.GetServices<IExecutionRecorder>().ToList();
        Assert.IsType<ApplicationInsightsExecutionRecorder>(Assert.Single(recorders));
        await using var executor = new CodeExecutor(
            new CodeExecutorOptions { MaxConcurrency = 1, ModuleCacheDirectory = ModuleCache },
            recorders: recorders,
            loggerFactory: _services.GetRequiredService<ILoggerFactory>());
        await executor.InitializeAsync();

        const string loop = "while True:\n    pass\n";
        var timedOut = await executor.ExecuteAsync(new ExecutionRequest
        {
            Code = loop,
            Language = ExecutionLanguage.Python,
            Limits = new ExecutionLimits { TimeoutMs = 200 },
        });
        var printed = await executor.ExecuteAsync(new ExecutionRequest { Code = "console.log('hi')", Language = ExecutionLanguage.JavaScript });
        Assert.True(timedOut.Metadata.TimeoutHit);
        Assert.True(printed.Success);

        var events = _channel.Events(ApplicationInsightsExecutionRecorder.EventName);
        Assert.Equal(2, events.Count);
        var timeout = events[0];
        Assert.Equal("python", timeout.Properties["language"]);
        Assert.Equal(ExecutionOutcomes.Timeout, timeout.Properties["outcome"]);
        Assert.Equal("true", timeout.Properties["timeoutHit"]);
        Assert.Equal("false", timeout.Properties["memoryLimitHit"]);
        Assert.Equal("false", timeout.Properties["outputTruncated"]);
        Assert.Equal("false", timeout.Properties["success"]);
        Assert.Equal(timedOut.ExecutionTime, timeout.Metrics["durationMs"]);
        Assert.Equal((double)timedOut.MemoryUsed!, timeout.Metrics["memoryUsedBytes"]);
        Assert.Equal(loop.Length, timeout.Metrics["codeBytes"]);

        var success = events[1];
        Assert.Equal("javascript", success.Properties["language"]);
        Assert.Equal(ExecutionOutcomes.Success, success.Properties["outcome"]);
        Assert.Equal("0", success.Properties["exitCode"]);
        Assert.Equal(3, success.Metrics["outputBytes"]);
        Assert.DoesNotContain(events.SelectMany(e => e.Properties.Values), v => v.Contains("console.log", StringComparison.Ordinal) || v.Contains("hi\n", StringComparison.Ordinal));

        // Loading the runtimes at start is telemetry of its own, one event per runtime with where it came from.
        var loaded = _channel.Events(ColdStartTelemetryLoggerProvider.LoadedEventName);
        Assert.Equal(RuntimeCatalog.Load().Manifest.Runtimes.Select(r => r.Name).Order(), loaded.Select(e => e.Properties["runtime"]).Order());
        Assert.All(loaded, e => Assert.Contains(e.Properties["source"], new[] { nameof(ModuleSource.Precompiled), nameof(ModuleSource.Compiled) }));
    }

    [Fact]
    public async Task ColdStartPhases_EachBecomeAnEvent_CompileThenDeserialize()
    {
        var catalog = RuntimeCatalog.Load();
        using var engine = new SandboxEngine();
        var directory = Directory.CreateTempSubdirectory("codeexec-coldstart-").FullName;
        try
        {
            var loader = new ModuleLoader(engine, catalog, new DiskPrecompiledModuleStore(directory), _services.GetRequiredService<ILoggerFactory>().CreateLogger<ModuleLoader>());
            var quickjs = catalog.Manifest.Runtimes.Single(r => r.Name == "quickjs");
            (await loader.LoadAsync(quickjs)).Module.Dispose();
            (await loader.LoadAsync(quickjs)).Module.Dispose();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var phases = _channel.Events(ColdStartTelemetryLoggerProvider.PhaseEventName);
        Assert.Equal(["download", "compile", "upload", "download", "verify", "deserialize"], phases.Select(e => e.Properties["phase"]));
        Assert.All(phases, e => Assert.Equal("quickjs", e.Properties["runtime"]));
        Assert.All(phases, e => Assert.True(e.Metrics["durationMs"] >= 0));
        Assert.True(phases[1].Metrics["durationMs"] > phases[5].Metrics["durationMs"], "compiling should take longer than deserializing");
    }

    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", true, "11111111-2222-3333-4444-555555555555")]
    [InlineData("Authorization=AAD; ClientId=abc", true, "abc")]
    [InlineData("Authorization=AAD", false, "")]
    [InlineData("ClientId=abc", false, "")]
    [InlineData("", false, "")]
    [InlineData(null, false, "")]
    public void EntraAuthentication_IsReadFromTheSettingAzureSets(string? setting, bool expected, string clientId)
    {
        Assert.Equal(expected, TelemetryServiceCollectionExtensions.TryGetEntraClientId(setting, out var id));
        Assert.Equal(clientId, id);
    }
}
