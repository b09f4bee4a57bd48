using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CodeExecution.Testing;

/// <summary>
/// A copy of the build's <c>runtimes/</c> folder (the one beside the test) in a temporary directory (files linked, manifest copied), in which
/// a test can replace a runtime's file with a broken one and pin it in the manifest, as a bad build would.
/// </summary>
public sealed class RuntimesFolder : IDisposable
{
    private static readonly string Original = Path.Combine(AppContext.BaseDirectory, "runtimes");
    private readonly JsonObject _manifest;

    public RuntimesFolder()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("codeexec-runtimes-").FullName;
        _manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Original, "manifest.json")))!.AsObject();
        foreach (var file in Runtimes.SelectMany(runtime => new[] { (string)runtime["file"]! }.Concat(Assets(runtime).Select(asset => (string)asset["file"]!))))
        {
            var link = Path.Combine(Directory, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, Path.Combine(Original, file));
        }

        Save();
    }

    public string Directory { get; }

    public const string PythonWasm = "codeexec-bundles/cpython/python.wasm";
    public const string SucraseBundle = "codeexec-bundles/sucrase.js";

    private IEnumerable<JsonObject> Runtimes => _manifest["runtimes"]!.AsArray().Select(node => node!.AsObject());

    /// <summary>Replaces <paramref name="file"/> (a runtime's module or asset) with <paramref name="bytes"/>; with <paramref name="pin"/>, the manifest pins the new bytes' hash.</summary>
    public void Replace(string file, byte[] bytes, bool pin)
    {
        var path = Path.Combine(Directory, file);
        File.Delete(path);
        File.WriteAllBytes(path, bytes);
        if (pin)
        {
            var entry = Runtimes.SelectMany(runtime => Assets(runtime).Prepend(runtime)).Single(entry => (string)entry["file"]! == file);
            entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Save();
        }
    }

    /// <summary>The original bytes of a runtime's file.</summary>
    public static byte[] ReadOriginal(string file) => File.ReadAllBytes(Path.Combine(Original, file));

    /// <summary>
    /// Replaces <c>python.wasm</c> with a copy, pinned, whose <c>codeexec_initialize</c> export (what a snapshot is
    /// baked with) has another name: Python's snapshot cannot be baked, and a cold start (<c>codeexec_run</c>, which
    /// initializes by itself) still works.
    /// </summary>
    public void BreakPythonSnapshot()
    {
        var wasm = ReadOriginal(PythonWasm);
        var name = System.Text.Encoding.ASCII.GetBytes("codeexec_initialize");
        var at = wasm.AsSpan().IndexOf(name);
        wasm[at + name.Length - 1] = (byte)'X';
        Replace(PythonWasm, wasm, pin: true);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static IEnumerable<JsonObject> Assets(JsonObject runtime) =>
        runtime["assets"]?.AsArray().Select(node => node!.AsObject()) ?? [];

    private void Save() => File.WriteAllText(Path.Combine(Directory, "manifest.json"), _manifest.ToJsonString());
}
