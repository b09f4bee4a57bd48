namespace CodeExecution.Core.Model;

/// <summary>Counts and times of the executions an executor has run.</summary>
public sealed record ExecutionStatistics
{
    public long TotalExecutions { get; init; }

    public long SuccessfulExecutions { get; init; }

    public long FailedExecutions { get; init; }

    /// <summary>Mean execution time in milliseconds (0 when there were none).</summary>
    public double AverageExecutionTime { get; init; }

    public long TimeoutHits { get; init; }

    public long MemoryLimitHits { get; init; }

    /// <summary>Runs stopped by their instruction budget (<see cref="ExecutionLimits.MaxInstructions"/>).</summary>
    public long InstructionLimitHits { get; init; }

    public IReadOnlyDictionary<string, LanguageStatistics> ByLanguage { get; init; } =
        new Dictionary<string, LanguageStatistics>();
}
