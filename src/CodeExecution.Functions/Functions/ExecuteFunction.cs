using CodeExecution.Core.Serialization;
using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>POST /api/execute</c>: runs one request, when every sandbox is busy after waiting its turn among at most
/// <see cref="HttpApiOptions.MaxWaitingRequests"/>; answers 429 when that many already wait, or when no sandbox frees
/// up within <see cref="HttpApiOptions.MaxQueueWaitMs"/>. With <c>Accept: text/event-stream</c> it answers the
/// output as it is written, then the result, as Server-Sent Events (<see cref="ExecutionEventStream"/>).
/// </summary>
public sealed class ExecuteFunction(ExecutionQueue queue, HttpProblems problems, IOptions<HttpApiOptions> options)
{
    [Function(nameof(Execute))]
    public Task<IActionResult> Execute(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "execute")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var body = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
            var executionRequest = ExecutionRequestReader.Read(RequestBody.DecodeUtf8(body));
            if (ExecutionEventStream.IsAccepted(request))
            {
                return await queue.StreamAsync(executionRequest, problems, cancellationToken);
            }

            var result = await queue.RunAsync(executionRequest, cancellationToken);
            return ApiResponse.Json(StatusCodes.Status200OK, result);
        });
}
