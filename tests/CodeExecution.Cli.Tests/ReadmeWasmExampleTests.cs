using System.Diagnostics;
using System.Text;

namespace CodeExecution.Cli.Tests;

/// <summary>
/// The README's WebAssembly commands, run as written with bash: clang-16 builds <c>prog.c</c>, then
/// <c>codeexec run prog.wasm -- first-arg second-arg &lt; input.txt</c> runs it; it prints what gcc's build prints.
/// </summary>
public sealed class ReadmeWasmExampleTests
{
    [Fact]
    public async Task ReadmeCommands_BuildAndRunAProgram_PrintingWhatTheNativeBuildPrints()
    {
        const string Input = "first line\nsecond line\n";
        var directory = Directory.CreateTempSubdirectory("codeexec-readme-wasm-").FullName;
        try
        {
            File.Copy(Path.Combine(WasmPrograms.SourceDirectory, "prog.c"), Path.Combine(directory, "prog.c"));
            await File.WriteAllTextAsync(Path.Combine(directory, "input.txt"), Input);
            // `codeexec` on the PATH, as installed: this build, with the tests' shared module cache.
            var bin = Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
            var codeexec = Path.Combine(bin, "codeexec");
            await File.WriteAllTextAsync(codeexec, $"#!/bin/sh\nexec dotnet '{Codeexec.DllPath}' --cache-dir '{Codeexec.SharedModuleCacheDirectory}' \"$@\"\n");
            var (build, _) = DocumentedCommand.Find("README.md", "clang-16 --target=wasm32-wasi");
            var (run, _) = DocumentedCommand.Find("README.md", "codeexec run prog.wasm");

            var (exitCode, stdout, stderr) = await BashAsync($"set -e\nchmod +x '{codeexec}'\n{build}{run}", directory, bin);

            var native = WasmPrograms.RunNative(WasmPrograms.NativePath("prog.c"), Input, "first-arg", "second-arg");
            Assert.Equal("arg 1: first-arg\narg 2: second-arg\n1: first line\n2: second line\n", Encoding.UTF8.GetString(native.Stdout));
            Assert.Equal(Encoding.UTF8.GetString(native.Stdout), stdout);
            Assert.Equal("", stderr);
            Assert.Equal(native.ExitCode, exitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> BashAsync(string script, string directory, string pathFirst)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{pathFirst}:{Environment.GetEnvironmentVariable("PATH")}";
        using var bash = Process.Start(start)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        return (bash.ExitCode, await stdout, await stderr);
    }
}
