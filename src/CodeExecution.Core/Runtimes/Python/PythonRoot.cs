using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// The file system every Python guest sees at <c>/</c>, read-only: a private host directory holding only CPython's
/// standard library where its default path finds it, <c>/usr/local/lib/python311.zip</c> (verified against the
/// manifest; modules, their sources for tracebacks, the time-zone data), and the empty
/// <c>/usr/local/lib/python3.11/lib-dynload</c> CPython looks for. Anything else is not there
/// (<c>FileNotFoundError</c>, as for a missing file natively). Deleted with the runtime.
/// </summary>
internal sealed class PythonRoot : IDisposable
{
    /// <summary>The manifest asset holding the standard library's zip.</summary>
    public const string StandardLibraryAsset = "stdlib";

    /// <summary>The interpreter's path as the guest sees it (argv[0]), from which CPython finds its prefix, <c>/usr/local</c>.</summary>
    public const string Executable = "/usr/local/bin/python3.11";

    private PythonRoot(string hostPath, string standardLibrarySha256)
    {
        Directory = new ReadOnlyDirectory(hostPath, "/");
        StandardLibrarySha256 = standardLibrarySha256;
    }

    public ReadOnlyDirectory Directory { get; }

    /// <summary>The standard library zip's sha256, which a snapshot depends on.</summary>
    public string StandardLibrarySha256 { get; }

    /// <summary>Makes the directory, with the runtime's verified standard library in it.</summary>
    /// <exception cref="RuntimeUnavailableException">The manifest names no standard library, or it is missing or not the pinned file.</exception>
    public static PythonRoot Create(RuntimeDescriptor runtime, RuntimeCatalog catalog)
    {
        var asset = runtime.Assets.FirstOrDefault(asset => asset.Name == StandardLibraryAsset)
            ?? throw new RuntimeUnavailableException($"The {runtime.Name} runtime names no '{StandardLibraryAsset}' asset in the manifest.");
        var zip = catalog.ReadVerified(asset.File, asset.Sha256);
        var root = System.IO.Directory.CreateTempSubdirectory("codeexec-python-root-").FullName;
        try
        {
            var lib = Path.Combine(root, "usr", "local", "lib");
            System.IO.Directory.CreateDirectory(Path.Combine(lib, "python3.11", "lib-dynload"));
            File.WriteAllBytes(Path.Combine(lib, "python311.zip"), zip);
            return new PythonRoot(root, asset.Sha256);
        }
        catch
        {
            System.IO.Directory.Delete(root, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory.HostPath, recursive: true);
        }
        catch (IOException)
        {
            // Still open somewhere as the process ends; the OS's temporary-file cleanup takes it.
        }
    }
}
