using CodeExecution.Core.Model;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// Makes a language runtime that needs no module of the manifest, because it runs the module each request brings
/// (<c>wasm</c>): what such a runtime folder registers in <see cref="LanguageRuntimeRegistry.Default"/>. It is made
/// for every executor that serves its language, and reports its environment as the manifest's runtimes do.
/// </summary>
public interface IBuiltInRuntimeProvider
{
    ExecutionLanguage Language { get; }

    ILanguageRuntime Create(BuiltInRuntimeContext context);
}

/// <summary>What a <see cref="IBuiltInRuntimeProvider"/> builds from: the executor's options and the sizes of its engines.</summary>
/// <param name="MaxLiveInstances">Instances an engine of the runtime's own may hold at once (see <see cref="Sandbox.SandboxEngine"/>).</param>
/// <param name="Options">The executor's options.</param>
public sealed record BuiltInRuntimeContext(int MaxLiveInstances, CodeExecutorOptions Options);
