using Wasmtime;

namespace CodeExecution.Core.Runtimes.Wasm;

/// <summary>
/// What compiling a user's module came to: the module, ready to instantiate, or why it was refused (in words the
/// user can act on, naming the import or feature), as a compiler's diagnostic is the outcome of compiling source.
/// </summary>
/// <param name="Module">The compiled module; null when refused.</param>
/// <param name="Refusal">Why the module cannot run; null when it compiled.</param>
/// <param name="MinimumMemoryBytes">The linear memory the module declares it starts with.</param>
/// <param name="Size">The module's size in bytes.</param>
/// <param name="CompileTime">How long validating and compiling took.</param>
internal sealed record CompiledWasm(Module? Module, string? Refusal, long MinimumMemoryBytes, long Size, TimeSpan CompileTime)
{
    public static CompiledWasm Refused(string reason, long size, TimeSpan compileTime) => new(null, reason, 0, size, compileTime);
}
