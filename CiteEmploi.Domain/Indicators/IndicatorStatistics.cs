namespace CiteEmploi.Domain.Indicators;

/// <summary>How the national view compares Cités: each against the median of the Cités that typed the indicator.</summary>
public static class IndicatorStatistics
{
    /// <summary>The median of some values (the mean of the two middle ones for an even count); null for none.</summary>
    public static decimal? Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
