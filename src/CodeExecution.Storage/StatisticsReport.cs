namespace CodeExecution.Storage;

/// <summary>What <c>GET /api/stats</c> answers: totals over the aggregate rows since a day, overall and per language.</summary>
public sealed record StatisticsReport
{
    /// <summary>First UTC day counted (yyyy-MM-dd), or null for all time.</summary>
    public string? Since { get; init; }

    public long TotalExecutions { get; init; }

    public long SuccessfulExecutions { get; init; }

    public long FailedExecutions { get; init; }

    /// <summary>Mean execution time in milliseconds.</summary>
    public double AverageExecutionTime { get; init; }

    /// <summary>95th percentile of execution time in milliseconds, from a fixed-bucket histogram (exact to the bucket).</summary>
    public double P95ExecutionTime { get; init; }

    public long TimeoutHits { get; init; }

    public long MemoryLimitHits { get; init; }

    public long OutputLimitHits { get; init; }

    /// <summary>Runs stopped by their instruction budget (<c>limits.maxInstructions</c>).</summary>
    public long InstructionLimitHits { get; init; }

    /// <summary>Requests refused before running; not counted in <see cref="TotalExecutions"/>.</summary>
    public long RejectedRequests { get; init; }

    public IReadOnlyDictionary<string, LanguageStatisticsReport> ByLanguage { get; init; } = new Dictionary<string, LanguageStatisticsReport>();
}

/// <summary>The per-language part of <see cref="StatisticsReport"/>.</summary>
public sealed record LanguageStatisticsReport
{
    public long TotalExecutions { get; init; }

    public long SuccessfulExecutions { get; init; }

    public long FailedExecutions { get; init; }

    public double AverageExecutionTime { get; init; }

    public double P95ExecutionTime { get; init; }

    public long TimeoutHits { get; init; }

    public long MemoryLimitHits { get; init; }

    public long InstructionLimitHits { get; init; }

    public long RejectedRequests { get; init; }
}
