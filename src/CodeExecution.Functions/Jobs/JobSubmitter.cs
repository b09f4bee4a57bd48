using CodeExecution.Storage.Jobs;

namespace CodeExecution.Functions.Jobs;

/// <summary>
/// Accepts a job: its payload stored first, then the job as queued, then a claim check for the payload on the jobs
/// queue. A job whose message could not be enqueued is marked failed, so it never stays queued for nothing.
/// </summary>
public sealed class JobSubmitter(JobStore store, JobQueues queues)
{
    /// <returns>The stored job, as queued.</returns>
    public async Task<JobState> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        var jobId = Guid.NewGuid().ToString("N");
        var blob = JobQueues.PayloadBlob(jobId);
        await store.UploadPayloadAsync(blob, BinaryData.FromBytes(JobMessageFormat.WriteSubmission(submission)), cancellationToken);
        var job = await store.CreateJobAsync(jobId, submission.Total, submission.CallbackUrl, submission.Kind, cancellationToken);
        try
        {
            await queues.SendClaimCheckAsync(jobId, blob, CancellationToken.None);
        }
        catch
        {
            await store.FailJobAsync(jobId, "The job could not be enqueued.", CancellationToken.None);
            throw;
        }

        return job;
    }
}
