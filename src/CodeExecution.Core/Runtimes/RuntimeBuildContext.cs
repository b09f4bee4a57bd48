using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// What a <see cref="ILanguageRuntimeProvider"/> builds from: the engine, the manifest's files, the loaded module,
/// and the store that keeps what it bakes (images, snapshots), when there is one.
/// </summary>
public sealed record RuntimeBuildContext(SandboxEngine Engine, RuntimeCatalog Catalog, LoadedModule Module, IPrecompiledModuleStore? Store);
