using System.Globalization;
using System.Text.Json;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;
using CodeExecution.Functions.Http;
using CodeExecution.Functions.Jobs;
using CodeExecution.Storage.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>POST /api/jobs</c> stores a job (up to <c>Jobs:MaxItems</c> requests, or a grading request with up to as many
/// tests) and enqueues it, answering 202 with its <c>Location</c>; <c>GET /api/jobs/{id}</c> follows it, with its
/// results in pages (<c>offset</c>, <c>limit</c>) once it is done, and a grading job's summary;
/// <c>GET /api/jobs/{id}/results/{index}</c> gives one full result.
/// </summary>
public sealed class JobsFunction(
    JobSubmitter submitter,
    JobStore store,
    JobMessageFormat format,
    ExecutorHost executors,
    HttpProblems problems,
    IOptions<HttpApiOptions> options,
    IOptions<JobsOptions> jobs)
{
    [Function(nameof(SubmitJob))]
    public Task<IActionResult> SubmitJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "jobs")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var body = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
            var submission = format.ReadSubmission(body);
            if (submission.Grading is { } grading)
            {
                await CheckGradingAsync(grading.Request, cancellationToken);
            }

            var job = await submitter.SubmitAsync(submission, cancellationToken);
            var location = $"{PathOf(request)}/{job.Id}";
            return ApiResponse.Json(
                StatusCodes.Status202Accepted,
                new JobAccepted(job.Id, job.Status, job.Total, location),
                new Dictionary<string, string> { ["Location"] = location });
        });

    [Function(nameof(GetJob))]
    public Task<IActionResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "jobs/{id}")] HttpRequest request,
        string id) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var limit = QueryNumber.Read(request, "limit", DefaultResultsLimit, 1, MaxResultsLimit);
            var offset = QueryNumber.Read(request, "offset", 0, 0, int.MaxValue);
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
                var path = PathOf(request);
                results = items.Select(item => ViewOf(job, item, item.Result is null ? $"{path}/results/{item.Index}" : null)).ToList();
                next = (long)offset + limit < job.Total ? $"{path}?offset={offset + limit}&limit={limit}" : null;
            }

            return ApiResponse.Json(StatusCodes.Status200OK, JobView.From(job, results, next, await store.GetGradingSummaryAsync(job, cancellationToken)));
        });

    [Function(nameof(GetJobResult))]
    public Task<IActionResult> GetJobResult(
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
                : job.Kind == JobKind.Grading
                    ? ApiResponse.Json(StatusCodes.Status200OK, Read<TestResult>(result))
                    : ApiResponse.Json(StatusCodes.Status200OK, Read<ExecutionResult>(result));
        });

    /// <summary>Results in one <c>GET /api/jobs/{id}</c> unless <c>limit</c> says otherwise, and the most it may say.</summary>
    public const int DefaultResultsLimit = 100;

    public const int MaxResultsLimit = 1000;

    /// <summary>The request's path without a trailing slash: where the links in the answers start.</summary>
    private static string PathOf(HttpRequest request) => $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}";

    private static JobItemView ViewOf(JobState job, JobItemRecord item, string? resultUrl) =>
        job.Kind == JobKind.Grading
            ? new JobItemView(item.Index, item.Success, null, resultUrl, item.Result is { } test ? Read<TestResult>(test) : null)
            : new JobItemView(item.Index, item.Success, item.Result is { } result ? Read<ExecutionResult>(result) : null, resultUrl);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, CodeExecutionJson.Options)!;

    /// <summary>
    /// A grading job is checked as <c>POST /api/grade</c> checks its request, before it is queued, so a bad test is a
    /// 400 naming it (under <c>grading.</c>); its tests run in parallel as items, so it cannot stop at a first failure.
    /// </summary>
    private async Task CheckGradingAsync(string gradingJson, CancellationToken cancellationToken)
    {
        try
        {
            var grading = ExecutionRequestReader.ReadGrading(gradingJson);
            if (grading.StopOnFirstFailure)
            {
                throw new InvalidRequestError(
                    "stopOnFirstFailure: a job's tests run in parallel, each an item of its own, so a job cannot stop at the first failure; POST /api/grade can.",
                    "stopOnFirstFailure", grading.Language);
            }

            var executor = await executors.GetReadyAsync(cancellationToken);
            GradingValidator.Validate(grading, executor.DefaultLimits, jobs.Value.MaxItems);
        }
        catch (CodeExecutionError error)
        {
            var named = error.Field is { } name && name != "$";
            var field = named ? $"grading.{error.Field}" : "grading";
            var message = named && error.Message.StartsWith($"{error.Field}:", StringComparison.Ordinal) ? $"grading.{error.Message}" : $"grading: {error.Message}";
            throw new CodeExecutionError(message, error.Code, error.Language, field);
        }
    }

    private async Task<JobState> FindAsync(string id, CancellationToken cancellationToken) =>
        (JobMessageFormat.IsValidJobId(id) ? await store.GetJobAsync(id, cancellationToken) : null)
        ?? throw new RequestRefusedException(RequestRefusal.UnknownJob, $"There is no job {id}.", "id");
}
