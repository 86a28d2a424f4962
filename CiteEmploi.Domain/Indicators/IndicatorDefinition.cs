namespace CiteEmploi.Domain.Indicators;

/// <summary>What an indicator measures: a count, a ratio (numerator over denominator, shown in %), or a qualitative level.</summary>
public enum IndicatorKind
{
    Nombre,
    Ratio,
    Qualitatif,
}

/// <summary>Which way is better.</summary>
public enum IndicatorDirection
{
    /// <summary>Higher is better.</summary>
    Hausse,

    /// <summary>Lower is better.</summary>
    Baisse,
}

/// <summary>A target for one period (a count, or a percentage for a ratio).</summary>
public sealed record IndicatorTarget(string Period, decimal Value);

/// <summary>
/// An indicator as the pages and the rules read it, national (<see cref="CiteId"/> null, from
/// <see cref="NationalCatalogue"/>) or local to one Cité (<see cref="LocalIndicator"/>). Its <see cref="Code"/> never
/// changes once values point to it; <see cref="CountedBy"/> says how the workspace counts it, when it does (then
/// nobody types it).
/// </summary>
public sealed record IndicatorDefinition(
    string Code,
    string Label,
    string Unit,
    IndicatorKind Kind,
    IndicatorDirection Direction,
    string Description,
    string? NumeratorLabel = null,
    string? DenominatorLabel = null,
    decimal? Baseline = null,
    IReadOnlyList<IndicatorTarget>? Targets = null,
    Guid? CiteId = null,
    CountedIndicator? CountedBy = null)
{
    public bool IsNational => CiteId is null;

    /// <summary>Counted from the workspace: shown « calculé depuis l'espace », never typed.</summary>
    public bool IsCounted => CountedBy is not null;

    /// <summary>Whether values carry the breakdowns (sexe, moins de 26 ans, QPV, DELD): counts and ratios of people typed by hand.</summary>
    public bool HasBreakdown => !IsCounted && Kind != IndicatorKind.Qualitatif && Unit == NationalCatalogue.People;

    public decimal? TargetFor(Period period) => Targets?.FirstOrDefault(t => t.Period == period.Code)?.Value;

    public string DirectionLabel => Kind == IndicatorKind.Qualitatif ? "—" : Direction == IndicatorDirection.Hausse ? "plus c'est haut, mieux c'est" : "plus c'est bas, mieux c'est";
}

/// <summary>How the workspace counts an indicator (docs/decisions/0027-indicators.md).</summary>
public enum CountedIndicator
{
    /// <summary>Sessions of the period neither cancelled nor still to come.</summary>
    SeancesTenues,

    /// <summary>The feuille de route's actions (below the axes, without sub-actions) at the end of the period, by axis and status.</summary>
    ActionsFeuilleDeRoute,

    /// <summary>Structures named pilot or partner of an action of the feuille de route at the end of the period.</summary>
    PartenairesImpliques,

    /// <summary>Structures that took part in a session held in the period or whose members changed the feuille de route in it.</summary>
    PartenairesActifs,

    /// <summary>The « réalisé » of the feuille de route's budget lines of the year.</summary>
    BudgetConsomme,

    /// <summary>Referrals recorded for a day of the period, by barrier (docs/decisions/0035).</summary>
    OrientationsEnregistrees,
}
