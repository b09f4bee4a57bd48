using Wasmtime;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// Replaces the WASI calls that can block or that define time, so a guest that sleeps is still stopped
/// at its deadline: <c>poll_oneoff</c> (sleeps, waits on stdin), <c>clock_time_get</c> and <c>clock_res_get</c>;
/// and <c>proc_exit</c>, which Wasmtime turns into an error for statuses of 126 and above, so that every
/// status is an exit like a POSIX process's.
/// </summary>
/// <remarks>
/// Wasmtime's own <c>poll_oneoff</c> blocks inside the host where epoch interruption cannot reach it
/// (seen here: <c>time.sleep(2)</c> ran 2 s past a 500 ms deadline). These definitions shadow the ones
/// from <see cref="Linker.DefineWasi"/>. The monotonic and CPU-time clocks count from the execution's start (its
/// guard's), so a guest learns nothing of the host's uptime, and absolute deadlines the guest computes from them
/// agree with the checks here.
/// </remarks>
public static class InterruptibleWasi
{
    private const string Module = "wasi_snapshot_preview1";
    private const int Success = 0;
    private const int ErrnoFault = 21;
    private const int ErrnoInval = 28;
    private const int ClockRealtime = 0;
    private const int SubscriptionSize = 48;
    private const int EventSize = 32;
    private const byte EventClock = 0;
    private const ushort SubscriptionClockAbstime = 1;

    /// <summary>Defines the replacements on a linker that already has WASI defined.</summary>
    public static void Define(Linker linker)
    {
        linker.AllowShadowing = true;
        linker.DefineFunction(Module, "clock_time_get", (Caller caller, int clockId, long precision, int resultPointer) =>
        {
            if (clockId is < 0 or > 3)
            {
                return ErrnoInval;
            }

            var memory = caller.GetMemory("memory");
            if (memory is null || !InBounds(memory, resultPointer, 8))
            {
                return ErrnoFault;
            }

            memory.WriteInt64(resultPointer, clockId == ClockRealtime ? RealtimeNow() : SinceStart(caller));
            return Success;
        });
        linker.DefineFunction(Module, "clock_res_get", (Caller caller, int clockId, int resultPointer) =>
        {
            var memory = caller.GetMemory("memory");
            if (memory is null || !InBounds(memory, resultPointer, 8))
            {
                return ErrnoFault;
            }

            memory.WriteInt64(resultPointer, 1000);
            return clockId is < 0 or > 3 ? ErrnoInval : Success;
        });
        linker.DefineFunction(Module, "proc_exit", (int status) => throw new GuestExitException(status));
        linker.DefineFunction(Module, "poll_oneoff", (Caller caller, int subscriptions, int events, int count, int eventCountPointer) =>
            PollOneoff(caller, subscriptions, events, count, eventCountPointer));
        linker.AllowShadowing = false;
    }

    /// <summary>Nanoseconds since the execution started: what the monotonic and CPU-time clocks read.</summary>
    private static long SinceStart(SandboxSession session) => session.Guard.Elapsed.Ticks * 100;

    private static long SinceStart(Caller caller) => caller.GetData() is SandboxSession session ? SinceStart(session) : 0;

    private static long RealtimeNow() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    private static bool InBounds(Memory memory, long pointer, long length) =>
        pointer >= 0 && length >= 0 && pointer + length <= memory.GetLength();

    private static int PollOneoff(Caller caller, int subscriptions, int events, int count, int eventCountPointer)
    {
        var session = SandboxSession.From(caller);
        var memory = caller.GetMemory("memory");
        if (count <= 0)
        {
            return ErrnoInval;
        }

        if (memory is null
            || !InBounds(memory, subscriptions, (long)count * SubscriptionSize)
            || !InBounds(memory, events, (long)count * EventSize)
            || !InBounds(memory, eventCountPointer, 4))
        {
            return ErrnoFault;
        }

        // File descriptors are always ready (stdin is a file, output is captured): report them at once.
        var ready = 0;
        for (var i = 0; i < count; i++)
        {
            long at = subscriptions + (long)i * SubscriptionSize;
            var tag = memory.ReadByte(at + 8);
            if (tag != EventClock)
            {
                WriteEvent(memory, events + (long)ready++ * EventSize, memory.ReadInt64(at), tag);
            }
        }

        if (ready > 0)
        {
            memory.WriteInt32(eventCountPointer, ready);
            return Success;
        }

        // Only clocks: sleep until the earliest one, but never past the execution's deadline.
        var now = SinceStart(session);
        var wakeAt = long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            wakeAt = Math.Min(wakeAt, WakeTime(memory, subscriptions + (long)i * SubscriptionSize, now));
        }

        var guard = session.Guard;
        while (true)
        {
            guard.ThrowIfStopped();
            var remainingNs = wakeAt - SinceStart(session);
            if (remainingNs <= 0)
            {
                break;
            }

            var sleep = TimeSpan.FromTicks(Math.Min(remainingNs / 100, guard.Remaining.Ticks + TimeSpan.TicksPerMillisecond));
            Thread.Sleep(sleep > TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : sleep);
        }

        now = SinceStart(session);
        for (var i = 0; i < count; i++)
        {
            long at = subscriptions + (long)i * SubscriptionSize;
            if (WakeTime(memory, at, now) <= now)
            {
                WriteEvent(memory, events + (long)ready++ * EventSize, memory.ReadInt64(at), EventClock);
            }
        }

        memory.WriteInt32(eventCountPointer, ready);
        return Success;
    }

    private static long WakeTime(Memory memory, long subscription, long monotonicNow)
    {
        var clockId = memory.ReadInt32(subscription + 16);
        var timeout = memory.ReadInt64(subscription + 24);
        var flags = (ushort)memory.ReadInt16(subscription + 40);
        if ((flags & SubscriptionClockAbstime) == 0)
        {
            return timeout < 0 || monotonicNow > long.MaxValue - timeout ? long.MaxValue : monotonicNow + timeout;
        }

        return clockId == ClockRealtime ? monotonicNow + (timeout - RealtimeNow()) : timeout;
    }

    private static void WriteEvent(Memory memory, long at, long userData, byte type)
    {
        memory.GetSpan(at, EventSize).Clear();
        memory.WriteInt64(at, userData);
        memory.WriteInt16(at + 8, 0);
        memory.WriteByte(at + 10, type);
    }
}
