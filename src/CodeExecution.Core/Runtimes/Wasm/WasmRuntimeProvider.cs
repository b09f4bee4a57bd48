using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes.Wasm;

/// <summary>Makes the <see cref="WasmRuntime"/>: with no manifest module of its own, it is a built-in runtime.</summary>
public sealed class WasmRuntimeProvider : IBuiltInRuntimeProvider
{
    public ExecutionLanguage Language => ExecutionLanguage.Wasm;

    public ILanguageRuntime Create(BuiltInRuntimeContext context)
    {
        var options = context.Options.Wasm;
        var engines = new WasmEngines(
            countsInstructions => new SandboxEngine(
                context.MaxLiveInstances, context.Options.ScratchDirectory, countsInstructions, baselineCompiler: options.Compiler == WasmCompiler.Winch),
            options.CompiledModuleCacheBytes);
        return new WasmRuntime(engines, options.Compiler);
    }
}
