using System.Globalization;

namespace CodeExecution.Core.Grading;

/// <summary>
/// Holds a program's output against the expected output in one of the <see cref="ComparisonMode"/>s other than the
/// checker's, and says where they first differ.
/// </summary>
public static class OutputComparer
{
    /// <summary>The tolerance of <see cref="ComparisonMode.Float"/> when the request gives none: what judges commonly allow.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Longest text quoted in a message.</summary>
    private const int MaxQuoted = 60;

    private static readonly char[] LineEndWhitespace = [' ', '\t', '\r', '\f', '\v'];

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>; otherwise where they first differ.</summary>
    public static string? Difference(OutputComparison comparison, string expected, string actual) => comparison.Mode switch
    {
        ComparisonMode.Exact => expected == actual ? null : LineDifference(Lines(expected), Lines(actual)) ?? ExactDifference(expected, actual),
        ComparisonMode.Trimmed => LineDifference(Trimmed(expected), Trimmed(actual)),
        ComparisonMode.Tokens => TokenDifference(Tokens(expected), Tokens(actual), numbersEqual: null),
        ComparisonMode.Float => TokenDifference(Tokens(expected), Tokens(actual), (comparison.AbsoluteTolerance ?? DefaultTolerance, comparison.RelativeTolerance ?? DefaultTolerance)),
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison.Mode, "A checker's comparison is not made here."),
    };

    private static string[] Lines(string text) => text.Split('\n');

    /// <summary>Lines without the whitespace at their ends, and without the empty lines at the end.</summary>
    private static List<string> Trimmed(string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd(LineEndWhitespace)).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static string[] Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string? LineDifference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (expected[i] != actual[i])
            {
                return $"line {i + 1}: expected {Quote(expected[i])}, got {Quote(actual[i])}.";
            }
        }

        return expected.Count == actual.Count
            ? null
            : expected.Count > actual.Count
                ? $"the output ends after {Count(actual.Count, "line")}; {Count(expected.Count, "line")} were expected, the next being {Quote(expected[actual.Count])}."
                : $"the output goes on after the {Count(expected.Count, "line")} expected, with {Quote(actual[expected.Count])}.";
    }

    /// <summary>Texts whose lines are alike but which differ all the same (only a trailing newline can).</summary>
    private static string ExactDifference(string expected, string actual) =>
        $"the output differs from the expected one at character {CommonPrefix(expected, actual) + 1}.";

    private static string? TokenDifference(string[] expected, string[] actual, (double Absolute, double Relative)? numbersEqual)
    {
        for (var i = 0; i < Math.Min(expected.Length, actual.Length); i++)
        {
            if (expected[i] == actual[i])
            {
                continue;
            }

            if (numbersEqual is { } tolerance && Number(expected[i]) is { } e && Number(actual[i]) is { } a)
            {
                var off = Math.Abs(a - e);
                if (off <= tolerance.Absolute || off <= tolerance.Relative * Math.Abs(e))
                {
                    continue;
                }

                return $"token {i + 1}: expected {expected[i]}, got {actual[i]}, off by {off.ToString("G6", CultureInfo.InvariantCulture)}: more than "
                    + $"{tolerance.Absolute.ToString("G6", CultureInfo.InvariantCulture)} and than {tolerance.Relative.ToString("G6", CultureInfo.InvariantCulture)} of the expected value.";
            }

            return $"token {i + 1}: expected {Quote(expected[i])}, got {Quote(actual[i])}.";
        }

        return expected.Length == actual.Length
            ? null
            : expected.Length > actual.Length
                ? $"the output ends after {Count(actual.Length, "token")}; {Count(expected.Length, "token")} were expected, the next being {Quote(expected[actual.Length])}."
                : $"the output goes on after the {Count(expected.Length, "token")} expected, with {Quote(actual[expected.Length])}.";
    }

    private static double? Number(string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static int CommonPrefix(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>A text as a message shows it: quoted, with its control characters escaped, cut after <see cref="MaxQuoted"/> characters.</summary>
    internal static string Quote(string text)
    {
        var shown = text.Length > MaxQuoted ? text[..MaxQuoted] : text;
        var escaped = shown.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\t", "\\t");
        return $"\"{escaped}\"{(text.Length > MaxQuoted ? "…" : "")}";
    }
}
