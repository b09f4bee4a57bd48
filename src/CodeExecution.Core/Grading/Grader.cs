using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Grading;

/// <summary>
/// Grades a program on its tests (<see cref="GradingRequest"/>): each test is a run of its own in a fresh sandbox,
/// as many at once as the executor has sandboxes (one after another with <see cref="GradingRequest.StopOnFirstFailure"/>),
/// and its verdict comes from what the engine saw (the limits hit, the exit code), then from the comparison.
/// </summary>
public sealed class Grader(CodeExecutor executor)
{
    /// <summary>Characters of a test's stdout and of its stderr kept in its result.</summary>
    public const int MaxShownOutput = 4096;

    /// <exception cref="CodeExecutionError">The request cannot be graded; the error names the field.</exception>
    public async Task<GradingResult> GradeAsync(GradingRequest request, CancellationToken cancellationToken = default)
    {
        var runs = GradingValidator.Validate(request, executor.DefaultLimits);
        var comparison = request.Compare ?? new OutputComparison();
        var tests = request.Tests!;
        var results = new TestResult[tests.Count];
        if (request.StopOnFirstFailure)
        {
            for (var i = 0; i < tests.Count; i++)
            {
                results[i] = await RunTestAsync(i, tests[i], runs[i], comparison, cancellationToken);
                if (results[i].Verdict != TestVerdict.Accepted)
                {
                    for (var j = i + 1; j < tests.Count; j++)
                    {
                        results[j] = Skipped(j, tests[j]);
                    }

                    break;
                }
            }
        }
        else
        {
            // Twice the sandboxes in flight keeps them busy without holding every test's result at once.
            using var window = new SemaphoreSlim(2 * executor.MaxConcurrency);
            await Task.WhenAll(Enumerable.Range(0, tests.Count).Select(async i =>
            {
                await window.WaitAsync(cancellationToken);
                try
                {
                    results[i] = await RunTestAsync(i, tests[i], runs[i], comparison, cancellationToken);
                }
                finally
                {
                    window.Release();
                }
            }));
        }

        return new GradingResult { Tests = results, Summary = GradingSummary.Of(results) };
    }

    /// <summary>
    /// Grades one of the request's tests alone, as <see cref="GradeAsync"/> would have (its name, its verdict): how a
    /// queued job grades its tests, each an item of its own. Only that test is validated.
    /// </summary>
    /// <exception cref="CodeExecutionError">The test cannot be graded; the error names the field.</exception>
    public async Task<TestResult> GradeTestAsync(GradingRequest request, int index, CancellationToken cancellationToken = default)
    {
        var tests = request.Tests ?? [];
        if (index < 0 || index >= tests.Count || tests[index] is not { } test)
        {
            throw new InvalidRequestError($"tests[{index}]: there is no such test.", $"tests[{index}]", request.Language);
        }

        var alone = request with { Tests = [test with { Name = NameOf(index, test) }], StopOnFirstFailure = false };
        return (await GradeAsync(alone, cancellationToken)).Tests[0];
    }

    private async Task<TestResult> RunTestAsync(int index, GradingTest test, ExecutionRequest run, OutputComparison comparison, CancellationToken cancellationToken)
    {
        var result = await executor.ExecuteAsync(run, cancellationToken);
        var (verdict, share, message) = await JudgeAsync(test, result, comparison, cancellationToken);
        var weight = test.Weight ?? 1;
        return new TestResult
        {
            Name = NameOf(index, test),
            Verdict = verdict,
            Score = weight * share,
            Weight = weight,
            Message = message,
            ExitCode = result.ExitCode,
            Stdout = Shown(result.Stdout),
            Stderr = Shown(result.Stderr),
            OutputShortened = result.Stdout.Length > MaxShownOutput || result.Stderr.Length > MaxShownOutput,
            ExecutionTime = result.ExecutionTime,
            MemoryUsed = result.MemoryUsed,
            Instructions = result.Metadata.Instructions,
        };
    }

    /// <summary>The engine's account first (limits, exit code), then the comparison's.</summary>
    private async Task<(TestVerdict Verdict, double Share, string? Message)> JudgeAsync(
        GradingTest test, ExecutionResult result, OutputComparison comparison, CancellationToken cancellationToken)
    {
        // An instruction budget is the deterministic form of the time limit: running out of it is a time limit too.
        if (result.Metadata.TimeoutHit || result.Metadata.InstructionLimitHit)
        {
            return (TestVerdict.TimeLimit, 0, result.Error);
        }

        if (result.Metadata.MemoryLimitHit)
        {
            return (TestVerdict.MemoryLimit, 0, result.Error);
        }

        if (result.Metadata.OutputTruncated)
        {
            return (TestVerdict.OutputLimit, 0, result.Error);
        }

        if (!result.Success)
        {
            return (TestVerdict.RuntimeError, 0, result.Error ?? $"Process exited with code {result.ExitCode}.");
        }

        if (comparison.Mode != ComparisonMode.Checker)
        {
            return OutputComparer.Difference(comparison, test.ExpectedOutput!, result.Stdout) is { } difference
                ? (TestVerdict.WrongAnswer, 0, difference)
                : (TestVerdict.Accepted, 1, null);
        }

        ExecutionResult checkerRun;
        try
        {
            checkerRun = await executor.ExecuteAsync(
                CheckerAnswer.Request(comparison.Checker!, test.Input ?? "", result.Stdout, test.ExpectedOutput ?? ""), cancellationToken);
        }
        catch (CodeExecutionError error)
        {
            return (TestVerdict.CheckerError, 0, $"The checker could not run: {error.Message}");
        }

        var answer = CheckerAnswer.Read(checkerRun);
        return (answer.Verdict, answer.Share, answer.Message);
    }

    private static TestResult Skipped(int index, GradingTest test) => new()
    {
        Name = NameOf(index, test),
        Verdict = TestVerdict.Skipped,
        Weight = test.Weight ?? 1,
        Message = "Not run: an earlier test failed, and the request asked to stop there.",
    };

    private static string NameOf(int index, GradingTest test) => test.Name ?? $"test {index + 1}";

    private static string Shown(string text) => text.Length > MaxShownOutput ? text[..MaxShownOutput] : text;
}
