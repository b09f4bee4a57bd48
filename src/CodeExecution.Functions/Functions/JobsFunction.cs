using System.Globalization;
using CodeExecution.Core.Errors;
using CodeExecution.Functions.Http;
using CodeExecution.Storage.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>POST /api/jobs</c> stores a job (up to <c>Jobs:MaxItems</c> requests) and enqueues it, answering 202 with its
/// <c>Location</c>; <c>GET /api/jobs/{id}</c> follows it, with its results in pages (<c>offset</c>, <c>limit</c>) once
/// it is done; <c>GET /api/jobs/{id}/results/{index}</c> gives one full result.
/// </summary>
public sealed class JobsFunction(JobStore store, JobQueues queues, JobMessageFormat format, HttpProblems problems, IOptions<HttpApiOptions> options)
{
    [Function("SubmitJob")]
    public Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var body = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
            var submission = format.ReadSubmission(body);
            var jobId = Guid.NewGuid().ToString("N");
            var blob = JobQueues.PayloadBlob(jobId);

            // Stored first (payload, then the job as queued), then enqueued as a claim check for the stored payload.
            await store.UploadPayloadAsync(blob, BinaryData.FromBytes(JobMessageFormat.WriteSubmission(submission)), cancellationToken);
            var job = await store.CreateJobAsync(jobId, submission.Requests.Count, submission.CallbackUrl, cancellationToken);
            try
            {
                await queues.SendClaimCheckAsync(jobId, blob, CancellationToken.None);
            }
            catch
            {
                await store.FailJobAsync(jobId, "The job could not be enqueued.", CancellationToken.None);
                throw;
            }

            var location = $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{jobId}";
            var accepted = ApiResponse.Json(StatusCodes.Status202Accepted, new JobAccepted(jobId, job.Status, job.Total, location));
            return new ApiResponse(accepted.StatusCode, accepted.ContentType, accepted.Body, new Dictionary<string, string> { ["Location"] = location });
        });

    [Function("GetJob")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{id}")] HttpRequest request,
        string id) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var limit = QueryNumber(request, "limit", DefaultResultsLimit, 1, MaxResultsLimit);
            var offset = QueryNumber(request, "offset", 0, 0, int.MaxValue);
            var job = await FindAsync(id, cancellationToken);
            if (offset > job.Total)
            {
                throw new InvalidRequestError($"offset: must be at most {job.Total}, the job's number of items; it was {offset}.", "offset");
            }

            IReadOnlyList<JobItemView>? results = null;
            string? next = null;
            if (job.IsFinal && job.Total > 0)
            {
                var items = await store.GetItemsAsync(id, offset, limit, cancellationToken);
                var path = $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}";
                results = items
                    .Select(item => new JobItemView(item.Index, item.Success, item.Result, item.Result is null ? $"{path}/results/{item.Index}" : null))
                    .ToList();
                next = (long)offset + limit < job.Total ? $"{path}?offset={offset + limit}&limit={limit}" : null;
            }

            return ApiResponse.Json(StatusCodes.Status200OK, JobView.From(job, results, next));
        });

    [Function("GetJobResult")]
    public Task<IActionResult> GetResultAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{id}/results/{index}")] HttpRequest request,
        string id,
        string index) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var job = await FindAsync(id, cancellationToken);
            var result = int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < job.Total
                ? await store.GetItemResultAsync(id, i, cancellationToken)
                : null;
            return result is null
                ? throw new RequestRefusedException(RequestRefusal.UnknownJob, $"Job {id} has no result {index} (yet).", "index")
                : ApiResponse.Json(StatusCodes.Status200OK, result);
        });

    /// <summary>Results in one <c>GET /api/jobs/{id}</c> unless <c>limit</c> says otherwise, and the most it may say.</summary>
    public const int DefaultResultsLimit = 100;

    public const int MaxResultsLimit = 1000;

    private static int QueryNumber(HttpRequest request, string name, int fallback, int min, int max)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return fallback;
        }

        return values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidRequestError($"{name}: must be one whole number from {min} to {max}; it was '{string.Join(",", values.AsEnumerable())}'.", name);
    }

    private async Task<JobState> FindAsync(string id, CancellationToken cancellationToken) =>
        (JobMessageFormat.IsValidJobId(id) ? await store.GetJobAsync(id, cancellationToken) : null)
        ?? throw new RequestRefusedException(RequestRefusal.UnknownJob, $"There is no job {id}.", "id");
}
