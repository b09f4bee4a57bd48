using System.Security.Cryptography;
using System.Text;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// Builds the <see cref="PythonSnapshot"/>: starts <c>python.wasm</c> with the bootstrap (<c>_initialize</c>, then
/// <c>codeexec_initialize</c>, which returns once the bootstrap has prepared) and bakes its memory into the module
/// (<see cref="WasmSnapshotBaker"/>). Kept, compiled, in the precompiled-module store.
/// </summary>
/// <remarks>
/// Baking runs with clocks that read zero and randomness that is all zeros, so a snapshot is a pure function of
/// its inputs (the module, the standard library, the bootstrap, this baker) and its cache key hashes them all. So
/// every execution shares CPython's string-hash key (as with a fixed <c>PYTHONHASHSEED</c>); the bootstrap reseeds
/// everything else random for each execution. The snapshot is taken between calls, when the shadow-stack pointer
/// (the module's only mutable global) is back where it started.
/// </remarks>
internal sealed class PythonSnapshotBuilder(SandboxEngine engine, IPrecompiledModuleStore? store, PythonRoot root)
{
    /// <summary>Bump when baking changes in a way the inputs' hash does not show.</summary>
    private const string BakerVersion = "python-snapshot-v3";

    private const string Wasi = "wasi_snapshot_preview1";

    /// <summary>The store key: runtime, the module's sha256, a hash of the baking inputs, and the engine fingerprint.</summary>
    public static string SnapshotKey(RuntimeDescriptor runtime, string standardLibrarySha256, string fingerprint)
    {
        var inputs = SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{BakerVersion}\n{runtime.Sha256}\n{standardLibrarySha256}\n{string.Join('\0', PythonBootstrap.Args)}\n"));
        return $"{runtime.Name}-snapshot-{runtime.Sha256[..16]}-{Convert.ToHexStringLower(inputs)[..16]}-{fingerprint}";
    }

    /// <summary>The snapshot, loaded from the store or baked from <paramref name="baseModule"/> (and stored).</summary>
    public async Task<PythonSnapshot> BuildAsync(RuntimeDescriptor runtime, Module baseModule, Func<byte[]> readWasm, CancellationToken cancellationToken)
    {
        var module = await new BakedModuleCache(engine, store).GetOrBakeAsync(
            SnapshotKey(runtime, root.StandardLibrarySha256, engine.CompiledFingerprint),
            "python-snapshot",
            () => WasmSnapshotBaker.Bake(readWasm(), StartAndPrepare(baseModule)),
            cancellationToken);
        return PythonSnapshot.Of(module);
    }

    /// <summary>Starts CPython and runs the bootstrap's preparations; its memory at that point.</summary>
    private byte[] StartAndPrepare(Module baseModule)
    {
        if (!baseModule.Exports.Any(export => export.Name == "codeexec_initialize"))
        {
            throw new InvalidOperationException("python.wasm has no codeexec_initialize entry point to start it before a request.");
        }

        using var linker = new Linker(engine.Engine);
        linker.DefineWasi();
        BakedModuleCache.DefineDeterministicWasi(linker);
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "proc_exit", (int status) => throw new GuestExitException(status));
        linker.AllowShadowing = false;
        // Imported, never called while baking: the bootstrap makes no request (one would trap, with no session).
        PythonNetworkImports.Define(linker);

        var stderr = new StringBuilder();
        using var store = engine.Unmetered(new Store(engine.Engine));
        store.SetWasiConfiguration(new WasiConfiguration()
            .WithArgs(PythonBootstrap.Args)
            .WithPreopenedDirectory(root.Directory.HostPath, root.Directory.GuestPath, mutable: false)
            .WithStandardErrorCallback(data => stderr.Append(Encoding.UTF8.GetString(data))));
        store.SetEpochDeadline(1_000_000);
        Memory? memory = null;
        var status = -1;
        var termination = GuestTermination.Of(() =>
        {
            var instance = linker.Instantiate(store, baseModule);
            memory = instance.GetMemory("memory");
            instance.GetAction("_initialize")!();
            status = instance.GetFunction<int>("codeexec_initialize")!();
        });

        if (termination != GuestTermination.Exited(0) || status != 0 || memory is null)
        {
            throw new InvalidOperationException(
                $"CPython did not start and prepare while baking its snapshot ({termination.Trap?.Message ?? $"exit code {termination.ExitCode}, status {status}"}): {stderr}");
        }

        return memory.GetSpan(0, checked((int)memory.GetLength())).ToArray();
    }
}
