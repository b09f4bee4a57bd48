using CodeExecution.Core.Model;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// How a guest started before its request receives it: the guest's first read of stdin waits here until the
/// host assigns a request (or closes the handoff), then reads the request's bytes, then end of file.
/// </summary>
/// <remarks>
/// <see cref="TryAssign"/> and <see cref="Close"/> may be called from any thread, once, whichever comes first;
/// the rest is called by <see cref="HandoffWasi"/> on the guest's thread. The event is never disposed: it
/// allocates no kernel handle unless one is asked for, and a late <see cref="TryAssign"/> must still find it.
/// </remarks>
public sealed class InputHandoff
{
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly Action _onWaiting;
    private Assignment? _assignment;
    private bool _closed;
    private bool _waited;
    private int _position;

    /// <param name="onWaiting">Called once, on the guest's thread, when the guest first waits for its request.</param>
    public InputHandoff(Action onWaiting)
    {
        _onWaiting = onWaiting;
    }

    /// <summary>A request given to a waiting guest: the limits to bind, and every byte its stdin will deliver.</summary>
    public sealed record Assignment(EffectiveLimits Limits, byte[] Input, CancellationToken Cancellation);

    /// <summary>True once a request was assigned.</summary>
    public bool IsAssigned
    {
        get
        {
            lock (_gate)
            {
                return _assignment is not null;
            }
        }
    }

    /// <summary>Gives the guest its request; false when the handoff was closed or already assigned.</summary>
    public bool TryAssign(Assignment assignment)
    {
        lock (_gate)
        {
            if (_closed || _assignment is not null)
            {
                return false;
            }

            _assignment = assignment;
        }

        _signal.Set();
        return true;
    }

    /// <summary>Tells a guest that has no request that none will come; false when one was already assigned.</summary>
    public bool Close()
    {
        lock (_gate)
        {
            if (_assignment is not null)
            {
                return false;
            }

            _closed = true;
        }

        _signal.Set();
        return true;
    }

    /// <summary>Blocks the guest's thread until a request is assigned (returned) or the handoff is closed (null).</summary>
    internal Assignment? WaitForAssignment()
    {
        if (!_waited)
        {
            _waited = true;
            _onWaiting();
        }

        _signal.Wait();
        lock (_gate)
        {
            return _assignment;
        }
    }

    /// <summary>Copies the next assigned bytes into <paramref name="destination"/>; 0 at the end.</summary>
    internal int Read(Span<byte> destination)
    {
        var input = _assignment!.Input;
        var count = Math.Min(destination.Length, input.Length - _position);
        input.AsSpan(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }
}
