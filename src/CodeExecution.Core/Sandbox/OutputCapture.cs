using System.Text;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// Collects what the guest writes to stdout and stderr, in memory, in the order written, up to a byte limit
/// shared by both streams. Past the limit further output is dropped and the guard is asked to stop the guest.
/// </summary>
/// <remarks>
/// Thread-safe: Wasmtime delivers output on its own threads. Reading the text ends the capture: it is read once the
/// guest has ended, and anything written after that is dropped.
/// </remarks>
public sealed class OutputCapture
{
    private readonly object _gate = new();
    private readonly int _limit;
    private readonly ExecutionGuard _guard;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _combined = new();
    private readonly Decoder _stdoutDecoder = Encoding.UTF8.GetDecoder();
    private readonly Decoder _stderrDecoder = Encoding.UTF8.GetDecoder();
    private Action<OutputChunk>? _sink;
    private long _bytes;
    private bool _ended;
    private bool _closed;

    /// <param name="limitBytes">Bytes of stdout and stderr together that are kept.</param>
    /// <param name="guard">Asked to stop the guest when the output passes the limit.</param>
    /// <param name="sink">Given each chunk as it is captured, in order, or null; one that throws is not called again.</param>
    public OutputCapture(int limitBytes, ExecutionGuard guard, Action<OutputChunk>? sink = null)
    {
        _limit = limitBytes;
        _guard = guard;
        _sink = sink;
    }

    public bool Truncated { get; private set; }

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public void WriteStdout(ReadOnlySpan<byte> data) => Write(data, OutputStream.Stdout, _stdout, _stdoutDecoder);

    public void WriteStderr(ReadOnlySpan<byte> data) => Write(data, OutputStream.Stderr, _stderr, _stderrDecoder);

    public void WriteStdout(string text) => WriteStdout(Encoding.UTF8.GetBytes(text));

    public void WriteStderr(string text) => WriteStderr(Encoding.UTF8.GetBytes(text));

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public string Combined => Read(_combined);

    private void Write(ReadOnlySpan<byte> data, OutputStream kind, StringBuilder stream, Decoder decoder)
    {
        lock (_gate)
        {
            if (Truncated || _ended || _closed)
            {
                return;
            }

            var room = _limit - _bytes;
            var accepted = data.Length <= room ? data : data[..(int)room];
            _bytes += accepted.Length;
            var chars = new char[decoder.GetCharCount(accepted, flush: false)];
            var count = decoder.GetChars(accepted, chars, flush: false);
            stream.Append(chars, 0, count);
            _combined.Append(chars, 0, count);
            Deliver(kind, chars, count);
            if (accepted.Length < data.Length)
            {
                Truncated = true;
                _guard.RequestStop(StopReason.OutputLimit);
            }
        }
    }

    /// <summary>Drops what the guest writes from now on: it is being stopped (see <see cref="SandboxSession"/>'s interactive stdin).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    /// <summary>The text so far; the first read ends the capture, so bytes of a character left incomplete become U+FFFD, as a reader of a pipe would see them.</summary>
    private string Read(StringBuilder stream)
    {
        lock (_gate)
        {
            if (!_ended)
            {
                _ended = true;
                Flush(OutputStream.Stdout, _stdout, _stdoutDecoder);
                Flush(OutputStream.Stderr, _stderr, _stderrDecoder);
            }

            return stream.ToString();
        }
    }

    private void Flush(OutputStream kind, StringBuilder stream, Decoder decoder)
    {
        var chars = new char[decoder.GetCharCount([], flush: true)];
        var count = decoder.GetChars([], chars, flush: true);
        stream.Append(chars, 0, count);
        _combined.Append(chars, 0, count);
        Deliver(kind, chars, count);
    }

    /// <summary>Hands captured text to the sink, if there is one; a sink that throws is the caller's fault, and is dropped.</summary>
    private void Deliver(OutputStream kind, char[] chars, int count)
    {
        if (_sink is not { } sink || count == 0)
        {
            return;
        }

        try
        {
            sink(new OutputChunk(kind, new string(chars, 0, count)));
        }
        catch (Exception)
        {
            _sink = null;
        }
    }
}
