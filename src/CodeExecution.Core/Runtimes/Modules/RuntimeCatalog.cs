using System.Security.Cryptography;

namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>
/// The manifest plus the folders its files are found in: the build output's <c>runtimes/</c> folder,
/// or the repository's <c>node_modules</c> next to it.
/// </summary>
public sealed class RuntimeCatalog
{
    private readonly IReadOnlyList<string> _searchRoots;

    private RuntimeCatalog(string directory, RuntimeManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
        _searchRoots = [directory, Path.GetFullPath(Path.Combine(directory, "..", "node_modules"))];
    }

    /// <summary>The folder holding <c>manifest.json</c>.</summary>
    public string Directory { get; }

    public RuntimeManifest Manifest { get; }

    /// <summary>Loads the manifest from <paramref name="directory"/>, or from the app's own <c>runtimes/</c> folder.</summary>
    public static RuntimeCatalog Load(string? directory = null)
    {
        directory = Path.GetFullPath(directory ?? Path.Combine(AppContext.BaseDirectory, "runtimes"));
        var manifestPath = Path.Combine(directory, RuntimeManifest.FileName);
        if (!System.IO.File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"No runtime manifest at {manifestPath}. Build the project (it runs npm ci) or set the runtimes directory.", manifestPath);
        }

        return new RuntimeCatalog(directory, RuntimeManifest.Load(manifestPath));
    }

    /// <summary>The full path of a manifest file, or null when it is in none of the search folders.</summary>
    public string? Locate(string relativeFile) =>
        _searchRoots.Select(root => Path.Combine(root, relativeFile)).FirstOrDefault(System.IO.File.Exists);

    /// <summary>Reads a file named in the manifest and checks its sha256; throws when it is missing or differs.</summary>
    public byte[] ReadVerified(string relativeFile, string expectedSha256)
    {
        var path = Locate(relativeFile)
            ?? throw new RuntimeUnavailableException($"{relativeFile} was not found under {string.Join(" or ", _searchRoots)}; run npm ci.");
        var bytes = System.IO.File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new RuntimeUnavailableException($"{path} has sha256 {actual}, but the manifest pins {expectedSha256}; refusing to load it.");
        }

        return bytes;
    }

    /// <summary>Reads a self-test program from the <c>runtimes/</c> folder.</summary>
    public string ReadSelfTest(RuntimeSelfTest selfTest) =>
        System.IO.File.ReadAllText(Path.Combine(Directory, selfTest.File));
}
