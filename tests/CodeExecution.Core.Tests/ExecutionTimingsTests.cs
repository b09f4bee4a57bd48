using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>Every result says where its time went: waiting for a sandbox, making it, running the program.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class ExecutionTimingsTests(ExecutorFixture fixture)
{
    [Theory]
    [InlineData(ExecutionLanguage.Python, "import time\ntime.sleep(0.2)")]
    [InlineData(ExecutionLanguage.JavaScript, "const end = Date.now() + 200; while (Date.now() < end) {}")]
    public async Task ASlowProgram_ShowsItsTimeInRun_AndInstantiateAndRunMakeTheExecutionTime(ExecutionLanguage language, string code)
    {
        var result = await fixture.RunAsync(language, code);

        var timings = result.Metadata.Timings!;
        Assert.True(result.Success, result.Error);
        // The programs wait 200 ms by a clock of millisecond steps; the host measures with a finer one.
        Assert.True(timings.RunMs >= 199, $"run {timings.RunMs} ms");
        Assert.True(timings.InstantiateMs > 0 && timings.InstantiateMs < timings.RunMs, $"instantiate {timings.InstantiateMs} ms");
        Assert.True(timings.QueuedMs >= 0);
        Assert.True(Math.Abs(result.ExecutionTime - (timings.InstantiateMs + timings.RunMs)) < 0.01, $"{result.ExecutionTime} against {timings.InstantiateMs} + {timings.RunMs}");
        Assert.Null(timings.JobQueueMs);
    }

    [Fact]
    public async Task ARequestBehindABusySandbox_ShowsItsWaitAsQueued()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions
        {
            ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory, MaxConcurrency = 1, Languages = [ExecutionLanguage.JavaScript],
        });
        await executor.InitializeAsync();

        var busy = executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.JavaScript, Code = "while (true) {}", Limits = new ExecutionLimits { TimeoutMs = 300 },
        });
        var waiting = executor.ExecuteAsync(new ExecutionRequest { Language = ExecutionLanguage.JavaScript, Code = "console.log(1)" });
        var (spun, waited) = (await busy, await waiting);

        Assert.True(spun.Metadata.TimeoutHit);
        Assert.Equal("1\n", waited.Stdout);
        Assert.True(waited.Metadata.Timings!.QueuedMs >= 200, $"queued {waited.Metadata.Timings.QueuedMs} ms");
        Assert.True(spun.Metadata.Timings!.QueuedMs < waited.Metadata.Timings.QueuedMs);
    }

    [Fact]
    public async Task ARefusedRequest_HasNoTimings()
    {
        var result = await fixture.Executor.ExecuteOrDescribeAsync(new ExecutionRequest { Language = ExecutionLanguage.Python, Code = "print(1)", Limits = new ExecutionLimits { TimeoutMs = 1 } });

        Assert.False(result.Success);
        Assert.Null(result.Metadata.Timings);
    }
}
