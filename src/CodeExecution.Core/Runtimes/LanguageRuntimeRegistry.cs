using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Runtimes.Python;
using CodeExecution.Core.Runtimes.QuickJs;
using CodeExecution.Core.Runtimes.Ruby;
using CodeExecution.Core.Runtimes.Wasm;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes;

/// <summary>The language runtime providers, by the manifest runtime name each serves.</summary>
public sealed class LanguageRuntimeRegistry
{
    private readonly Dictionary<string, ILanguageRuntimeProvider> _providers;

    public LanguageRuntimeRegistry(IEnumerable<ILanguageRuntimeProvider> providers, IEnumerable<IBuiltInRuntimeProvider>? builtIn = null)
    {
        _providers = providers.ToDictionary(provider => provider.RuntimeName, StringComparer.Ordinal);
        BuiltIn = [.. builtIn ?? []];
    }

    /// <summary>Every runtime this library ships. A new runtime folder adds its provider here.</summary>
    public static LanguageRuntimeRegistry Default { get; } = new(
        [
            new PythonRuntimeProvider(),
            new QuickJsRuntimeProvider(),
            new RubyRuntimeProvider(),
        ],
        builtIn: [new WasmRuntimeProvider()]);

    /// <summary>The runtimes that need no module of the manifest: made for every executor that serves their language.</summary>
    public IReadOnlyList<IBuiltInRuntimeProvider> BuiltIn { get; }

    /// <summary>
    /// The language runtimes <paramref name="module"/> serves; runtimes that bake images or snapshots keep them in
    /// <paramref name="store"/> when one is given.
    /// </summary>
    /// <exception cref="RuntimeUnavailableException">No provider is registered for the module's runtime name.</exception>
    public Task<IReadOnlyList<ILanguageRuntime>> CreateAsync(
        SandboxEngine engine, RuntimeCatalog catalog, LoadedModule module, IPrecompiledModuleStore? store, CancellationToken cancellationToken = default) =>
        _providers.TryGetValue(module.Runtime.Name, out var provider)
            ? provider.CreateAsync(new RuntimeBuildContext(engine, catalog, module, store), cancellationToken)
            : throw new RuntimeUnavailableException($"No language runtime is registered for '{module.Runtime.Name}'.");
}
