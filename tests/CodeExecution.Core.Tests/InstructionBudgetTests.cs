using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// <c>limits.maxInstructions</c>: the count is a property of the program and its input, not of the machine's load,
/// and a program that uses up its budget is stopped with its own verdict.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class InstructionBudgetTests(ExecutorFixture fixture)
{
    private const long Budget = 10_000_000_000;

    private const string PythonProgram = "total = 0\nfor i in range(20000):\n    total += i * i % 7\nprint(total)\n";

    private const string JavaScriptProgram = "let total = 0;\nfor (let i = 0; i < 20000; i++) total += i * i % 7;\nconsole.log(total);\n";

    private static readonly ExecutionLimits Metered = new() { MaxInstructions = Budget };

    [Theory]
    [InlineData(ExecutionLanguage.Python, PythonProgram, "39998\n")]
    [InlineData(ExecutionLanguage.JavaScript, JavaScriptProgram, "39998\n")]
    public async Task SameProgram_FiveRuns_CountTheSame(ExecutionLanguage language, string code, string stdout)
    {
        var counts = new List<long?>();
        for (var run = 0; run < 5; run++)
        {
            var result = await fixture.RunAsync(language, code, limits: Metered);
            Assert.True(result.Success, result.Error);
            Assert.Equal(stdout, result.Stdout);
            counts.Add(result.Metadata.Instructions);
        }

        Assert.All(counts, count => Assert.True(count > 0));
        Assert.Single(counts.Distinct());
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, PythonProgram, "39998\n")]
    [InlineData(ExecutionLanguage.JavaScript, JavaScriptProgram, "39998\n")]
    public async Task SameProgramWithAFileSystem_FiveRuns_CountTheSame(ExecutionLanguage language, string code, string stdout)
    {
        var counts = new List<long?>();
        for (var run = 0; run < 5; run++)
        {
            var result = await fixture.RunAsync(language, code, limits: Metered with { AllowFileSystem = true });
            Assert.True(result.Success, result.Error);
            Assert.Equal(stdout, result.Stdout);
            counts.Add(result.Metadata.Instructions);
        }

        Assert.Single(counts.Distinct());
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, PythonProgram, "while True:\n    pass\n")]
    [InlineData(ExecutionLanguage.JavaScript, JavaScriptProgram, "while (true) {}")]
    public async Task SameProgram_UnderLoad_CountsAsWhenAlone(ExecutionLanguage language, string code, string endless)
    {
        var alone = await fixture.RunAsync(language, code, limits: Metered);

        // Four programs busy until their time runs out, and four metered copies, all at once, on two cores.
        var load = Enumerable.Range(0, 4)
            .Select(_ => fixture.RunAsync(language, endless, limits: new ExecutionLimits { TimeoutMs = 1500 }))
            .ToList();
        var copies = Enumerable.Range(0, 4).Select(_ => fixture.RunAsync(language, code, limits: Metered)).ToList();
        var results = await Task.WhenAll(copies);
        var loaded = await Task.WhenAll(load);

        Assert.True(alone.Success, alone.Error);
        Assert.All(loaded, result => Assert.True(result.Metadata.TimeoutHit));
        Assert.All(results, result => Assert.Equal((true, alone.Stdout, alone.Metadata.Instructions), (result.Success, result.Stdout, result.Metadata.Instructions)));
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, "while True:\n    pass\n")]
    [InlineData(ExecutionLanguage.JavaScript, "while (true) {}")]
    [InlineData(ExecutionLanguage.Ruby, "loop {}")]
    public async Task EndlessLoop_SmallBudget_StopsWithInstructionLimitHit(ExecutionLanguage language, string code)
    {
        var result = await fixture.RunAsync(language, code, limits: new ExecutionLimits { MaxInstructions = 5_000_000, TimeoutMs = 10_000 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.InstructionLimitHit);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.MemoryLimitHit);
        Assert.Equal(152, result.ExitCode);
        Assert.Equal("Instruction limit of 5000000 exceeded; the program was stopped.", result.Error);
        Assert.Equal(5_000_000, result.Metadata.Instructions);
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, "print('hello')", "hello\n")]
    [InlineData(ExecutionLanguage.JavaScript, "console.log('hello')", "hello\n")]
    [InlineData(ExecutionLanguage.TypeScript, "const greeting: string = 'hello'; console.log(greeting);", "hello\n")]
    [InlineData(ExecutionLanguage.Ruby, "puts 'hello'", "hello\n")]
    public async Task ProgramWithinBudget_Succeeds_AndReportsItsCount(ExecutionLanguage language, string code, string stdout)
    {
        const long budget = 100_000_000;

        var result = await fixture.RunAsync(language, code, limits: new ExecutionLimits { MaxInstructions = budget });

        Assert.True(result.Success, result.Error);
        Assert.Equal(stdout, result.Stdout);
        Assert.False(result.Metadata.InstructionLimitHit);
        Assert.InRange(result.Metadata.Instructions!.Value, 1, budget);
    }

    [Fact]
    public async Task EndlessLoop_BudgetAboveTheTimeLimit_StillStopsAtTheTimeLimit()
    {
        var result = await fixture.RunAsync(
            ExecutionLanguage.JavaScript, "while (true) {}", limits: new ExecutionLimits { MaxInstructions = 1_000_000_000_000, TimeoutMs = 300 });

        Assert.True(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.InstructionLimitHit);
        Assert.Equal("Time limit of 300 ms exceeded; the program was stopped.", result.Error);
        Assert.InRange(result.Metadata.Instructions!.Value, 1, 1_000_000_000_000 - 1);
    }

    [Fact]
    public async Task RunWithoutBudget_ReportsNoCount_AndNeverMakesTheCountingEngine()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions
        {
            ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory,
            MaxConcurrency = 1,
            Languages = [ExecutionLanguage.JavaScript],
        });
        await executor.InitializeAsync();

        var result = await executor.ExecuteJavaScriptAsync("console.log(1)");

        Assert.True(result.Success, result.Error);
        Assert.Null(result.Metadata.Instructions);
        Assert.False(result.Metadata.InstructionLimitHit);
        Assert.Null(executor.CountingEngine);

        var metered = await executor.ExecuteJavaScriptAsync("console.log(1)", limits: new ExecutionLimits { MaxInstructions = Budget });

        Assert.True(metered.Success, metered.Error);
        Assert.NotNull(metered.Metadata.Instructions);
        Assert.True(executor.CountingEngine?.CountsInstructions);
    }
}
