namespace CodeExecution.Cli.Tests;

/// <summary>A monotonic clock that moves only when a test says so, so progress figures are exact and need no waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;

    /// <summary>Moves the clock to <paramref name="seconds"/> after its start.</summary>
    public void At(double seconds) => _ticks = TimeSpan.FromSeconds(seconds).Ticks;
}
