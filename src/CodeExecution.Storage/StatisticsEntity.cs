using Azure.Data.Tables;
using CodeExecution.Core.Statistics;

namespace CodeExecution.Storage;

/// <summary>How the <see cref="ExecutionTotals"/> of one day and language are stored: one table row, partition = day, row = language.</summary>
public static class StatisticsEntity
{
    public static ExecutionTotals FromEntity(TableEntity entity)
    {
        var totals = new ExecutionTotals
        {
            Count = entity.GetInt64(nameof(ExecutionTotals.Count)) ?? 0,
            Successes = entity.GetInt64(nameof(ExecutionTotals.Successes)) ?? 0,
            Timeouts = entity.GetInt64(nameof(ExecutionTotals.Timeouts)) ?? 0,
            MemoryLimits = entity.GetInt64(nameof(ExecutionTotals.MemoryLimits)) ?? 0,
            OutputLimits = entity.GetInt64(nameof(ExecutionTotals.OutputLimits)) ?? 0,
            InstructionLimits = entity.GetInt64(nameof(ExecutionTotals.InstructionLimits)) ?? 0,
            Rejected = entity.GetInt64(nameof(ExecutionTotals.Rejected)) ?? 0,
            TotalMs = entity.GetDouble(nameof(ExecutionTotals.TotalMs)) ?? 0,
        };
        LatencyHistogram.Parse(entity.GetString(nameof(ExecutionTotals.Histogram))).CopyTo(totals.Histogram, 0);
        return totals;
    }

    /// <summary>Writes <paramref name="totals"/> into <paramref name="entity"/> (keeping its keys and ETag).</summary>
    public static TableEntity WriteTo(ExecutionTotals totals, TableEntity entity)
    {
        entity[nameof(ExecutionTotals.Count)] = totals.Count;
        entity[nameof(ExecutionTotals.Successes)] = totals.Successes;
        entity[nameof(ExecutionTotals.Failures)] = totals.Failures;
        entity[nameof(ExecutionTotals.Timeouts)] = totals.Timeouts;
        entity[nameof(ExecutionTotals.MemoryLimits)] = totals.MemoryLimits;
        entity[nameof(ExecutionTotals.OutputLimits)] = totals.OutputLimits;
        entity[nameof(ExecutionTotals.InstructionLimits)] = totals.InstructionLimits;
        entity[nameof(ExecutionTotals.Rejected)] = totals.Rejected;
        entity[nameof(ExecutionTotals.TotalMs)] = totals.TotalMs;
        entity[nameof(ExecutionTotals.Histogram)] = LatencyHistogram.Format(totals.Histogram);
        return entity;
    }
}
