using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CodeExecution.Core.Grading;
using Microsoft.Extensions.Options;

namespace CodeExecution.Storage.Jobs;

/// <summary>
/// Jobs in Table Storage, one partition per job: the row <c>job</c> (status and counts), one row <c>item-NNNNN</c> per
/// finished item, <c>fanout</c> (items enqueued so far) and <c>error-…</c> (the last error of a failing delivery);
/// payloads and large results in the <see cref="JobsOptions.PayloadsContainer"/> container under <c>{jobId}/</c>.
/// </summary>
/// <remarks>
/// An item's result is inserted (never replaced) in the same table transaction that bumps the job's counts under
/// its ETag, so a redelivered item changes nothing, no count is lost to a concurrent update, and exactly one item
/// moves the job to <c>completed</c>.
/// </remarks>
public sealed class JobStore
{
    private const string JobRow = "job";
    private const string FanOutRow = "fanout";
    private const int MaxConflictRetries = 100;

    private readonly TableClient _table;
    private readonly BlobContainerClient _payloads;
    private readonly JobsOptions _options;
    private readonly object _gate = new();
    private Task? _ready;

    public JobStore(StorageClients clients, IOptions<JobsOptions> options)
    {
        _options = options.Value;
        _table = clients.Tables.GetTableClient(_options.JobsTable);
        _payloads = clients.Blobs.GetBlobContainerClient(_options.PayloadsContainer);
    }

    public string PayloadsContainer => _options.PayloadsContainer;

    public static string ItemRow(int index) => $"item-{index:D5}";

    public static string ErrorRow(int? index) => index is { } i ? $"error-{i:D5}" : "error-job";

    /// <summary>The run lease of an item, or (no index) of the job's fan-out.</summary>
    public static string LeaseRow(int? index) => index is { } i ? $"run-{i:D5}" : "run-fanout";

    /// <summary>Creates the table and container once per instance (tried again after a failure).</summary>
    public Task EnsureReadyAsync()
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = Task.WhenAll(_table.CreateIfNotExistsAsync(), _payloads.CreateIfNotExistsAsync());
            }

            return _ready;
        }
    }

    /// <summary>Inserts the job if it is not there yet; answers the stored job either way.</summary>
    /// <param name="kind">A <see cref="JobKind"/>: what the job's items are.</param>
    public async Task<JobState> CreateJobAsync(string id, int total, string? callbackUrl, string kind, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        var entity = new TableEntity(id, JobRow)
        {
            ["Status"] = JobStatus.Queued,
            ["Total"] = total,
            ["Completed"] = 0,
            ["Failed"] = 0,
            ["CreatedAt"] = DateTimeOffset.UtcNow,
            ["CallbackState"] = CallbackState.None,
            ["CallbackAttempts"] = 0,
        };
        if (callbackUrl is not null)
        {
            entity["CallbackUrl"] = callbackUrl;
        }

        if (kind != JobKind.Execution)
        {
            entity["Kind"] = kind;
        }

        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return ToState(entity);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await GetJobAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Job {id} exists and then does not.");
        }
    }

    public async Task<JobState?> GetJobAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, JobRow, cancellationToken: cancellationToken);
        return response.HasValue ? ToState(response.Value!) : null;
    }

    /// <summary>Records a job that cannot run (a malformed message, a missing payload): <c>failed</c> with the reason.</summary>
    public async Task<JobState> RejectJobAsync(string id, string reason, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        var entity = new TableEntity(id, JobRow)
        {
            ["Status"] = JobStatus.Failed,
            ["Total"] = 0,
            ["Completed"] = 0,
            ["Failed"] = 0,
            ["CreatedAt"] = DateTimeOffset.UtcNow,
            ["CompletedAt"] = DateTimeOffset.UtcNow,
            ["Error"] = reason,
            ["CallbackState"] = CallbackState.None,
            ["CallbackAttempts"] = 0,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return ToState(entity);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FailJobAsync(id, reason, cancellationToken);
        }
    }

    /// <summary>Marks an existing job <c>failed</c> unless it already reached a final state.</summary>
    public async Task<JobState> FailJobAsync(string id, string reason, CancellationToken cancellationToken) =>
        await UpdateJobAsync(id, entity =>
        {
            if (entity.GetString("Status") is JobStatus.Completed or JobStatus.Failed)
            {
                return false;
            }

            entity["Status"] = JobStatus.Failed;
            entity["Error"] = reason;
            entity["CompletedAt"] = DateTimeOffset.UtcNow;
            return true;
        }, cancellationToken) ?? throw new InvalidOperationException($"Job {id} has no record.");

    public Task<JobState?> MarkRunningAsync(string id, CancellationToken cancellationToken) =>
        UpdateJobAsync(id, entity =>
        {
            if (entity.GetString("Status") != JobStatus.Queued)
            {
                return false;
            }

            entity["Status"] = JobStatus.Running;
            entity["StartedAt"] = DateTimeOffset.UtcNow;
            return true;
        }, cancellationToken);

    public Task<JobState?> SetCallbackStateAsync(string id, string state, int attempts, string? error, CancellationToken cancellationToken) =>
        UpdateJobAsync(id, entity =>
        {
            entity["CallbackState"] = state;
            entity["CallbackAttempts"] = attempts;
            if (error is null)
            {
                entity.Remove("CallbackError");
            }
            else
            {
                entity["CallbackError"] = error;
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Stores an item's result if it has none yet, and counts it in the job in the same transaction.
    /// A result too large for a table row goes to Blob storage first.
    /// </summary>
    public async Task<ItemRecording> RecordItemAsync(string id, int index, JobItemOutcome result, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        var item = new TableEntity(id, ItemRow(index)) { ["Success"] = result.Success, ["RecordedAt"] = DateTimeOffset.UtcNow };
        if (result.Verdict is { } verdict)
        {
            item["Verdict"] = verdict.ToString();
            item["Score"] = result.Score;
            item["Weight"] = result.Weight;
        }

        var json = result.Json;
        if (json.Length <= _options.InlineResultChars)
        {
            item["Result"] = json;
        }
        else
        {
            if ((await _table.GetEntityIfExistsAsync<TableEntity>(id, ItemRow(index), ["RowKey"], cancellationToken)).HasValue)
            {
                return new ItemRecording(await GetJobAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Job {id} has no record."), false, false);
            }

            var blob = $"{id}/results/{index:D5}.json";
            await _payloads.GetBlobClient(blob).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken);
            item["ResultBlob"] = blob;
        }

        for (var conflict = 0; ; conflict++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, JobRow, cancellationToken: cancellationToken);
            var job = response.HasValue ? response.Value! : throw new InvalidOperationException($"Job {id} has no record.");
            var counter = result.Success ? "Completed" : "Failed";
            job[counter] = (job.GetInt32(counter) ?? 0) + 1;
            var done = (job.GetInt32("Completed") ?? 0) + (job.GetInt32("Failed") ?? 0);
            var status = job.GetString("Status");
            var completes = done >= (job.GetInt32("Total") ?? 0) && status is JobStatus.Queued or JobStatus.Running;
            if (status == JobStatus.Queued)
            {
                job["Status"] = JobStatus.Running;
                job["StartedAt"] = DateTimeOffset.UtcNow;
            }

            if (completes)
            {
                job["Status"] = JobStatus.Completed;
                job["CompletedAt"] = DateTimeOffset.UtcNow;
                job["CallbackState"] = job.GetString("CallbackUrl") is null ? CallbackState.None : CallbackState.Pending;
            }

            try
            {
                await _table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Add, item), new TableTransactionAction(TableTransactionActionType.UpdateReplace, job, job.ETag)],
                    cancellationToken);
                return new ItemRecording(ToState(job), true, completes);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // The item already has a result: this delivery is a duplicate.
                return new ItemRecording(await GetJobAsync(id, cancellationToken) ?? ToState(job), false, false);
            }
            catch (RequestFailedException e) when (e.Status == 412 && conflict < MaxConflictRetries)
            {
                // Another item changed the job since we read it: read it again.
                await Task.Delay(Random.Shared.Next(2, 20 + conflict), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Takes the item's run lease (row <c>run-NNNNN</c>; without an index, the job's fan-out lease) unless another delivery holds an unexpired one; the lease
    /// outlives a function call (<see cref="JobsOptions.ItemLeaseSeconds"/>). A delivery that finds it held must not be dropped:
    /// the holder may be an earlier, failed attempt of this very message that could not release it (storage was down).
    /// </summary>
    /// <returns>The lease with its token, or, when another delivery holds the item, when that lease ends.</returns>
    public async Task<RunLease> TryLeaseItemAsync(string id, int? index, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var lease = new TableEntity(id, LeaseRow(index)) { ["Owner"] = token, ["ExpiresAt"] = DateTimeOffset.UtcNow.AddSeconds(_options.ItemLeaseSeconds) };
        try
        {
            await _table.AddEntityAsync(lease, cancellationToken);
            return new RunLease(token, lease.GetDateTimeOffset("ExpiresAt")!.Value);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(id, lease.RowKey, cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value!.GetDateTimeOffset("ExpiresAt") is { } heldUntil && heldUntil > DateTimeOffset.UtcNow)
            {
                return new RunLease(null, heldUntil);
            }

            try
            {
                // An expired lease (its holder died) is taken over under its ETag; a released one is added again.
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(lease, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(lease, cancellationToken);
                }

                return new RunLease(token, lease.GetDateTimeOffset("ExpiresAt")!.Value);
            }
            catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
            {
                // Another delivery took it over just now: its lease runs a full term.
                return new RunLease(null, DateTimeOffset.UtcNow.AddSeconds(_options.ItemLeaseSeconds));
            }
        }
    }

    /// <summary>Gives the lease back after a failed attempt, so the retry need not wait for it to expire.</summary>
    public async Task ReleaseItemLeaseAsync(string id, int? index, string token, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(id, LeaseRow(index), cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value!.GetString("Owner") == token)
        {
            await _table.DeleteEntityAsync(id, existing.Value.RowKey, existing.Value.ETag, cancellationToken);
        }
    }

    public async Task<bool> HasItemAsync(string id, int index, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        return (await _table.GetEntityIfExistsAsync<TableEntity>(id, ItemRow(index), ["RowKey"], cancellationToken)).HasValue;
    }

    /// <summary>
    /// The finished items with indexes from <paramref name="offset"/>, at most <paramref name="count"/>, in index order;
    /// large results are named by their blob, not read.
    /// </summary>
    public async Task<IReadOnlyList<JobItemRecord>> GetItemsAsync(string id, int offset, int count, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        // Item rows have five digits; past the last possible one, "item." is the first key after them all.
        var end = (long)offset + count;
        var upper = end > 99_999 ? "item." : ItemRow((int)end);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {ItemRow(offset)} and RowKey lt {upper}");
        var items = new List<JobItemRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(ToItem(entity));
        }

        return items;
    }

    /// <summary>
    /// A completed grading job's summary, read from its tests' rows' verdicts, scores and weights (not their results);
    /// null for any other job, which has none.
    /// </summary>
    public async Task<GradingSummary?> GetGradingSummaryAsync(JobState job, CancellationToken cancellationToken)
    {
        if (job is not { Kind: JobKind.Grading, Status: JobStatus.Completed })
        {
            return null;
        }

        var id = job.Id;
        await EnsureReadyAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {ItemRow(0)} and RowKey lt {"item."}");
        var tests = new List<TestResult>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["Verdict", "Score", "Weight"], cancellationToken: cancellationToken))
        {
            tests.Add(new TestResult
            {
                Name = entity.RowKey,
                Verdict = Enum.TryParse<TestVerdict>(entity.GetString("Verdict"), out var verdict) ? verdict : TestVerdict.Skipped,
                Score = entity.GetDouble("Score") ?? 0,
                Weight = entity.GetDouble("Weight") ?? 0,
            });
        }

        return GradingSummary.Of(tests);
    }

    /// <summary>One item's full result (its JSON), read from Blob storage when it was kept there; null when the item has none yet.</summary>
    public async Task<string?> GetItemResultAsync(string id, int index, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, ItemRow(index), cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var item = ToItem(response.Value!);
        if (item.Result is not null)
        {
            return item.Result;
        }

        var content = await _payloads.GetBlobClient(item.ResultBlob).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToString();
    }

    public async Task<int> GetFanOutProgressAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, FanOutRow, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetInt32("Enqueued") ?? 0 : 0;
    }

    public Task SaveFanOutProgressAsync(string id, int enqueued, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(id, FanOutRow) { ["Enqueued"] = enqueued }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Keeps the last error of a failing delivery, so the poison handler can say why the item or job gave up.</summary>
    public async Task SaveDeliveryErrorAsync(string id, int? index, string error, long dequeueCount, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        await _table.UpsertEntityAsync(
            new TableEntity(id, ErrorRow(index)) { ["Error"] = error.Length > 4000 ? error[..4000] : error, ["DequeueCount"] = dequeueCount },
            TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<(string Error, long DequeueCount)?> GetDeliveryErrorAsync(string id, int? index, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, ErrorRow(index), cancellationToken: cancellationToken);
        return response.HasValue ? (response.Value!.GetString("Error") ?? "", response.Value!.GetInt64("DequeueCount") ?? 0) : null;
    }

    public async Task UploadPayloadAsync(string blob, BinaryData content, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        await _payloads.GetBlobClient(blob).UploadAsync(content, overwrite: true, cancellationToken);
    }

    /// <summary>A payload blob's content, or null when there is no such blob.</summary>
    public async Task<BinaryData?> DownloadPayloadAsync(string blob, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        try
        {
            return (await _payloads.GetBlobClient(blob).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<JobState?> UpdateJobAsync(string id, Func<TableEntity, bool> change, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        for (var conflict = 0; ; conflict++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, JobRow, cancellationToken: cancellationToken);
            if (!response.HasValue)
            {
                return null;
            }

            var entity = response.Value!;
            if (!change(entity))
            {
                return ToState(entity);
            }

            try
            {
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return ToState(entity);
            }
            catch (RequestFailedException e) when (e.Status == 412 && conflict < MaxConflictRetries)
            {
                await Task.Delay(Random.Shared.Next(2, 20 + conflict), cancellationToken);
            }
        }
    }

    private static JobState ToState(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("Status") ?? JobStatus.Queued,
        entity.GetInt32("Total") ?? 0,
        entity.GetInt32("Completed") ?? 0,
        entity.GetInt32("Failed") ?? 0,
        entity.GetDateTimeOffset("CreatedAt") ?? entity.Timestamp ?? DateTimeOffset.UtcNow,
        entity.GetDateTimeOffset("StartedAt"),
        entity.GetDateTimeOffset("CompletedAt"),
        entity.GetString("Error"),
        entity.GetString("CallbackUrl"),
        entity.GetString("CallbackState") ?? CallbackState.None,
        entity.GetInt32("CallbackAttempts") ?? 0,
        entity.GetString("CallbackError"),
        entity.GetString("Kind") ?? JobKind.Execution);

    private static JobItemRecord ToItem(TableEntity entity) =>
        new(int.Parse(entity.RowKey.AsSpan(5)), entity.GetBoolean("Success") ?? false, entity.GetString("Result"), entity.GetString("ResultBlob"));
}
