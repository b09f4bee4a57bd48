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

    /// <summary>Executions that run at the same time; more wait their turn. Defaults to the processor count.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Python interpreters kept started ahead of requests, each used for one execution and replaced in the
    /// background; 0 starts one per request. Null for <see cref="MaxConcurrency"/>.
    /// </summary>
    [Range(0, 256)]
    public int? PythonPoolSize { get; init; }

    /// <summary>Limits for requests that leave them out; validated against the seed's ranges at start.</summary>
    public ExecutionLimits? DefaultLimits { get; init; }

    public PatternPolicyOptions Policy { get; init; } = new();
}
