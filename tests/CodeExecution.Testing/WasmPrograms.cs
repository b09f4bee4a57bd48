using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace CodeExecution.Testing;

/// <summary>
/// Real WebAssembly programs for the <c>wasm</c> tests, built here from the C, C++ and Rust sources in
/// <c>tests/CodeExecution.Testing/WasmPrograms/</c> (or any source file) with Debian's toolchain: clang-16 for
/// <c>wasm32-wasi</c> against wasi-libc, libc++ for C++, Debian's rustc for Rust (by its path: a rustup in PATH has no wasm32-wasi target); and the same C programs built natively with
/// gcc, as the reference a module's output is compared with. Nothing built is committed. C and C++ modules are
/// stripped of their names and debug sections, as one sent to a service would be (a C program is then some 20 KB).
/// </summary>
/// <remarks>
/// The toolchain comes from <c>install-wasm-toolchain.sh</c> (apt-get, as root), run once when a tool is missing.
/// Builds are kept in the machine's temporary folder by the hash of the source and the command, so each is made once
/// per machine; a file lock keeps test projects running at once from building the same one twice. Thread-safe.
/// </remarks>
public static class WasmPrograms
{
    /// <summary>The folder of the programs' sources.</summary>
    public static string SourceDirectory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "CodeExecution.Testing", "WasmPrograms");

    private static readonly string BuildDirectory = Path.Combine(Path.GetTempPath(), "codeexec-tests", "wasm-programs");
    private static readonly Lazy<bool> Toolchain = new(InstallToolchain, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The module built from <c>WasmPrograms/<paramref name="fileName"/></c> (<c>.c</c>, <c>.cpp</c> or <c>.rs</c>).</summary>
    public static byte[] Module(string fileName) => ModuleBytes(ModulePath(Path.Combine(SourceDirectory, fileName)));

    /// <summary>The bytes of a built module.</summary>
    public static byte[] ModuleBytes(string modulePath) => File.ReadAllBytes(modulePath);

    /// <summary>The path of the module built from the source file at <paramref name="sourcePath"/>.</summary>
    public static string ModulePath(string sourcePath, params string[] extraFlags)
    {
        var extension = Path.GetExtension(sourcePath);
        string[] command = extension switch
        {
            ".c" => ["clang-16", "--target=wasm32-wasi", "--sysroot=/usr", "-O2", "-Wall", "-Wl,--strip-all", .. extraFlags, sourcePath, "-o"],
            ".cpp" => ["clang++-16", "--target=wasm32-wasi", "--sysroot=/usr", "-isystem", "/usr/include/wasm32-wasi/c++/v1", "-O2", "-fno-exceptions", "-Wl,--strip-all", .. extraFlags, sourcePath, "-o"],
            ".rs" => ["/usr/bin/rustc", "--target", "wasm32-wasi", "-O", "-C", "linker=wasm-ld-16", .. extraFlags, sourcePath, "-o"],
            _ => throw new ArgumentException($"No wasm build for {extension} files.", nameof(sourcePath)),
        };
        return Build(sourcePath, command, ".wasm");
    }

    /// <summary>The native executable gcc builds from the C source <c>WasmPrograms/<paramref name="fileName"/></c>: the reference.</summary>
    public static string NativePath(string fileName)
    {
        var source = Path.Combine(SourceDirectory, fileName);
        return Build(source, ["gcc", "-O2", "-Wall", source, "-o"], ".native");
    }

    /// <summary>Runs a native executable with <paramref name="input"/> on stdin; its exit code and its stdout's bytes.</summary>
    public static (int ExitCode, byte[] Stdout) RunNative(string path, string input, params string[] args)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        _ = stderr.Result;
        return (process.ExitCode, stdout.ToArray());
    }

    private static string Build(string sourcePath, string[] command, string suffix)
    {
        _ = Toolchain.Value;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', command) + '\0' + File.ReadAllText(sourcePath))))[..16];
        Directory.CreateDirectory(BuildDirectory);
        var output = Path.Combine(BuildDirectory, $"{Path.GetFileNameWithoutExtension(sourcePath)}-{key}{suffix}");
        if (File.Exists(output))
        {
            return output;
        }

        using var buildLock = Lock(output + ".lock");
        if (File.Exists(output))
        {
            return output;
        }

        var partial = output + ".partial";
        var (exitCode, text) = Run(command[0], [.. command[1..], partial]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({exitCode}):\n{text}");
        }

        File.Move(partial, output, overwrite: true);
        return output;
    }

    private static FileStream Lock(string path)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static bool InstallToolchain()
    {
        var (exitCode, text) = Run("bash", [Path.Combine(SourceDirectory, "install-wasm-toolchain.sh")]);
        return exitCode == 0 ? true : throw new InvalidOperationException($"install-wasm-toolchain.sh failed ({exitCode}):\n{text}");
    }

    private static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
