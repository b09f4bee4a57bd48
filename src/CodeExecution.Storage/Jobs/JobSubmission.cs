namespace CodeExecution.Storage.Jobs;

/// <summary>
/// What a job asks for: its requests, each kept as the JSON it arrived as (an invalid one becomes a failed item
/// when it runs, not a rejected job), and where to post the summary when it finishes.
/// </summary>
public sealed record JobSubmission(IReadOnlyList<string> Requests, string? CallbackUrl);

/// <summary>A job message's reference to its payload in Blob storage (a claim check), used when the message would pass 64 KB.</summary>
public sealed record ClaimCheck(string Container, string Blob);

/// <summary>A message on <see cref="StorageNames.JobsQueue"/>: the job inline, or a claim check for it.</summary>
public sealed record JobMessage(string? JobId, JobSubmission? Submission, ClaimCheck? Payload);

/// <summary>A message on <see cref="StorageNames.JobItemsQueue"/>: one item to run (its request inline or in a blob), or the job's callback to send.</summary>
public sealed record JobItemMessage(string JobId, int Index, string? Request, string? RequestBlob, bool Callback);

/// <summary>A job, job message or payload that is malformed; the reason names the field at fault.</summary>
public sealed class JobFormatException(string reason, string field) : Exception(reason)
{
    public string Field { get; } = field;
}
