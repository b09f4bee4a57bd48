using System.Text.Json.Serialization;
using CodeExecution.Core.Serialization;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Grading;

/// <summary>How a test's output is held against its expected output.</summary>
public sealed record OutputComparison
{
    public ComparisonMode Mode { get; init; } = ComparisonMode.Trimmed;

    /// <summary>For <see cref="ComparisonMode.Float"/>: numbers this close are equal (1e-6 when left out).</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>For <see cref="ComparisonMode.Float"/>: numbers within this fraction of the expected one are equal (1e-6 when left out).</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>For <see cref="ComparisonMode.Checker"/>: the program that decides (see <see cref="CheckerProgram"/>).</summary>
    public CheckerProgram? Checker { get; init; }
}

/// <summary>The ways of comparing output.</summary>
[JsonConverter(typeof(NamedEnumJsonConverter<ComparisonMode>))]
public enum ComparisonMode
{
    /// <summary>Byte for byte.</summary>
    [JsonStringEnumMemberName("exact")]
    Exact,

    /// <summary>Line by line, ignoring whitespace at the end of each line and empty lines at the end.</summary>
    [JsonStringEnumMemberName("trimmed")]
    Trimmed,

    /// <summary>The same words, separated by any whitespace.</summary>
    [JsonStringEnumMemberName("tokens")]
    Tokens,

    /// <summary>As <see cref="Tokens"/>, with numbers equal within a tolerance.</summary>
    [JsonStringEnumMemberName("float")]
    Float,

    /// <summary>A program of the request's choosing decides.</summary>
    [JsonStringEnumMemberName("checker")]
    Checker,
}

/// <summary>
/// A program that decides whether a test's output is right, in any supported language. It runs in a sandbox of
/// its own with three files in its working directory, named in its arguments in testlib's order:
/// <c>input.txt</c> (the test's input), <c>output.txt</c> (what the program printed) and <c>answer.txt</c> (the
/// expected output, empty when the test has none). Its first line of stdout is <c>accepted</c> or <c>wrong</c>,
/// optionally followed by a score from 0 to 1 (partial credit); the lines after it are a message shown with the
/// test. Anything else, or a failed run, is a <see cref="TestVerdict.CheckerError"/>.
/// </summary>
public sealed record CheckerProgram
{
    [JsonRequired]
    public string Code { get; init; } = "";

    [JsonRequired]
    public ExecutionLanguage Language { get; init; }

    /// <summary>The checker's own limits; members left out take the executor's defaults.</summary>
    public ExecutionLimits? Limits { get; init; }
}
