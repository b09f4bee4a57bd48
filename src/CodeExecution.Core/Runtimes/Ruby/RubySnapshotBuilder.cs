using System.Security.Cryptography;
using System.Text;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Ruby;

/// <summary>
/// Builds the <see cref="RubySnapshot"/>: starts <c>ruby+stdlib.wasm</c> (<see cref="RubyInterpreter.Start"/>) and
/// bakes its memory into the module (<see cref="WasmSnapshotBaker"/>), densely: its 56 MB from the stack's top to the
/// heap's end hold only 20 MB that are not zero, too thin for Wasmtime to map copy-on-write otherwise (an execution
/// then spent over 100 ms copying it in). Kept, compiled, in the precompiled-module store.
/// </summary>
/// <remarks>
/// Baking runs with clocks that read zero and randomness that is all zeros, so a snapshot is a pure function of its
/// inputs (the module, the prelude, the arguments, this baker) and its cache key hashes them all. So every execution
/// shares Ruby's string-hash seed; the prelude reseeds <c>rand</c> for each execution. The module's mutable globals
/// are the shadow-stack pointer and Asyncify's state and buffer (Ruby unwinds and rewinds with Asyncify for
/// setjmp/longjmp and fibers): the snapshot is taken between calls, when the stack pointer is back where it started
/// and Asyncify's state is normal (checked with <c>asyncify_get_state</c>); the buffer is only read while unwinding
/// or rewinding, each of which sets it first.
/// </remarks>
internal sealed class RubySnapshotBuilder(SandboxEngine engine, IPrecompiledModuleStore? store)
{
    /// <summary>Bump when baking changes in a way the inputs' hash does not show.</summary>
    private const string BakerVersion = "ruby-snapshot-v2";

    private const string Wasi = "wasi_snapshot_preview1";

    /// <summary>The store key: runtime, the module's sha256, a hash of the baking inputs, and the engine fingerprint.</summary>
    public static string SnapshotKey(RuntimeDescriptor runtime, string fingerprint)
    {
        var inputs = SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{BakerVersion}\n{runtime.Sha256}\n{string.Join('\0', RubyInterpreter.Args)}\n{RubyInterpreter.Prelude}\n"));
        return $"{runtime.Name}-snapshot-{runtime.Sha256[..16]}-{Convert.ToHexStringLower(inputs)[..16]}-{fingerprint}";
    }

    /// <summary>The snapshot, loaded from the store or baked from <paramref name="baseModule"/> (and stored).</summary>
    public async Task<RubySnapshot> BuildAsync(RuntimeDescriptor runtime, Module baseModule, Func<byte[]> readWasm, CancellationToken cancellationToken)
    {
        var module = await new BakedModuleCache(engine, store).GetOrBakeAsync(
            SnapshotKey(runtime, engine.CompiledFingerprint),
            "ruby-snapshot",
            () => WasmSnapshotBaker.Bake(readWasm(), Start(baseModule), dense: true),
            cancellationToken);
        return RubySnapshot.Of(module);
    }

    /// <summary>Starts Ruby and evaluates the prelude; its memory at that point.</summary>
    private byte[] Start(Module baseModule)
    {
        using var linker = new Linker(engine.Engine);
        linker.DefineWasi();
        BakedModuleCache.DefineDeterministicWasi(linker);
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "proc_exit", (int status) => throw new GuestExitException(status));
        linker.AllowShadowing = false;
        RubyHostImports.Define(linker, baseModule);

        var stderr = new StringBuilder();
        using var store = engine.Unmetered(new Store(engine.Engine));
        store.SetWasiConfiguration(new WasiConfiguration()
            .WithArgs(RubyInterpreter.Args)
            .WithStandardErrorCallback(data => stderr.Append(Encoding.UTF8.GetString(data))));
        store.SetEpochDeadline(1_000_000);
        Memory? memory = null;
        var asyncifyState = -1;
        var termination = GuestTermination.Of(() =>
        {
            var instance = linker.Instantiate(store, baseModule);
            memory = instance.GetMemory("memory");
            RubyInterpreter.Start(instance);
            asyncifyState = instance.GetFunction<int>("asyncify_get_state")!();
        });

        if (termination != GuestTermination.Exited(0) || memory is null)
        {
            throw new InvalidOperationException(
                $"Ruby did not start while baking its snapshot ({termination.Trap?.Message ?? $"exit code {termination.ExitCode}"}): {stderr}");
        }

        if (asyncifyState != 0)
        {
            throw new InvalidOperationException($"Ruby was left mid-unwind (Asyncify state {asyncifyState}) after starting; it cannot be snapshotted there.");
        }

        return memory.GetSpan(0, checked((int)memory.GetLength())).ToArray();
    }
}
