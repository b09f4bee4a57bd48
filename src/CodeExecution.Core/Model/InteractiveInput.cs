using System.Threading.Channels;

namespace CodeExecution.Core.Model;

/// <summary>
/// Standard input a caller supplies while the program runs (a terminal's typed lines, a chat's messages), for
/// <see cref="CodeExecutor.ExecuteAsync(ExecutionRequest, Action{OutputChunk}?, InteractiveInput, CancellationToken)"/>:
/// the program reads the request's <see cref="ExecutionRequest.Input"/> first, then each text written here as it
/// comes, and end of file once <see cref="Complete"/> is called. One per run.
/// </summary>
/// <remarks>
/// Thread-safe: the caller writes on its own threads while the sandbox reads. A read of stdin waits for text, but
/// never past the run's deadline or its cancellation: then the run ends with the time limit's verdict. Stdin as a
/// whole is bounded by <c>limits.maxInputSize</c>: the text that would pass it is cut there (at a whole character),
/// the program reads end of file, <see cref="LimitReached"/> turns true and later writes are refused.
/// </remarks>
public sealed class InteractiveInput
{
    private readonly Channel<string> _texts = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private int _limitReached;

    /// <summary>True once stdin reached <c>limits.maxInputSize</c>: the program was given less than was written.</summary>
    public bool LimitReached => Volatile.Read(ref _limitReached) != 0;

    /// <summary>What the sandbox reads.</summary>
    internal ChannelReader<string> Reader => _texts.Reader;

    /// <summary>Passes <paramref name="text"/> on to the program; false when its input has ended (completed, or at its limit).</summary>
    public bool Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? !_texts.Reader.Completion.IsCompleted : _texts.Writer.TryWrite(text);
    }

    /// <summary>Ends the program's input: once it has read what was written, it reads end of file (Ctrl-D on a terminal).</summary>
    public void Complete() => _texts.Writer.TryComplete();

    /// <summary>The sandbox cut stdin at its limit: refuse what comes next.</summary>
    internal void EndAtLimit()
    {
        Volatile.Write(ref _limitReached, 1);
        _texts.Writer.TryComplete();
    }
}
