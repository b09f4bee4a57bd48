namespace CodeExecution.Storage.Jobs;

/// <summary>
/// What a job asks for: its requests, each kept as the JSON it arrived as (an invalid one becomes a failed item
/// when it runs, not a rejected job), or a grading request whose tests are its items; and where to post the summary
/// when it finishes.
/// </summary>
public sealed record JobSubmission(IReadOnlyList<string> Requests, string? CallbackUrl, GradingJob? Grading = null)
{
    /// <summary>How many items the job has: its requests, or its grading request's tests.</summary>
    public int Total => Grading?.Tests ?? Requests.Count;

    public string Kind => Grading is null ? JobKind.Execution : JobKind.Grading;
}

/// <summary>A grading job's request (the JSON it arrived as) and its number of tests, one item each.</summary>
public sealed record GradingJob(string Request, int Tests);

/// <summary>What a job's items are.</summary>
public static class JobKind
{
    /// <summary>Each item is a request run on its own; its result is an <c>ExecutionResult</c>.</summary>
    public const string Execution = "execution";

    /// <summary>Each item is one test of the grading request; its result is a <c>TestResult</c>, and the job has a summary.</summary>
    public const string Grading = "grading";
}

/// <summary>A job message's reference to its payload in Blob storage (a claim check), used when the message would pass 64 KB.</summary>
public sealed record ClaimCheck(string Container, string Blob);

/// <summary>A message on <see cref="StorageNames.JobsQueue"/>: the job inline, or a claim check for it.</summary>
public sealed record JobMessage(string? JobId, JobSubmission? Submission, ClaimCheck? Payload);

/// <summary>
/// A message on <see cref="StorageNames.JobItemsQueue"/>: one item to run (its request inline or in a blob), or the
/// job's callback to send. A grading item (<paramref name="Grading"/>) names the blob of the job's grading request;
/// its <paramref name="Index"/> is the test's.
/// </summary>
public sealed record JobItemMessage(string JobId, int Index, string? Request, string? RequestBlob, bool Callback, bool Grading = false);

/// <summary>A job, job message or payload that is malformed; the reason names the field at fault.</summary>
public sealed class JobFormatException(string reason, string field) : Exception(reason)
{
    public string Field { get; } = field;
}
