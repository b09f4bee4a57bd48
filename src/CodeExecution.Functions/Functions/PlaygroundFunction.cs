using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>GET /api/playground</c>: a page to write a program, run it, and watch its output arrive (see
/// <c>Playground/playground.js</c>); <c>GET /api/playground/{file}</c> serves its script and style sheet. Anonymous,
/// as the page holds no secret: the function key it sends comes from the address's fragment or a field.
/// </summary>
public sealed class PlaygroundFunction(HttpProblems problems)
{
    [Function(nameof(Playground))]
    public Task<IActionResult> Playground(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "playground/{file?}")] HttpRequest request, string? file) =>
        problems.RunAsync(request, _ => Task.FromResult<IActionResult>(PlaygroundFiles.Find(file ?? PlaygroundFiles.Page)
            ?? throw new RequestRefusedException(RequestRefusal.UnknownFile, $"The playground has no file {file}; it has {string.Join(", ", PlaygroundFiles.Names)}.", "file")));
}
