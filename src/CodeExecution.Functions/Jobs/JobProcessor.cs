using System.Collections.Concurrent;
using System.Text.Json;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Storage.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Jobs;

/// <summary>
/// What the queue functions do. A job message is recorded and fanned out into one message per item; each item runs
/// once and its result is inserted (never replaced) with the job's counts; the item that completes the job asks
/// for the callback. Messages that fail every delivery reach the poison handlers, which record a failed item or a
/// failed job with the reason, so every job ends <c>completed</c> or <c>failed</c>.
/// </summary>
/// <remarks>
/// Delivery is at least once. A redelivered job message resumes the fan-out from the saved progress; a redelivered
/// item finds its result already stored and does not run. A malformed message is not retried: it is recorded as a
/// rejected job at once.
/// </remarks>
public sealed partial class JobProcessor(
    JobStore store,
    JobQueues queues,
    JobMessageFormat format,
    IJobItemExecutor executor,
    CallbackSender callbacks,
    IOptions<JobsOptions> options,
    ILogger<JobProcessor> logger)
{
    /// <summary>Jobs whose submission time an instance keeps at most; then it forgets them all and reads again.</summary>
    private const int MaxJobsRemembered = 1_000;

    /// <summary>Grading requests an instance keeps at most (each may be as large as a request body); then it forgets them all.</summary>
    private const int MaxGradingRequestsRemembered = 4;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _submittedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _gradingRequests = new(StringComparer.Ordinal);

    /// <summary>A message from <c>execution-jobs</c>. Throws only for failures worth a retry (storage unreachable).</summary>
    public async Task ProcessJobAsync(string messageId, string body, long dequeueCount, CancellationToken cancellationToken)
    {
        JobMessage message;
        try
        {
            message = format.ReadJobMessage(body);
        }
        catch (JobFormatException e)
        {
            await RejectAsync(JobIdIn(body) ?? messageId, $"The job message was rejected: {e.Message}", cancellationToken);
            return;
        }

        var jobId = message.JobId ?? messageId;
        try
        {
            var submission = message.Submission ?? await ReadClaimCheckAsync(message.Payload!, cancellationToken);
            var job = await store.CreateJobAsync(jobId, submission.Total, submission.CallbackUrl, submission.Kind, cancellationToken);
            if (job.Total != submission.Total || job.Kind != submission.Kind)
            {
                LogIdTaken(jobId, job.Total, submission.Total);
                return;
            }

            if (job.IsFinal)
            {
                return;
            }

            var lease = await store.TryLeaseItemAsync(jobId, null, cancellationToken);
            if (!lease.Taken)
            {
                // Another delivery is fanning it out now, or an earlier one died holding the lease: look again once it ends.
                LogFanOutHeldElsewhere(jobId);
                await queues.DeferAsync(item: false, body, lease.HeldUntil, cancellationToken);
                return;
            }

            try
            {
                await FanOutAsync(jobId, submission, cancellationToken);
            }
            catch
            {
                await TryReleaseAsync(jobId, null, lease.Token!);
                throw;
            }
        }
        catch (JobFormatException e)
        {
            await RejectAsync(jobId, $"The job message was rejected: {e.Message}", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await TrySaveErrorAsync(jobId, null, e, dequeueCount);
            throw;
        }
    }

    /// <summary>A message from <c>execution-job-items</c>: an item to run, or a job's callback to send.</summary>
    public async Task ProcessItemAsync(string body, long dequeueCount, CancellationToken cancellationToken)
    {
        if (ReadItem(body) is not { } item)
        {
            return;
        }

        if (item.Callback)
        {
            await callbacks.DeliverAsync(item.JobId, cancellationToken);
            return;
        }

        string? lease = null;
        try
        {
            if (await store.HasItemAsync(item.JobId, item.Index, cancellationToken))
            {
                LogDuplicate(item.JobId, item.Index);
                await FollowUpAsync(item.JobId, cancellationToken);
                return;
            }

            var run = await store.TryLeaseItemAsync(item.JobId, item.Index, cancellationToken);
            if (!run.Taken)
            {
                // Another delivery is running this item now, or an earlier attempt of this very message died holding the
                // lease (it could not release it while storage was down). Dropping this delivery could lose the item, so
                // it comes back once the lease ends: then it finds the result stored, or takes the lease over and runs.
                LogHeldElsewhere(item.JobId, item.Index);
                await queues.DeferAsync(item: true, body, run.HeldUntil, cancellationToken);
                return;
            }

            lease = run.Token;
            var outcome = item.Grading ? await GradeItemAsync(item, cancellationToken) : await RunItemAsync(item, cancellationToken);
            await RecordAsync(item.JobId, item.Index, outcome, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await TrySaveErrorAsync(item.JobId, item.Index, e, dequeueCount);
            if (lease is not null)
            {
                await TryReleaseAsync(item.JobId, item.Index, lease);
            }

            throw;
        }
    }

    /// <summary>A job message that failed every delivery: the job fails with the last error, unless its items are all out already.</summary>
    public async Task ProcessJobPoisonAsync(string messageId, string body, CancellationToken cancellationToken)
    {
        var jobId = JobIdIn(body) ?? messageId;
        var last = await store.GetDeliveryErrorAsync(jobId, null, cancellationToken);
        var reason = $"The job message failed on every delivery{(last is { } error ? $" ({error.DequeueCount}); last error: {error.Error}" : "; no error was reported (the worker stopped: crash or time-out).")}";
        var job = await store.GetJobAsync(jobId, cancellationToken);
        if (job is null)
        {
            await RejectAsync(jobId, reason, cancellationToken);
        }
        else if (!job.IsFinal && await store.GetFanOutProgressAsync(jobId, cancellationToken) < job.Total)
        {
            await store.FailJobAsync(jobId, reason, cancellationToken);
            LogJobFailed(jobId, reason);
        }
    }

    /// <summary>An item message that failed every delivery: the item is recorded as failed with the reason, and counts toward completion.</summary>
    public async Task ProcessItemPoisonAsync(string body, CancellationToken cancellationToken)
    {
        if (ReadItem(body) is not { } item)
        {
            return;
        }

        if (item.Callback)
        {
            await callbacks.GiveUpAsync(item.JobId, cancellationToken);
            return;
        }

        var last = await store.GetDeliveryErrorAsync(item.JobId, item.Index, cancellationToken);
        var reason = $"Item {item.Index} could not be run: its message failed on every delivery"
            + (last is { } error ? $" ({error.DequeueCount}); last error: {error.Error}" : "; no error was reported (the worker stopped: crash or time-out).");
        LogItemGaveUp(item.JobId, item.Index, reason);
        var outcome = item.Grading
            ? JobItemOutcome.Of(JobItemExecutor.NotRun(JobItemExecutor.GradingIn(await GradingRequestAsync(item.RequestBlob!, cancellationToken)), item.Index, reason))
            : JobItemOutcome.Of(FailedResult(JobItemExecutor.LanguageOf(item.Request), reason));
        await RecordAsync(item.JobId, item.Index, outcome, cancellationToken);
    }

    private async Task<JobItemOutcome> RunItemAsync(JobItemMessage item, CancellationToken cancellationToken)
    {
        var request = item.Request ?? (await store.DownloadPayloadAsync(item.RequestBlob!, cancellationToken))?.ToString();
        var submittedAt = await SubmittedAtAsync(item.JobId, cancellationToken);
        var startedAt = DateTimeOffset.UtcNow;
        return JobItemOutcome.Of(request is null
            ? FailedResult(null, $"Item {item.Index} could not be run: its request blob {item.RequestBlob} is missing.")
            : WithTimeOnQueue(await executor.ExecuteAsync(request, cancellationToken), startedAt - submittedAt));
    }

    /// <summary>One test of a grading job, graded alone from the job's grading request.</summary>
    private async Task<JobItemOutcome> GradeItemAsync(JobItemMessage item, CancellationToken cancellationToken)
    {
        var grading = await GradingRequestAsync(item.RequestBlob!, cancellationToken);
        return JobItemOutcome.Of(grading is null
            ? JobItemExecutor.NotRun(null, item.Index, $"the job's grading request blob {item.RequestBlob} is missing.")
            : await executor.GradeTestAsync(grading, item.Index, cancellationToken));
    }

    /// <summary>A grading job's request: read once per job and instance while few are in hand, since every test reads it.</summary>
    private async Task<string?> GradingRequestAsync(string blob, CancellationToken cancellationToken)
    {
        if (_gradingRequests.TryGetValue(blob, out var known))
        {
            return known;
        }

        if ((await store.DownloadPayloadAsync(blob, cancellationToken))?.ToString() is not { } request)
        {
            return null;
        }

        if (_gradingRequests.Count >= MaxGradingRequestsRemembered)
        {
            _gradingRequests.Clear();
        }

        _gradingRequests[blob] = request;
        return request;
    }

    /// <summary>
    /// Enqueues the job's items in batches, saving the progress after each. A grading job's request is stored once
    /// first, and each of its tests is an item naming it.
    /// </summary>
    private async Task FanOutAsync(string jobId, JobSubmission submission, CancellationToken cancellationToken)
    {
        var total = submission.Total;
        var batch = options.Value.FanOutBatchSize;
        var start = await store.GetFanOutProgressAsync(jobId, cancellationToken);
        Func<int, Task> send = index => queues.SendItemAsync(jobId, index, submission.Requests[index], cancellationToken);
        if (submission.Grading is { } grading)
        {
            var blob = JobQueues.GradingRequestBlob(jobId);
            if (start < total)
            {
                await store.UploadPayloadAsync(blob, BinaryData.FromString(grading.Request), cancellationToken);
            }

            send = index => queues.SendGradingItemAsync(jobId, index, blob, cancellationToken);
        }

        for (; start < total; start += batch)
        {
            var end = Math.Min(total, start + batch);
            await Task.WhenAll(Enumerable.Range(start, end - start).Select(send));
            await store.SaveFanOutProgressAsync(jobId, end, cancellationToken);
        }

        await store.MarkRunningAsync(jobId, cancellationToken);
        LogFannedOut(jobId, total);
    }

    private async Task RecordAsync(string jobId, int index, JobItemOutcome result, CancellationToken cancellationToken)
    {
        var recording = await store.RecordItemAsync(jobId, index, result, cancellationToken);
        if (recording.CompletedTheJob)
        {
            LogCompleted(jobId, recording.Job.Total, recording.Job.Completed, recording.Job.Failed);
            if (recording.Job.CallbackState == CallbackState.Pending)
            {
                await queues.SendCallbackAsync(jobId, cancellationToken);
            }
        }
        else if (!recording.Recorded)
        {
            await FollowUpAsync(jobId, cancellationToken);
        }
    }

    /// <summary>
    /// After a duplicate delivery: if the job is complete and its callback still pending, ask for it again, in case
    /// the instance that completed the job stopped before it could (the callback itself sends only once).
    /// </summary>
    private async Task FollowUpAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await store.GetJobAsync(jobId, cancellationToken);
        if (job is { Status: JobStatus.Completed, CallbackState: CallbackState.Pending })
        {
            await queues.SendCallbackAsync(jobId, cancellationToken);
        }
    }

    private async Task<JobSubmission> ReadClaimCheckAsync(ClaimCheck claim, CancellationToken cancellationToken)
    {
        var content = await store.DownloadPayloadAsync(claim.Blob, cancellationToken)
            ?? throw new JobFormatException($"payload.blob: {claim.Container}/{claim.Blob} does not exist.", "payload.blob");
        try
        {
            return format.ReadSubmission(content.ToMemory().Span);
        }
        catch (JobFormatException e)
        {
            throw new JobFormatException($"payload {claim.Container}/{claim.Blob}: {e.Message}", e.Field);
        }
    }

    private async Task RejectAsync(string jobId, string reason, CancellationToken cancellationToken)
    {
        await store.RejectJobAsync(jobId, reason, cancellationToken);
        LogRejected(jobId, reason);
    }

    /// <summary>
    /// When the job was submitted: read once per job and instance (an instance runs many of a job's items), so an
    /// item's time on the queue costs no storage call of its own after the first.
    /// </summary>
    private async Task<DateTimeOffset?> SubmittedAtAsync(string jobId, CancellationToken cancellationToken)
    {
        if (_submittedAt.TryGetValue(jobId, out var known))
        {
            return known;
        }

        if (await store.GetJobAsync(jobId, cancellationToken) is not { } job)
        {
            return null;
        }

        if (_submittedAt.Count >= MaxJobsRemembered)
        {
            _submittedAt.Clear();
        }

        _submittedAt[jobId] = job.CreatedAt;
        return job.CreatedAt;
    }

    private static ExecutionResult WithTimeOnQueue(ExecutionResult result, TimeSpan? onQueue) =>
        onQueue is not { } time || result.Metadata.Timings is not { } timings
            ? result
            : result with { Metadata = result.Metadata with { Timings = timings with { JobQueueMs = ExecutionTimings.Ms(time) } } };

    private JobItemMessage? ReadItem(string body)
    {
        try
        {
            return JobMessageFormat.ReadItemMessage(body);
        }
        catch (JobFormatException e)
        {
            // Item messages are ours; one we cannot read belongs to no job we could record it on.
            LogMalformedItem(e.Message);
            return null;
        }
    }

    private async Task TrySaveErrorAsync(string jobId, int? index, Exception error, long dequeueCount)
    {
        try
        {
            await store.SaveDeliveryErrorAsync(jobId, index, $"{error.GetType().Name}: {error.Message}", dequeueCount, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogSaveErrorFailed(e, jobId);
        }
    }

    private async Task TryReleaseAsync(string jobId, int? index, string lease)
    {
        try
        {
            await store.ReleaseItemLeaseAsync(jobId, index, lease, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The lease then expires by itself.
            LogSaveErrorFailed(e, jobId);
        }
    }

    private static ExecutionResult FailedResult(ExecutionLanguage? language, string reason) => new()
    {
        Success = false,
        ExitCode = -1,
        Error = reason,
        Language = language,
        Metadata = new ExecutionMetadata { WasSandboxed = false },
    };

    /// <summary>The <c>jobId</c> of a message we could not otherwise read, when it has a usable one.</summary>
    private static string? JobIdIn(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("jobId", out var id)
                && id.ValueKind == JsonValueKind.String
                && JobMessageFormat.IsValidJobId(id.GetString())
                    ? id.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
