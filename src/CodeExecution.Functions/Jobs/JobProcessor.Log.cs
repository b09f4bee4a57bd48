using Microsoft.Extensions.Logging;

namespace CodeExecution.Functions.Jobs;

public sealed partial class JobProcessor
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Total} items enqueued")]
    private partial void LogFannedOut(string jobId, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Total} items, {Completed} succeeded, {Failed} failed")]
    private partial void LogCompleted(string jobId, int total, int completed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} rejected: {Reason}")]
    private partial void LogRejected(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed: {Reason}")]
    private partial void LogJobFailed(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} item {Index} gave up: {Reason}")]
    private partial void LogItemGaveUp(string jobId, int index, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} item {Index} already has a result; the duplicate delivery is dropped")]
    private partial void LogDuplicate(string jobId, int index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} item {Index} is held by another delivery (or a failed earlier one); this copy comes back when the lease ends")]
    private partial void LogHeldElsewhere(string jobId, int index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} is held by another delivery of its message (or a failed earlier one); this copy comes back when the lease ends")]
    private partial void LogFanOutHeldElsewhere(string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} already exists with {Existing} items; a message for it with {Received} items is dropped")]
    private partial void LogIdTaken(string jobId, int existing, int received);

    [LoggerMessage(Level = LogLevel.Error, Message = "An item message could not be read and is dropped: {Reason}")]
    private partial void LogMalformedItem(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not save the delivery error or release a lease")]
    private partial void LogSaveErrorFailed(Exception exception, string jobId);
}
