using System.Text;

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
    private long _bytes;
    private bool _ended;

    public OutputCapture(int limitBytes, ExecutionGuard guard)
    {
        _limit = limitBytes;
        _guard = guard;
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

    public void WriteStdout(ReadOnlySpan<byte> data) => Write(data, _stdout, _stdoutDecoder);

    public void WriteStderr(ReadOnlySpan<byte> data) => Write(data, _stderr, _stderrDecoder);

    public void WriteStdout(string text) => WriteStdout(Encoding.UTF8.GetBytes(text));

    public void WriteStderr(string text) => WriteStderr(Encoding.UTF8.GetBytes(text));

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public string Combined => Read(_combined);

    private void Write(ReadOnlySpan<byte> data, StringBuilder stream, Decoder decoder)
    {
        lock (_gate)
        {
            if (Truncated || _ended)
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
            if (accepted.Length < data.Length)
            {
                Truncated = true;
                _guard.RequestStop(StopReason.OutputLimit);
            }
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
                Flush(_stdout, _stdoutDecoder);
                Flush(_stderr, _stderrDecoder);
            }

            return stream.ToString();
        }
    }

    private void Flush(StringBuilder stream, Decoder decoder)
    {
        var chars = new char[decoder.GetCharCount([], flush: true)];
        var count = decoder.GetChars([], chars, flush: true);
        stream.Append(chars, 0, count);
        _combined.Append(chars, 0, count);
    }
}
