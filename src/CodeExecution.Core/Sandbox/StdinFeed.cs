using System.Text;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// One run's reading end of an <see cref="InteractiveInput"/>: hands out its texts in order, within what is left
/// of the input limit, and end of file (null) once it is completed or the limit is reached.
/// </summary>
/// <remarks>Single reader: one guest thread (<see cref="TryRead"/>) or one pump (<see cref="ReadAsync"/>), never both.</remarks>
internal sealed class StdinFeed
{
    /// <summary>How long a blocked read sleeps between checks of the guard, as <see cref="InterruptibleWasi"/>'s sleeps do.</summary>
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);

    private readonly InteractiveInput _source;
    private long _roomBytes;
    private bool _ended;
    private Task<bool>? _waiting;

    /// <param name="source">What the caller writes.</param>
    /// <param name="roomBytes">Bytes of UTF-8 the program may still be given: the input limit less the request's own input.</param>
    public StdinFeed(InteractiveInput source, long roomBytes)
    {
        _source = source;
        _roomBytes = Math.Max(0, roomBytes);
    }

    /// <summary>
    /// Waits for the next text, on the guest's thread: true with it (null at end of file), or false as soon as the
    /// guard says stop (the deadline passed, the run was cancelled or stopped), with the reason recorded.
    /// </summary>
    /// <remarks>The wait is in a host call, where epoch interruption cannot reach, so it checks the guard itself.</remarks>
    public bool TryRead(ExecutionGuard guard, out string? text)
    {
        while (true)
        {
            if (TryTake(out text))
            {
                return true;
            }

            if (guard.StopReason == StopReason.None && (guard.Remaining <= TimeSpan.Zero || guard.CancellationRequested))
            {
                guard.RequestStop(StopReason.Timeout);
            }

            if (guard.StopReason != StopReason.None)
            {
                return false;
            }

            var wait = guard.Remaining < CheckInterval ? guard.Remaining : CheckInterval;
            _waiting ??= _source.Reader.WaitToReadAsync().AsTask();
            if (_waiting.Wait(wait > TimeSpan.Zero ? wait : TimeSpan.Zero))
            {
                _waiting = null;
            }
        }
    }

    /// <summary>The next text, for a pump; null at end of file.</summary>
    public async ValueTask<string?> ReadAsync(CancellationToken cancellationToken)
    {
        while (!_ended && await _source.Reader.WaitToReadAsync(cancellationToken))
        {
            if (TryTake(out var text))
            {
                return text;
            }
        }

        _ended = true;
        return null;
    }

    /// <summary>A text at once (null at end of file), or false when none has come yet.</summary>
    private bool TryTake(out string? text)
    {
        text = null;
        if (_ended)
        {
            return true;
        }

        if (_source.Reader.TryRead(out var next))
        {
            text = Fit(next);
            return text is not null || _ended;
        }

        if (_source.Reader.Completion.IsCompleted)
        {
            _ended = true;
            return true;
        }

        return false;
    }

    /// <summary><paramref name="text"/>, or as much of it as the limit leaves room for (whole characters), which ends the input.</summary>
    private string? Fit(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes <= _roomBytes)
        {
            _roomBytes -= bytes;
            return text.Length == 0 ? null : text;
        }

        var length = 0;
        while (length < text.Length)
        {
            var step = char.IsHighSurrogate(text[length]) && length + 1 < text.Length && char.IsLowSurrogate(text[length + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(length, step));
            if (size > _roomBytes)
            {
                break;
            }

            _roomBytes -= size;
            length += step;
        }

        _ended = true;
        _source.EndAtLimit();
        return length == 0 ? null : text[..length];
    }
}
