using System.Diagnostics;

namespace CiteEmploi.Bench;

/// <summary>Median and percentiles of latencies measured in <see cref="Stopwatch"/> ticks, reported in microseconds.</summary>
public sealed class LatencySummary
{
    private readonly long[] _sortedTicks;

    public LatencySummary(ReadOnlySpan<long> ticks)
    {
        _sortedTicks = ticks.ToArray();
        Array.Sort(_sortedTicks);
    }

    public int Count => _sortedTicks.Length;

    public double MedianMicroseconds => PercentileMicroseconds(50);

    public double P95Microseconds => PercentileMicroseconds(95);

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of samples at or below it.</summary>
    public double PercentileMicroseconds(double percent)
    {
        if (_sortedTicks.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percent / 100.0 * _sortedTicks.Length);
        var index = Math.Clamp(rank - 1, 0, _sortedTicks.Length - 1);
        return ToMicroseconds(_sortedTicks[index]);
    }

    public static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
