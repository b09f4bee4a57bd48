using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// What a QuickJS execution instantiates: a baked image (the VM ready, its scripts evaluated), or, when baking
/// failed, <c>quickjs.wasm</c> itself with the scripts each execution evaluates first (a cold start).
/// </summary>
internal sealed record QuickJsImage(Module Module, IReadOnlyList<QuickJsImageScript>? ColdStartScripts = null)
{
    public bool IsBaked => ColdStartScripts is null;

    /// <summary>A new instance in <paramref name="store"/>, ready to run a program.</summary>
    public QuickJsInstance Instantiate(Linker linker, Store store)
    {
        var instance = linker.Instantiate(store, Module);
        return ColdStartScripts is { } scripts ? QuickJsImageBuilder.Start(instance, scripts) : new QuickJsInstance(instance);
    }
}
