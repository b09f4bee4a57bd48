namespace CodeExecution.Core.Statistics;

/// <summary>
/// Fixed latency buckets (milliseconds) for percentiles from aggregates: bucket i counts durations in
/// (<c>Bounds[i-1]</c>, <c>Bounds[i]</c>]; the last bucket counts everything above the last bound.
/// </summary>
public static class LatencyHistogram
{
    public static IReadOnlyList<double> Bounds { get; } =
    [
        1, 2, 3, 5, 7.5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 400, 500, 750,
        1000, 1500, 2000, 3000, 4000, 5000, 7500, 10_000, 15_000, 30_000,
    ];

    /// <summary>Number of buckets: one per bound plus the overflow bucket.</summary>
    public static int BucketCount => Bounds.Count + 1;

    public static int BucketOf(double milliseconds)
    {
        for (var i = 0; i < Bounds.Count; i++)
        {
            if (milliseconds <= Bounds[i])
            {
                return i;
            }
        }

        return Bounds.Count;
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0..1) of the counted durations, interpolated linearly inside its bucket;
    /// 0 when nothing was counted. Exact to the bucket's width.
    /// </summary>
    public static double Percentile(IReadOnlyList<long> counts, double quantile)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return 0;
        }

        var rank = quantile * total;
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            if (seen + counts[i] >= rank)
            {
                var lower = i == 0 ? 0 : Bounds[i - 1];
                var upper = i < Bounds.Count ? Bounds[i] : Bounds[^1];
                var fraction = (rank - seen) / counts[i];
                return Math.Round(lower + ((upper - lower) * fraction), 3);
            }

            seen += counts[i];
        }

        return Bounds[^1];
    }

    public static string Format(IReadOnlyList<long> counts) => string.Join(',', counts);

    /// <summary>Reads a stored histogram; a missing or shorter one (fewer buckets in an older version) is padded with zeros.</summary>
    public static long[] Parse(string? text)
    {
        var counts = new long[BucketCount];
        if (string.IsNullOrEmpty(text))
        {
            return counts;
        }

        var parts = text.Split(',');
        for (var i = 0; i < Math.Min(parts.Length, counts.Length); i++)
        {
            counts[i] = long.TryParse(parts[i], out var count) ? count : 0;
        }

        return counts;
    }
}
