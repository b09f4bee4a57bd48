using CodeExecution.Core.Serialization;
using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Functions;

/// <summary><c>POST /api/execute</c>: runs one request now, or answers 429 when every sandbox is busy.</summary>
public sealed class ExecuteFunction(ExecutorHost host, HttpProblems problems, IOptions<HttpApiOptions> options)
{
    [Function(nameof(Execute))]
    public Task<IActionResult> Execute(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "execute")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var body = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
            var executionRequest = ExecutionRequestReader.Read(RequestBody.DecodeUtf8(body));
            var executor = await host.GetReadyAsync(cancellationToken);
            var result = await executor.TryExecuteAsync(executionRequest, cancellationToken)
                ?? throw RequestRefusedException.Busy(executor.MaxConcurrency);
            return ApiResponse.Json(StatusCodes.Status200OK, result);
        });
}
