namespace CodeExecution.Core.Statistics;

/// <summary>Counts, duration sum and latency histogram of a set of executions (a language, a day, or all of them).</summary>
/// <remarks>Not thread-safe: the owner serialises <see cref="Add"/> and <see cref="Merge"/>. The counts are settable so a stored copy can be read back.</remarks>
public sealed class ExecutionTotals
{
    public long Count { get; set; }

    public long Successes { get; set; }

    public long Timeouts { get; set; }

    public long MemoryLimits { get; set; }

    public long OutputLimits { get; set; }

    /// <summary>Runs stopped by their instruction budget (<c>limits.maxInstructions</c>).</summary>
    public long InstructionLimits { get; set; }

    /// <summary>Requests refused before running (invalid, unsupported, policy); not part of <see cref="Count"/>.</summary>
    public long Rejected { get; set; }

    public double TotalMs { get; set; }

    /// <summary>Executions per <see cref="LatencyHistogram"/> bucket.</summary>
    public long[] Histogram { get; } = new long[LatencyHistogram.BucketCount];

    public long Failures => Count - Successes;

    /// <summary>Mean execution time in milliseconds, rounded to 3 places; 0 when there were none.</summary>
    public double Average => Count == 0 ? 0 : Math.Round(TotalMs / Count, 3);

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
        InstructionLimits += record.Outcome == ExecutionOutcomes.InstructionLimit ? 1 : 0;
        TotalMs += record.DurationMs;
        Histogram[LatencyHistogram.BucketOf(record.DurationMs)]++;
    }

    public void Merge(ExecutionTotals other)
    {
        Count += other.Count;
        Successes += other.Successes;
        Timeouts += other.Timeouts;
        MemoryLimits += other.MemoryLimits;
        OutputLimits += other.OutputLimits;
        InstructionLimits += other.InstructionLimits;
        Rejected += other.Rejected;
        TotalMs += other.TotalMs;
        for (var i = 0; i < Histogram.Length; i++)
        {
            Histogram[i] += other.Histogram[i];
        }
    }

    /// <summary>The totals of all <paramref name="parts"/> together.</summary>
    public static ExecutionTotals Sum(IEnumerable<ExecutionTotals> parts)
    {
        var sum = new ExecutionTotals();
        foreach (var part in parts)
        {
            sum.Merge(part);
        }

        return sum;
    }
}
