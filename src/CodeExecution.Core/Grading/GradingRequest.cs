using System.Text.Json.Serialization;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Grading;

/// <summary>
/// One program and the tests it is graded on: each test runs the program in a fresh sandbox with the test's input,
/// arguments and files, and its output is compared with the test's expected output (<see cref="Compare"/>).
/// </summary>
public sealed record GradingRequest
{
    /// <summary>The program's source text; required unless <see cref="Entry"/> names one of <see cref="Files"/>.</summary>
    public string? Code { get; init; }

    [JsonRequired]
    public ExecutionLanguage Language { get; init; }

    /// <summary>Limits for each test's run; members left out take the executor's defaults.</summary>
    public ExecutionLimits? Limits { get; init; }

    /// <summary>Files every test's run gets (the program's modules, data); a test's own files are added to them.</summary>
    public IReadOnlyList<ExecutionFile>? Files { get; init; }

    /// <summary>Which of <see cref="Files"/> is the program, in place of <see cref="Code"/>.</summary>
    public string? Entry { get; init; }

    /// <summary>Environment variables every run gets; visible only when <see cref="ExecutionLimits.AllowEnv"/> is true.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The tests, at least one and at most <see cref="GradingValidator.MaxTests"/>, graded in this order.</summary>
    public IReadOnlyList<GradingTest>? Tests { get; init; }

    /// <summary>How output is compared; <see cref="ComparisonMode.Trimmed"/> when left out.</summary>
    public OutputComparison? Compare { get; init; }

    /// <summary>Stops at the first test that is not accepted; the tests after it are <see cref="TestVerdict.Skipped"/>.</summary>
    public bool StopOnFirstFailure { get; init; }
}

/// <summary>One test: what the program is given, and what it should print.</summary>
public sealed record GradingTest
{
    /// <summary>Shown in the results; <c>test N</c> (from 1) when left out.</summary>
    public string? Name { get; init; }

    /// <summary>The program's standard input.</summary>
    public string? Input { get; init; }

    /// <summary>Command-line arguments after the program name.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>What the program should print on stdout; required unless a checker decides.</summary>
    public string? ExpectedOutput { get; init; }

    /// <summary>Files for this test only, added to the request's.</summary>
    public IReadOnlyList<ExecutionFile>? Files { get; init; }

    /// <summary>Points the test is worth (1 when left out); a test's score is its weight times its share (0 to 1).</summary>
    public double? Weight { get; init; }
}
