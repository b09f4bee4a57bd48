using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CodeExecution.Core.Statistics;
using Microsoft.Extensions.Options;

namespace CodeExecution.Storage;

/// <summary>
/// Reads statistics from the aggregate rows (one per UTC day and language), never from the execution records,
/// so the answer costs the same however many executions there have been.
/// </summary>
public sealed class TableExecutionStatistics(StorageClients clients, IOptions<StorageOptions> options)
{
    private readonly TableClient _aggregates = clients.Tables.GetTableClient(options.Value.StatisticsTable);

    public async Task<StatisticsReport> GetAsync(DateOnly? since, CancellationToken cancellationToken)
    {
        var filter = since is { } day ? TableClient.CreateQueryFilter($"PartitionKey ge {ExecutionRecordEntity.Day(day)}") : null;
        var byLanguage = new SortedDictionary<string, ExecutionTotals>(StringComparer.Ordinal);
        try
        {
            await foreach (var entity in _aggregates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (!byLanguage.TryGetValue(entity.RowKey, out var totals))
                {
                    byLanguage[entity.RowKey] = totals = new ExecutionTotals();
                }

                totals.Merge(StatisticsEntity.FromEntity(entity));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No execution has been recorded yet: the table does not exist.
        }

        var all = ExecutionTotals.Sum(byLanguage.Values);
        return new StatisticsReport
        {
            Since = since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TotalExecutions = all.Count,
            SuccessfulExecutions = all.Successes,
            FailedExecutions = all.Failures,
            AverageExecutionTime = all.Average,
            P95ExecutionTime = LatencyHistogram.Percentile(all.Histogram, 0.95),
            TimeoutHits = all.Timeouts,
            MemoryLimitHits = all.MemoryLimits,
            OutputLimitHits = all.OutputLimits,
            InstructionLimitHits = all.InstructionLimits,
            RejectedRequests = all.Rejected,
            ByLanguage = byLanguage.ToDictionary(
                pair => pair.Key,
                pair => new LanguageStatisticsReport
                {
                    TotalExecutions = pair.Value.Count,
                    SuccessfulExecutions = pair.Value.Successes,
                    FailedExecutions = pair.Value.Failures,
                    AverageExecutionTime = pair.Value.Average,
                    P95ExecutionTime = LatencyHistogram.Percentile(pair.Value.Histogram, 0.95),
                    TimeoutHits = pair.Value.Timeouts,
                    MemoryLimitHits = pair.Value.MemoryLimits,
                    InstructionLimitHits = pair.Value.InstructionLimits,
                    RejectedRequests = pair.Value.Rejected,
                }),
        };
    }
}
