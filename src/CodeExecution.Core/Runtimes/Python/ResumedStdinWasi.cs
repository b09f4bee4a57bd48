using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// Replaces WASI <c>fd_read</c> for an interpreter resumed from a <see cref="PythonSnapshot"/>, whose stdin is its
/// session's <see cref="ResumedStdin"/>: the request's bytes, then end of file. The snapshot was unwound from
/// inside this read (asyncify); the rewind re-enters it, ends there, and the read proceeds as usual.
/// </summary>
/// <remarks>
/// Only for resumed stores: they have no preopened directory, so the only host descriptors are 0, 1 and 2, and
/// reading anything but stdin is <c>EBADF</c>.
/// </remarks>
internal static class ResumedStdinWasi
{
    private const string Module = "wasi_snapshot_preview1";
    private const int Success = 0;
    private const int ErrnoBadf = 8;
    private const int ErrnoFault = 21;
    private const int IovecSize = 8;
    private const int AsyncifyRewinding = 2;

    /// <summary>Defines the replacement on a linker that already has WASI defined.</summary>
    public static void Define(Linker linker)
    {
        linker.AllowShadowing = true;
        linker.DefineFunction(Module, "fd_read", (Caller caller, int fd, int iovs, int iovsLength, int readPointer) =>
            Read(caller, fd, iovs, iovsLength, readPointer));
        linker.AllowShadowing = false;
    }

    private static int Read(Caller caller, int fd, int iovs, int iovsLength, int readPointer)
    {
        var session = SandboxSession.From(caller);
        if (fd != 0 || session.HostState is not ResumedStdin stdin)
        {
            return ErrnoBadf;
        }

        if (caller.GetFunction("asyncify_get_state")?.WrapFunc<int>() is { } state && state() == AsyncifyRewinding)
        {
            caller.GetFunction("asyncify_stop_rewind")!.Invoke();
        }

        session.Guard.ThrowIfStopped();
        var memory = caller.GetMemory("memory");
        long vectors = (uint)iovs;
        long result = (uint)readPointer;
        if (memory is null || iovsLength < 0 || !InBounds(memory, vectors, (long)iovsLength * IovecSize) || !InBounds(memory, result, 4))
        {
            return ErrnoFault;
        }

        var total = 0;
        for (var i = 0; i < iovsLength; i++)
        {
            long buffer = (uint)memory.ReadInt32(vectors + (long)i * IovecSize);
            var length = memory.ReadInt32(vectors + (long)i * IovecSize + 4);
            if (length < 0 || !InBounds(memory, buffer, length))
            {
                return ErrnoFault;
            }

            var count = stdin.Read(memory.GetSpan(buffer, length));
            total += count;
            if (count < length)
            {
                break;
            }
        }

        memory.WriteInt32(result, total);
        return Success;
    }

    private static bool InBounds(Memory memory, long pointer, long length) =>
        pointer >= 0 && length >= 0 && pointer + length <= memory.GetLength();
}
