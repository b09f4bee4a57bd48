using CodeExecution.Core.Model;

namespace CodeExecution.Core.Statistics;

/// <summary>What is kept of one execution: never its code or output.</summary>
public sealed record ExecutionRecord
{
    public required string ExecutionId { get; init; }

    public required ExecutionLanguage Language { get; init; }

    /// <summary>"success", "failure", "timeout", "memoryLimit", "outputLimit" or "rejected".</summary>
    public required string Outcome { get; init; }

    public bool Success { get; init; }

    public int ExitCode { get; init; }

    public double DurationMs { get; init; }

    public long? MemoryUsed { get; init; }

    public bool TimeoutHit { get; init; }

    public bool MemoryLimitHit { get; init; }

    public bool OutputTruncated { get; init; }

    public int CodeBytes { get; init; }

    public int InputBytes { get; init; }

    public int OutputBytes { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The error code for a rejected request.</summary>
    public string? ErrorCode { get; init; }
}
