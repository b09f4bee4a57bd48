using System.Globalization;

namespace CodeExecution.Cli;

/// <summary>
/// Shows how far long work has got (a batch's lines, a job's items) on stderr, so stdout stays the results alone:
/// <c>batch: 120/500 done, 3 failed, 41.2/s, about 9 s left</c>, and at the end
/// <c>batch: 500/500 done, 12 failed in 12.1 s (41.3/s)</c>. On a terminal the line is redrawn in place; elsewhere
/// (a log, a pipe) it is written as plain lines, few enough that a log stays readable.
/// </summary>
/// <remarks>
/// Rate and time left come from <see cref="TimeProvider.GetTimestamp"/>, a monotonic clock that a change of the
/// wall clock does not move, and count only the work done since the reporter was made. Not thread-safe: the
/// commands report from the one loop that writes their results.
/// </remarks>
internal sealed class ProgressReporter
{
    /// <summary>A terminal's line is redrawn at most this often: faster is flicker, and costs the work it reports on.</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Plain lines are at least this far apart, so work done within it leaves only the final line.</summary>
    public static readonly TimeSpan LineSpacing = TimeSpan.FromSeconds(1);

    /// <summary>A plain line is written after this long even when no further tenth of the total is done (or there is no total).</summary>
    public static readonly TimeSpan LineHeartbeat = TimeSpan.FromSeconds(10);

    /// <summary>Erases from the cursor to the end of the line: what is left of a longer line drawn before.</summary>
    private const string ClearToEndOfLine = "\e[K";

    private readonly string _label;
    private readonly long? _total;
    private readonly ProgressStyle _style;
    private readonly TextWriter _writer;
    private readonly TimeProvider _clock;
    private readonly long _alreadyDone;
    private readonly bool _outputSharesTerminal;
    private readonly long _start;
    private long _done;
    private long _failed;
    private long _lastWrite;
    private bool _drawn;
    private (long Done, long Failed) _lastLine;
    private bool _finished;

    /// <param name="label">What is in progress, at the start of each line: <c>batch</c>, <c>job</c>.</param>
    /// <param name="total">How many items there are, when known; without it no time left can be told.</param>
    /// <param name="alreadyDone">Items done before the reporter was made (a job followed halfway): not counted in the rate.</param>
    /// <param name="outputSharesTerminal">
    /// Whether stdout is the same terminal, so <see cref="ClearForOutput"/> must take the line away before a result is written.
    /// </param>
    public ProgressReporter(
        string label, long? total, ProgressStyle style, TextWriter writer, TimeProvider clock, long alreadyDone = 0, bool outputSharesTerminal = false)
    {
        _label = label;
        _total = total;
        _style = style;
        _writer = writer;
        _clock = clock;
        _alreadyDone = alreadyDone;
        _outputSharesTerminal = outputSharesTerminal;
        _start = _lastWrite = clock.GetTimestamp();
        _done = alreadyDone;
        _lastLine = (alreadyDone, 0);
    }

    /// <summary>
    /// A reporter on <see cref="Console.Error"/>: redrawn when stderr is a terminal, plain lines when it is redirected
    /// or <c>TERM=dumb</c> (a terminal that cannot be trusted with redrawing), nothing when <paramref name="enabled"/> is false.
    /// </summary>
    public static ProgressReporter ForConsole(string label, long? total, bool enabled, long alreadyDone = 0)
    {
        var style = !enabled ? ProgressStyle.None
            : Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb" ? ProgressStyle.Lines
            : ProgressStyle.Redraw;
        return new ProgressReporter(label, total, style, Console.Error, TimeProvider.System, alreadyDone, !Console.IsOutputRedirected);
    }

    /// <summary>The counts now: <paramref name="done"/> items have an answer, <paramref name="failed"/> of them unsuccessful.</summary>
    public void Report(long done, long failed)
    {
        (_done, _failed) = (done, failed);
        var now = _clock.GetTimestamp();
        var sinceWrite = _clock.GetElapsedTime(_lastWrite, now);
        switch (_style)
        {
            case ProgressStyle.Redraw when !_drawn || sinceWrite >= RedrawInterval:
                _writer.Write($"\r{Line(now)}{ClearToEndOfLine}");
                (_drawn, _lastWrite) = (true, now);
                break;
            case ProgressStyle.Lines when IsWorthALine(sinceWrite):
                _writer.WriteLine(Line(now));
                (_lastLine, _lastWrite) = ((done, failed), now);
                break;
        }
    }

    /// <summary>
    /// Before a result goes to stdout: when stdout is the same terminal, the redrawn line is taken away so the result
    /// starts at the beginning of a line of its own; the next <see cref="Report"/> draws it again below.
    /// </summary>
    public void ClearForOutput()
    {
        if (_style == ProgressStyle.Redraw && _outputSharesTerminal && _drawn)
        {
            _writer.Write($"\r{ClearToEndOfLine}");
            _drawn = false;
        }
    }

    /// <summary>The final line, with the total time, left in place (a terminal's line is ended); once, whatever ended the work.</summary>
    public void Finish()
    {
        if (_finished || _style == ProgressStyle.None)
        {
            return;
        }

        _finished = true;
        var now = _clock.GetTimestamp();
        var elapsed = _clock.GetElapsedTime(_start, now);
        var summary = $"{_label}: {Counts()} in {Elapsed(elapsed)}{(PerSecond(now) is { } perSecond ? $" ({Rate(perSecond)})" : "")}";
        _writer.WriteLine(_style == ProgressStyle.Redraw ? $"\r{summary}{ClearToEndOfLine}" : summary);
    }

    /// <summary>
    /// A plain line when the counts changed, the last line is <see cref="LineSpacing"/> old, and either another tenth of
    /// the total is done or <see cref="LineHeartbeat"/> has passed; never for the whole total, which the final line tells.
    /// </summary>
    private bool IsWorthALine(TimeSpan sinceLine)
    {
        if ((_done, _failed) == _lastLine || sinceLine < LineSpacing || _done >= _total)
        {
            return false;
        }

        return sinceLine >= LineHeartbeat || (_total is { } total && _done * 10 / total > _lastLine.Done * 10 / total);
    }

    private string Line(long now)
    {
        var line = $"{_label}: {Counts()}";
        if (PerSecond(now) is not { } perSecond)
        {
            return line;
        }

        line += $", {Rate(perSecond)}";
        return _total is { } total && _done < total ? $"{line}, about {Duration((total - _done) / perSecond)} left" : line;
    }

    private string Counts() => $"{_done}{(_total is { } total ? $"/{total}" : "")} done, {_failed} failed";

    /// <summary>Items per second since the reporter was made; null before any is done or any time has passed.</summary>
    private double? PerSecond(long now)
    {
        var seconds = _clock.GetElapsedTime(_start, now).TotalSeconds;
        return _done > _alreadyDone && seconds > 0 ? (_done - _alreadyDone) / seconds : null;
    }

    /// <summary><c>41.2/s</c>, or below one a second <c>3.5/min</c>, so slow work does not read as <c>0.0/s</c>.</summary>
    private static string Rate(double perSecond) => perSecond >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{perSecond:0.0}/s")
        : string.Create(CultureInfo.InvariantCulture, $"{perSecond * 60:0.0}/min");

    /// <summary>Time taken: <c>12.1 s</c> under a minute, then as <see cref="Duration"/>.</summary>
    private static string Elapsed(TimeSpan elapsed) => elapsed.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s")
        : Duration(elapsed.TotalSeconds);

    /// <summary><c>9 s</c>, <c>2 min 5 s</c>, <c>1 h 3 min</c>: whole units rounded up (an estimate is no finer, and never says 0 s while work is left).</summary>
    private static string Duration(double seconds)
    {
        var whole = (long)Math.Ceiling(seconds);
        return whole switch
        {
            < 60 => $"{whole} s",
            < 3600 when whole % 60 == 0 => $"{whole / 60} min",
            < 3600 => $"{whole / 60} min {whole % 60} s",
            _ => $"{whole / 3600} h {whole % 3600 / 60} min",
        };
    }
}
