using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes;

/// <summary>Builds the language runtimes a loaded module serves, by the manifest's runtime name.</summary>
public static class LanguageRuntimeFactory
{
    public static IReadOnlyList<ILanguageRuntime> Create(SandboxEngine engine, RuntimeCatalog catalog, LoadedModule module) =>
        module.Runtime.Name switch
        {
            "python" => [new PythonRuntime(engine, module)],
            _ => throw new RuntimeUnavailableException($"No language runtime is registered for '{module.Runtime.Name}'."),
        };
}
