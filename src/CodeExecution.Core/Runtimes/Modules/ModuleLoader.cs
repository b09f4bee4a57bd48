using System.Diagnostics;
using CodeExecution.Core.Sandbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>
/// Loads a runtime's module: deserializes its precompiled artifact when one exists and is intact, otherwise
/// compiles the hash-checked <c>.wasm</c> and stores the artifact for the next process.
/// </summary>
public sealed partial class ModuleLoader(SandboxEngine engine, RuntimeCatalog catalog, IPrecompiledModuleStore store, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The engine the modules are compiled for.</summary>
    public SandboxEngine Engine => engine;

    /// <summary>
    /// The artifact key: runtime name, its sha256, and the engine fingerprint (<paramref name="fingerprint"/>, the
    /// default engine's when null).
    /// </summary>
    public static string ArtifactKey(RuntimeDescriptor runtime, string? fingerprint = null) =>
        $"{runtime.Name}-{runtime.Sha256[..16]}-{fingerprint ?? SandboxEngine.Fingerprint}";

    public async Task<LoadedModule> LoadAsync(RuntimeDescriptor runtime, CancellationToken cancellationToken = default)
    {
        var key = ArtifactKey(runtime, engine.CompiledFingerprint);
        var total = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        var artifact = await store.TryGetAsync(key, cancellationToken);
        LogPhase(runtime.Name, "download", phase.Elapsed.TotalMilliseconds);

        if (artifact is not null)
        {
            phase.Restart();
            var intact = artifact.IsIntact();
            LogPhase(runtime.Name, "verify", phase.Elapsed.TotalMilliseconds);
            if (intact)
            {
                phase.Restart();
                var module = TryDeserialize(runtime, artifact);
                LogPhase(runtime.Name, "deserialize", phase.Elapsed.TotalMilliseconds);
                if (module is not null)
                {
                    return new LoadedModule(runtime, module, ModuleSource.Precompiled, store.Description, total.Elapsed);
                }
            }
            else
            {
                LogCorruptArtifact(runtime.Name, key);
            }
        }

        phase.Restart();
        var wasm = catalog.ReadVerified(runtime.File, runtime.Sha256);
        var compiled = Module.FromBytes(engine.Engine, runtime.Name, wasm);
        LogPhase(runtime.Name, "compile", phase.Elapsed.TotalMilliseconds);

        phase.Restart();
        await store.PutAsync(key, PrecompiledArtifact.From(compiled.Serialize()), cancellationToken);
        LogPhase(runtime.Name, "upload", phase.Elapsed.TotalMilliseconds);
        return new LoadedModule(runtime, compiled, ModuleSource.Compiled, catalog.Locate(runtime.File) ?? runtime.File, total.Elapsed);
    }

    private Module? TryDeserialize(RuntimeDescriptor runtime, PrecompiledArtifact artifact)
    {
        try
        {
            return Module.Deserialize(engine.Engine, runtime.Name, artifact.Bytes);
        }
        catch (WasmtimeException e)
        {
            LogIncompatibleArtifact(runtime.Name, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime {Runtime} cold start: {Phase} took {DurationMs} ms")]
    private partial void LogPhase(string runtime, string phase, double durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Precompiled artifact {Key} for {Runtime} failed its hash check; rebuilding it")]
    private partial void LogCorruptArtifact(string runtime, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Precompiled artifact for {Runtime} could not be deserialized ({Reason}); rebuilding it")]
    private partial void LogIncompatibleArtifact(string runtime, string reason);
}
