namespace CodeExecution.Core.Runtimes.Wasm;

/// <summary>How <c>wasm</c> programs (the user's own modules) are compiled and kept; <see cref="CodeExecutorOptions.Wasm"/>.</summary>
public sealed record WasmOptions
{
    /// <summary>
    /// The compiler for users' modules. <see cref="WasmCompiler.Winch"/> by default: measured here (bench <c>wasm</c>
    /// mode, docs/performance.md), it compiles several times faster than Cranelift in time linear in the module's size,
    /// which bounds what a hostile module can make the host spend before it runs.
    /// </summary>
    public WasmCompiler Compiler { get; init; } = WasmCompiler.Winch;

    /// <summary>
    /// Bytes of compiled code kept, per engine (the second engine, for runs with an instruction budget, keeps its
    /// own), each module weighed at <see cref="CompiledModuleCache.CompiledBytesPerModuleByte"/> times its size: least
    /// recently used out first. 256 MB by default: some 50 MB of modules, five of the largest allowed.
    /// </summary>
    public long CompiledModuleCacheBytes { get; init; } = 256L * 1024 * 1024;
}

/// <summary>Wasmtime's compilers.</summary>
public enum WasmCompiler
{
    /// <summary>Winch, the single-pass baseline compiler: fast to compile, slower code.</summary>
    Winch,

    /// <summary>Cranelift, the optimizing compiler the language runtimes use: slower to compile, faster code.</summary>
    Cranelift,
}
