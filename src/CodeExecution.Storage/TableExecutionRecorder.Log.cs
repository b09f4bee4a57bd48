using Microsoft.Extensions.Logging;

namespace CodeExecution.Storage;

public sealed partial class TableExecutionRecorder
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Execution record {ExecutionId} dropped: {Capacity} records are already waiting to be written")]
    private partial void LogDropped(string executionId, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} execution records failed (attempt {Attempt}); retrying")]
    private partial void LogRetrying(Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} execution records still fails after {Attempts} attempts; records are kept and retried while storage is unreachable")]
    private partial void LogStillFailing(Exception exception, int count, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} execution records failed after {Attempts} attempts while stopping; giving up on them")]
    private partial void LogGaveUp(Exception exception, int count, int attempts);
}
