using System.Net.Http.Headers;
using System.Text.Json;
using CodeExecution.Functions.Http;
using CodeExecution.Storage.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Jobs;

/// <summary>
/// POSTs a finished job's summary to its <c>callbackUrl</c>, signed (<see cref="CallbackSignature"/>), retried with a
/// doubling wait, and records how it went on the job without touching the job's status or counts.
/// </summary>
/// <remarks>
/// Sent at least once: a receiver may see the same job twice (a redelivered callback message) and should treat
/// <c>X-CodeExecution-Job</c> as the idempotency key. Redirects are not followed. Unless private hosts are allowed,
/// connections go only to public addresses (<see cref="PublicOnlyConnector"/>).
/// </remarks>
public sealed partial class CallbackSender : IDisposable
{
    private readonly JobStore _store;
    private readonly JobsOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;

    public CallbackSender(JobStore store, IOptions<JobsOptions> options, ILogger<CallbackSender> logger)
    {
        _store = store;
        _options = options.Value;
        _logger = logger;
        // Without private hosts, the client resolves and checks every address itself, and no proxy stands in between.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
        if (!_options.AllowPrivateCallbackHosts)
        {
            handler.UseProxy = false;
            handler.ConnectCallback = PublicOnlyConnector.ConnectAsync;
        }

        _http = new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task DeliverAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken);
        if (job?.CallbackUrl is not { } url || job.CallbackState != CallbackState.Pending)
        {
            return;
        }

        var summary = await _store.GetGradingSummaryAsync(job, cancellationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new JobCallbackBody(job.Id, job.Status, job.Total, job.Completed, job.Failed, job.CreatedAt, job.CompletedAt, $"/api/jobs/{job.Id}", summary),
            ApiJson.TypeInfo<JobCallbackBody>());
        string? lastError = null;
        for (var attempt = 1; attempt <= _options.CallbackAttempts; attempt++)
        {
            lastError = await TryPostAsync(job.Id, url, body, cancellationToken);
            if (lastError is null)
            {
                LogDelivered(job.Id, attempt);
                await _store.SetCallbackStateAsync(job.Id, CallbackState.Delivered, attempt, null, cancellationToken);
                return;
            }

            LogAttemptFailed(job.Id, attempt, lastError);
            if (attempt < _options.CallbackAttempts)
            {
                await Task.Delay(RetryDelay(attempt), cancellationToken);
            }
        }

        await _store.SetCallbackStateAsync(job.Id, CallbackState.Failed, _options.CallbackAttempts, lastError, cancellationToken);
    }

    /// <summary>Marks a callback that could not be handled at all (its message went to the poison queue).</summary>
    public async Task GiveUpAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken);
        if (job is { CallbackState: CallbackState.Pending })
        {
            await _store.SetCallbackStateAsync(jobId, CallbackState.Failed, job.CallbackAttempts, "The callback message failed on every delivery.", cancellationToken);
        }
    }

    public TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(300_000, _options.CallbackFirstRetryDelayMs * Math.Pow(2, attempt - 1)));

    public void Dispose() => _http.Dispose();

    /// <returns>Null when the receiver answered 2xx, else what went wrong.</returns>
    private async Task<string?> TryPostAsync(string jobId, string url, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(CallbackSignature.JobHeader, jobId);
        request.Headers.TryAddWithoutValidation(CallbackSignature.Header, CallbackSignature.Create(_options.CallbackSigningKey, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CallbackTimeoutMs);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"The receiver did not answer within {_options.CallbackTimeoutMs} ms.";
        }
        catch (HttpRequestException e)
        {
            return $"The request failed: {e.Message}";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: callback delivered on attempt {Attempt}")]
    private partial void LogDelivered(string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: callback attempt {Attempt} failed: {Reason}")]
    private partial void LogAttemptFailed(string jobId, int attempt, string reason);
}
