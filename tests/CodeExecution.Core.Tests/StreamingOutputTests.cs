using System.Diagnostics;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>A caller can take a program's output as it is written: in order, whole characters, within the limits, while it runs.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class StreamingOutputTests(ExecutorFixture fixture)
{
    private async Task<(ExecutionResult Result, List<(OutputChunk Chunk, long At)> Chunks)> StreamAsync(
        ExecutionLanguage language, string code, ExecutionLimits? limits = null)
    {
        var chunks = new List<(OutputChunk, long)>();
        var result = await fixture.Executor.ExecuteAsync(
            new ExecutionRequest { Language = language, Code = code, Limits = limits },
            chunk => chunks.Add((chunk, Stopwatch.GetTimestamp())));
        return (result, chunks);
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, "import sys\nprint('a', flush=True)\nprint('b', file=sys.stderr, flush=True)\nprint('c', flush=True)")]
    [InlineData(ExecutionLanguage.JavaScript, "console.log('a'); console.error('b'); console.log('c')")]
    public async Task Chunks_ComeInTheOrderWritten_AndMakeUpTheResult(ExecutionLanguage language, string code)
    {
        var (result, chunks) = await StreamAsync(language, code);

        Assert.Equal(
            [(OutputStream.Stdout, "a\n"), (OutputStream.Stderr, "b\n"), (OutputStream.Stdout, "c\n")],
            chunks.Select(c => (c.Chunk.Stream, c.Chunk.Text)));
        Assert.Equal("a\nc\n", result.Stdout);
        Assert.Equal("b\n", result.Stderr);
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, "import time\nprint('first', flush=True)\ntime.sleep(0.3)\nprint('second', flush=True)")]
    [InlineData(ExecutionLanguage.JavaScript, "console.log('first'); const end = Date.now() + 300; while (Date.now() < end) {} console.log('second')")]
    public async Task AChunk_ArrivesWhenWritten_NotWhenTheProgramEnds(ExecutionLanguage language, string code)
    {
        var (_, chunks) = await StreamAsync(language, code);

        Assert.Equal(["first\n", "second\n"], chunks.Select(c => c.Chunk.Text));
        var between = Stopwatch.GetElapsedTime(chunks[0].At, chunks[1].At);
        Assert.True(between >= TimeSpan.FromMilliseconds(250), $"the chunks came {between.TotalMilliseconds} ms apart");
    }

    [Fact]
    public async Task PastTheOutputLimit_NoMoreIsStreamedThanTheResultHolds()
    {
        var (result, chunks) = await StreamAsync(ExecutionLanguage.Python, "while True: print('x' * 100, flush=True)", new ExecutionLimits { MaxOutputSize = 1024 });

        Assert.True(result.Metadata.OutputTruncated);
        Assert.Equal(result.Stdout, string.Concat(chunks.Select(c => c.Chunk.Text)));
        Assert.Equal(1024, result.Stdout.Length);
    }

    [Fact]
    public async Task ACharacterSplitAcrossWrites_ArrivesWhole()
    {
        var (result, chunks) = await StreamAsync(ExecutionLanguage.Python, "import os\nos.write(1, b'\\xc3')\nos.write(1, b'\\xa9!')");

        Assert.Equal(["é!"], chunks.Select(c => c.Chunk.Text));
        Assert.Equal("é!", result.Stdout);
    }

    [Fact]
    public async Task ASinkThatThrows_IsDropped_AndTheRunGoesOn()
    {
        var calls = 0;
        var result = await fixture.Executor.ExecuteAsync(
            new ExecutionRequest { Language = ExecutionLanguage.JavaScript, Code = "console.log(1); console.log(2)" },
            _ =>
            {
                calls++;
                throw new InvalidOperationException("the caller's bug");
            });

        Assert.True(result.Success);
        Assert.Equal("1\n2\n", result.Stdout);
        Assert.Equal(1, calls);
    }
}
