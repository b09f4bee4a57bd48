using System.Diagnostics;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Wasm;

/// <summary>
/// Turns a user's module into a <see cref="CompiledWasm"/>, judging it before anything of it runs: valid WebAssembly;
/// none of the features the sandbox does not allow; compiled by the engine; a WASI preview 1 command module (exports
/// <c>_start</c> and <c>memory</c>) that imports nothing but <see cref="WasiPreview1"/>'s functions, with their types.
/// </summary>
/// <remarks>
/// The module is untrusted input to the compiler as well: its size is bounded by <c>limits.maxModuleSize</c> before it
/// gets here, and it is validated (linear in its size, nothing compiled) before the compiler sees it. Thread-safe.
/// </remarks>
internal sealed class WasmModuleCompiler : IDisposable
{
    /// <summary>What a refusal says before its reason, as a compiler prefixes its diagnostics with the file.</summary>
    public const string DiagnosticPrefix = "main.wasm: error: ";

    private const long PageBytes = 64 * 1024;

    /// <summary>
    /// An engine used only to validate, with the features a user's module may not use turned off: threads and shared
    /// memory (a sandbox runs one thread, and WASI preview 1 gives no way to start another), more than one memory and
    /// 64-bit memory (a pooled slot holds one 32-bit memory, which the store's memory limit bounds), and the proposals
    /// WASI preview 1 toolchains do not emit (GC, exceptions).
    /// </summary>
    private readonly Engine _allowedFeatures;

    /// <summary>
    /// An engine used only to validate, with every feature on: a module it refuses is not WebAssembly at all, one
    /// only <see cref="_allowedFeatures"/> refuses uses a feature the sandbox does not allow.
    /// </summary>
    private readonly Engine _anyFeature;

    public WasmModuleCompiler()
    {
        using var allowed = new Config()
            .WithWasmThreads(false)
            .WithMultiMemory(false)
            .WithMemory64(false)
            .WithGc(false)
            .WithExceptions(false);
        _allowedFeatures = new Engine(allowed);
        using var any = new Config()
            .WithWasmThreads(true)
            .WithMultiMemory(true)
            .WithMemory64(true)
            .WithReferenceTypes(true)
            .WithFunctionReferences(true)
            .WithGc(true)
            .WithExceptions(true);
        _anyFeature = new Engine(any);
    }

    /// <summary>
    /// Validates and compiles <paramref name="wasm"/> for <paramref name="engine"/>, whose linker defines
    /// <paramref name="wasi"/>; a module that cannot run is refused, not thrown.
    /// </summary>
    public CompiledWasm Compile(SandboxEngine engine, WasiPreview1 wasi, ReadOnlySpan<byte> wasm)
    {
        var started = Stopwatch.GetTimestamp();
        if (Module.Validate(_anyFeature, wasm) is { } invalid)
        {
            return CompiledWasm.Refused($"the module is not valid WebAssembly: {invalid}.", wasm.Length, Stopwatch.GetElapsedTime(started));
        }

        if (Module.Validate(_allowedFeatures, wasm) is { } disallowed)
        {
            return CompiledWasm.Refused(
                $"the module uses a WebAssembly feature the sandbox does not allow (threads and shared memory, multiple memories, "
                + $"64-bit memory, GC and exceptions are off): {disallowed}.",
                wasm.Length,
                Stopwatch.GetElapsedTime(started));
        }

        Module module;
        try
        {
            module = Module.FromBytes(engine.Engine, "main.wasm", wasm);
        }
        catch (WasmtimeException e)
        {
            var reason = e.Message.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0)?.TrimEnd('.') ?? "unknown";
            return CompiledWasm.Refused($"the module could not be compiled: {reason}.", wasm.Length, Stopwatch.GetElapsedTime(started));
        }

        if (Refusal(module, wasi) is { } refusal)
        {
            module.Dispose();
            return CompiledWasm.Refused(refusal, wasm.Length, Stopwatch.GetElapsedTime(started));
        }

        var memory = module.Exports.OfType<MemoryExport>().Single(export => export.Name == "memory");
        return new CompiledWasm(module, null, memory.Minimum * PageBytes, wasm.Length, Stopwatch.GetElapsedTime(started));
    }

    public void Dispose()
    {
        _allowedFeatures.Dispose();
        _anyFeature.Dispose();
    }

    /// <summary>Why a compiled module cannot run as a WASI command in the sandbox, or null when it can.</summary>
    private static string? Refusal(Module module, WasiPreview1 wasi)
    {
        if (module.Imports.Select(wasi.Refusal).FirstOrDefault(refusal => refusal is not null) is { } refused)
        {
            return refused;
        }

        var start = module.Exports.OfType<FunctionExport>().SingleOrDefault(export => export.Name == "_start");
        if (start is null)
        {
            return module.Exports.Any(export => export.Name == "_initialize")
                ? "the module is a WASI reactor (it exports _initialize, not _start); the sandbox runs command modules, built as programs with a main function."
                : "the module exports no _start function; the sandbox runs WASI preview 1 command modules (a program with a main function, e.g. clang --target=wasm32-wasi).";
        }

        if (start.Parameters.Count != 0 || start.Results.Count != 0)
        {
            return "the module's _start takes parameters or returns results; a WASI command's _start takes none and returns none.";
        }

        if (!module.Exports.OfType<MemoryExport>().Any(export => export.Name == "memory"))
        {
            return "the module exports no memory named \"memory\", which WASI reads and writes the program's data through.";
        }

        return null;
    }
}
