namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>Precompiled modules in a local folder: <c>KEY.cwasm</c> beside <c>KEY.cwasm.sha256</c>.</summary>
public sealed class DiskPrecompiledModuleStore(string directory) : IPrecompiledModuleStore
{
    public string Directory { get; } = directory;

    public string Description => $"disk cache {Directory}";

    /// <summary>The per-user cache folder the CLI uses by default.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create) is { Length: > 0 } local
            ? local
            : Path.GetTempPath(), "codeexec", "modules");

    public string ArtifactPath(string key) => Path.Combine(Directory, key + ".cwasm");

    public async Task<PrecompiledArtifact?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var path = ArtifactPath(key);
        var hashPath = path + ".sha256";
        if (!File.Exists(path) || !File.Exists(hashPath))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var sha256 = (await File.ReadAllTextAsync(hashPath, cancellationToken)).Trim();
        return new PrecompiledArtifact(bytes, sha256);
    }

    public async Task PutAsync(string key, PrecompiledArtifact artifact, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = ArtifactPath(key);
        // Write beside, then move into place, so a concurrent reader never sees half a file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, artifact.Bytes, cancellationToken);
        await File.WriteAllTextAsync(temporary + ".sha256", artifact.Sha256, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        File.Move(temporary + ".sha256", path + ".sha256", overwrite: true);
    }
}
