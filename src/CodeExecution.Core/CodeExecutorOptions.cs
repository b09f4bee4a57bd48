using System.ComponentModel.DataAnnotations;
using CodeExecution.Core.Model;
using CodeExecution.Core.Policy;

namespace CodeExecution.Core;

/// <summary>How an executor is set up; bound from the <c>CodeExecution</c> configuration section.</summary>
public sealed record CodeExecutorOptions
{
    public const string SectionName = "CodeExecution";

    /// <summary>Folder with <c>manifest.json</c>; null for the app's own <c>runtimes/</c> folder.</summary>
    public string? RuntimesDirectory { get; init; }

    /// <summary>Folder for precompiled modules when no other store is given; null for the per-user cache.</summary>
    public string? ModuleCacheDirectory { get; init; }

    /// <summary>
    /// Where runs keep their files while they run (a program's <c>/sandbox</c>, its stdin), in a private folder made
    /// at start and deleted at the end; null to choose: <c>/dev/shm</c> (memory) when it has room for every run's full
    /// quota twice over, else the system's temporary folder.
    /// </summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>Executions that run at the same time; more wait their turn. Defaults to the processor count.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The languages to load runtimes for; null for every runtime in the manifest. A runtime is loaded (and its
    /// images baked) only when it serves one of them, so a one-off run pays for its own language only.
    /// </summary>
    public IReadOnlyList<ExecutionLanguage>? Languages { get; init; }

    /// <summary>Limits for requests that leave them out; validated against the seed's ranges at start.</summary>
    public ExecutionLimits? DefaultLimits { get; init; }

    public PatternPolicyOptions Policy { get; init; } = new();

    /// <summary>How users' own modules (<c>wasm</c> programs) are compiled and kept.</summary>
    public Runtimes.Wasm.WasmOptions Wasm { get; init; } = new();

    /// <summary>How programs reach the network when a request allows it (<c>limits.allowNetwork</c> with <c>network.allow</c>).</summary>
    public Network.NetworkOptions Network { get; init; } = new();
}
