using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>/api/mcp</c>: the <c>run_code</c> and <c>languages</c> tools for remote AI agents over the Model Context
/// Protocol's streamable HTTP transport (<see cref="McpEndpoint"/>), with a function key.
/// </summary>
public sealed class McpFunction(ExecutorHost host, McpEndpoint endpoint)
{
    [Function(nameof(Mcp))]
    public async Task<IActionResult> Mcp(
        [HttpTrigger(AuthorizationLevel.Function, "post", "get", "delete", Route = "mcp")] HttpRequest request)
    {
        // The tools run on the executor: its runtimes are loaded before the SDK answers anything.
        await host.GetReadyAsync(request.HttpContext.RequestAborted);
        await endpoint.HandleAsync(request.HttpContext);
        return new EmptyResult();
    }
}
