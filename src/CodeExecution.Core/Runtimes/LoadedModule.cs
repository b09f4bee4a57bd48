using Wasmtime;

namespace CodeExecution.Core.Runtimes;

/// <summary>A compiled runtime module and where it came from.</summary>
public sealed record LoadedModule(RuntimeDescriptor Runtime, Module Module, ModuleSource Source, string Origin, TimeSpan LoadTime);

/// <summary>How a module was obtained at start-up.</summary>
public enum ModuleSource
{
    /// <summary>Deserialized from a verified precompiled artifact.</summary>
    Precompiled,

    /// <summary>Compiled from the verified <c>.wasm</c> (and the artifact stored for next time).</summary>
    Compiled,
}
