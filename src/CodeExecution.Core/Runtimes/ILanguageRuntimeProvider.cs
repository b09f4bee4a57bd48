namespace CodeExecution.Core.Runtimes;

/// <summary>
/// Makes the language runtimes of one manifest entry (by its name) from its loaded module: what a runtime folder
/// registers in <see cref="LanguageRuntimeRegistry.Default"/>.
/// </summary>
/// <remarks>
/// A language whose start-up image cannot be baked starts cold, and says why in its environment; one that cannot
/// run at all is returned as an <see cref="UnavailableRuntime"/>, so the provider's other languages still serve.
/// </remarks>
public interface ILanguageRuntimeProvider
{
    /// <summary>The manifest's runtime name, e.g. <c>python</c>.</summary>
    string RuntimeName { get; }

    Task<IReadOnlyList<ILanguageRuntime>> CreateAsync(RuntimeBuildContext context, CancellationToken cancellationToken);
}
