using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Validation;

namespace CodeExecution.Core.Grading;

/// <summary>
/// Refuses a grading request that cannot be graded, before anything runs, naming the field at fault: the program and
/// each test's run as <see cref="RequestValidator"/> would refuse them (a test's fields named under
/// <c>tests[i]</c>), the tests themselves, and the comparison.
/// </summary>
public static partial class GradingValidator
{
    /// <summary>Most tests in one request: a suite larger than this belongs in a queued job.</summary>
    public const int MaxTests = 1000;

    public const int MaxTestNameLength = 200;

    /// <summary>Largest weight of one test.</summary>
    public const double MaxWeight = 1e6;

    /// <summary>
    /// The runs the request stands for, one per test, each validated; at most <paramref name="maxTests"/> tests
    /// (<see cref="MaxTests"/> for a request graded at once, a queued job's own limit for one graded as a job).
    /// </summary>
    /// <exception cref="CodeExecutionError">The request cannot be graded; the error names the field.</exception>
    public static IReadOnlyList<ExecutionRequest> Validate(GradingRequest request, EffectiveLimits defaults, int maxTests = MaxTests)
    {
        var language = request.Language;
        var tests = request.Tests;
        if (tests is null || tests.Count == 0)
        {
            throw new InvalidRequestError("tests: at least one test is required.", "tests", language);
        }

        if (tests.Count > maxTests)
        {
            var hint = maxTests == MaxTests ? " (a larger suite can go in a queued job)" : "";
            throw new InvalidRequestError($"tests: has {tests.Count} items; at most {maxTests} are allowed{hint}.", "tests", language);
        }

        var program = new ExecutionRequest
        {
            Code = request.Code, Language = language, Limits = request.Limits, Files = request.Files, Entry = request.Entry, Env = request.Env,
        };
        var limits = RequestValidator.Validate(program, defaults).Limits;
        var comparison = request.Compare ?? new OutputComparison();
        ValidateComparison(comparison, defaults);

        var runs = new ExecutionRequest[tests.Count];
        for (var i = 0; i < tests.Count; i++)
        {
            var test = tests[i] ?? throw new InvalidRequestError($"tests[{i}]: must be an object, not null.", $"tests[{i}]", language);
            ValidateTest(test, i, comparison, limits, language);
            runs[i] = program with
            {
                Input = test.Input,
                Args = test.Args,
                Files = test.Files is null ? request.Files : [.. request.Files ?? [], .. test.Files],
            };
            try
            {
                RequestValidator.Validate(runs[i], defaults);
            }
            catch (CodeExecutionError error) when (error.Field is not null)
            {
                throw InTest(error, i, request.Files?.Count ?? 0, language);
            }
        }

        return runs;
    }

    /// <summary>
    /// A test's run refused, told in the test's terms: its own fields under <c>tests[i]</c>, and its files by their
    /// place in the test's list (the run's list is the request's files, then the test's).
    /// </summary>
    private static CodeExecutionError InTest(CodeExecutionError error, int index, int requestFiles, ExecutionLanguage language)
    {
        string Renumber(string text) => FileIndex().Replace(text, match => int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) is var k && k >= requestFiles
            ? $"tests[{index}].files[{k - requestFiles}]"
            : match.Value);
        var field = error.Field!;
        return Renumber(field) is var renumbered && renumbered != field
            ? new CodeExecutionError(Renumber(error.Message), error.Code, language, renumbered)
            : new CodeExecutionError($"tests[{index}].{Renumber(error.Message)}", error.Code, language, $"tests[{index}].{field}");
    }

    [GeneratedRegex(@"\bfiles\[(\d+)\]")]
    private static partial Regex FileIndex();

    private static void ValidateTest(GradingTest test, int index, OutputComparison comparison, EffectiveLimits limits, ExecutionLanguage language)
    {
        var at = $"tests[{index}]";
        if (test.Name is { Length: > MaxTestNameLength } name)
        {
            throw new InvalidRequestError($"{at}.name: is {name.Length} characters; at most {MaxTestNameLength} are allowed.", $"{at}.name", language);
        }

        if (test.Weight is { } weight && !(weight >= 0 && weight <= MaxWeight))
        {
            throw new InvalidRequestError($"{at}.weight: {weight} is out of range; it must be from 0 to {MaxWeight:G}.", $"{at}.weight", language);
        }

        if (test.ExpectedOutput is null && comparison.Mode != ComparisonMode.Checker)
        {
            throw new InvalidRequestError($"{at}.expectedOutput: is required unless compare.mode is 'checker'.", $"{at}.expectedOutput", language);
        }

        if (test.ExpectedOutput is { } expected && Encoding.UTF8.GetByteCount(expected) is var bytes && bytes > limits.MaxOutputSize)
        {
            throw new InvalidRequestError(
                $"{at}.expectedOutput: is {bytes} bytes; limits.maxOutputSize is {limits.MaxOutputSize} bytes, so no run could print it.", $"{at}.expectedOutput", language);
        }
    }

    private static void ValidateComparison(OutputComparison comparison, EffectiveLimits defaults)
    {
        if (!Enum.IsDefined(comparison.Mode))
        {
            throw new InvalidRequestError($"compare.mode: {comparison.Mode} is not a comparison; it must be exact, trimmed, tokens, float or checker.", "compare.mode");
        }

        foreach (var (tolerance, field) in new[] { (comparison.AbsoluteTolerance, "absoluteTolerance"), (comparison.RelativeTolerance, "relativeTolerance") })
        {
            if (tolerance is not { } value)
            {
                continue;
            }

            if (comparison.Mode != ComparisonMode.Float)
            {
                throw new InvalidRequestError($"compare.{field}: applies only when compare.mode is 'float'.", $"compare.{field}");
            }

            if (!(value >= 0 && value <= 1))
            {
                throw new InvalidRequestError($"compare.{field}: {value} is out of range; it must be from 0 to 1.", $"compare.{field}");
            }
        }

        if (comparison.Mode == ComparisonMode.Checker)
        {
            var checker = comparison.Checker ?? throw new InvalidRequestError("compare.checker: is required when compare.mode is 'checker'.", "compare.checker");
            try
            {
                RequestValidator.Validate(CheckerAnswer.Request(checker, "", "", ""), defaults);
            }
            catch (CodeExecutionError error) when (error.Field is { } field)
            {
                throw new CodeExecutionError($"compare.checker.{error.Message}", error.Code, checker.Language, $"compare.checker.{field}");
            }
        }
        else if (comparison.Checker is not null)
        {
            throw new InvalidRequestError("compare.checker: applies only when compare.mode is 'checker'.", "compare.checker");
        }
    }
}
