using System.Text;
using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeExecution.Functions.Functions;

/// <summary><c>GET /api/openapi.json</c>: the API as an OpenAPI 3.1 document (<see cref="ApiDescription"/>).</summary>
public sealed class OpenApiFunction
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(ApiDescription.Json);

    [Function(nameof(OpenApi))]
    public Task<IActionResult> OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        Task.FromResult<IActionResult>(new ApiResponse(StatusCodes.Status200OK, "application/json; charset=utf-8", Body));
}
