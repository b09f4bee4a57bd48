using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// One sandbox thread, so each execution reuses the pooled slot the previous execution of its runtime left: state a
/// program leaves (globals, prototypes, module objects, environment, arguments, input, grown memory) is gone in
/// the next, in JavaScript and TypeScript (Python's own cases are in <see cref="PythonStartPathTests"/>).
/// </summary>
public sealed class SlotReuseIsolationTests : IAsyncLifetime
{
    private const string LeaveState = """
        globalThis.leak = 'secret';
        Array.prototype.extra = 1;
        Object.prototype.polluted = 'yes';
        JSON.leak = 'secret';
        require('fs').readFileSync.leak = 'secret';
        process.env.LEAKED = 'secret';
        process.argv.push('leaked-arg');
        var declared = 1;
        const big = Array.from({ length: 3000000 }, (_, i) => 'secret-' + i);
        console.log(process.env.TOKEN, process.argv.slice(2), require('fs').readFileSync(0, 'utf8'), big.length);
        console.log = () => {};
        """;

    private const string LookForState = """
        console.log(typeof leak, [].extra, ({}).polluted, JSON.leak, require('fs').readFileSync.leak, typeof declared, typeof big);
        console.log(JSON.stringify(process.env), process.argv.slice(2), require('fs').readFileSync(0, 'utf8') === '');
        """;

    private readonly CodeExecutor _executor = new(new CodeExecutorOptions { ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory, MaxConcurrency = 1 });

    public Task InitializeAsync() => _executor.InitializeAsync();

    public Task DisposeAsync() => _executor.DisposeAsync().AsTask();

    [Theory]
    [InlineData(ExecutionLanguage.JavaScript)]
    [InlineData(ExecutionLanguage.TypeScript)]
    public async Task StateLeftByOneExecution_IsNotSeenByTheNextInTheSameSlot(ExecutionLanguage language)
    {
        var first = await _executor.ExecuteAsync(new ExecutionRequest
        {
            Language = language, Code = LeaveState, Input = "first input", Args = ["a1"],
            Limits = new ExecutionLimits { AllowEnv = true, MaxMemoryMB = 512, TimeoutMs = 10_000 }, Env = new Dictionary<string, string> { ["TOKEN"] = "first" },
        });
        var second = await _executor.ExecuteAsync(new ExecutionRequest { Language = language, Code = LookForState });
        var third = await _executor.ExecuteAsync(new ExecutionRequest { Language = language, Code = LookForState });

        Assert.Equal("first [ 'a1', 'leaked-arg' ] first input 3000000\n", first.Stdout);
        Assert.True(first.MemoryUsed > (int)Sandbox.SandboxEngine.KeepResidentBytes, $"the first program grew memory past the resident part: {first.MemoryUsed}");
        const string Clean = "undefined undefined undefined undefined undefined undefined undefined\n{} [] true\n";
        Assert.Equal(Clean, second.Stdout);
        Assert.Equal(Clean, third.Stdout);
        Assert.True(second.MemoryUsed < first.MemoryUsed, $"{second.MemoryUsed} after {first.MemoryUsed}");
    }
}
