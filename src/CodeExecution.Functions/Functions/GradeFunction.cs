using CodeExecution.Core.Serialization;
using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>POST /api/grade</c> with a <c>GradingRequest</c>: runs the program once per test, within the instance's
/// concurrency, and answers each test's verdict and the summary (see <c>Grader</c>). A request that cannot be graded
/// is a 400 naming the field; it is answered 429 when the instance's wait queue is already full, as a batch is.
/// </summary>
public sealed class GradeFunction(ExecutionQueue queue, HttpProblems problems, IOptions<HttpApiOptions> options)
{
    [Function(nameof(Grade))]
    public Task<IActionResult> Grade(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "grade")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var body = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
            var grading = ExecutionRequestReader.ReadGrading(RequestBody.DecodeUtf8(body));
            var executor = await queue.AdmitManyAsync(cancellationToken);
            return ApiResponse.Json(StatusCodes.Status200OK, await executor.GradeAsync(grading, cancellationToken));
        });
}
