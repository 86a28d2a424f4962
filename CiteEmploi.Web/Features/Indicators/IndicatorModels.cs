using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Web.Features.Indicators;

/// <summary>
/// One line of the catalogue for one period: the definition, what is typed (or null: « non renseigné ») or counted,
/// who typed it, and whether this person may type it.
/// </summary>
public sealed record IndicatorRow(IndicatorDefinition Definition, IndicatorValue? Value, CountedValue? Counted, string? EnteredBy, bool CanEnter)
{
    public decimal? Target(Period period) => Definition.TargetFor(period);
}

/// <summary>The indicators page for one period: the rows, whether the period is locked (and by which period), and what the person may do.</summary>
public sealed record IndicatorsView(Period Period, IReadOnlyList<IndicatorRow> Rows, Period? LockedBy, IReadOnlyList<Period> Locks,
    bool CanLock, bool CanDefine, string? EntersFor)
{
    public bool IsLocked => LockedBy is not null;
}

/// <summary>One point of an indicator's chart: a period and its value (null: « non renseigné »).</summary>
public sealed record IndicatorPoint(Period Period, decimal? Value);
