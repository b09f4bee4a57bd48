using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeExecution.Cli.Commands;

namespace CodeExecution.Cli;

/// <summary>
/// The app's queued jobs over its HTTP API (<c>POST /api/jobs</c>, <c>GET /api/jobs/{id}</c>): submits a job, reads
/// it with every page of its results joined, and follows it to its end with progress on stderr.
/// </summary>
/// <param name="apiBase">The app's API base, e.g. <c>http://localhost:7071/api</c>.</param>
/// <param name="key">Function key, sent as <c>x-functions-key</c> when given.</param>
/// <param name="intervalMs">Milliseconds between two status reads when following.</param>
internal sealed class JobsClient(string apiBase, string? key, int intervalMs, bool showProgress) : IDisposable
{
    /// <summary>Exit code when the job itself failed (rejected or could not run).</summary>
    public const int JobFailedExitCode = 1;

    /// <summary>How a job answer joined from several pages is printed: as the app writes JSON, non-ASCII unescaped.</summary>
    private static readonly JsonSerializerOptions JoinedPages = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http = CreateClient(key);

    /// <summary>Names the app in a failure to reach it.</summary>
    public string Service => $"the app at {apiBase}";

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Posts the job; its id, or the app's refusal.</summary>
    public async Task<(string? Answer, Refusal? Refused)> SubmitAsync(string body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(JobsUri(""), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? (answer, null) : (null, new Refusal(response.StatusCode, response.ReasonPhrase, answer));
    }

    /// <summary>
    /// Reads the job every interval until it completes or fails, showing its counts as they change
    /// (<see cref="ProgressReporter"/>, counted from the job's state when following began); then hands the final read
    /// to <paramref name="finish"/>, whose exit code it answers. A failed job is said on stderr first.
    /// </summary>
    public async Task<int> FollowAsync(string id, Func<JobRead, Task<int>> finish, CancellationToken cancellationToken)
    {
        ProgressReporter? progress = null;
        try
        {
            while (true)
            {
                var read = await ReadJobAsync(id, cancellationToken);
                if (read.Refused is { } refusal)
                {
                    progress?.Finish();
                    return await RefusedAsync(refusal);
                }

                var job = read.Job!;
                var (completed, failed) = (Count(job, "completed"), Count(job, "failed"));
                progress ??= ProgressReporter.ForConsole("job", job["total"]?.GetValue<long>(), showProgress, completed + failed);
                progress.Report(completed + failed, failed);
                if (read.Status is "completed" or "failed")
                {
                    progress.Finish();
                    if (read.Status == "failed")
                    {
                        await Console.Error.WriteLineAsync($"codeexec: job {id} failed{(job["error"]?.GetValue<string>() is { } error ? $": {error}" : ".")}");
                    }

                    return await finish(read);
                }

                await Task.Delay(intervalMs, cancellationToken);
            }
        }
        finally
        {
            // A failure of the app or the network, or Ctrl+C: the line ends, so the message after it starts a line.
            progress?.Finish();
        }
    }

    /// <summary>
    /// <c>GET /api/jobs/{id}</c>, and once the job is done every further page of its results (<c>nextResults</c>),
    /// joined into one answer; or the app's refusal, for the caller to tell once its progress line is ended.
    /// </summary>
    public async Task<JobRead> ReadJobAsync(string id, CancellationToken cancellationToken)
    {
        var uri = JobsUri(Uri.EscapeDataString(id));
        JsonObject? job = null;
        string? text = null;
        while (true)
        {
            using var response = await _http.GetAsync(uri, cancellationToken);
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

    /// <summary>An item's full result by the link a job gave for it (<c>resultUrl</c>); null when the app refuses.</summary>
    public async Task<string?> ReadLinkedResultAsync(string link, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(JobsUri(""), link), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
    }

    /// <summary>Says what the app answered; a 404 from an API base that does not end in <c>/api</c> gets a hint, as that is the likely cause.</summary>
    public async Task<int> RefusedAsync(Refusal refusal)
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
        if (refusal.Status == HttpStatusCode.NotFound && !apiBase.TrimEnd('/').EndsWith("/api", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"codeexec: --url is the app's API base, which ends in /api (e.g. http://localhost:7071/api); it was {apiBase}.");
        }

        return (int)refusal.Status is >= 400 and < 500 ? CommonOptions.RequestRefusedExitCode : JobFailedExitCode;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>One of the job's counts; 0 when the app has not given it yet.</summary>
    private static long Count(JsonObject job, string name) => job[name]?.GetValue<long>() ?? 0;

    private static HttpClient CreateClient(string? key)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (key is { Length: > 0 })
        {
            http.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        return http;
    }

    private Uri JobsUri(string rest) => new($"{apiBase.TrimEnd('/')}/jobs{(rest.Length > 0 ? "/" + rest : "")}");
}

/// <summary>A job as read: its JSON and the text to print, or the app's refusal.</summary>
internal sealed record JobRead(JsonObject? Job, string? Text, Refusal? Refused)
{
    public string? Status => Job?["status"]?.GetValue<string>();
}

/// <summary>An answer of the app other than 2xx.</summary>
internal sealed record Refusal(HttpStatusCode Status, string? Reason, string Answer);
