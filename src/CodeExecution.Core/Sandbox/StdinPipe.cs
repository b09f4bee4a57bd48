using System.IO.Pipes;
using System.Text;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// A guest's WASI stdin fed as the caller types (<see cref="SandboxSettings.InteractiveInput"/>): a pipe whose reading
/// end Wasmtime opens as the store's stdin, and a pump that writes the request's input and then each text of the
/// <see cref="StdinFeed"/> into it, closing it at end of file.
/// </summary>
/// <remarks>
/// A guest reading an empty pipe waits inside Wasmtime's <c>fd_read</c>, where epoch interruption cannot reach it.
/// So the pump also ends at the run's deadline or cancellation: it calls <c>onStop</c> (which records the time
/// limit's verdict and drops later output) and only then closes the pipe, so the guest's read returns end of file
/// and the next epoch check stops it. Unix only: Wasmtime opens the reading end by its <c>/dev/fd</c> path.
/// </remarks>
internal sealed class StdinPipe : IDisposable
{
    private readonly AnonymousPipeServerStream _writer;
    private readonly CancellationTokenSource _end;
    private readonly byte[] _prefix;
    private readonly StdinFeed _feed;
    private readonly Action _onStop;
    private Task? _pump;
    private volatile bool _released;

    /// <param name="prefix">The request's own input, which the guest reads first.</param>
    /// <param name="feed">What the caller writes after it.</param>
    /// <param name="deadline">How long the run may take from now.</param>
    /// <param name="cancellation">The run's cancellation.</param>
    /// <param name="onStop">Called when the deadline or cancellation ends the input, before the guest can see it end.</param>
    public StdinPipe(string prefix, StdinFeed feed, TimeSpan deadline, CancellationToken cancellation, Action onStop)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Interactive stdin for a WASI guest needs a Unix host (a pipe opened by its /dev/fd path).");
        }

        _prefix = Encoding.UTF8.GetBytes(prefix);
        _feed = feed;
        _onStop = onStop;
        _writer = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None);
        _end = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _end.CancelAfter(deadline > TimeSpan.Zero ? deadline : TimeSpan.Zero);
        ReadingEndPath = $"/dev/fd/{_writer.ClientSafePipeHandle.DangerousGetHandle()}";
    }

    /// <summary>The path of the pipe's reading end, for <c>WasiConfiguration.WithStandardInput</c>.</summary>
    public string ReadingEndPath { get; }

    /// <summary>Starts feeding the pipe, once the store's WASI configuration has opened <see cref="ReadingEndPath"/>.</summary>
    public void Start()
    {
        _writer.DisposeLocalCopyOfClientHandle();
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Ends the pump and closes the pipe (a guest still reading gets end of file; Wasmtime's reader is released).</summary>
    public void Dispose()
    {
        _released = true;
        _end.Cancel();
        if (_pump is null)
        {
            _writer.Dispose();
        }
        else
        {
            _pump.ContinueWith(_ => _end.Dispose(), TaskScheduler.Default);
        }
    }

    private async Task PumpAsync()
    {
        var token = _end.Token;
        try
        {
            if (_prefix.Length > 0)
            {
                await _writer.WriteAsync(_prefix, token);
            }

            while (await _feed.ReadAsync(token) is { } text)
            {
                await _writer.WriteAsync(Encoding.UTF8.GetBytes(text), token);
            }
        }
        catch (OperationCanceledException) when (!_released)
        {
            _onStop();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Released, or the guest's end is gone: nothing is waiting for more input.
        }
        finally
        {
            _writer.Dispose();
        }
    }
}
