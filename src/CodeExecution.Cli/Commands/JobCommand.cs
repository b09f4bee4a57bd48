using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeExecution.Cli.Commands;

/// <summary>
/// <c>codeexec job submit FILE</c> and <c>codeexec job status ID</c>: queued batch jobs on a running Functions app,
/// over its HTTP API (<c>POST /api/jobs</c>, <c>GET /api/jobs/{id}</c>), optionally following the job to its end.
/// </summary>
internal static class JobCommand
{
    /// <summary>Exit code when the job itself failed (rejected or could not run).</summary>
    public const int JobFailedExitCode = 1;

    /// <summary>How a job answer joined from several pages is printed: as the app writes JSON, non-ASCII unescaped.</summary>
    private static readonly JsonSerializerOptions JoinedPages = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
        Description = "JSON lines of requests, or one JSON object {\"requests\":[...]}; - for stdin.",
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
                if (!IsHttpUrl(result.GetValue(Url)))
                {
                    result.AddError("--url must be the app's API base (or set CODEEXEC_URL), e.g. --url http://localhost:7071/api.");
                }
            });
        }

        return job;
    }

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

        using var http = CreateClient(parse);
        using var response = await http.PostAsync(JobsUri(parse, ""), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return await RefusedAsync(parse, new Refusal(response.StatusCode, response.ReasonPhrase, answer));
        }

        if (!parse.GetValue(Wait))
        {
            await Console.Out.WriteLineAsync(answer);
            return 0;
        }

        var id = JsonNode.Parse(answer)?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("The app's answer has no job id.");
        await Console.Error.WriteLineAsync($"job {id}: submitted");
        return await FollowAsync(http, parse, id, cancellationToken);
    }

    private static async Task<int> StatusAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var http = CreateClient(parse);
        var id = parse.GetValue(Id)!;
        if (parse.GetValue(Wait))
        {
            return await FollowAsync(http, parse, id, cancellationToken);
        }

        var read = await ReadJobAsync(http, parse, id, cancellationToken);
        if (read.Refused is { } refusal)
        {
            return await RefusedAsync(parse, refusal);
        }

        await Console.Out.WriteLineAsync(read.Text);
        return 0;
    }

    /// <summary>
    /// Reads the job every <c>--interval</c> until it completes or fails, showing its counts as they change
    /// (<see cref="ProgressReporter"/>, counted from the job's state when following began), then prints it.
    /// </summary>
    private static async Task<int> FollowAsync(HttpClient http, ParseResult parse, string id, CancellationToken cancellationToken)
    {
        ProgressReporter? progress = null;
        try
        {
            while (true)
            {
                var read = await ReadJobAsync(http, parse, id, cancellationToken);
                if (read.Refused is { } refusal)
                {
                    progress?.Finish();
                    return await RefusedAsync(parse, refusal);
                }

                var job = read.Job!;
                var (completed, failed) = (Count(job, "completed"), Count(job, "failed"));
                progress ??= ProgressReporter.ForConsole("job", job["total"]?.GetValue<long>(), !parse.GetValue(CommonOptions.NoProgress), completed + failed);
                progress.Report(completed + failed, failed);
                var status = job["status"]?.GetValue<string>();
                if (status is "completed" or "failed")
                {
                    progress.Finish();
                    if (status == "failed")
                    {
                        await Console.Error.WriteLineAsync($"codeexec: job {id} failed{(job["error"]?.GetValue<string>() is { } error ? $": {error}" : ".")}");
                    }

                    await Console.Out.WriteLineAsync(read.Text);
                    return status == "completed" ? 0 : JobFailedExitCode;
                }

                await Task.Delay(parse.GetValue(Interval), cancellationToken);
            }
        }
        finally
        {
            // A failure of the app or the network, or Ctrl+C: the line ends, so the message after it starts a line.
            progress?.Finish();
        }
    }

    /// <summary>One of the job's counts; 0 when the app has not given it yet.</summary>
    private static long Count(JsonObject job, string name) => job[name]?.GetValue<long>() ?? 0;

    /// <summary>The <c>POST /api/jobs</c> body from a file of JSON lines or a ready <c>{"requests":[...]}</c> object.</summary>
    internal static string? BuildBody(string text, string? callbackUrl, out string? error)
    {
        error = null;
        JsonObject body;
        try
        {
            if (JsonNode.Parse(text) is JsonObject ready && ready.ContainsKey("requests"))
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

    /// <summary>
    /// <c>GET /api/jobs/{id}</c>, and once the job is done every further page of its results (<c>nextResults</c>),
    /// joined into one answer; or the app's refusal, for the caller to tell once its progress line is ended.
    /// </summary>
    private static async Task<JobRead> ReadJobAsync(HttpClient http, ParseResult parse, string id, CancellationToken cancellationToken)
    {
        var uri = JobsUri(parse, Uri.EscapeDataString(id));
        JsonObject? job = null;
        string? text = null;
        while (true)
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new JobRead(null, null, new Refusal(response.StatusCode, response.ReasonPhrase, answer));
            }

            var page = JsonNode.Parse(answer)!.AsObject();
            var next = page["nextResults"]?.GetValue<string>();
            if (job is null)
            {
                (job, text) = (page, answer);
            }
            else
            {
                var results = job["results"]!.AsArray();
                foreach (var result in page["results"]!.AsArray().ToList())
                {
                    result!.Parent!.AsArray().Remove(result);
                    results.Add(result);
                }

                text = null;
            }

            if (next is null)
            {
                job.Remove("nextResults");
                return new JobRead(job, text ?? job.ToJsonString(JoinedPages), null);
            }

            uri = new Uri(uri, next);
        }
    }

    private sealed record JobRead(JsonObject? Job, string? Text, Refusal? Refused);

    /// <summary>An answer of the app other than 2xx.</summary>
    private sealed record Refusal(HttpStatusCode Status, string? Reason, string Answer);

    private static HttpClient CreateClient(ParseResult parse)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (parse.GetValue(Key) is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        return http;
    }

    private static string App(ParseResult parse) => $"the app at {parse.GetValue(Url)}";

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static Uri JobsUri(ParseResult parse, string rest) =>
        new($"{parse.GetValue(Url)!.TrimEnd('/')}/jobs{(rest.Length > 0 ? "/" + rest : "")}");

    /// <summary>Says what the app answered; a 404 from a <c>--url</c> that does not end in <c>/api</c> gets a hint, as that is the likely cause.</summary>
    private static async Task<int> RefusedAsync(ParseResult parse, Refusal refusal)
    {
        string? detail = null;
        try
        {
            detail = JsonNode.Parse(refusal.Answer)?["detail"]?.GetValue<string>();
        }
        catch (JsonException)
        {
        }

        await Console.Error.WriteLineAsync($"codeexec: the app answered {(int)refusal.Status} {refusal.Reason}{(detail is null ? "" : $": {detail}")}");
        var url = parse.GetValue(Url)!;
        if (refusal.Status == HttpStatusCode.NotFound && !url.TrimEnd('/').EndsWith("/api", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"codeexec: --url is the app's API base, which ends in /api (e.g. http://localhost:7071/api); it was {url}.");
        }

        return (int)refusal.Status is >= 400 and < 500 ? CommonOptions.RequestRefusedExitCode : JobFailedExitCode;
    }
}
