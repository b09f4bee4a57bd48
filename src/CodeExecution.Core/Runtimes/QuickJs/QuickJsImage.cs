using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// What a QuickJS execution instantiates: a baked image (the VM ready, its scripts evaluated), or, when baking
/// failed, <c>quickjs.wasm</c> itself with the scripts each execution evaluates first (a cold start).
/// </summary>
internal sealed record QuickJsImage(Module Module, IReadOnlyList<QuickJsImageScript>? ColdStartScripts = null)
{
    /// <summary>
    /// The global a baked image sets when QuickJS throws its out-of-memory error (<c>JS_ThrowOutOfMemory</c>, which
    /// runs when its allocator refuses: over its limit or the store's); added by <see cref="QuickJsImageBuilder"/>.
    /// </summary>
    public const string OutOfMemoryFlag = "codeexec_out_of_memory";

    public bool IsBaked => ColdStartScripts is null;

    /// <summary>The linear memory an instance starts with (the baked heap, for a baked image).</summary>
    public long MemoryBytes { get; } = Module.Exports.OfType<MemoryExport>().Sum(memory => memory.Minimum * 65536L);

    /// <summary>A new instance in <paramref name="store"/>, ready to run a program.</summary>
    public QuickJsInstance Instantiate(Linker linker, Store store)
    {
        var instance = linker.Instantiate(store, Module);
        return ColdStartScripts is { } scripts ? QuickJsImageBuilder.Start(instance, scripts) : new QuickJsInstance(instance);
    }

    /// <summary>Whether QuickJS's allocator refused memory in this instance (never known for a cold start).</summary>
    public bool AllocatorRefused(QuickJsInstance guest) =>
        guest.Instance.GetGlobal(OutOfMemoryFlag)?.GetValue() is int flag && flag != 0;
}
