using System.Globalization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Indicators;

/// <summary>
/// Who among a count of people is a woman, a man, under 26, a QPV resident, a long-term jobseeker (aggregate counts only:
/// no personal data). Each is optional: « non renseigné » is null, never 0.
/// </summary>
public sealed record Breakdown(int? Femmes = null, int? Hommes = null, int? MoinsDe26Ans = null, int? ResidentsQpv = null, int? DemandeursLongueDuree = null)
{
    public bool IsEmpty => Femmes is null && Hommes is null && MoinsDe26Ans is null && ResidentsQpv is null && DemandeursLongueDuree is null;

    /// <summary>Each part with its field name and French label, in the form's order.</summary>
    public IEnumerable<(string Field, string Label, int? Value)> Parts =>
    [
        (nameof(Femmes), "Femmes", Femmes),
        (nameof(Hommes), "Hommes", Hommes),
        (nameof(MoinsDe26Ans), "Moins de 26 ans", MoinsDe26Ans),
        (nameof(ResidentsQpv), "Résidents QPV", ResidentsQpv),
        (nameof(DemandeursLongueDuree), "Demandeurs d'emploi de longue durée", DemandeursLongueDuree),
    ];
}

/// <summary>
/// A value as a person submits it. <paramref name="Number"/> is a count; <paramref name="Numerator"/> and
/// <paramref name="Denominator"/> a ratio; <paramref name="Text"/> a qualitative level. <paramref name="WarningsConfirmed"/>
/// is the person's « oui, c'est bien cela » after a warning (<see cref="IndicatorRules.Warnings"/>).
/// </summary>
public sealed record IndicatorEntry(string IndicatorCode, string Period, decimal? Number = null, decimal? Numerator = null, decimal? Denominator = null,
    string Text = "", Breakdown? Breakdown = null, string Note = "", bool WarningsConfirmed = false);

/// <summary>
/// The value of one indicator for one Cité and one period, typed by a structure of the Cité (or by the coordination,
/// <see cref="StructureId"/> null), with its breakdowns and a note. One per Cité, indicator and period: a new entry
/// replaces it. A missing value is « non renseigné », never 0.
/// </summary>
public sealed class IndicatorValue : AggregateRoot, ICiteOwned
{
    public const int NameMaxLength = 120;

    // EF Core materialisation
    private IndicatorValue()
    {
        IndicatorCode = Text = Note = EnteredByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public string IndicatorCode { get; private set; }

    public Period Period { get; private set; }

    public decimal? Number { get; private set; }

    public decimal? Numerator { get; private set; }

    public decimal? Denominator { get; private set; }

    public string Text { get; private set; }

    public Breakdown Breakdown { get; private set; } = new();

    public string Note { get; private set; }

    /// <summary>The structure that typed it; null for the coordination.</summary>
    public Guid? StructureId { get; private set; }

    public string EnteredByName { get; private set; }

    public DateTimeOffset EnteredAt { get; private set; }

    /// <summary>The value shown: the count, the ratio in % (one decimal), or null for a qualitative one.</summary>
    public decimal? Shown => Numerator is { } n && Denominator is { } d && d != 0 ? decimal.Round(n * 100m / d, 1) : Number;

    /// <summary>A first value of an indicator for a period.</summary>
    /// <exception cref="DomainValidationException">See <see cref="IndicatorRules.Check"/>; a warning not confirmed.</exception>
    public static IndicatorValue Record(Guid citeId, IndicatorDefinition? definition, IndicatorEntry entry, IReadOnlyCollection<Period> locks,
        Guid? structureId, string byName, DateTimeOffset now)
    {
        var period = IndicatorRules.Validate(definition, entry, locks);
        var value = new IndicatorValue { CiteId = citeId, IndicatorCode = definition!.Code, Period = period };
        value.Apply(entry, structureId, byName, now);
        return value;
    }

    /// <summary>Replaces the value with a new entry for the same indicator and period.</summary>
    public void Replace(IndicatorDefinition? definition, IndicatorEntry entry, IReadOnlyCollection<Period> locks, Guid? structureId, string byName, DateTimeOffset now)
    {
        var period = IndicatorRules.Validate(definition, entry, locks);
        if (definition!.Code != IndicatorCode || period != Period)
        {
            throw new InvalidOperationException("Une valeur ne change ni d'indicateur ni de période.");
        }
        Apply(entry, structureId, byName, now);
    }

    /// <summary>Checks the value may be removed (« non renseigné » again), and records it; the caller deletes the row.</summary>
    public void Remove(IReadOnlyCollection<Period> locks)
    {
        if (IndicatorRules.LockOf(Period, locks) is { } lockedBy)
        {
            ValidationErrors.Refuse(Period.Field, IndicatorRules.LockedMessage(Period, lockedBy));
        }
        Raise(new IndicatorValueRecorded(CiteId, IndicatorCode, Period.Code));
    }

    private void Apply(IndicatorEntry entry, Guid? structureId, string byName, DateTimeOffset now)
    {
        var ratio = entry.Denominator is not null || entry.Numerator is not null;
        Number = ratio ? null : entry.Number;
        Numerator = ratio ? entry.Numerator : null;
        Denominator = ratio ? entry.Denominator : null;
        Text = Common.Text.Clean(entry.Text);
        Breakdown = entry.Breakdown ?? new Breakdown();
        Note = (entry.Note ?? string.Empty).Trim();
        StructureId = structureId;
        var name = Common.Text.Clean(byName);
        EnteredByName = name.Length > NameMaxLength ? name[..NameMaxLength] : name;
        EnteredAt = now;
        Raise(new IndicatorValueRecorded(CiteId, IndicatorCode, Period.Code));
    }

    /// <summary>« 1 234 », « 12,5 % », the level's text: the value as a French reader reads it.</summary>
    public string Format(IndicatorDefinition definition) => definition.Kind switch
    {
        IndicatorKind.Qualitatif => Text,
        IndicatorKind.Ratio => Shown is { } p ? $"{p.ToString("0.#", French)} % ({Numerator?.ToString("N0", French)} / {Denominator?.ToString("N0", French)})" : string.Empty,
        _ => IndicatorRules.FormatNumber(Number ?? 0, definition.Unit),
    };

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
}

/// <summary>A value was recorded, replaced or removed.</summary>
public sealed record IndicatorValueRecorded(Guid CiteId, string IndicatorCode, string Period) : IDomainEvent;
