using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes.Wasm;

/// <summary>
/// The engines users' modules run on, each with its compiled modules: one made at start, and one that counts
/// instructions, made the first time a run asks for an instruction budget (as <see cref="CountingRuntimes"/> does for
/// the language runtimes). Their own, not the language runtimes': they compile with <see cref="WasmOptions.Compiler"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class WasmEngines : IDisposable
{
    private readonly Func<bool, SandboxEngine> _createEngine;
    private readonly long _cacheBytes;
    private readonly Lazy<(SandboxEngine Engine, CompiledModuleCache Cache)> _counting;

    /// <param name="createEngine">Makes an engine; its argument says whether it counts instructions.</param>
    /// <param name="cacheBytes">Bytes of modules each engine keeps compiled (<see cref="WasmOptions.CompiledModuleCacheBytes"/>).</param>
    public WasmEngines(Func<bool, SandboxEngine> createEngine, long cacheBytes)
    {
        _createEngine = createEngine;
        _cacheBytes = cacheBytes;
        Uncounted = (createEngine(false), new CompiledModuleCache(cacheBytes));
        _counting = new(() => (_createEngine(true), new CompiledModuleCache(_cacheBytes)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The engine for runs without an instruction budget.</summary>
    public (SandboxEngine Engine, CompiledModuleCache Cache) Uncounted { get; }

    /// <summary>The engine and cache for a run: the counting one when it has an instruction budget.</summary>
    public (SandboxEngine Engine, CompiledModuleCache Cache) For(bool countsInstructions) => countsInstructions ? _counting.Value : Uncounted;

    public void Dispose()
    {
        Uncounted.Engine.Dispose();
        if (_counting.IsValueCreated)
        {
            _counting.Value.Engine.Dispose();
        }
    }
}
