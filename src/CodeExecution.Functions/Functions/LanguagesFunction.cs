using CodeExecution.Core.Model;
using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeExecution.Functions.Functions;

/// <summary><c>GET /api/languages</c> and <c>GET /api/languages/{language}</c>: runtime, version and availability.</summary>
public sealed class LanguagesFunction(ExecutorHost host, HttpProblems problems)
{
    [Function(nameof(ListLanguages))]
    public Task<IActionResult> ListLanguages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "languages")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var executor = await host.GetReadyAsync(cancellationToken);
            var languages = Enum.GetValues<ExecutionLanguage>().Select(executor.GetEnvironmentInfo).ToList();
            return ApiResponse.Json(StatusCodes.Status200OK, new LanguagesResponse(languages));
        });

    [Function(nameof(GetLanguage))]
    public Task<IActionResult> GetLanguage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "languages/{language}")] HttpRequest request,
        string language) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            if (!ExecutionLanguageNames.TryParse(language, out var known))
            {
                throw new RequestRefusedException(RequestRefusal.UnknownLanguage, ExecutionLanguageNames.UnsupportedMessage(language), "language");
            }

            var executor = await host.GetReadyAsync(cancellationToken);
            return ApiResponse.Json(StatusCodes.Status200OK, executor.GetEnvironmentInfo(known.Value));
        });
}
