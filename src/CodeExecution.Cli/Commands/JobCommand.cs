using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeExecution.Cli.Commands;

/// <summary>
/// <c>codeexec job submit FILE</c> and <c>codeexec job status ID</c>: queued batch jobs on a running Functions app,
/// over its HTTP API (<c>POST /api/jobs</c>, <c>GET /api/jobs/{id}</c>), optionally following the job to its end.
/// </summary>
internal static class JobCommand
{
    private static readonly Option<string?> Url = new("--url")
    {
        Description = "The app's API base, e.g. http://localhost:7071/api (default: $CODEEXEC_URL).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CODEEXEC_URL"),
    };

    private static readonly Option<string?> Key = new("--key")
    {
        Description = "Function key, sent as x-functions-key (default: $CODEEXEC_KEY; not needed with func start).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CODEEXEC_KEY"),
    };

    private static readonly Option<bool> Wait = new("--wait", "-w") { Description = "Follow the job until it completes or fails; print its final state." };

    private static readonly Option<int> Interval = new("--interval")
    {
        Description = "Milliseconds between two status reads when following.",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Argument<string> Source = new("file")
    {
        Description = "JSON lines of requests, or one JSON object {\"requests\":[...]} or {\"grading\":{...}}; - for stdin.",
    };

    private static readonly Option<string?> CallbackUrl = new("--callback-url") { Description = "URL to POST the job's signed summary to when it finishes." };

    private static readonly Argument<string> Id = new("id") { Description = "The job id that submit printed." };

    public static Command Create()
    {
        var submit = new Command("submit", "Submit a job of requests; print its id (and, with --wait, its final state).") { Source, CallbackUrl, Wait, Interval, CommonOptions.NoProgress };
        submit.SetAction((parse, cancellationToken) => ServiceFailure.RunAsync(App(parse), () => SubmitAsync(parse, cancellationToken), cancellationToken));
        var status = new Command("status", "Print a job's status, counts, and once done its results.") { Id, Wait, Interval, CommonOptions.NoProgress };
        status.SetAction((parse, cancellationToken) => ServiceFailure.RunAsync(App(parse), () => StatusAsync(parse, cancellationToken), cancellationToken));
        var job = new Command("job", "Queued batch jobs on a running app (its HTTP API).") { submit, status };
        job.Add(Url);
        job.Add(Key);
        foreach (var command in new[] { submit, status })
        {
            command.Validators.Add(result =>
            {
                if (!JobsClient.IsHttpUrl(result.GetValue(Url)))
                {
                    result.AddError("--url must be the app's API base (or set CODEEXEC_URL), e.g. --url http://localhost:7071/api.");
                }
            });
        }

        return job;
    }

    private static JobsClient Client(ParseResult parse) =>
        new(parse.GetValue(Url)!, parse.GetValue(Key), parse.GetValue(Interval), !parse.GetValue(CommonOptions.NoProgress));

    private static async Task<int> SubmitAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var source = parse.GetValue(Source)!;
        if (source != "-" && !File.Exists(source))
        {
            await Console.Error.WriteLineAsync($"codeexec: file {Path.GetFullPath(source)} does not exist.");
            return CommonOptions.RequestRefusedExitCode;
        }

        var text = source == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(source, cancellationToken);
        if (BuildBody(text, parse.GetValue(CallbackUrl), out var error) is not { } body)
        {
            await Console.Error.WriteLineAsync($"codeexec: {error}");
            return CommonOptions.RequestRefusedExitCode;
        }

        using var jobs = Client(parse);
        var (answer, refused) = await jobs.SubmitAsync(body, cancellationToken);
        if (refused is not null)
        {
            return await jobs.RefusedAsync(refused);
        }

        if (!parse.GetValue(Wait))
        {
            await Console.Out.WriteLineAsync(answer);
            return 0;
        }

        var id = JsonNode.Parse(answer!)?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("The app's answer has no job id.");
        await Console.Error.WriteLineAsync($"job {id}: submitted");
        return await jobs.FollowAsync(id, PrintAsync, cancellationToken);
    }

    private static async Task<int> StatusAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var jobs = Client(parse);
        var id = parse.GetValue(Id)!;
        if (parse.GetValue(Wait))
        {
            return await jobs.FollowAsync(id, PrintAsync, cancellationToken);
        }

        var read = await jobs.ReadJobAsync(id, cancellationToken);
        if (read.Refused is { } refusal)
        {
            return await jobs.RefusedAsync(refusal);
        }

        await Console.Out.WriteLineAsync(read.Text);
        return 0;
    }

    /// <summary>Prints a finished job as the app answered it (its pages joined); exits 0 when it completed.</summary>
    private static async Task<int> PrintAsync(JobRead read)
    {
        await Console.Out.WriteLineAsync(read.Text);
        return read.Status == "completed" ? 0 : JobsClient.JobFailedExitCode;
    }

    /// <summary>The <c>POST /api/jobs</c> body from a file of JSON lines or a ready <c>{"requests":[...]}</c> or <c>{"grading":{...}}</c> object.</summary>
    internal static string? BuildBody(string text, string? callbackUrl, out string? error)
    {
        error = null;
        JsonObject body;
        try
        {
            if (JsonNode.Parse(text) is JsonObject ready && (ready.ContainsKey("requests") || ready.ContainsKey("grading")))
            {
                body = ready;
                if (callbackUrl is not null)
                {
                    body["callbackUrl"] = callbackUrl;
                }

                return body.ToJsonString();
            }
        }
        catch (JsonException)
        {
            // Not one JSON document: JSON lines.
        }

        var requests = new JsonArray();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                requests.Add(JsonNode.Parse(line));
            }
            catch (JsonException e)
            {
                error = $"line {number}: is not JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')}).";
                return null;
            }
        }

        if (requests.Count == 0)
        {
            error = "the file holds no requests.";
            return null;
        }

        body = new JsonObject { ["requests"] = requests };
        if (callbackUrl is not null)
        {
            body["callbackUrl"] = callbackUrl;
        }

        return body.ToJsonString();
    }

    private static string App(ParseResult parse) => $"the app at {parse.GetValue(Url)}";
}
