namespace CodeExecution.Cli.Tests;

/// <summary>The progress line's text, when it is written, and its figures, on a clock the test moves.</summary>
public sealed class ProgressReporterTests
{
    private const string Clear = "\e[K";

    private readonly ManualClock _clock = new();
    private readonly StringWriter _stderr = new();

    private ProgressReporter Reporter(ProgressStyle style, long? total, long alreadyDone = 0, bool outputSharesTerminal = false, string label = "batch") =>
        new(label, total, style, _stderr, _clock, alreadyDone, outputSharesTerminal);

    [Fact]
    public void Redraw_RedrawsOneLineInPlace_AtMostFourTimesASecond_AndLeavesTheFinalLine()
    {
        var progress = Reporter(ProgressStyle.Redraw, total: 500);

        progress.Report(0, 0);
        _clock.At(0.1);
        progress.Report(5, 0);
        _clock.At(3);
        progress.Report(120, 3);
        _clock.At(3.2);
        progress.Report(128, 3);
        _clock.At(12.5);
        progress.Report(500, 12);
        progress.Finish();

        Assert.Equal(
            $"\rbatch: 0/500 done, 0 failed{Clear}" +
            $"\rbatch: 120/500 done, 3 failed, 40.0/s, about 10 s left{Clear}" +
            $"\rbatch: 500/500 done, 12 failed, 40.0/s{Clear}" +
            $"\rbatch: 500/500 done, 12 failed in 12.5 s (40.0/s){Clear}\n",
            _stderr.ToString());
    }

    [Fact]
    public void Redraw_StdoutOnTheSameTerminal_TakesTheLineAwayBeforeAResult_AndDrawsItAgainAtOnce()
    {
        var progress = Reporter(ProgressStyle.Redraw, total: 4, outputSharesTerminal: true);

        progress.Report(0, 0);
        _clock.At(0.01);
        progress.ClearForOutput();
        progress.Report(1, 0);
        _clock.At(0.02);
        progress.ClearForOutput();
        progress.ClearForOutput();
        progress.Report(2, 1);

        Assert.Equal(
            $"\rbatch: 0/4 done, 0 failed{Clear}" +
            $"\r{Clear}\rbatch: 1/4 done, 0 failed, 100.0/s, about 1 s left{Clear}" +
            $"\r{Clear}\rbatch: 2/4 done, 1 failed, 100.0/s, about 1 s left{Clear}",
            _stderr.ToString());
    }

    [Fact]
    public void Redraw_StdoutElsewhere_LeavesTheLineWhenAResultIsWritten()
    {
        var progress = Reporter(ProgressStyle.Redraw, total: 4, outputSharesTerminal: false);

        progress.Report(0, 0);
        _clock.At(0.01);
        progress.ClearForOutput();
        progress.Report(1, 0);

        Assert.Equal($"\rbatch: 0/4 done, 0 failed{Clear}", _stderr.ToString());
    }

    [Fact]
    public void Lines_WritesALineForEachFurtherTenth_ASecondApartAtLeast_OrAfterTenSeconds_ThenTheFinalLine()
    {
        var progress = Reporter(ProgressStyle.Lines, total: 100);

        progress.Report(0, 0);
        _clock.At(0.5);
        progress.Report(20, 0); // a tenth further, but within the first second
        _clock.At(1);
        progress.Report(25, 1);
        _clock.At(1.5);
        progress.Report(30, 1); // a tenth further, but within a second of the last line
        _clock.At(2.5);
        progress.Report(30, 1);
        _clock.At(5);
        progress.Report(39, 1); // no further tenth since the last line's 30
        _clock.At(13);
        progress.Report(39, 2); // ten seconds since the last line
        _clock.At(24);
        progress.Report(39, 2); // nothing new since the last line
        _clock.At(30);
        progress.Report(100, 2); // the whole total: the final line tells it
        progress.Finish();

        Assert.Equal(
            "batch: 25/100 done, 1 failed, 25.0/s, about 3 s left\n" +
            "batch: 30/100 done, 1 failed, 12.0/s, about 6 s left\n" +
            "batch: 39/100 done, 2 failed, 3.0/s, about 21 s left\n" +
            "batch: 100/100 done, 2 failed in 30.0 s (3.3/s)\n",
            _stderr.ToString());
    }

    [Fact]
    public void Lines_WithoutATotal_WritesEveryTenSeconds_WithNoTimeLeft()
    {
        var progress = Reporter(ProgressStyle.Lines, total: null);

        _clock.At(1);
        progress.Report(10, 0);
        _clock.At(10);
        progress.Report(100, 0);
        _clock.At(15);
        progress.Report(150, 0);
        progress.Finish();

        Assert.Equal(
            "batch: 100 done, 0 failed, 10.0/s\n" +
            "batch: 150 done, 0 failed in 15.0 s (10.0/s)\n",
            _stderr.ToString());
    }

    [Fact]
    public void SlowWork_FollowedHalfway_CountsItsRateFromWhereItStarted_InItemsAMinute_AndHoursLeft()
    {
        var progress = Reporter(ProgressStyle.Redraw, total: 1000, alreadyDone: 400, label: "job");

        progress.Report(400, 0);
        _clock.At(120);
        progress.Report(410, 1);
        _clock.At(125);
        progress.Finish();

        Assert.Equal(
            $"\rjob: 400/1000 done, 0 failed{Clear}" +
            $"\rjob: 410/1000 done, 1 failed, 5.0/min, about 1 h 58 min left{Clear}" +
            $"\rjob: 410/1000 done, 1 failed in 2 min 5 s (4.8/min){Clear}\n",
            _stderr.ToString());
    }

    [Fact]
    public void Finish_NothingDone_SaysSoWithoutARate_AndOnlyOnce()
    {
        var progress = Reporter(ProgressStyle.Lines, total: 3);

        _clock.At(0.2);
        progress.Finish();
        progress.Finish();

        Assert.Equal("batch: 0/3 done, 0 failed in 0.2 s\n", _stderr.ToString());
    }

    [Fact]
    public void None_WritesNothing()
    {
        var progress = Reporter(ProgressStyle.None, total: 3, outputSharesTerminal: true);

        progress.Report(0, 0);
        _clock.At(20);
        progress.ClearForOutput();
        progress.Report(3, 1);
        progress.Finish();

        Assert.Equal("", _stderr.ToString());
    }
}
