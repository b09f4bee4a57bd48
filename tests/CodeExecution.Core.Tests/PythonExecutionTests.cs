using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

[Collection(ExecutorCollection.Name)]
public sealed class PythonExecutionTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> Python(string code, string? input = null, ExecutionLimits? limits = null, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string>? env = null) =>
        fixture.RunAsync(ExecutionLanguage.Python, code, input, limits, args, env);

    [Fact]
    public async Task Python_SeedExample_EchoesStdinAndItsLength()
    {
        var result = await Python("""
            import sys
            input_text = sys.stdin.read().strip()
            print('Received:', input_text)
            print('Length:', len(input_text))
            """, "Hello, World!");

        Assert.True(result.Success, result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Received: Hello, World!\nLength: 13\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(result.Stdout, result.Output);
        Assert.Null(result.Error);
        Assert.Equal(ExecutionLanguage.Python, result.Language);
        Assert.True(result.Metadata.WasSandboxed);
        Assert.Equal("CPython (WASI)", result.Metadata.RuntimeUsed);
        Assert.Equal("3.12.0", result.Metadata.Version);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.MemoryLimitHit);
        Assert.False(result.Metadata.OutputTruncated);
        Assert.True(result.MemoryUsed > 0);
    }
}
