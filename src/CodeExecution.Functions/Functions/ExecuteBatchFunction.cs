using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>POST /api/execute/batch</c> with <c>{ "requests": [...] }</c>: runs the requests in parallel within the
/// instance's concurrency and answers their results in order; an item that cannot run gets its error in its slot.
/// A batch is answered 429 when the instance's wait queue is already full (<see cref="HttpApiOptions.MaxWaitingRequests"/>).
/// </summary>
public sealed class ExecuteBatchFunction(ExecutionQueue queue, HttpProblems problems, IOptions<HttpApiOptions> options)
{
    [Function(nameof(ExecuteBatch))]
    public Task<IActionResult> ExecuteBatch(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "execute/batch")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var body = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
            var items = BatchRequestReader.Read(body, options.Value.MaxBatchSize);
            var executor = await queue.AdmitManyAsync(cancellationToken);

            var results = await Task.WhenAll(items.Select(item => item.Request is { } valid
                ? executor.ExecuteOrDescribeAsync(valid, cancellationToken)
                : Task.FromResult(item.Rejected!)));
            return ApiResponse.Json(StatusCodes.Status200OK, new BatchResponse(results));
        });
}
