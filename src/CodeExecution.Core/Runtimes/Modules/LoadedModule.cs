using CodeExecution.Core.Model;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>A compiled runtime module and where it came from.</summary>
public sealed record LoadedModule(RuntimeDescriptor Runtime, Module Module, ModuleSource Source, string Origin, TimeSpan LoadTime)
{
    /// <summary>What a language served from this module reports: available, where the module came from, and how executions start.</summary>
    public EnvironmentInfo Describe(ExecutionLanguage language, string displayName, string start, string? reason = null) => new()
    {
        Language = language,
        Runtime = displayName,
        Version = Runtime.Version,
        Available = true,
        Source = $"{Source.ToString().ToLowerInvariant()}: {Origin}",
        Start = start,
        Reason = reason,
    };
}

/// <summary>How a module was obtained at start-up.</summary>
public enum ModuleSource
{
    /// <summary>Deserialized from a verified precompiled artifact.</summary>
    Precompiled,

    /// <summary>Compiled from the verified <c>.wasm</c> (and the artifact stored for next time).</summary>
    Compiled,
}
