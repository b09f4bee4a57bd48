using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>
/// Start-up images (memory snapshots baked into a module with <see cref="WasmSnapshotBaker"/>) kept compiled in the
/// precompiled-module store: loaded when an intact artifact made by this engine build is there, otherwise baked,
/// compiled and stored for the next process.
/// </summary>
/// <remarks>
/// A bake must be a pure function of what its key hashes: run it with <see cref="DefineDeterministicWasi"/>, so
/// clocks read zero and randomness is all zeros; the runtime reseeds what it needs after each execution starts.
/// </remarks>
internal sealed class BakedModuleCache(SandboxEngine engine, IPrecompiledModuleStore? store)
{
    private const string Wasi = "wasi_snapshot_preview1";

    /// <summary>The module stored under <paramref name="key"/>, or the one <paramref name="bake"/> makes (then stored there).</summary>
    public async Task<Module> GetOrBakeAsync(string key, string name, Func<byte[]> bake, CancellationToken cancellationToken)
    {
        if (store is not null && await store.TryGetAsync(key, cancellationToken) is { } artifact && artifact.IsIntact())
        {
            try
            {
                return Module.Deserialize(engine.Engine, name, artifact.Bytes);
            }
            catch (WasmtimeException)
            {
                // Made by another engine build: bake it again below.
            }
        }

        var module = Module.FromBytes(engine.Engine, name, bake());
        if (store is not null)
        {
            await store.PutAsync(key, PrecompiledArtifact.From(module.Serialize()), cancellationToken);
        }

        return module;
    }

    /// <summary>Shadows WASI's clock and randomness on a bake's linker (which already has WASI defined): zero time, zero bytes.</summary>
    public static void DefineDeterministicWasi(Linker linker)
    {
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "clock_time_get", (Caller caller, int clock, long precision, int result) =>
        {
            caller.GetMemory("memory")!.WriteInt64(result, 0);
            return 0;
        });
        linker.DefineFunction(Wasi, "random_get", (Caller caller, int buffer, int length) =>
        {
            caller.GetMemory("memory")!.GetSpan(buffer, length).Clear();
            return 0;
        });
        linker.AllowShadowing = false;
    }
}
