using System.Text;
using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Wasm;
using CodeExecution.Core.Sandbox;
using CodeExecution.Testing;

namespace CodeExecution.Core.Tests.Wasm;

/// <summary>
/// <c>wasm</c> programs: real modules built from C, C++ and Rust in the test (<see cref="WasmPrograms"/>), run with the
/// sandbox's stdin, arguments, environment and files, each compared with what its native build does.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class WasmExecutionTests(ExecutorFixture fixture)
{
    private const string Poem = "Tyger Tyger, burning bright,\nIn the forests of the night;\n\twhat immortal hand — or eye,\nCould frame thy fearful symmetry?\n";

    [Fact]
    public async Task Wasm_ReadsStdin_WritesWhatTheNativeBuildWrites()
    {
        var native = WasmPrograms.RunNative(WasmPrograms.NativePath("echo.c"), Poem);

        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("echo.c"), Poem);

        Assert.True(result.Success, result.Error);
        Assert.Equal(0, native.ExitCode);
        Assert.Equal(native.Stdout, Encoding.UTF8.GetBytes(result.Stdout));
        Assert.Equal("", result.Stderr);
        Assert.Equal(ExecutionLanguage.Wasm, result.Language);
        Assert.Equal($"Wasmtime Winch (WASI preview 1)", result.Metadata.RuntimeUsed);
        Assert.Equal(SandboxEngine.WasmtimeVersion, result.Metadata.Version);
    }

    [Fact]
    public async Task Wasm_GetsItsArguments_AndExitsWithItsCode()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("args_env.c"), args: ["7", "two words"]);

        Assert.False(result.Success);
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("argv[0]=main.wasm\nargv[1]=7\nargv[2]=two words\n0 variables\n", result.Stdout);
        Assert.Equal("exiting with 7\n", result.Stderr);
        Assert.Equal("Process exited with code 7.", result.Error);
    }

    [Fact]
    public async Task Wasm_SeesTheEnvironment_OnlyWhenAllowed()
    {
        var module = WasmPrograms.Module("args_env.c");
        var allowed = await Run(module, limits: new ExecutionLimits { AllowEnv = true }, env: new Dictionary<string, string> { ["GREETING"] = "hi there" });
        var withheld = await Run(module);

        Assert.Equal("argv[0]=main.wasm\nenv GREETING=hi there\n1 variables\n", allowed.Stdout);
        Assert.Equal("argv[0]=main.wasm\n0 variables\n", withheld.Stdout);
        var refused = await Assert.ThrowsAsync<Errors.SecurityError>(() =>
            Run(module, env: new Dictionary<string, string> { ["GREETING"] = "hi" }));
        Assert.Equal("env", refused.Field);
    }

    [Fact]
    public async Task Wasm_ReadsAndWritesItsSandboxDirectory()
    {
        var result = await fixture.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.Wasm,
            Code = Convert.ToBase64String(WasmPrograms.Module("files.c")),
            Files = [new ExecutionFile { Path = "input.txt", Content = "one\ntwo\nthree\n" }],
        });

        Assert.True(result.Success, result.Error + result.Stderr);
        Assert.Equal("3 lines reversed, 2 entries in /sandbox\n", result.Stdout);
        var file = Assert.Single(result.Files!);
        Assert.Equal("out/reversed.txt", file.Path);
        Assert.Equal("three\ntwo\none\n", file.Content);
    }

    [Fact]
    public async Task Wasm_WithoutAFileSystem_CannotOpenFiles()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("files.c"));

        Assert.Equal(2, result.ExitCode);
        // WASI's answer for a path outside every preopened directory (ENOTCAPABLE), where Linux would say ENOENT.
        Assert.Equal("/sandbox/input.txt: Capabilities insufficient\n", result.Stderr);
    }

    [Theory]
    [InlineData("unreachable", "wasm unreachable executed (the program or its runtime aborted)")]
    [InlineData("abort", "wasm unreachable executed (the program or its runtime aborted)")]
    [InlineData("bounds", "out-of-bounds memory access")]
    [InlineData("stack", "stack overflow (it recursed deeper than the sandbox's stack)")]
    [InlineData("frames", "out-of-bounds memory access")]
    [InlineData("divide", "integer division by zero")]
    public async Task Wasm_Trap_IsARuntimeError(string how, string description)
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("traps.c"), args: [how]);

        Assert.False(result.Success);
        Assert.Equal(OutcomeMapper.CrashExitCode, result.ExitCode);
        Assert.Equal($"before {how}\n", result.Stdout);
        Assert.Equal($"The program crashed inside the sandbox: {description}.", result.Error);
        Assert.False(result.Metadata.MemoryLimitHit);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData("300", 44)]
    [InlineData("-1", 255)]
    public async Task Wasm_ProcExit_IsTheExitCode(string status, int exitCode)
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("traps.c"), args: ["exit", status]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(exitCode == 0, result.Success);
        Assert.Equal("before exit\n", result.Stdout);
    }

    [Fact]
    public async Task Wasm_MallocUntilRefused_HitsTheMemoryLimit()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("limits.c"), args: ["malloc"], limits: new ExecutionLimits { MaxMemoryMB = 32 });

        Assert.True(result.Metadata.MemoryLimitHit);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("malloc refused after 31 MiB\n", result.Stderr);
        Assert.Equal("Memory limit of 32 MB exceeded (exit code 1).", result.Error);
    }

    [Fact]
    public async Task Wasm_MemoryGrowUntilRefused_HitsTheMemoryLimit()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("limits.c"), args: ["grow"], limits: new ExecutionLimits { MaxMemoryMB = 32 });

        Assert.True(result.Metadata.MemoryLimitHit);
        Assert.Equal(OutcomeMapper.CrashExitCode, result.ExitCode);
        Assert.InRange(result.MemoryUsed!.Value, 31L * 1024 * 1024, 32L * 1024 * 1024);
        Assert.Equal($"Memory limit of 32 MB exceeded (exit code {OutcomeMapper.CrashExitCode}).", result.Error);
    }

    [Fact]
    public async Task Wasm_DeclaredMemoryOverTheLimit_IsAMemoryLimitHit_WithoutRunning()
    {
        var module = HandWrittenModules.Command([HandWrittenModules.Memory(1024)]);

        var result = await fixture.Executor.ExecuteWasmAsync(module, limits: new ExecutionLimits { MaxMemoryMB = 16 });

        Assert.True(result.Metadata.MemoryLimitHit);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("main.wasm: error: the module's memory starts at 67108864 bytes (its declared minimum); limits.maxMemoryMB allows 16777216.\n", result.Stderr);
        Assert.Equal("Memory limit of 16 MB exceeded (exit code 1).", result.Error);
    }

    [Fact]
    public async Task Wasm_EndlessLoop_IsStoppedAtTheTimeLimit()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("limits.c"), args: ["loop"], limits: new ExecutionLimits { TimeoutMs = 300 });

        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(OutcomeMapper.TimeoutExitCode, result.ExitCode);
        Assert.Equal("Time limit of 300 ms exceeded; the program was stopped.", result.Error);
    }

    [Fact]
    public async Task Wasm_OutputFlood_IsTruncatedAndStopped()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("limits.c"), args: ["flood"], limits: new ExecutionLimits { MaxOutputSize = 4096 });

        Assert.True(result.Metadata.OutputTruncated);
        Assert.Equal(OutcomeMapper.OutputLimitExitCode, result.ExitCode);
        Assert.Equal(4096, Encoding.UTF8.GetByteCount(result.Stdout));
        Assert.Equal("Output limit of 4096 bytes exceeded; the output was truncated and the program stopped.", result.Error);
    }

    [Fact]
    public async Task Wasm_InstructionBudget_StopsALongLoop_AndCountsAShortOne()
    {
        var module = WasmPrograms.Module("limits.c");
        var limits = new ExecutionLimits { MaxInstructions = 2_000_000 };

        var stopped = await fixture.Executor.ExecuteWasmAsync(module, args: ["count", "100000000"], limits: limits);
        var counted = await fixture.Executor.ExecuteWasmAsync(module, args: ["count", "1000"], limits: limits);

        Assert.True(stopped.Metadata.InstructionLimitHit);
        Assert.Equal(OutcomeMapper.InstructionLimitExitCode, stopped.ExitCode);
        Assert.Equal("Instruction limit of 2000000 exceeded; the program was stopped.", stopped.Error);
        Assert.True(counted.Success, counted.Error);
        Assert.Equal("499500\n", counted.Stdout);
        Assert.InRange(counted.Metadata.Instructions!.Value, 1000, 2_000_000);
    }

    [Fact]
    public async Task Wasm_Cpp_WithIostream_SortsWords()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("hello.cpp"), "pear apple\nfig");

        Assert.True(result.Success, result.Error + result.Stderr);
        Assert.Equal("3 words: apple fig pear \n", result.Stdout);
    }

    [Fact]
    public async Task Wasm_Rust_ReadsStdinAndArguments()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.Module("hello.rs"), "grüß dich\n", args: ["a", "b"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("rust read 12 bytes, args [\"a\", \"b\"]\nGRÜSS DICH\n", result.Stdout);
    }

    [Fact]
    public async Task Wasm_BigModuleWithinTheLimit_Runs()
    {
        var module = WasmPrograms.Module("big.c");

        var result = await fixture.Executor.ExecuteWasmAsync(module);

        Assert.InRange(module.Length, 4 << 20, EffectiveLimits.MaxModuleSizeBound);
        Assert.True(result.Success, result.Error + result.Stderr);
        Assert.Equal("42\n", result.Stdout);
    }

    [Fact]
    public async Task Wasm_SameModuleAgain_IsNotCompiledAgain()
    {
        var module = HandWrittenModules.Command([HandWrittenModules.Memory(1)], uniqueTag: Guid.NewGuid().ToString());
        var runtime = (WasmRuntime)fixture.Executor.RuntimeOf(ExecutionLanguage.Wasm)!;

        var first = await fixture.Executor.ExecuteWasmAsync(module);
        var compilations = runtime.Compilations;
        var second = await fixture.Executor.ExecuteWasmAsync(module);

        Assert.True(first.Success, first.Error + first.Stderr);
        Assert.True(second.Success, second.Error + second.Stderr);
        Assert.NotNull(first.Metadata.Timings!.CompileMs);
        Assert.Null(second.Metadata.Timings!.CompileMs);
        Assert.Equal(compilations, runtime.Compilations);
    }

    [Fact]
    public void Wasm_IsListedWithItsEnvironment()
    {
        var info = fixture.Executor.GetEnvironmentInfo(ExecutionLanguage.Wasm);

        Assert.True(info.Available, info.Reason);
        Assert.Equal("Wasmtime Winch (WASI preview 1)", info.Runtime);
        Assert.Equal(SandboxEngine.WasmtimeVersion, info.Version);
        Assert.Equal(StartKind.Cold, info.Start);
        Assert.Contains(ExecutionLanguage.Wasm, fixture.Executor.GetSupportedLanguages());
    }

    private Task<ExecutionResult> Run(byte[] module, ExecutionLimits? limits = null, IReadOnlyDictionary<string, string>? env = null) =>
        fixture.Executor.ExecuteAsync(new ExecutionRequest { Language = ExecutionLanguage.Wasm, Code = Convert.ToBase64String(module), Limits = limits, Env = env });
}
