using System.Security.Cryptography;
using System.Text;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// Builds the <see cref="PythonSnapshot"/>: runs the asyncified <c>python.wasm</c> with the bootstrap and no request
/// until its first read of stdin, unwinds it from inside that read, and bakes its memory and stack pointer into
/// the module (<see cref="WasmSnapshotBaker"/>). Kept, compiled, in the precompiled-module store.
/// </summary>
/// <remarks>
/// Baking runs with clocks that read zero and randomness that is all zeros, so a snapshot is a pure function of
/// its inputs (the asyncified module, the bootstrap, this baker) and its cache key hashes them all. So every
/// execution shares CPython's string-hash key (as with a fixed <c>PYTHONHASHSEED</c>); the bootstrap reseeds
/// everything else random after resuming. The guest runs its own start-up code only; no request is involved.
/// </remarks>
internal sealed class PythonSnapshotBuilder(SandboxEngine engine, IPrecompiledModuleStore? store)
{
    /// <summary>Bump when baking changes in a way the inputs' hash does not show.</summary>
    private const string BakerVersion = "python-snapshot-v1";

    private const string Wasi = "wasi_snapshot_preview1";
    private const string StackPointerExport = "__codeexec_stack_pointer";

    /// <summary>python.wasm's only global: the shadow-stack pointer (clang's <c>__stack_pointer</c>).</summary>
    private const int StackPointerGlobal = 0;

    private const int ErrnoBadf = 8;

    /// <summary>The store key: runtime, the asyncified module's sha256, a hash of the baking inputs, and the engine fingerprint.</summary>
    public static string SnapshotKey(RuntimeDescriptor runtime, RuntimeAsset asyncified)
    {
        var inputs = SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{BakerVersion}\n{runtime.Sha256}\n{asyncified.Sha256}\n{string.Join('\0', PythonBootstrap.WaitingArgs)}\n"));
        return $"{runtime.Name}-snapshot-{asyncified.Sha256[..16]}-{Convert.ToHexStringLower(inputs)[..16]}-{SandboxEngine.Fingerprint}";
    }

    /// <summary>The snapshot, loaded from the store or built (and stored); null when the runtime ships no asyncified module.</summary>
    public async Task<PythonSnapshot?> BuildAsync(RuntimeDescriptor runtime, RuntimeCatalog catalog, CancellationToken cancellationToken)
    {
        if (runtime.Assets.FirstOrDefault(asset => asset.Name == PythonSnapshot.AsyncifiedAsset) is not { } asyncified)
        {
            return null;
        }

        var module = await new BakedModuleCache(engine, store).GetOrBakeAsync(SnapshotKey(runtime, asyncified), "python-snapshot", () =>
        {
            var wasm = WasmSnapshotBaker.ExportGlobal(catalog.ReadVerified(asyncified.File, asyncified.Sha256), StackPointerGlobal, StackPointerExport);
            using var resumable = Module.FromBytes(engine.Engine, "python-asyncified", wasm);
            var (memory, stackPointer) = RunToTheWait(resumable);
            return WasmSnapshotBaker.Bake(wasm, memory, new Dictionary<int, long> { [StackPointerGlobal] = stackPointer });
        }, cancellationToken);
        return PythonSnapshot.Of(module);
    }

    /// <summary>Runs start-up up to the first read of stdin and unwinds from there; the memory and stack pointer at that point.</summary>
    private (byte[] Memory, int StackPointer) RunToTheWait(Module resumable)
    {
        var unwound = false;
        using var linker = new Linker(engine.Engine);
        linker.DefineWasi();
        BakedModuleCache.DefineDeterministicWasi(linker);
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "proc_exit", (int status) => throw new GuestExitException(status));
        linker.DefineFunction(Wasi, "fd_read", (Caller caller, int fd, int iovs, int iovsLength, int readPointer) =>
        {
            if (fd != 0 || unwound)
            {
                return ErrnoBadf;
            }

            // A page at the end of memory for the saved stack: { current, end } then the data. The guest's own
            // allocator grows memory past it (sbrk always takes the pages memory.grow returns).
            var memory = caller.GetMemory("memory")!;
            var data = checked((int)(memory.Grow(1) * PythonSnapshot.AsyncifyDataBytes));
            memory.WriteInt32(data, data + 8);
            memory.WriteInt32(data + 4, data + PythonSnapshot.AsyncifyDataBytes);
            caller.GetFunction("asyncify_start_unwind")!.Invoke(data);
            unwound = true;
            return 0;
        });
        linker.AllowShadowing = false;

        var stderr = new StringBuilder();
        using var store = new Store(engine.Engine);
        store.SetWasiConfiguration(new WasiConfiguration()
            .WithArgs(PythonBootstrap.WaitingArgs)
            .WithStandardErrorCallback(data => stderr.Append(Encoding.UTF8.GetString(data))));
        store.SetEpochDeadline(1_000_000);
        Instance? instance = null;
        var termination = GuestTermination.Of(() =>
        {
            instance = linker.Instantiate(store, resumable);
            instance.GetAction("_start")!();
        });

        if (!unwound || termination != GuestTermination.Exited(0) || instance is null)
        {
            throw new InvalidOperationException(
                $"Python did not reach the wait for its request while baking its snapshot ({termination.Trap?.Message ?? $"exit code {termination.ExitCode}"}): {stderr}");
        }

        instance.GetAction("asyncify_stop_unwind")!();
        var memory = instance.GetMemory("memory")!;
        var stackPointer = (int)instance.GetGlobal(StackPointerExport)!.GetValue()!;
        return (memory.GetSpan(0, checked((int)memory.GetLength())).ToArray(), stackPointer);
    }
}
