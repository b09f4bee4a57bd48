namespace CodeExecution.Core.Model;

/// <summary>Counts and times for one language.</summary>
public sealed record LanguageStatistics
{
    public long TotalExecutions { get; init; }

    public long SuccessfulExecutions { get; init; }

    public long FailedExecutions { get; init; }

    public double AverageExecutionTime { get; init; }
}
