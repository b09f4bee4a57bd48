using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Policy;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Runtimes.Python;

namespace CodeExecution.Core.Tests;

[Collection(ExecutorCollection.Name)]
public sealed class CodeExecutorTests(ExecutorFixture fixture)
{
    [Fact]
    public async Task ExecuteMultiple_ReturnsResultsInOrder_WithInvalidItemsInTheirSlots()
    {
        ExecutionRequest[] requests =
        [
            new() { Code = "print('Task 1')", Language = ExecutionLanguage.Python },
            new() { Code = "print('Task 2')", Language = ExecutionLanguage.Python, Limits = new ExecutionLimits { TimeoutMs = 50 } },
            new() { Code = "import sys; print('Task 3', sys.stdin.read())", Language = ExecutionLanguage.Python, Input = "in" },
        ];

        var results = await fixture.Executor.ExecuteMultipleAsync(requests);

        Assert.Equal(3, results.Count);
        Assert.Equal("Task 1\n", results[0].Stdout);
        Assert.False(results[1].Success);
        Assert.Equal(-1, results[1].ExitCode);
        Assert.Equal("limits.timeoutMs: 50 is out of range; it must be from 100 to 10000 ms.", results[1].Error);
        Assert.False(results[1].Metadata.WasSandboxed);
        Assert.Equal("Task 3 in\n", results[2].Stdout);
    }

    [Fact]
    public async Task Execute_InvalidRequest_ThrowsTheSeedsErrorType()
    {
        var request = new ExecutionRequest { Code = new string('x', 200_000), Language = ExecutionLanguage.Python };

        await Assert.ThrowsAsync<CodeSizeError>(() => fixture.Executor.ExecuteAsync(request));
    }

    [Fact]
    public async Task ExecutePython_ConvenienceMethod_PassesInput()
    {
        var result = await fixture.Executor.ExecutePythonAsync("print(input().upper())", "shout");

        Assert.Equal("SHOUT\n", result.Stdout);
    }

    [Fact]
    public async Task EnsureSuccess_OnTimeout_ThrowsTimeoutError()
    {
        var result = await fixture.Executor.ExecutePythonAsync("while True: pass", limits: new ExecutionLimits { TimeoutMs = 100 });

        var error = Assert.Throws<TimeoutError>(() => result.EnsureSuccess());
        Assert.Equal("TIMEOUT", error.Code);
        Assert.Equal("Time limit of 100 ms exceeded; the program was stopped.", error.Message);
    }

    [Fact]
    public async Task EnsureSuccess_OnMemoryRefused_ThrowsMemoryLimitError()
    {
        var result = await fixture.Executor.ExecutePythonAsync("x = ' ' * (100 * 1024 * 1024)", limits: new ExecutionLimits { MaxMemoryMB = 32 });

        Assert.Throws<MemoryLimitError>(() => result.EnsureSuccess());
    }

    [Fact]
    public void EnvironmentInfo_Python_IsAvailableWithItsVersion()
    {
        var info = fixture.Executor.GetEnvironmentInfo(ExecutionLanguage.Python);

        Assert.True(info.Available);
        Assert.Equal("CPython (WASI)", info.Runtime);
        Assert.Equal("3.11.2", info.Version);
        Assert.Contains(ExecutionLanguage.Python, fixture.Executor.GetSupportedLanguages());
    }

    [Fact]
    public async Task Statistics_CountExecutionsByLanguageAndOutcome()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions { ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory });
        await executor.InitializeAsync();

        await executor.ExecutePythonAsync("print(1)");
        await executor.ExecutePythonAsync("raise ValueError()");
        await executor.ExecutePythonAsync("while True: pass", limits: new ExecutionLimits { TimeoutMs = 100 });
        await executor.ExecutePythonAsync("while True: pass", limits: new ExecutionLimits { MaxInstructions = 1_000_000 });
        await Assert.ThrowsAsync<InvalidRequestError>(() => executor.ExecutePythonAsync("print(1)", limits: new ExecutionLimits { TimeoutMs = 1 }));

        var stats = executor.GetStatistics();
        Assert.Equal(4, stats.TotalExecutions);
        Assert.Equal(1, stats.SuccessfulExecutions);
        Assert.Equal(3, stats.FailedExecutions);
        Assert.Equal(1, stats.TimeoutHits);
        Assert.Equal(1, stats.InstructionLimitHits);
        Assert.True(stats.AverageExecutionTime > 0);
        Assert.Equal(4, stats.ByLanguage["python"].TotalExecutions);
        Assert.Equal(1, stats.ByLanguage["python"].SuccessfulExecutions);
    }

    [Fact]
    public async Task HostFailureDuringAnExecution_BecomesAResult_AndTheExecutorGoesOnServing()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions { ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory });
        await executor.InitializeAsync();
        var python = (PythonRuntime)executor.RuntimeOf(ExecutionLanguage.Python)!;

        // The host directory every Python guest is given as its root goes missing: preparing the store throws.
        Directory.Delete(python.RootDirectory, recursive: true);
        var failed = await executor.ExecutePythonAsync("print('never runs')");
        var javaScript = await executor.ExecuteJavaScriptAsync("console.log('still serving')");

        Assert.False(failed.Success);
        Assert.Equal(-1, failed.ExitCode);
        Assert.Equal(ExecutionLanguage.Python, failed.Language);
        Assert.Matches(@"^The execution failed in the host \(\w+Exception\); the program's result is lost\. This is logged as our failure, not the program's\.$", failed.Error);
        Assert.DoesNotContain(python.RootDirectory, failed.Error);
        Assert.Equal(1, executor.GetStatistics().ByLanguage["python"].TotalExecutions);
        Assert.Equal("still serving\n", javaScript.Stdout);
    }

    [Fact]
    public async Task SetDefaultLimits_AppliesToRequestsWithoutLimits_AndIsValidated()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions { ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory });
        await executor.InitializeAsync();

        executor.SetDefaultLimits(new ExecutionLimits { TimeoutMs = 150, MaxOutputSize = 2048 });
        var result = await executor.ExecutePythonAsync("while True: pass");

        Assert.Equal(150, executor.DefaultLimits.TimeoutMs);
        Assert.Equal(2048, executor.DefaultLimits.MaxOutputSize);
        Assert.Equal(256, executor.DefaultLimits.MaxMemoryMB);
        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal("Time limit of 150 ms exceeded; the program was stopped.", result.Error);
        Assert.Throws<InvalidRequestError>(() => executor.SetDefaultLimits(new ExecutionLimits { MaxMemoryMB = 1024 }));
    }

    [Fact]
    public async Task PatternPolicy_WhenEnabled_RefusesMatchingCodeWithSecurityError()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions
        {
            ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory,
            Policy = new PatternPolicyOptions
            {
                Enabled = true,
                Rules = [new PatternRule { Language = "python", Pattern = @"\beval\s*\(", Reason = "eval() is not allowed" }],
            },
        });
        await executor.InitializeAsync();

        var error = await Assert.ThrowsAsync<SecurityError>(() => executor.ExecutePythonAsync("print(eval('1+1'))"));
        var allowed = await executor.ExecutePythonAsync("print('evaluate')");

        Assert.Equal("code: refused by policy: eval() is not allowed.", error.Message);
        Assert.Equal("evaluate\n", allowed.Stdout);
    }

    [Fact]
    public async Task PatternPolicy_ByDefault_LetsTheSeedsPythonExampleRun()
    {
        var result = await fixture.Executor.ExecutePythonAsync("import sys\nprint(sys.stdin.read())", "ok");

        Assert.Equal("ok\n", result.Stdout);
    }

    [Fact]
    public async Task SelfTests_EveryLanguageOfEveryRuntime_PrintsItsExpectedLine()
    {
        var catalog = RuntimeCatalog.Load();
        Assert.NotEmpty(catalog.Manifest.Runtimes);
        foreach (var runtime in catalog.Manifest.Runtimes)
        {
            Assert.Equal(runtime.Languages.Order(), runtime.SelfTests.Select(test => test.Language!).Order());
            foreach (var selfTest in runtime.SelfTests)
            {
                Assert.True(ExecutionLanguageNames.TryParse(selfTest.Language, out var language));

                var result = await fixture.Executor.ExecuteAsync(new ExecutionRequest
                {
                    Code = catalog.ReadSelfTest(selfTest),
                    Language = language.Value,
                    Input = selfTest.Input,
                });

                Assert.True(result.Success, $"{runtime.Name}/{selfTest.Language}: {result.Error} {result.Stderr}");
                Assert.Equal(selfTest.ExpectedStdout, result.Stdout);
            }
        }
    }
}
