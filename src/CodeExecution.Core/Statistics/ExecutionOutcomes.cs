using System.Text;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Statistics;

/// <summary>The outcome names used in records, and how a result or a refusal becomes a record.</summary>
public static class ExecutionOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Timeout = "timeout";
    public const string MemoryLimit = "memoryLimit";
    public const string OutputLimit = "outputLimit";
    public const string InstructionLimit = "instructionLimit";
    public const string Rejected = "rejected";

    public static string Of(ExecutionResult result) =>
        result.Metadata.TimeoutHit ? Timeout
        : result.Metadata.MemoryLimitHit ? MemoryLimit
        : result.Metadata.OutputTruncated ? OutputLimit
        : result.Metadata.InstructionLimitHit ? InstructionLimit
        : result.Success ? Success
        : Failure;

    public static ExecutionRecord Record(string executionId, ValidatedRequest request, ExecutionResult result) => new()
    {
        ExecutionId = executionId,
        Language = result.Language ?? request.Language,
        Outcome = Of(result),
        Success = result.Success,
        ExitCode = result.ExitCode,
        DurationMs = result.ExecutionTime,
        MemoryUsed = result.MemoryUsed,
        TimeoutHit = result.Metadata.TimeoutHit,
        MemoryLimitHit = result.Metadata.MemoryLimitHit,
        OutputTruncated = result.Metadata.OutputTruncated,
        CodeBytes = Encoding.UTF8.GetByteCount(request.Code),
        InputBytes = Encoding.UTF8.GetByteCount(request.Input),
        OutputBytes = Encoding.UTF8.GetByteCount(result.Stdout) + Encoding.UTF8.GetByteCount(result.Stderr),
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(result.Metadata.StartTime),
    };

    public static ExecutionRecord Rejection(string executionId, ExecutionRequest request, CodeExecutionError error) => new()
    {
        ExecutionId = executionId,
        Language = request.Language,
        Outcome = Rejected,
        ExitCode = -1,
        CodeBytes = Encoding.UTF8.GetByteCount(request.Code ?? ""),
        InputBytes = Encoding.UTF8.GetByteCount(request.Input ?? ""),
        Timestamp = DateTimeOffset.UtcNow,
        ErrorCode = error.Code,
    };
}
