using System.Text;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Testing;

namespace CodeExecution.Core.Tests.Wasm;

/// <summary>
/// What the service refuses of a <c>wasm</c> program: code that is not a module's base64, or too large, as an invalid
/// request naming <c>code</c>; a module that does not validate, uses a disallowed feature, or imports anything but
/// WASI preview 1, as a program that does not compile (exit code 1, the reason on stderr).
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class WasmModuleRefusalTests(ExecutorFixture fixture)
{
    [Fact]
    public async Task Wasm_CodeNotBase64_IsAnInvalidRequestNamingCode()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestError>(() => fixture.RunAsync(ExecutionLanguage.Wasm, "int main() { return 0; }"));

        Assert.Equal("code", error.Field);
        Assert.Equal("code: a wasm program is its module's bytes in base64 (e.g. base64 -w0 prog.wasm); this is not valid base64.", error.Message);
    }

    [Fact]
    public async Task Wasm_CodeNotAModule_IsAnInvalidRequestNamingCode()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestError>(() =>
            fixture.RunAsync(ExecutionLanguage.Wasm, Convert.ToBase64String(Encoding.ASCII.GetBytes("#!/bin/sh\necho hi\n"))));

        Assert.Equal("code", error.Field);
        Assert.Equal("code: decodes to 18 bytes that are not a WebAssembly module (it must start with \\0asm).", error.Message);
    }

    [Fact]
    public async Task Wasm_Component_IsAnInvalidRequestNamingCode()
    {
        byte[] component = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

        var error = await Assert.ThrowsAsync<InvalidRequestError>(() => fixture.Executor.ExecuteWasmAsync(component));

        Assert.Equal("code", error.Field);
        Assert.StartsWith("code: is a WebAssembly binary of version 0D000100, not a core module of version 1", error.Message);
    }

    [Fact]
    public async Task Wasm_ModuleOverTheDefaultSize_IsRefusedNamingCode()
    {
        var module = new byte[EffectiveLimits.MaxModuleSizeBound + 1];
        WasmHeader.CopyTo(module, 0);

        var error = await Assert.ThrowsAsync<CodeSizeError>(() => fixture.Executor.ExecuteWasmAsync(module));

        Assert.Equal("code", error.Field);
        Assert.Equal($"code: the module is {module.Length} bytes; limits.maxModuleSize is {EffectiveLimits.MaxModuleSizeBound} bytes.", error.Message);
    }

    [Fact]
    public async Task Wasm_ModuleOverARequestsSmallerLimit_IsRefusedNamingCode()
    {
        var module = WasmPrograms.Module("echo.c");

        var error = await Assert.ThrowsAsync<CodeSizeError>(() =>
            fixture.Executor.ExecuteWasmAsync(module, limits: new ExecutionLimits { MaxModuleSize = 4096 }));

        Assert.Equal("code", error.Field);
        Assert.Equal($"code: the module is {module.Length} bytes; limits.maxModuleSize is 4096 bytes.", error.Message);
    }

    [Theory]
    [InlineData(1023)]
    [InlineData(10 * 1024 * 1024 + 1)]
    public async Task Wasm_MaxModuleSizeOutOfRange_IsRefusedNamingTheLimit(int maxModuleSize)
    {
        var error = await Assert.ThrowsAsync<InvalidRequestError>(() =>
            fixture.Executor.ExecuteWasmAsync(WasmHeader, limits: new ExecutionLimits { MaxModuleSize = maxModuleSize }));

        Assert.Equal("limits.maxModuleSize", error.Field);
        Assert.Equal($"limits.maxModuleSize: {maxModuleSize} is out of range; it must be from 1024 to 10485760 bytes.", error.Message);
    }

    [Fact]
    public async Task Wasm_WorkingDirectory_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestError>(() => fixture.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.Wasm,
            Code = Convert.ToBase64String(WasmHeader),
            WorkingDirectory = "work",
            Limits = new ExecutionLimits { AllowFileSystem = true },
        }));

        Assert.Equal("workingDirectory", error.Field);
    }

    [Fact]
    public async Task Wasm_MalformedModule_FailsAsACompileError()
    {
        byte[] module = [.. WasmHeader, 0x01, 0x05, 0x01, 0x60];

        var result = await fixture.Executor.ExecuteWasmAsync(module);

        AssertCompileError(result, "the module is not valid WebAssembly: unexpected end-of-file (at offset 0xa).");
    }

    [Fact]
    public async Task Wasm_ImportOutsideWasi_FailsAsACompileErrorNamingIt()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(WasmPrograms.ModuleBytes(WasmPrograms.ModulePath(
            Path.Combine(WasmPrograms.SourceDirectory, "imports_env.c"), "-Wl,--allow-undefined")));

        AssertCompileError(
            result,
            "the module imports env.host_secret (a function), which the sandbox does not provide: a module may import only the functions of WASI preview 1 (wasi_snapshot_preview1).");
    }

    [Fact]
    public async Task Wasm_WasiFunctionOfTheWrongType_FailsAsACompileErrorNamingBothTypes()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(HandWrittenModules.CommandImporting("wasi_snapshot_preview1", "fd_write"));

        AssertCompileError(
            result,
            "the module imports wasi_snapshot_preview1.fd_write as (func), but WASI preview 1's is (func (param i32 i32 i32 i32) (result i32)).");
    }

    [Fact]
    public async Task Wasm_WasiFunctionThatDoesNotExist_FailsAsACompileErrorNamingIt()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(HandWrittenModules.CommandImporting("wasi_snapshot_preview1", "sock_open"));

        AssertCompileError(
            result,
            "the module imports wasi_snapshot_preview1.sock_open (a function), which the sandbox does not provide: a module may import only the functions of WASI preview 1 (wasi_snapshot_preview1).");
    }

    [Fact]
    public async Task Wasm_SharedMemory_FailsAsADisallowedFeature()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(HandWrittenModules.Command([HandWrittenModules.SharedMemory()]));

        AssertCompileError(
            result,
            "the module uses a WebAssembly feature the sandbox does not allow (threads and shared memory, multiple memories, 64-bit memory, GC and exceptions are off): threads must be enabled for shared memories (at offset 0x15).");
    }

    [Fact]
    public async Task Wasm_TwoMemories_FailsAsADisallowedFeature()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(HandWrittenModules.Command([HandWrittenModules.Memory(1), HandWrittenModules.Memory(1)]));

        AssertCompileError(
            result,
            "the module uses a WebAssembly feature the sandbox does not allow (threads and shared memory, multiple memories, 64-bit memory, GC and exceptions are off): multiple memories (at offset 0x14).");
    }

    [Fact]
    public async Task Wasm_Reactor_FailsNamingWhatIsMissing()
    {
        var result = await fixture.Executor.ExecuteWasmAsync(HandWrittenModules.Module([HandWrittenModules.Memory(1)], "_initialize"));

        AssertCompileError(
            result,
            "the module is a WASI reactor (it exports _initialize, not _start); the sandbox runs command modules, built as programs with a main function.");
    }

    [Fact]
    public async Task Wasm_PolicyRulesForEveryLanguage_PassOverTheModulesBase64_WhileAWasmRuleApplies()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions
        {
            Languages = [ExecutionLanguage.Wasm],
            Policy = new Policy.PatternPolicyOptions
            {
                Enabled = true,
                Rules =
                [
                    new Policy.PatternRule { Language = "*", Pattern = "A", Reason = "no A in source" },
                    new Policy.PatternRule { Language = "wasm", Pattern = "^AGFzbQEAAAAB", Reason = "no type section" },
                ],
            },
        });
        await executor.InitializeAsync();

        var allowed = await executor.ExecuteWasmAsync(WasmHeader);
        var refused = await Assert.ThrowsAsync<SecurityError>(() => executor.ExecuteWasmAsync(HandWrittenModules.Command([HandWrittenModules.Memory(1)])));

        Assert.Equal(1, allowed.ExitCode);
        Assert.Equal("main.wasm: error: the module exports no _start function; the sandbox runs WASI preview 1 command modules (a program with a main function, e.g. clang --target=wasm32-wasi).\n", allowed.Stderr);
        Assert.Equal("code: refused by policy: no type section.", refused.Message);
    }

    private static readonly byte[] WasmHeader = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    private static void AssertCompileError(ExecutionResult result, string reason)
    {
        Assert.False(result.Success);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal($"main.wasm: error: {reason}\n", result.Stderr);
        Assert.Equal("Process exited with code 1.", result.Error);
        Assert.False(result.Metadata.MemoryLimitHit);
    }
}
