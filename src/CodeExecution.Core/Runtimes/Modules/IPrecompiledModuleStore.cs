namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>
/// Where precompiled modules are kept between processes (a local folder for the CLI, Blob storage for the
/// Functions app). Keys already include the runtime's sha256 and the engine fingerprint.
/// </summary>
public interface IPrecompiledModuleStore
{
    /// <summary>Says where artifacts live, for logs and health reports.</summary>
    string Description { get; }

    Task<PrecompiledArtifact?> TryGetAsync(string key, CancellationToken cancellationToken);

    Task PutAsync(string key, PrecompiledArtifact artifact, CancellationToken cancellationToken);
}
