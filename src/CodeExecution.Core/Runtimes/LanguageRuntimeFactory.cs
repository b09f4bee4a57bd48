using CodeExecution.Core.Runtimes.JavaScript;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes;

/// <summary>Builds the language runtimes a loaded module serves, by the manifest's runtime name.</summary>
public static class LanguageRuntimeFactory
{
    public static IReadOnlyList<ILanguageRuntime> Create(SandboxEngine engine, RuntimeCatalog catalog, LoadedModule module) =>
        CreateAsync(engine, catalog, module, store: null).GetAwaiter().GetResult();

    /// <summary>
    /// Like <see cref="Create"/>; runtimes that derive modules of their own (QuickJS bakes its images, Python its
    /// snapshot) keep them in <paramref name="store"/> when one is given.
    /// </summary>
    public static async Task<IReadOnlyList<ILanguageRuntime>> CreateAsync(
        SandboxEngine engine, RuntimeCatalog catalog, LoadedModule module, IPrecompiledModuleStore? store, CancellationToken cancellationToken = default) =>
        module.Runtime.Name switch
        {
            "python" => [new PythonRuntime(engine, module, await new PythonSnapshotBuilder(engine, store).BuildAsync(module.Runtime, catalog, cancellationToken))],
            "quickjs" => await QuickJsRuntimes.CreateAsync(engine, catalog, module, store, cancellationToken),
            _ => throw new RuntimeUnavailableException($"No language runtime is registered for '{module.Runtime.Name}'."),
        };
}
