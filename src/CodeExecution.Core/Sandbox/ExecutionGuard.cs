using System.Diagnostics;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// The wall-clock deadline of one execution and the reason, if any, the host wants it stopped.
/// Checked on every epoch tick and by host functions that could block.
/// </summary>
public sealed class ExecutionGuard
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _cancellation;
    private int _stopReason;

    public ExecutionGuard(TimeSpan timeout, CancellationToken cancellation = default)
    {
        _timeout = timeout;
        _cancellation = cancellation;
    }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    public TimeSpan Remaining => _timeout - Elapsed;

    /// <summary>The first reason given for stopping, or <see cref="StopReason.None"/>.</summary>
    public StopReason StopReason => (StopReason)Volatile.Read(ref _stopReason);

    public bool CancellationRequested => _cancellation.IsCancellationRequested;

    /// <summary>The caller's cancellation of the run, for host calls that wait on other work (the network).</summary>
    public CancellationToken Cancellation => _cancellation;

    /// <summary>Asks for the guest to be stopped at its next check; the first reason wins.</summary>
    public void RequestStop(StopReason reason) =>
        Interlocked.CompareExchange(ref _stopReason, (int)reason, (int)StopReason.None);

    /// <summary>Throws <see cref="SandboxStopException"/> when the deadline has passed or a stop was requested.</summary>
    public void ThrowIfStopped()
    {
        if (StopReason == StopReason.None && (Remaining <= TimeSpan.Zero || _cancellation.IsCancellationRequested))
        {
            RequestStop(StopReason.Timeout);
        }

        if (StopReason != StopReason.None)
        {
            throw new SandboxStopException(StopReason);
        }
    }
}
