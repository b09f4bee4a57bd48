using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.QuickJs;

namespace CodeExecution.Core.Tests;

/// <summary>A TypeScript program run again is transpiled once, and runs exactly as the first time.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class TranspiledProgramsTests(ExecutorFixture fixture)
{
    private TranspiledPrograms Cache => ((QuickJsLanguageRuntime)fixture.Executor.RuntimeOf(ExecutionLanguage.TypeScript)!).Transpiled!;

    [Fact]
    public async Task ARunAgain_TakesTheTranspiledProgram_AndAnswersTheSame()
    {
        var code = $"// {Guid.NewGuid()}\nconst n: number = Number(require('fs').readFileSync(0, 'utf8'));\nif (n < 0) throw new RangeError(`negative: ${{n}}`);\nconsole.log(n * 2);";
        var before = Cache.Count;

        var first = await fixture.RunAsync(ExecutionLanguage.TypeScript, code, "-1");
        var afterFirst = Cache.Count;
        var again = await fixture.RunAsync(ExecutionLanguage.TypeScript, code, "-1");
        var other = await fixture.RunAsync(ExecutionLanguage.TypeScript, code, "21");

        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, Cache.Count);
        Assert.True(Cache.TryGet(code, out var javaScript));
        Assert.DoesNotContain(": number", javaScript, StringComparison.Ordinal);
        // The error's file, line and stack are the same whether this run transpiled the program or took it ready.
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("RangeError: negative: -1", first.Stderr, StringComparison.Ordinal);
        Assert.Equal((first.ExitCode, first.Stdout, first.Stderr), (again.ExitCode, again.Stdout, again.Stderr));
        Assert.Equal(("42\n", 0), (other.Stdout, other.ExitCode));
    }

    [Fact]
    public async Task AProgramThatDoesNotParse_IsNotKept_AndFailsTheSameEachTime()
    {
        var code = $"// {Guid.NewGuid()}\nlet x: number = ;";

        var first = await fixture.RunAsync(ExecutionLanguage.TypeScript, code);
        var second = await fixture.RunAsync(ExecutionLanguage.TypeScript, code);

        Assert.False(Cache.TryGet(code, out _));
        Assert.Equal(1, first.ExitCode);
        Assert.Equal((first.ExitCode, first.Stderr), (second.ExitCode, second.Stderr));
    }

    [Fact]
    public void PastItsBound_TheCacheStartsAgain()
    {
        var cache = new TranspiledPrograms();
        var large = new string('x', (int)(TranspiledPrograms.MaxChars / 2) + 1);

        cache.Add("a", large);
        cache.Add("b", large);

        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out var kept));
        Assert.Same(large, kept);
        Assert.Equal(1, cache.Count);
    }
}
