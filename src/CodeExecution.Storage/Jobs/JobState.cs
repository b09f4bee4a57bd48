using System.Text.Json;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Storage.Jobs;

/// <summary>A job as stored: status, counts, timestamps, and its callback's delivery.</summary>
/// <param name="Completed">Items finished with a successful result.</param>
/// <param name="Failed">Items finished without one: the program failed, the request was invalid, or the item could not be run at all.</param>
public sealed record JobState(
    string Id,
    string Status,
    int Total,
    int Completed,
    int Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    string? CallbackUrl,
    string CallbackState,
    int CallbackAttempts,
    string? CallbackError,
    string Kind = JobKind.Execution)
{
    public bool IsFinal => Status is JobStatus.Completed or JobStatus.Failed;
}

/// <summary>One finished item: its result's JSON inline, or the blob holding a large one.</summary>
public sealed record JobItemRecord(int Index, bool Success, string? Result, string? ResultBlob);

/// <summary>
/// An item's result as it is stored: whether it succeeded, its JSON (an <c>ExecutionResult</c>, or a grading job's
/// <c>TestResult</c>), and for a test what the job's summary is made of.
/// </summary>
public sealed record JobItemOutcome(bool Success, string Json, TestVerdict? Verdict = null, double Score = 0, double Weight = 0)
{
    public static JobItemOutcome Of(ExecutionResult result) => new(result.Success, JsonSerializer.Serialize(result, CodeExecutionJson.Options));

    /// <summary>A test's result: it succeeded when it was accepted.</summary>
    public static JobItemOutcome Of(TestResult test) =>
        new(test.Verdict == TestVerdict.Accepted, JsonSerializer.Serialize(test, CodeExecutionJson.Options), test.Verdict, test.Score, test.Weight);
}

/// <summary>What recording an item's result did.</summary>
/// <param name="Recorded">False when the item already had a result (a redelivered message): nothing was changed.</param>
/// <param name="CompletedTheJob">True for exactly one item per job: the one whose result made the job complete.</param>
public sealed record ItemRecording(JobState Job, bool Recorded, bool CompletedTheJob);

public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public static class CallbackState
{
    public const string None = "none";
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
