using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Testing;

namespace CodeExecution.Core.Tests.Wasm;

/// <summary>A <c>wasm</c> program graded on its tests: each verdict from what the engine saw, as for the interpreters.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class WasmGradingTests(ExecutorFixture fixture)
{
    [Fact]
    public async Task Wasm_EachVerdict_ComesFromWhatTheEngineSaw()
    {
        var result = await fixture.Executor.GradeAsync(new GradingRequest
        {
            Code = Convert.ToBase64String(WasmPrograms.Module("adder.c")),
            Language = ExecutionLanguage.Wasm,
            Limits = new ExecutionLimits { TimeoutMs = 3000, MaxMemoryMB = 32, MaxOutputSize = 1024 },
            Tests =
            [
                new() { Name = "adds", Input = "1 2", ExpectedOutput = "3" },
                new() { Input = "2 2", ExpectedOutput = "5\n" },
                new() { Input = "loop", ExpectedOutput = "" },
                new() { Input = "mem", ExpectedOutput = "" },
                new() { Input = "out", ExpectedOutput = "" },
                new() { Input = "fail", ExpectedOutput = "" },
            ],
        });

        Assert.Equal(
            [TestVerdict.Accepted, TestVerdict.WrongAnswer, TestVerdict.TimeLimit, TestVerdict.MemoryLimit, TestVerdict.OutputLimit, TestVerdict.RuntimeError],
            result.Tests.Select(t => t.Verdict));
        Assert.Equal("3\n", result.Tests[0].Stdout);
        Assert.Equal("line 1: expected \"5\", got \"4\".", result.Tests[1].Message);
        Assert.Equal(3, result.Tests[5].ExitCode);
        Assert.Equal("Process exited with code 3.", result.Tests[5].Message);
        Assert.Equal(1, result.Summary.Score);
    }
}
