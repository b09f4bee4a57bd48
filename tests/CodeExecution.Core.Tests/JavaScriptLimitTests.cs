using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>Every limit stops a JavaScript program and is reported in the result.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptLimitTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> JavaScript(string code, ExecutionLimits? limits = null) =>
        fixture.RunAsync(ExecutionLanguage.JavaScript, code, limits: limits);

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("(async () => { while (true) { await null; } })();")]
    [InlineData("function again() { setTimeout(again, 1); } again();")]
    [InlineData("setInterval(() => {}, 1000);")]
    [InlineData("try { while (true) {} } catch (e) { console.log('caught'); } finally { while (true) {} }")]
    public async Task JavaScript_EndlessWork_StopsWithTimeoutHit(string code)
    {
        var result = await JavaScript(code, new ExecutionLimits { TimeoutMs = 300 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.MemoryLimitHit);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("Time limit of 300 ms exceeded; the program was stopped.", result.Error);
    }

    [Theory]
    [InlineData("const keep = []; while (true) keep.push(new Array(100000).fill(1));")]
    [InlineData("const keep = []; while (true) keep.push('x'.repeat(1 << 20) + keep.length);")]
    [InlineData("const keep = []; setInterval(() => keep.push(new Float64Array(1 << 18)), 1);")]
    public async Task JavaScript_AllocatingWithoutEnd_StopsWithMemoryLimitHit(string code)
    {
        var result = await JavaScript(code, new ExecutionLimits { MaxMemoryMB = 32, TimeoutMs = 10_000 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.MemoryLimitHit, result.Stderr + result.Error);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("InternalError: out of memory", result.Stderr);
        Assert.Equal("Memory limit of 32 MB exceeded (exit code 1).", result.Error);
        Assert.True(result.MemoryUsed <= 32L * 1024 * 1024);
    }

    [Fact]
    public async Task JavaScript_OutOfMemoryCaught_ProgramContinues()
    {
        var result = await JavaScript(
            "let keep = []; try { while (true) keep.push(new Array(100000).fill(1)); } catch (e) { keep = null; console.log(e.message); }",
            new ExecutionLimits { MaxMemoryMB = 32 });

        Assert.True(result.Success, result.Error);
        Assert.False(result.Metadata.MemoryLimitHit);
        Assert.Equal("out of memory\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_WritingWithoutEnd_IsTruncatedAndStopped()
    {
        var result = await JavaScript("while (true) console.log('0123456789');", new ExecutionLimits { MaxOutputSize = 1024 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.OutputTruncated);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.Equal(141, result.ExitCode);
        Assert.Equal(1024, result.Stdout.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat("0123456789\n", 93)) + "0", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_ConcurrentExecutions_StayIsolated()
    {
        var runs = Enumerable.Range(0, 12).Select(i => fixture.RunAsync(
            ExecutionLanguage.JavaScript,
            $"globalThis.counter = (globalThis.counter ?? 0) + 1; setTimeout(() => console.log({i}, counter, require('fs').readFileSync(0, 'utf8')), {i % 3});",
            input: $"input-{i}"));
        var results = await Task.WhenAll(runs);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].Success, results[i].Error);
            Assert.Equal($"{i} 1 input-{i}\n", results[i].Stdout);
        }
    }

    [Fact]
    public async Task JavaScript_TimedOutExecution_LeavesTheNextOneClean()
    {
        var stopped = await JavaScript("globalThis.x = 1; while (true) {}", new ExecutionLimits { TimeoutMs = 200 });
        var next = await JavaScript("console.log(typeof x);");

        Assert.True(stopped.Metadata.TimeoutHit);
        Assert.Equal("undefined\n", next.Stdout);
    }
}
