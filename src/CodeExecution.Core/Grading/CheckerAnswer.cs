using System.Globalization;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Grading;

/// <summary>What a checker's run said about a test (see <see cref="CheckerProgram"/>): its verdict, share and message.</summary>
internal sealed record CheckerAnswer(TestVerdict Verdict, double Share, string? Message)
{
    /// <summary>The files a checker reads, named in its arguments in testlib's order.</summary>
    public static readonly IReadOnlyList<string> Arguments = ["input.txt", "output.txt", "answer.txt"];

    public static ExecutionRequest Request(CheckerProgram checker, string input, string output, string expected) => new()
    {
        Code = checker.Code,
        Language = checker.Language,
        Limits = checker.Limits,
        Args = Arguments,
        Files =
        [
            new ExecutionFile { Path = Arguments[0], Content = input },
            new ExecutionFile { Path = Arguments[1], Content = output },
            new ExecutionFile { Path = Arguments[2], Content = expected },
        ],
    };

    /// <summary>The answer in a checker's finished run.</summary>
    public static CheckerAnswer Read(ExecutionResult run)
    {
        if (!run.Success)
        {
            var why = run.Error ?? $"it exited with code {run.ExitCode}.";
            var stderr = run.Stderr.TrimEnd();
            return Error($"The checker failed: {why}{(stderr.Length > 0 ? $" Its stderr ends: {OutputComparer.Quote(stderr[Math.Max(0, stderr.Length - 200)..])}" : "")}");
        }

        var lines = run.Stdout.Split('\n', 2);
        var words = lines[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var message = lines.Length > 1 && lines[1].Trim().Length > 0 ? lines[1].TrimEnd() : null;
        var verdict = words.FirstOrDefault()?.ToLowerInvariant() switch
        {
            "accepted" => TestVerdict.Accepted,
            "wrong" => TestVerdict.WrongAnswer,
            _ => (TestVerdict?)null,
        };
        if (verdict is null || words.Length > 2)
        {
            return Error($"The checker's first line must be 'accepted' or 'wrong', optionally followed by a score from 0 to 1; it was {OutputComparer.Quote(lines[0])}.");
        }

        if (words.Length == 1)
        {
            return new CheckerAnswer(verdict.Value, verdict == TestVerdict.Accepted ? 1 : 0, message);
        }

        return double.TryParse(words[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? new CheckerAnswer(verdict.Value, share, message)
            : Error($"The checker's score must be a number from 0 to 1; it was {OutputComparer.Quote(words[1])}.");
    }

    private static CheckerAnswer Error(string message) => new(TestVerdict.CheckerError, 0, message);
}
