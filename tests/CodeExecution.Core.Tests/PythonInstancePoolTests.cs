using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Validation;

namespace CodeExecution.Core.Tests;

/// <summary>The pool of pre-started interpreters on its own: start-up, single use, honest memory, and shutdown.</summary>
public sealed class PythonInstancePoolTests : IAsyncLifetime, IDisposable
{
    private readonly SandboxEngine _engine = new();
    private LoadedModule _module = null!;

    public async Task InitializeAsync()
    {
        var catalog = RuntimeCatalog.Load();
        var loader = new ModuleLoader(_engine, catalog, new DiskPrecompiledModuleStore(ExecutorFixture.ModuleCacheDirectory));
        _module = await loader.LoadAsync(catalog.Manifest.Runtimes.Single(runtime => runtime.Name == "python"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _engine.Dispose();

    private static ValidatedRequest Request(string code, ExecutionLimits? limits = null) =>
        RequestValidator.Validate(new ExecutionRequest { Language = ExecutionLanguage.Python, Code = code, Limits = limits }, EffectiveLimits.Default);

    [Fact]
    public async Task Dispose_WithIdlePrestartedInterpreters_EndsTheirThreads()
    {
        var runtime = new PythonRuntime(_engine, _module);
        runtime.StartPool(3);
        var pool = runtime.Pool!;
        await pool.WhenStartedAsync();
        Assert.Equal(3, pool.Living);
        Assert.Equal(3, pool.Unclaimed);

        runtime.Dispose();

        Assert.Equal(0, pool.Living);
        Assert.Equal(0, pool.Unclaimed);
    }

    [Fact]
    public async Task Dispose_WhileInterpretersAreStillStarting_EndsTheirThreads()
    {
        var runtime = new PythonRuntime(_engine, _module);
        runtime.StartPool(2);
        var pool = runtime.Pool!;

        runtime.Dispose();

        Assert.Equal(0, pool.Living);
        await pool.WhenStartedAsync();
    }

    [Fact]
    public async Task EachInterpreter_ServesOneRequest_AndIsReplaced()
    {
        using var runtime = new PythonRuntime(_engine, _module);
        runtime.StartPool(1);
        var pool = runtime.Pool!;
        await pool.WhenStartedAsync();
        var waiting = pool.TryTake(EffectiveLimits.Default.MaxMemoryBytes)!;

        var result = waiting.Run(Request("print('one')"), CancellationToken.None);
        var again = waiting.Run(Request("print('two')"), CancellationToken.None);

        Assert.Equal("one\n", result!.Stdout);
        Assert.Null(again);
        Assert.Equal(1, pool.Unclaimed);
    }

    [Fact]
    public async Task MemoryOfTheStartedInterpreter_CountsTowardTheRequestsLimit()
    {
        using var runtime = new PythonRuntime(_engine, _module);
        runtime.StartPool(1);
        await runtime.Pool!.WhenStartedAsync();
        var startedWith = runtime.Pool.TryTake(EffectiveLimits.Default.MaxMemoryBytes)!;
        await startedWith.Ready;

        var result = startedWith.Run(Request("print('hi')"), CancellationToken.None)!;

        Assert.True(startedWith.MemoryBytes > 0);
        Assert.InRange(result.MemoryUsed!.Value, startedWith.MemoryBytes, EffectiveLimits.Default.MaxMemoryBytes);
    }

    [Fact]
    public async Task Timeout_CountsFromTheRequest_NotFromStartUp()
    {
        using var runtime = new PythonRuntime(_engine, _module);
        runtime.StartPool(1);
        await runtime.Pool!.WhenStartedAsync();
        await Task.Delay(EffectiveLimits.MinTimeoutMs * 2);

        var result = runtime.Execute(Request("print('in time')", new ExecutionLimits { TimeoutMs = EffectiveLimits.MinTimeoutMs }), CancellationToken.None);

        Assert.True(result.Success, result.Error);
        Assert.Equal("in time\n", result.Stdout);
        Assert.False(result.Metadata.TimeoutHit);
    }
}
