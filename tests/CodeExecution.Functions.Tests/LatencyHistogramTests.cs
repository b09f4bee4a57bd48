using CodeExecution.Core.Statistics;

namespace CodeExecution.Functions.Tests;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1.01, 1)]
    [InlineData(37, 9)]
    [InlineData(30_000, 28)]
    [InlineData(99_999, 29)]
    public void BucketOf_PutsDurationsInTheirBucket(double milliseconds, int bucket) =>
        Assert.Equal(bucket, LatencyHistogram.BucketOf(milliseconds));

    [Fact]
    public void Percentile_NothingCounted_IsZero() =>
        Assert.Equal(0, LatencyHistogram.Percentile(new long[LatencyHistogram.BucketCount], 0.95));

    [Fact]
    public void Percentile_InterpolatesInsideTheBucket()
    {
        var counts = new long[LatencyHistogram.BucketCount];
        counts[LatencyHistogram.BucketOf(40)] = 100; // (30, 40]

        Assert.Equal(39.5, LatencyHistogram.Percentile(counts, 0.95));
    }

    [Fact]
    public void Parse_ShorterStoredHistogram_IsPadded()
    {
        var counts = LatencyHistogram.Parse("1,2,3");

        Assert.Equal(LatencyHistogram.BucketCount, counts.Length);
        Assert.Equal([1L, 2L, 3L, 0L], counts[..4]);
        Assert.Equal("1,2,3", string.Join(',', LatencyHistogram.Format(counts).Split(',')[..3]));
    }
}
