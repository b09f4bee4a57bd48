using System.Security.Cryptography;
using System.Text;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// Builds a QuickJS image: <c>quickjs.wasm</c> with its memory baked to the state after <c>qjs_init</c> and the
/// given scripts (the prelude, and for TypeScript the transpiler), so an execution starts from a clean,
/// ready VM by instantiating it, which also flags QuickJS's out-of-memory errors (<see cref="QuickJsImage.OutOfMemoryFlag"/>).
/// Images are compiled once and kept in the precompiled-module store.
/// </summary>
/// <remarks>
/// Baking runs with a clock that reads zero and randomness that is all zeros, so an image is a pure function of
/// its inputs; its cache key hashes them all. The prelude reseeds <c>Math.random</c> for every execution.
/// </remarks>
internal sealed class QuickJsImageBuilder(SandboxEngine engine, IPrecompiledModuleStore? store)
{
    /// <summary>Bump when baking changes in a way the inputs' hash does not show.</summary>
    private const string BakerVersion = "quickjs-image-v3";

    /// <summary>The store key: runtime, image, the runtime's sha256, a hash of the baking inputs, and the engine fingerprint.</summary>
    public static string ImageKey(RuntimeDescriptor runtime, string imageName, IReadOnlyList<QuickJsImageScript> scripts, string fingerprint)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{BakerVersion}\n{runtime.Sha256}\n"));
        foreach (var (name, source) in scripts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}\n{source.Length}\n{source}\n"));
        }

        var inputs = Convert.ToHexStringLower(hash.GetHashAndReset());
        return $"{runtime.Name}-{imageName}-{runtime.Sha256[..16]}-{inputs[..16]}-{fingerprint}";
    }

    public async Task<Module> BuildAsync(
        RuntimeDescriptor runtime, string imageName, Module baseModule, Func<byte[]> readWasm,
        IReadOnlyList<QuickJsImageScript> scripts, CancellationToken cancellationToken)
    {
        return await new BakedModuleCache(engine, store).GetOrBakeAsync(
            ImageKey(runtime, imageName, scripts, engine.CompiledFingerprint),
            $"{runtime.Name}-{imageName}",
            () => WasmSnapshotBaker.Bake(
                WasmCallFlag.Add(readWasm(), "JS_ThrowOutOfMemory", QuickJsImage.OutOfMemoryFlag), Snapshot(baseModule, scripts)),
            cancellationToken);
    }

    /// <summary>
    /// Brings a fresh instance of <c>quickjs.wasm</c> to the state every image holds: initialized, the host functions
    /// in place, and <paramref name="scripts"/> evaluated. Baking snapshots this; a cold start does it in its own store.
    /// </summary>
    public static QuickJsInstance Start(Instance instance, IReadOnlyList<QuickJsImageScript> scripts)
    {
        instance.GetAction("_initialize")!();
        var status = instance.GetFunction<int>("qjs_init")!();
        if (status != 0)
        {
            throw new InvalidOperationException($"qjs_init failed with {status}.");
        }

        var guest = new QuickJsInstance(instance);
        var host = guest.NewObject();
        foreach (var (name, arity) in QuickJsExecution.HostFunctions)
        {
            var function = guest.NewHostFunction(name, arity);
            guest.SetProperty(host, name, function);
            guest.FreeValue(function);
        }

        var global = guest.Global();
        guest.SetProperty(global, "__codeexec_host", host);
        guest.FreeValue(host);
        guest.FreeValue(global);
        foreach (var (name, source) in scripts)
        {
            var result = guest.Eval(source, name, 0);
            if (guest.IsException(result))
            {
                var error = guest.TakeException();
                var stack = guest.GetProperty(error, "stack");
                throw new InvalidOperationException($"Evaluating {name} failed: {guest.ToText(error)}\n{guest.ToText(stack)}");
            }

            guest.FreeValue(result);
        }

        return guest;
    }

    private byte[] Snapshot(Module baseModule, IReadOnlyList<QuickJsImageScript> scripts)
    {
        using var linker = new Linker(engine.Engine);
        linker.DefineWasi();
        BakedModuleCache.DefineDeterministicWasi(linker);
        QuickJsHostImports.Define(linker);

        using var bakeStore = engine.Unmetered(new Store(engine.Engine));
        bakeStore.SetWasiConfiguration(new WasiConfiguration());
        bakeStore.SetEpochDeadline(1_000_000);
        var instance = linker.Instantiate(bakeStore, baseModule);
        var stackPointer = instance.GetGlobal("__stack_pointer") ?? throw new InvalidOperationException("quickjs.wasm does not export __stack_pointer.");
        var initialStackPointer = stackPointer.GetValue();
        var guest = Start(instance, scripts);
        instance.GetAction("qjs_run_gc")!();
        if (!Equals(stackPointer.GetValue(), initialStackPointer))
        {
            throw new InvalidOperationException("The shadow stack pointer moved during baking; the snapshot would not be consistent.");
        }

        return guest.Memory.GetSpan(0, checked((int)guest.Memory.GetLength())).ToArray();
    }
}
