using Wasmtime;

namespace CodeExecution.Core.Runtimes.Ruby;

/// <summary>
/// Ruby snapshotted once it has started and evaluated its prelude (<see cref="RubyInterpreter.Start"/>), with its
/// memory baked into <see cref="Module"/>. An execution instantiates the module (in a pooled slot whose memory is
/// reset to the snapshot; see <see cref="Sandbox.SandboxEngine"/>) and evaluates its request's call.
/// </summary>
internal sealed record RubySnapshot(Module Module, long MemoryBytes)
{
    private const int PageSize = 65536;

    /// <summary>The snapshot a baked module holds: its memory is exactly the snapshot's.</summary>
    public static RubySnapshot Of(Module module)
    {
        var memory = module.Exports.OfType<MemoryExport>().Single(export => export.Name == "memory");
        return new RubySnapshot(module, memory.Minimum * PageSize);
    }
}
