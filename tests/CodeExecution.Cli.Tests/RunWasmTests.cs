namespace CodeExecution.Cli.Tests;

/// <summary><c>codeexec run prog.wasm -- ARGS</c>: a C program compiled here to a WASI module, run as its native build would be.</summary>
public sealed class RunWasmTests
{
    [Fact]
    public async Task Run_WasmFile_PassesArgsAfterTheDashes_AndExitsWithItsCode()
    {
        var module = CopyOf(WasmPrograms.ModulePath(Path.Combine(WasmPrograms.SourceDirectory, "args_env.c")), "prog.wasm");

        var run = await Codeexec.RunAsync(["run", module, "--", "3", "-x"], stdin: "", Codeexec.SharedModuleCacheDirectory);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("argv[0]=main.wasm\nargv[1]=3\nargv[2]=-x\n0 variables\n", run.Stdout);
        Assert.Equal("exiting with 3\n", run.Stderr);
    }

    [Fact]
    public async Task Run_WasmFile_ReadsStdinAsTheNativeBuildDoes()
    {
        const string input = "first line\nsecond, longer line\n";
        var native = WasmPrograms.RunNative(WasmPrograms.NativePath("echo.c"), input);
        var module = CopyOf(WasmPrograms.ModulePath(Path.Combine(WasmPrograms.SourceDirectory, "echo.c")), "echo.wasm");

        var run = await Codeexec.RunAsync(["run", module], input, Codeexec.SharedModuleCacheDirectory);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(native.Stdout), run.Stdout);
    }

    [Fact]
    public async Task Run_WasmImportingOutsideWasi_FailsLikeACompileError()
    {
        var module = CopyOf(
            WasmPrograms.ModulePath(Path.Combine(WasmPrograms.SourceDirectory, "imports_env.c"), "-Wl,--allow-undefined"), "imports.wasm");

        var run = await Codeexec.RunAsync(["run", module], stdin: "", Codeexec.SharedModuleCacheDirectory);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            "main.wasm: error: the module imports env.host_secret (a function), which the sandbox does not provide: a module may import only the functions of WASI preview 1 (wasi_snapshot_preview1).\n",
            run.Stderr);
    }

    private static string CopyOf(string path, string name)
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("codeexec-cli-").FullName, name);
        File.Copy(path, copy);
        return copy;
    }
}
