using Azure.Data.Tables;
using CodeExecution.Core.Statistics;

namespace CodeExecution.Storage;

/// <summary>Counts, duration sum and latency histogram of the executions of one day and language: one table row.</summary>
public sealed class StatisticsAggregate
{
    public long Count { get; private set; }

    public long Successes { get; private set; }

    public long Timeouts { get; private set; }

    public long MemoryLimits { get; private set; }

    public long OutputLimits { get; private set; }

    /// <summary>Requests refused before running (invalid, unsupported, policy); not part of <see cref="Count"/>.</summary>
    public long Rejected { get; private set; }

    public double TotalMs { get; private set; }

    public long[] Histogram { get; private set; } = new long[LatencyHistogram.BucketCount];

    public long Failures => Count - Successes;

    public void Add(ExecutionRecord record)
    {
        if (record.Outcome == ExecutionOutcomes.Rejected)
        {
            Rejected++;
            return;
        }

        Count++;
        Successes += record.Success ? 1 : 0;
        Timeouts += record.TimeoutHit ? 1 : 0;
        MemoryLimits += record.MemoryLimitHit ? 1 : 0;
        OutputLimits += record.OutputTruncated ? 1 : 0;
        TotalMs += record.DurationMs;
        Histogram[LatencyHistogram.BucketOf(record.DurationMs)]++;
    }

    public void Merge(StatisticsAggregate other)
    {
        Count += other.Count;
        Successes += other.Successes;
        Timeouts += other.Timeouts;
        MemoryLimits += other.MemoryLimits;
        OutputLimits += other.OutputLimits;
        Rejected += other.Rejected;
        TotalMs += other.TotalMs;
        for (var i = 0; i < Histogram.Length; i++)
        {
            Histogram[i] += other.Histogram[i];
        }
    }

    public static StatisticsAggregate FromEntity(TableEntity entity) => new()
    {
        Count = entity.GetInt64(nameof(Count)) ?? 0,
        Successes = entity.GetInt64(nameof(Successes)) ?? 0,
        Timeouts = entity.GetInt64(nameof(Timeouts)) ?? 0,
        MemoryLimits = entity.GetInt64(nameof(MemoryLimits)) ?? 0,
        OutputLimits = entity.GetInt64(nameof(OutputLimits)) ?? 0,
        Rejected = entity.GetInt64(nameof(Rejected)) ?? 0,
        TotalMs = entity.GetDouble(nameof(TotalMs)) ?? 0,
        Histogram = LatencyHistogram.Parse(entity.GetString(nameof(Histogram))),
    };

    /// <summary>Writes the totals into <paramref name="entity"/> (keeping its keys and ETag).</summary>
    public TableEntity WriteTo(TableEntity entity)
    {
        entity[nameof(Count)] = Count;
        entity[nameof(Successes)] = Successes;
        entity[nameof(Failures)] = Failures;
        entity[nameof(Timeouts)] = Timeouts;
        entity[nameof(MemoryLimits)] = MemoryLimits;
        entity[nameof(OutputLimits)] = OutputLimits;
        entity[nameof(Rejected)] = Rejected;
        entity[nameof(TotalMs)] = TotalMs;
        entity[nameof(Histogram)] = LatencyHistogram.Format(Histogram);
        return entity;
    }
}
