using CodeExecution.Core.Model;
using CodeExecution.Storage;

namespace CodeExecution.Functions.Http;

/// <summary><c>POST /api/execute/batch</c>: one result per request, in order.</summary>
public sealed record BatchResponse(IReadOnlyList<ExecutionResult> Results);

/// <summary><c>GET /api/languages</c>: every language the service knows, available or not.</summary>
public sealed record LanguagesResponse(IReadOnlyList<EnvironmentInfo> Languages);

/// <summary><c>GET /api/health</c>.</summary>
public sealed record HealthReport
{
    /// <summary>"healthy", "degraded" (storage unreachable or no runtime available) or "starting".</summary>
    public required string Status { get; init; }

    public bool RuntimesLoaded { get; init; }

    public int MaxConcurrency { get; init; }

    public int Running { get; init; }

    /// <summary>Per language: runtime, version, whether it is available and where its module came from.</summary>
    public IReadOnlyList<EnvironmentInfo> Runtimes { get; init; } = [];

    /// <summary>Where precompiled modules are kept.</summary>
    public string ModuleStore { get; init; } = "";

    public required StorageHealth Storage { get; init; }
}
