using System.Text.Json.Serialization;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Core.Grading;

/// <summary>How a program did on each of its tests, and in sum.</summary>
public sealed record GradingResult
{
    /// <summary>One per test, in the request's order.</summary>
    public required IReadOnlyList<TestResult> Tests { get; init; }

    public required GradingSummary Summary { get; init; }
}

/// <summary>One test's verdict, score, and what the run showed.</summary>
public sealed record TestResult
{
    public required string Name { get; init; }

    public required TestVerdict Verdict { get; init; }

    /// <summary>Points earned: the test's weight times its share (1 when accepted, 0 when not, or the checker's score).</summary>
    public double Score { get; init; }

    public double Weight { get; init; }

    /// <summary>Why the test was not accepted (the first difference, the limit, the error), or the checker's message.</summary>
    public string? Message { get; init; }

    /// <summary>The program's exit code; null for a skipped test.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The program's stdout, its first <see cref="Grader.MaxShownOutput"/> characters.</summary>
    public string Stdout { get; init; } = "";

    /// <summary>The program's stderr, its first <see cref="Grader.MaxShownOutput"/> characters.</summary>
    public string Stderr { get; init; } = "";

    /// <summary>True when <see cref="Stdout"/> or <see cref="Stderr"/> was cut to <see cref="Grader.MaxShownOutput"/> characters (left out of JSON when false).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool OutputShortened { get; init; }

    /// <summary>Wall-clock milliseconds of the program's run.</summary>
    public double ExecutionTime { get; init; }

    /// <summary>Bytes of linear memory the program held at its end.</summary>
    public long? MemoryUsed { get; init; }

    /// <summary>Instructions the program ran, when <c>limits.maxInstructions</c> gave it a budget; the same on every run of the same test.</summary>
    public long? Instructions { get; init; }
}

/// <summary>Counts of each verdict, and the score.</summary>
public sealed record GradingSummary
{
    public int Total { get; init; }

    public int Accepted { get; init; }

    public int WrongAnswer { get; init; }

    public int TimeLimit { get; init; }

    public int MemoryLimit { get; init; }

    public int OutputLimit { get; init; }

    public int RuntimeError { get; init; }

    public int CheckerError { get; init; }

    public int Skipped { get; init; }

    /// <summary>Points earned over all tests.</summary>
    public double Score { get; init; }

    /// <summary>Points all tests are worth: the sum of their weights.</summary>
    public double MaxScore { get; init; }

    /// <summary>True when every test was accepted.</summary>
    public bool AllPassed { get; init; }

    /// <summary>The counts and score of these results (only their verdicts, scores and weights are read).</summary>
    public static GradingSummary Of(IReadOnlyCollection<TestResult> results)
    {
        int Count(TestVerdict verdict) => results.Count(r => r.Verdict == verdict);
        return new GradingSummary
        {
            Total = results.Count,
            Accepted = Count(TestVerdict.Accepted),
            WrongAnswer = Count(TestVerdict.WrongAnswer),
            TimeLimit = Count(TestVerdict.TimeLimit),
            MemoryLimit = Count(TestVerdict.MemoryLimit),
            OutputLimit = Count(TestVerdict.OutputLimit),
            RuntimeError = Count(TestVerdict.RuntimeError),
            CheckerError = Count(TestVerdict.CheckerError),
            Skipped = Count(TestVerdict.Skipped),
            Score = Math.Round(results.Sum(r => r.Score), 9),
            MaxScore = Math.Round(results.Sum(r => r.Weight), 9),
            AllPassed = results.All(r => r.Verdict == TestVerdict.Accepted),
        };
    }
}

/// <summary>What became of one test.</summary>
[JsonConverter(typeof(NamedEnumJsonConverter<TestVerdict>))]
public enum TestVerdict
{
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    [JsonStringEnumMemberName("wrongAnswer")]
    WrongAnswer,

    /// <summary>The time limit, or the instruction budget (<c>limits.maxInstructions</c>), ran out.</summary>
    [JsonStringEnumMemberName("timeLimit")]
    TimeLimit,

    [JsonStringEnumMemberName("memoryLimit")]
    MemoryLimit,

    [JsonStringEnumMemberName("outputLimit")]
    OutputLimit,

    /// <summary>The program exited with a code other than 0 (see <see cref="TestResult.ExitCode"/>).</summary>
    [JsonStringEnumMemberName("runtimeError")]
    RuntimeError,

    /// <summary>The checker failed, or did not answer <c>accepted</c> or <c>wrong</c>.</summary>
    [JsonStringEnumMemberName("checkerError")]
    CheckerError,

    /// <summary>Not run: an earlier test failed and the request asked to stop there.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,
}
