namespace CodeExecution.Benchmarks;

/// <summary>Percentiles and throughput of one measured series.</summary>
internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double PerSecond)
{
    public static LatencySummary From(IReadOnlyList<double> latenciesMs, TimeSpan wall)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Length / wall.TotalSeconds);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
