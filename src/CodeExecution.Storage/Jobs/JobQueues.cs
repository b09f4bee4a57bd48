using System.Text;
using Azure.Storage.Queues;

namespace CodeExecution.Storage.Jobs;

/// <summary>
/// Sends job and item messages (Base64-encoded, as the queue trigger expects). A job message that would pass the
/// queue's 64 KB limit goes as a claim check: the payload in Blob storage, the message naming it.
/// </summary>
public sealed class JobQueues
{
    private readonly QueueClient _jobs;
    private readonly QueueClient _items;
    private readonly JobStore _store;
    private readonly object _gate = new();
    private Task? _ready;

    public JobQueues(StorageClients clients, JobStore store)
    {
        _store = store;
        _jobs = clients.Queues.GetQueueClient(StorageNames.JobsQueue);
        _items = clients.Queues.GetQueueClient(StorageNames.JobItemsQueue);
    }

    public static string PayloadBlob(string jobId) => $"{jobId}/job.json";

    public static string ItemRequestBlob(string jobId, int index) => $"{jobId}/items/{index:D5}.json";

    /// <summary>A grading job's request, stored once for all its items to read.</summary>
    public static string GradingRequestBlob(string jobId) => $"{jobId}/grading.json";

    public Task EnsureReadyAsync()
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = Task.WhenAll(_jobs.CreateIfNotExistsAsync(), _items.CreateIfNotExistsAsync());
            }

            return _ready;
        }
    }

    /// <summary>Puts a job on <see cref="StorageNames.JobsQueue"/>: inline when it fits, else as a claim check.</summary>
    /// <returns>True when it went as a claim check.</returns>
    public async Task<bool> SendJobAsync(string jobId, JobSubmission submission, CancellationToken cancellationToken)
    {
        var inline = JobMessageFormat.WriteJobMessage(jobId, submission);
        if (Encoding.UTF8.GetByteCount(inline) <= JobMessageFormat.MaxInlineMessageBytes)
        {
            await SendAsync(_jobs, inline, cancellationToken);
            return false;
        }

        await _store.UploadPayloadAsync(PayloadBlob(jobId), BinaryData.FromBytes(JobMessageFormat.WriteSubmission(submission)), cancellationToken);
        await SendClaimCheckAsync(jobId, PayloadBlob(jobId), cancellationToken);
        return true;
    }

    /// <summary>Puts a claim check for a payload already in Blob storage on <see cref="StorageNames.JobsQueue"/>.</summary>
    public Task SendClaimCheckAsync(string jobId, string blob, CancellationToken cancellationToken) =>
        SendAsync(_jobs, JobMessageFormat.WriteClaimCheck(jobId, new ClaimCheck(_store.PayloadsContainer, blob)), cancellationToken);

    /// <summary>Puts one item on <see cref="StorageNames.JobItemsQueue"/>; a request too large for a message goes to a blob first.</summary>
    public async Task SendItemAsync(string jobId, int index, string request, CancellationToken cancellationToken)
    {
        var message = JobMessageFormat.WriteItemMessage(new JobItemMessage(jobId, index, request, null, false));
        if (Encoding.UTF8.GetByteCount(message) > JobMessageFormat.MaxInlineMessageBytes)
        {
            var blob = ItemRequestBlob(jobId, index);
            await _store.UploadPayloadAsync(blob, BinaryData.FromString(request), cancellationToken);
            message = JobMessageFormat.WriteItemMessage(new JobItemMessage(jobId, index, null, blob, false));
        }

        await SendAsync(_items, message, cancellationToken);
    }

    /// <summary>Puts one test of a grading job on <see cref="StorageNames.JobItemsQueue"/>, naming the blob of its grading request.</summary>
    public Task SendGradingItemAsync(string jobId, int index, string gradingBlob, CancellationToken cancellationToken) =>
        SendAsync(_items, JobMessageFormat.WriteItemMessage(new JobItemMessage(jobId, index, null, gradingBlob, false, Grading: true)), cancellationToken);

    /// <summary>Asks for the job's callback to be sent (by whichever instance takes the message).</summary>
    public Task SendCallbackAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync(_items, JobMessageFormat.WriteItemMessage(new JobItemMessage(jobId, -1, null, null, true)), cancellationToken);

    /// <summary>
    /// Puts a copy of a job or item message back on its queue, invisible until <paramref name="visibleAt"/>: for a
    /// delivery that found its run lease held, so it runs (or finds the result stored) once the lease has ended.
    /// </summary>
    public async Task DeferAsync(bool item, string message, DateTimeOffset visibleAt, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        var delay = visibleAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        await (item ? _items : _jobs).SendMessageAsync(message, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, cancellationToken: cancellationToken);
    }

    private async Task SendAsync(QueueClient queue, string message, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        await queue.SendMessageAsync(message, cancellationToken);
    }
}
