using Wasmtime;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// CPython snapshotted while it waits for its request: the bootstrap, started with no request
/// (<see cref="PythonBootstrap.WaitingArgs"/>), ran its start-up, then was unwound (asyncify) out of its first
/// read of stdin, and its memory and stack pointer were baked into <see cref="Module"/>. An execution instantiates
/// the module (in a pooled slot whose memory is reset to the snapshot; see <see cref="Sandbox.SandboxEngine"/>), starts a rewind at <see cref="AsyncifyData"/> and calls
/// <c>_start</c>: the interpreter is back inside that read, which now returns the request (see <see cref="ResumedStdinWasi"/>).
/// </summary>
/// <remarks>
/// The saved call stack (a few hundred bytes) lives in the snapshot's last <see cref="AsyncifyDataBytes"/>, above
/// everything the interpreter allocated, and is read only by the rewind.
/// </remarks>
internal sealed record PythonSnapshot(Module Module, long MemoryBytes, int AsyncifyData)
{
    /// <summary>The manifest asset holding <c>python.wasm</c> made resumable along the path to the wait.</summary>
    public const string AsyncifiedAsset = "asyncified";

    /// <summary>Room for the call stack saved by the unwind: a page, at the end of the snapshot's memory.</summary>
    public const int AsyncifyDataBytes = PageSize;

    private const int PageSize = 65536;

    /// <summary>The snapshot a baked module holds: its memory is exactly the snapshot's, the saved stack at its end.</summary>
    public static PythonSnapshot Of(Module module)
    {
        var memory = module.Exports.OfType<MemoryExport>().Single(export => export.Name == "memory");
        var bytes = memory.Minimum * PageSize;
        return new PythonSnapshot(module, bytes, checked((int)(bytes - AsyncifyDataBytes)));
    }
}
