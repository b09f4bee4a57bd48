using System.Diagnostics;
using System.Globalization;
using System.Text;
using CodeExecution.Core;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;

namespace CodeExecution.Benchmarks;

/// <summary>
/// A 100-test Python submission graded as a whole (<c>--grading</c>): the time per grading and per test, beside the
/// same 100 runs as separate executions, one after another and all at once.
/// </summary>
internal static class GradingBenchmark
{
    private const int TestCount = 100;
    private const string Program = "a, b = map(int, input().split())\nprint(a + b)";

    public static async Task<string> RunAsync(CodeExecutor executor, int iterations)
    {
        var rounds = Math.Max(5, iterations / TestCount);
        var tests = Enumerable.Range(0, TestCount).Select(i => new GradingTest { Input = $"{i} {2 * i}", ExpectedOutput = $"{3 * i}" }).ToList();
        var request = new GradingRequest { Code = Program, Language = ExecutionLanguage.Python, Tests = tests };
        var runs = tests.Select(t => new ExecutionRequest { Code = Program, Language = ExecutionLanguage.Python, Input = t.Input }).ToList();

        var check = await executor.GradeAsync(request);
        if (!check.Summary.AllPassed)
        {
            throw new InvalidOperationException($"The benchmark's submission failed: {check.Tests.First(t => t.Verdict != TestVerdict.Accepted).Message}");
        }

        var graded = await TimeAsync(rounds, () => executor.GradeAsync(request));
        var sequential = await TimeAsync(rounds, async () =>
        {
            foreach (var run in runs)
            {
                await executor.ExecuteAsync(run);
            }
        });
        var together = await TimeAsync(rounds, () => executor.ExecuteMultipleAsync(runs));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### A {TestCount}-test Python submission, {rounds} rounds, {executor.MaxConcurrency} sandboxes");
        report.AppendLine();
        report.AppendLine("| how | p50 ms per submission | p95 ms | ms per test (p50) |");
        report.AppendLine("|---|---|---|---|");
        Row(report, "GradeAsync (tests in parallel, compared)", graded);
        Row(report, $"{TestCount} ExecuteAsync, one after another", sequential);
        Row(report, $"ExecuteMultipleAsync of the {TestCount}", together);
        return report.ToString();
    }

    private static async Task<List<double>> TimeAsync(int rounds, Func<Task> work)
    {
        await work(); // warm-up
        var times = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static void Row(StringBuilder report, string how, List<double> times)
    {
        var p50 = times[(times.Count - 1) / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)];
        report.AppendLine(CultureInfo.InvariantCulture, $"| {how} | {p50:F1} | {p95:F1} | {p50 / TestCount:F2} |");
    }
}
