using System.Globalization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Indicators;

/// <summary>
/// The rules of a value, in French by field (<see cref="IndicatorEntry"/>'s names, and <see cref="Period.Field"/>):
/// errors refuse it; warnings (<see cref="Warnings"/>) only ask the person to confirm.
/// </summary>
public static class IndicatorRules
{
    public const int NoteMaxLength = 1_000;
    public const int TextMaxLength = 200;

    /// <summary>Larger than any count a Cité reports by far (a count of people or actions, or euros).</summary>
    public const decimal MaxNumber = 1_000_000_000m;

    /// <summary>The field of an unconfirmed warning.</summary>
    public const string WarningField = "Warnings";

    /// <summary>The lock that covers <paramref name="period"/> (itself, or a longer period containing it), if any.</summary>
    public static Period? LockOf(Period period, IReadOnlyCollection<Period> locks) =>
        locks.Where(l => l.Contains(period)).Select(l => (Period?)l).FirstOrDefault();

    public static string LockedMessage(Period period, Period lockedBy) => lockedBy == period
        ? $"La période {period.Code} est verrouillée : ses valeurs ne changent plus. La coordination peut la déverrouiller."
        : $"La période {period.Code} est verrouillée avec {lockedBy.Code} : ses valeurs ne changent plus. La coordination peut la déverrouiller.";

    /// <summary>Every error of an entry, by field; empty when it may be recorded (warnings aside).</summary>
    public static ValidationErrors Check(IndicatorDefinition? definition, IndicatorEntry entry, IReadOnlyCollection<Period> locks)
    {
        var errors = new ValidationErrors();
        if (definition is null)
        {
            errors.Add(nameof(IndicatorEntry.IndicatorCode), $"L'indicateur « {Text.Clean(entry.IndicatorCode)} » n'existe pas dans le catalogue de cette Cité.");
        }
        else if (definition.IsCounted)
        {
            errors.Add(nameof(IndicatorEntry.IndicatorCode), $"« {definition.Label} » est calculé depuis l'espace : il ne se saisit pas.");
        }
        if (!Period.TryParse(entry.Period, out var period, out var periodError))
        {
            errors.Add(Period.Field, periodError!);
        }
        else if (LockOf(period, locks) is { } lockedBy)
        {
            errors.Add(Period.Field, LockedMessage(period, lockedBy));
        }
        if ((entry.Note ?? string.Empty).Trim().Length is var noteLength && noteLength > NoteMaxLength)
        {
            errors.Add(nameof(IndicatorEntry.Note), $"La note compte au plus {NoteMaxLength} caractères (actuellement {noteLength}).");
        }
        if (definition is null || definition.IsCounted)
        {
            return errors;
        }
        switch (definition.Kind)
        {
            case IndicatorKind.Nombre:
                CheckNumber(entry.Number, nameof(IndicatorEntry.Number), "La valeur", errors, required: true);
                break;
            case IndicatorKind.Ratio:
                CheckNumber(entry.Numerator, nameof(IndicatorEntry.Numerator), definition.NumeratorLabel ?? "Le numérateur", errors, required: true);
                CheckNumber(entry.Denominator, nameof(IndicatorEntry.Denominator), definition.DenominatorLabel ?? "Le dénominateur", errors, required: true);
                if (entry.Denominator == 0)
                {
                    errors.Add(nameof(IndicatorEntry.Denominator), $"{definition.DenominatorLabel ?? "Le dénominateur"} : 0 ne permet pas de calculer un taux. Laissez la valeur non renseignée s'il n'y a personne.");
                }
                break;
            default:
                var text = Text.Clean(entry.Text);
                if (text.Length == 0)
                {
                    errors.Add(nameof(IndicatorEntry.Text), "Indiquez le niveau (par exemple « bon » ou « à consolider »).");
                }
                else if (text.Length > TextMaxLength)
                {
                    errors.Add(nameof(IndicatorEntry.Text), $"Le niveau compte au plus {TextMaxLength} caractères (actuellement {text.Length}).");
                }
                break;
        }
        if (entry.Breakdown is { IsEmpty: false } breakdown)
        {
            if (!definition.HasBreakdown)
            {
                errors.Add(nameof(IndicatorEntry.Breakdown), $"« {definition.Label} » ne compte pas des personnes : il n'a pas de ventilation.");
            }
            foreach (var (field, label, value) in breakdown.Parts)
            {
                if (value < 0)
                {
                    errors.Add($"{nameof(IndicatorEntry.Breakdown)}.{field}", $"{label} : un nombre de personnes ne peut pas être négatif ({value}).");
                }
            }
        }
        return errors;
    }

    /// <summary>Checks an entry and answers its period.</summary>
    /// <exception cref="DomainValidationException">Any error; or, with none, a warning the entry does not confirm (on <see cref="WarningField"/>).</exception>
    public static Period Validate(IndicatorDefinition? definition, IndicatorEntry entry, IReadOnlyCollection<Period> locks)
    {
        Check(definition, entry, locks).ThrowIfAny();
        if (!entry.WarningsConfirmed)
        {
            var warnings = Warnings(definition!, entry);
            if (warnings.Count > 0)
            {
                var unconfirmed = new ValidationErrors();
                warnings.ToList().ForEach(w => unconfirmed.Add(WarningField, w));
                unconfirmed.ThrowIfAny();
            }
        }
        return Period.Parse(entry.Period);
    }

    /// <summary>
    /// What looks wrong but may be right (the person confirms): a breakdown above its total — women and men together
    /// above it, or one group alone above it.
    /// </summary>
    public static IReadOnlyList<string> Warnings(IndicatorDefinition definition, IndicatorEntry entry)
    {
        var total = definition.Kind == IndicatorKind.Ratio ? entry.Numerator : entry.Number;
        if (entry.Breakdown is not { IsEmpty: false } b || total is not { } t)
        {
            return [];
        }
        var warnings = new List<string>();
        var sexes = (b.Femmes ?? 0) + (b.Hommes ?? 0);
        if (sexes > t)
        {
            warnings.Add($"Femmes et hommes font {sexes} personnes, plus que le total ({t.ToString("N0", French)}). Vérifiez, ou confirmez si c'est bien cela.");
        }
        foreach (var (field, label, value) in b.Parts.Skip(2))
        {
            if (value > t)
            {
                warnings.Add($"{label} : {value} personnes, plus que le total ({t.ToString("N0", French)}). Vérifiez, ou confirmez si c'est bien cela.");
            }
        }
        return warnings;
    }

    /// <summary>« 1 234 personnes », « 12 345,50 € » (fr-FR, narrow no-break space between thousands).</summary>
    public static string FormatNumber(decimal value, string unit) =>
        unit == "€"
            ? value.ToString(decimal.Truncate(value) == value ? "N0" : "N2", French) + " €"
            : $"{value.ToString(decimal.Truncate(value) == value ? "N0" : "N2", French)} {unit}".TrimEnd();

    private static void CheckNumber(decimal? value, string field, string what, ValidationErrors errors, bool required)
    {
        if (value is not { } v)
        {
            if (required)
            {
                errors.Add(field, $"{what} : indiquez un nombre, ou laissez l'indicateur non renseigné.");
            }
            return;
        }
        if (v < 0)
        {
            errors.Add(field, $"{what} ne peut pas être négatif ({v.ToString(French)}).");
        }
        else if (v > MaxNumber)
        {
            errors.Add(field, $"{what} dépasse {MaxNumber.ToString("N0", French)} : vérifiez le nombre.");
        }
        else if (decimal.Round(v, 2) != v)
        {
            errors.Add(field, $"{what} : deux décimales au plus ({v.ToString(French)}).");
        }
    }

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
}
