using Wasmtime;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// CPython snapshotted once it has started and run the bootstrap's preparations: <c>python.wasm</c> (a reactor, see
/// <c>build/codeexec-python.c</c>) after <c>_initialize</c> and <c>codeexec_initialize</c>, with its memory baked
/// into <see cref="Module"/>. An execution instantiates the module (in a pooled slot whose memory is reset to the
/// snapshot; see <see cref="Sandbox.SandboxEngine"/>) and calls <c>codeexec_run</c>.
/// </summary>
internal sealed record PythonSnapshot(Module Module, long MemoryBytes)
{
    private const int PageSize = 65536;

    /// <summary>The snapshot a baked module holds: its memory is exactly the snapshot's.</summary>
    public static PythonSnapshot Of(Module module)
    {
        var memory = module.Exports.OfType<MemoryExport>().Single(export => export.Name == "memory");
        return new PythonSnapshot(module, memory.Minimum * PageSize);
    }
}
