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

    /// <summary>
    /// Runs <paramref name="measure"/> <paramref name="warmup"/> times untimed, then up to <paramref name="runs"/> times
    /// timed, stopping early at <paramref name="stopAt"/> (a <see cref="Stopwatch"/> timestamp): every loop is bounded in
    /// count and time.
    /// </summary>
    public static LatencySummary Measure(Action measure, int warmup, int runs, long stopAt)
    {
        for (var i = 0; i < warmup; i++)
        {
            measure();
        }
        var ticks = new List<long>(runs);
        for (var i = 0; i < runs && Stopwatch.GetTimestamp() < stopAt; i++)
        {
            var start = Stopwatch.GetTimestamp();
            measure();
            ticks.Add(Stopwatch.GetTimestamp() - start);
        }
        return new LatencySummary(ticks.ToArray());
    }

    public static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
