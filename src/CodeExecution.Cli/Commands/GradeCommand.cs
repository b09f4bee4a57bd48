using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Cli.Commands;

/// <summary>
/// <c>codeexec grade PROGRAM --tests TESTS.json</c>: grades a program on its tests (see <see cref="Grader"/>) and
/// prints a table of verdicts and the score; exits 0 when every test passed, 1 when one did not, 2 when the request
/// was refused. With <c>--url</c>, the app grades it as a queued job (each test an item), followed to its end.
/// </summary>
internal static class GradeCommand
{
    /// <summary>The exit code when a test was not accepted.</summary>
    public const int SomeFailedExitCode = 1;

    private static readonly Argument<string> Program = new("program") { Description = "The program to grade; its extension names the language." };
    private static readonly Option<string> Tests = new("--tests", "-t")
    {
        Description = "A JSON file: an array of tests, each { \"name\"?, \"input\"?, \"args\"?, \"expectedOutput\"?, \"files\"?, \"weight\"? }.",
        Required = true,
    };
    private static readonly Option<string?> Language = new("--language", "-l") { Description = "python, javascript, typescript, ruby or wasm (default: from the program's extension)." };
    private static readonly Option<string?> Compare = new("--compare") { Description = "exact, trimmed (the default), tokens or float; a --checker implies checker." };
    private static readonly Option<double?> AbsoluteTolerance = new("--abs-tolerance") { Description = "With --compare float: numbers this close are equal (default 1e-6)." };
    private static readonly Option<double?> RelativeTolerance = new("--rel-tolerance") { Description = "With --compare float: numbers within this fraction of the expected one are equal (default 1e-6)." };
    private static readonly Option<string?> Checker = new("--checker") { Description = "A program that decides each test (any language, by its extension); see README's Grading." };
    private static readonly Option<bool> StopOnFirstFailure = new("--stop-on-first-failure") { Description = "Skip the tests after the first that is not accepted." };
    private static readonly Option<int?> Timeout = new("--timeout") { Description = "Time limit of each test in ms (100-10000)." };
    private static readonly Option<int?> Memory = new("--memory") { Description = "Memory limit of each test in MB (16-512)." };
    private static readonly Option<int?> MaxOutput = new("--max-output") { Description = "Output limit of each test in bytes (1024-10485760)." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the GradingResult as JSON instead of a table." };
    private static readonly Option<string?> Url = new("--url")
    {
        Description = "Grade on a running app as a queued job (each test an item of its own): its API base, e.g. http://localhost:7071/api.",
    };
    private static readonly Option<string?> Key = new("--key")
    {
        Description = "With --url: function key, sent as x-functions-key (default: $CODEEXEC_KEY).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CODEEXEC_KEY"),
    };
    private static readonly Option<int> Interval = new("--interval")
    {
        Description = "With --url: milliseconds between two reads of the job's status.",
        DefaultValueFactory = _ => 1000,
    };

    public static Command Create()
    {
        var command = new Command("grade", "Grade a program on tests: each runs in a fresh sandbox; print each verdict and the score; exit 0 only when all passed.")
        {
            Program, Tests, Language, Compare, AbsoluteTolerance, RelativeTolerance, Checker, StopOnFirstFailure, Timeout, Memory, MaxOutput, Json,
            Url, Key, Interval, CommonOptions.NoProgress,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(Url) is { } url && !JobsClient.IsHttpUrl(url))
            {
                result.AddError($"--url must be the app's API base, e.g. --url http://localhost:7071/api; it was {url}.");
            }
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        GradingRequest request;
        try
        {
            request = BuildRequest(parse);
        }
        catch (CodeExecutionError error)
        {
            await Console.Error.WriteLineAsync($"codeexec: {error.Message}");
            return CommonOptions.RequestRefusedExitCode;
        }

        return parse.GetValue(Url) is { } url
            ? await ServiceFailure.RunAsync($"the app at {url}", () => GradeOnAppAsync(parse, url, request, cancellationToken), cancellationToken)
            : await GradeHereAsync(parse, request, cancellationToken);
    }

    /// <summary>Grades in this process's own sandboxes.</summary>
    private static async Task<int> GradeHereAsync(ParseResult parse, GradingRequest request, CancellationToken cancellationToken)
    {
        var languages = new[] { request.Language, request.Compare?.Checker?.Language ?? request.Language }.Distinct().ToArray();
        await using var executor = await CommonOptions.CreateExecutorAsync(parse, concurrency: null, cancellationToken, languages: languages);
        GradingResult result;
        try
        {
            result = await executor.GradeAsync(request, cancellationToken);
        }
        catch (CodeExecutionError error)
        {
            await Console.Error.WriteLineAsync($"codeexec: {error.Message}");
            return CommonOptions.RequestRefusedExitCode;
        }

        return await PrintAsync(parse, result);
    }

    /// <summary>Prints the table (or the JSON with <c>--json</c>); exits 0 only when every test passed.</summary>
    private static async Task<int> PrintAsync(ParseResult parse, GradingResult result)
    {
        await Console.Out.WriteAsync(parse.GetValue(Json) ? JsonSerializer.Serialize(result, CodeExecutionJson.Indented) + "\n" : GradingTable.Format(result));
        return result.Summary.AllPassed ? 0 : SomeFailedExitCode;
    }

    /// <summary>
    /// Submits <c>{"grading": request}</c> to the app's jobs API, follows the job (progress on stderr), and prints its
    /// tests' results and summary as the local grading prints them.
    /// </summary>
    private static async Task<int> GradeOnAppAsync(ParseResult parse, string url, GradingRequest request, CancellationToken cancellationToken)
    {
        using var jobs = new JobsClient(url, parse.GetValue(Key), parse.GetValue(Interval), !parse.GetValue(CommonOptions.NoProgress));
        var body = new JsonObject { ["grading"] = JsonSerializer.SerializeToNode(request, CodeExecutionJson.Options) }.ToJsonString();
        var (answer, refused) = await jobs.SubmitAsync(body, cancellationToken);
        if (refused is not null)
        {
            return await jobs.RefusedAsync(refused);
        }

        var id = JsonNode.Parse(answer!)?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("The app's answer has no job id.");
        await Console.Error.WriteLineAsync($"job {id}: submitted");
        return await jobs.FollowAsync(id, async read =>
        {
            if (read.Status != "completed")
            {
                return JobsClient.JobFailedExitCode;
            }

            var tests = new List<TestResult>();
            foreach (var item in read.Job!["results"]!.AsArray())
            {
                var test = item!["test"]?.ToJsonString()
                    ?? await jobs.ReadLinkedResultAsync(item["resultUrl"]!.GetValue<string>(), cancellationToken)
                    ?? throw new InvalidOperationException($"The app gave no result for test {item["index"]}.");
                tests.Add(JsonSerializer.Deserialize<TestResult>(test, CodeExecutionJson.Options)!);
            }

            return await PrintAsync(parse, new GradingResult { Tests = tests, Summary = read.Job["summary"].Deserialize<GradingSummary>(CodeExecutionJson.Options)! });
        }, cancellationToken);
    }

    private static GradingRequest BuildRequest(ParseResult parse)
    {
        var (code, language) = ReadProgram(parse.GetValue(Program)!, parse.GetValue(Language), "program");
        var testsPath = parse.GetValue(Tests)!;
        if (!File.Exists(testsPath))
        {
            throw new InvalidRequestError($"--tests: file {Path.GetFullPath(testsPath)} does not exist.", "tests");
        }

        List<GradingTest>? tests;
        try
        {
            tests = JsonSerializer.Deserialize<List<GradingTest>>(File.ReadAllText(testsPath), CodeExecutionJson.Options);
        }
        catch (JsonException e)
        {
            var error = ExecutionRequestReader.Translate(e);
            throw new InvalidRequestError(
                error.Field is null or "$"
                    ? $"--tests {testsPath}: must be a JSON array of tests ({error.Message})"
                    : $"--tests {testsPath}: tests{error.Message}", "tests");
        }

        OutputComparison? compare = null;
        var checkerPath = parse.GetValue(Checker);
        var mode = parse.GetValue(Compare);
        if (mode is not null || checkerPath is not null || parse.GetValue(AbsoluteTolerance) is not null || parse.GetValue(RelativeTolerance) is not null)
        {
            var parsedMode = mode is null
                ? checkerPath is null ? ComparisonMode.Trimmed : ComparisonMode.Checker
                : Enum.TryParse<ComparisonMode>(mode, ignoreCase: true, out var named) && Enum.IsDefined(named) && !int.TryParse(mode, out _)
                    ? named
                    : throw new InvalidRequestError($"--compare {mode}: is not a comparison; it must be exact, trimmed, tokens or float (or give --checker).", "compare");
            CheckerProgram? checker = null;
            if (checkerPath is not null)
            {
                var (checkerCode, checkerLanguage) = ReadProgram(checkerPath, null, "checker");
                checker = new CheckerProgram { Code = checkerCode, Language = checkerLanguage };
            }

            compare = new OutputComparison
            {
                Mode = parsedMode,
                AbsoluteTolerance = parse.GetValue(AbsoluteTolerance),
                RelativeTolerance = parse.GetValue(RelativeTolerance),
                Checker = checker,
            };
        }

        return new GradingRequest
        {
            Code = code,
            Language = language,
            Tests = tests,
            Compare = compare,
            StopOnFirstFailure = parse.GetValue(StopOnFirstFailure),
            Limits = new ExecutionLimits { TimeoutMs = parse.GetValue(Timeout), MaxMemoryMB = parse.GetValue(Memory), MaxOutputSize = parse.GetValue(MaxOutput) },
        };
    }

    /// <summary>
    /// A program file's code and language: the one named, or the one its extension gives. A module is bytes, sent as
    /// base64 as the JSON API takes it; a source file is text.
    /// </summary>
    private static (string Code, ExecutionLanguage Language) ReadProgram(string path, string? languageName, string field)
    {
        if (!File.Exists(path))
        {
            throw new InvalidRequestError($"{field} {Path.GetFullPath(path)} does not exist.", field);
        }

        if (languageName is not null)
        {
            return ExecutionLanguageNames.TryParse(languageName, out var named)
                ? (Code(path, named.Value), named.Value)
                : throw new UnsupportedLanguageError(ExecutionLanguageNames.UnsupportedMessage(languageName));
        }

        return ExecutionLanguageNames.TryFromFileExtension(Path.GetFileName(path), out var byExtension)
            ? (Code(path, byExtension.Value), byExtension.Value)
            : throw new InvalidRequestError($"cannot tell the language of {path}; name it with a .py, .js, .ts, .rb or .wasm extension{(field == "program" ? " or pass --language" : "")}.", field);
    }

    private static string Code(string path, ExecutionLanguage language) =>
        language == ExecutionLanguage.Wasm ? Convert.ToBase64String(File.ReadAllBytes(path)) : File.ReadAllText(path);
}
