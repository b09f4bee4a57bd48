using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using CodeExecution.Core.Model;
using CodeExecution.Core.Statistics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeExecution.Storage;

/// <summary>
/// Writes execution records and their day+language aggregates to Table Storage in the background.
/// <see cref="Record"/> only puts the record in a bounded channel, so an execution is never delayed by storage;
/// when the channel is full the record is dropped and counted.
/// </summary>
/// <remarks>
/// Records are upserted by execution id in one transaction per day (so a retried round writes nothing twice);
/// aggregates are read, merged and replaced under their ETag, retried on a conflict with another instance.
/// A failed round is retried with backoff (on top of the SDK's own retries) for as long as the app runs, so an
/// outage of storage delays records but loses none while they fit in the channel; only a round still failing at
/// shutdown is given up (and counted in <see cref="Lost"/>). The execution itself never waits for any of this.
/// </remarks>
public sealed partial class TableExecutionRecorder : BackgroundService, IExecutionRecorder
{
    private const int MaxTransactionSize = 100;
    private const int MaxConflictRetries = 20;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Channel<ExecutionRecord> _channel;
    private readonly TableClient _records;
    private readonly TableClient _aggregates;
    private readonly StorageOptions _options;
    private readonly ILogger _logger;
    private bool _tablesReady;
    private volatile bool _stopping;
    private long _written;
    private long _dropped;
    private long _lost;

    public TableExecutionRecorder(StorageClients clients, IOptions<StorageOptions> options, ILogger<TableExecutionRecorder> logger)
    {
        _options = options.Value;
        _logger = logger;
        _records = clients.Tables.GetTableClient(_options.ExecutionsTable);
        _aggregates = clients.Tables.GetTableClient(_options.StatisticsTable);
        _channel = Channel.CreateBounded<ExecutionRecord>(new BoundedChannelOptions(_options.RecorderCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Records written to storage so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records dropped because the channel was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records given up on because storage still failed when the app stopped.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Records waiting to be written.</summary>
    public int Queued => _channel.Reader.Count;

    public void Record(ExecutionRecord record)
    {
        if (!_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
            LogDropped(record.ExecutionId, _options.RecorderCapacity);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Let the loop drain what is queued, then end; the host's shutdown timeout bounds the wait.
        _stopping = true;
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is null || ExecuteTask.IsCanceled || ExecuteTask.IsFaulted)
        {
            // The loop never ran (stopped before BackgroundService gave it a thread) or died: drain here instead.
            await DrainAsync().WaitAsync(cancellationToken);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => DrainAsync();

    /// <summary>Writes records in rounds until the channel is completed and empty.</summary>
    private async Task DrainAsync()
    {
        var batch = new List<ExecutionRecord>(_options.RecorderBatchSize);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _options.RecorderBatchSize && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            await WriteWithRetriesAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteWithRetriesAsync(IReadOnlyList<ExecutionRecord> batch)
    {
        var recordsWritten = false;
        var pending = Aggregate(batch);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await EnsureTablesAsync();
                if (!recordsWritten)
                {
                    await WriteRecordsAsync(batch);
                    recordsWritten = true;
                }

                while (pending.Count > 0)
                {
                    var ((day, language), delta) = pending.First();
                    await MergeAggregateAsync(day, language, delta);
                    pending.Remove((day, language));
                }

                Interlocked.Add(ref _written, batch.Count);
                return;
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // The tables may be gone with the storage that failed; make sure of them again on the next try.
                _tablesReady = false;
                if (attempt >= _options.RecorderAttempts && _stopping)
                {
                    Interlocked.Add(ref _lost, recordsWritten ? 0 : batch.Count);
                    LogGaveUp(e, batch.Count, attempt);
                    return;
                }

                if (attempt == _options.RecorderAttempts)
                {
                    LogStillFailing(e, batch.Count, attempt);
                }
                else
                {
                    LogRetrying(e, batch.Count, attempt);
                }

                await Task.Delay(Backoff(attempt));
            }
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempt - 1, 16))));

    private async Task EnsureTablesAsync()
    {
        if (_tablesReady)
        {
            return;
        }

        await _records.CreateIfNotExistsAsync();
        await _aggregates.CreateIfNotExistsAsync();
        _tablesReady = true;
    }

    private async Task WriteRecordsAsync(IReadOnlyList<ExecutionRecord> batch)
    {
        foreach (var day in batch.Select(ExecutionRecordEntity.From).GroupBy(entity => entity.PartitionKey))
        {
            foreach (var chunk in day.Chunk(MaxTransactionSize))
            {
                await _records.SubmitTransactionAsync(chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)));
            }
        }
    }

    private async Task MergeAggregateAsync(string day, string language, ExecutionTotals delta)
    {
        for (var conflict = 0; ; conflict++)
        {
            try
            {
                var existing = await _aggregates.GetEntityIfExistsAsync<TableEntity>(day, language);
                if (existing.HasValue && existing.Value is { } entity)
                {
                    var merged = StatisticsEntity.FromEntity(entity);
                    merged.Merge(delta);
                    await _aggregates.UpdateEntityAsync(StatisticsEntity.WriteTo(merged, entity), entity.ETag, TableUpdateMode.Replace);
                }
                else
                {
                    await _aggregates.AddEntityAsync(StatisticsEntity.WriteTo(delta, new TableEntity(day, language)));
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && conflict < MaxConflictRetries)
            {
                // Another instance changed the row since we read it: read it again and re-apply our delta.
                await Task.Delay(Random.Shared.Next(5, 50));
            }
        }
    }

    private static Dictionary<(string Day, string Language), ExecutionTotals> Aggregate(IEnumerable<ExecutionRecord> batch)
    {
        var aggregates = new Dictionary<(string, string), ExecutionTotals>();
        foreach (var record in batch)
        {
            var key = (ExecutionRecordEntity.Day(record.Timestamp), record.Language.ToName());
            if (!aggregates.TryGetValue(key, out var aggregate))
            {
                aggregates[key] = aggregate = new ExecutionTotals();
            }

            aggregate.Add(record);
        }

        return aggregates;
    }
}
