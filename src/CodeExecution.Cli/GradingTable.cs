using System.Globalization;
using System.Text;
using CodeExecution.Core.Grading;

namespace CodeExecution.Cli;

/// <summary>A <see cref="GradingResult"/> as <c>codeexec grade</c> prints it: one row per test, then the score.</summary>
internal static class GradingTable
{
    /// <summary>Longest test name and message shown in a row; the JSON (--json) has them whole.</summary>
    private const int MaxName = 24;
    private const int MaxMessage = 100;

    public static string Format(GradingResult result)
    {
        var rows = result.Tests.Select((test, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture),
            Cut(test.Name, MaxName),
            Verdict(test),
            test.Verdict == TestVerdict.Skipped ? "" : $"{test.ExecutionTime.ToString("F1", CultureInfo.InvariantCulture)} ms",
            test.MemoryUsed is { } memory ? $"{(memory / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)} MiB" : "",
            $"{Number(test.Score)}/{Number(test.Weight)}",
            Cut((test.Message ?? "").ReplaceLineEndings(" "), MaxMessage),
        }).Prepend(["#", "test", "verdict", "time", "memory", "score", "message"]).ToList();
        var widths = Enumerable.Range(0, 7).Select(column => rows.Max(row => row[column].Length)).ToArray();

        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = string.Join("  ", row.Select((cell, column) => column == 0 ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column])));
            text.Append(line.TrimEnd()).Append('\n');
        }

        var summary = result.Summary;
        text.Append(CultureInfo.InvariantCulture, $"{(summary.AllPassed ? "passed" : "failed")}: {summary.Accepted} of {summary.Total} tests accepted, score {Number(summary.Score)}/{Number(summary.MaxScore)}\n");
        return text.ToString();
    }

    private static string Verdict(TestResult test) => test.Verdict switch
    {
        TestVerdict.Accepted => "accepted",
        TestVerdict.WrongAnswer => "wrong answer",
        TestVerdict.TimeLimit => "time limit",
        TestVerdict.MemoryLimit => "memory limit",
        TestVerdict.OutputLimit => "output limit",
        TestVerdict.RuntimeError => $"runtime error (exit {test.ExitCode})",
        TestVerdict.CheckerError => "checker error",
        TestVerdict.Skipped => "skipped",
        _ => test.Verdict.ToString(),
    };

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Cut(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
}
