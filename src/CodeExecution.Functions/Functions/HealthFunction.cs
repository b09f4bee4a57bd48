using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Functions.Http;
using CodeExecution.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeExecution.Functions.Functions;

/// <summary><c>GET /api/health</c> (anonymous): which runtimes are loaded and from where, and whether storage answers. 503 unless healthy.</summary>
public sealed class HealthFunction(ExecutorHost host, StorageHealthProbe storage, IPrecompiledModuleStore moduleStore, HttpProblems problems)
{
    [Function(nameof(Health))]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var executor = host.Executor;
            var storageHealth = await storage.CheckAsync(cancellationToken);
            var runtimes = Enum.GetValues<ExecutionLanguage>().Select(executor.GetEnvironmentInfo).ToList();
            var status = !executor.IsInitialized ? "starting"
                : storageHealth.Reachable && runtimes.Any(runtime => runtime.Available) ? "healthy"
                : "degraded";
            var report = new HealthReport
            {
                Status = status,
                RuntimesLoaded = executor.IsInitialized,
                MaxConcurrency = executor.MaxConcurrency,
                Running = executor.Running,
                Runtimes = runtimes,
                ModuleStore = moduleStore.Description,
                Storage = storageHealth,
            };
            return ApiResponse.Json(status == "healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, report);
        });
}
