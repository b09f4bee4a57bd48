using System.Collections.Concurrent;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;

namespace CodeExecution.Storage.Runtimes;

/// <summary>
/// Wraps the store the app uses and notes every key the runtimes' load asks for, what it found, and what it had to
/// store. Read-only, it writes nothing: a put then means "the app would have to rebuild this artifact".
/// </summary>
internal sealed class RecordingModuleStore(IPrecompiledModuleStore inner, bool readOnly) : IPrecompiledModuleStore
{
    private readonly ConcurrentDictionary<string, ArtifactState> _keys = new();

    public string Description => inner.Description;

    /// <summary>Every key asked for, in the order first asked, with what became of it.</summary>
    public IReadOnlyDictionary<string, ArtifactState> Keys => _keys;

    public async Task<PrecompiledArtifact?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var artifact = await inner.TryGetAsync(key, cancellationToken);
        _keys[key] = artifact is null ? ArtifactState.Missing : artifact.IsIntact() ? ArtifactState.Present : ArtifactState.HashMismatch;
        return artifact;
    }

    public async Task PutAsync(string key, PrecompiledArtifact artifact, CancellationToken cancellationToken)
    {
        // Asked for, found intact, and still rebuilt: the engine could not deserialize it.
        var before = _keys.GetValueOrDefault(key, ArtifactState.Missing);
        _keys[key] = readOnly
            ? before == ArtifactState.Present ? ArtifactState.NotLoadable : before
            : ArtifactState.Uploaded;
        if (!readOnly)
        {
            await inner.PutAsync(key, artifact, cancellationToken);
        }
    }
}
