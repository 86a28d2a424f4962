using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Indicators;

/// <summary>What a coordinator submits to define a local indicator; an empty code is made from the label.</summary>
public sealed record LocalIndicatorDraft(string Label, string Unit, IndicatorKind Kind, IndicatorDirection Direction, string Description = "",
    string Code = "", string? NumeratorLabel = null, string? DenominatorLabel = null, decimal? Baseline = null, IReadOnlyList<IndicatorTarget>? Targets = null);

/// <summary>
/// An indicator one Cité adds to the national catalogue for itself (a local priority: « familles monoparentales
/// accompagnées vers un mode de garde »). Typed by hand, never counted; its code is unique in the Cité and never one of
/// the catalogue's.
/// </summary>
public sealed class LocalIndicator : AggregateRoot, ICiteOwned
{
    public const int CodeMaxLength = 60;
    public const int LabelMaxLength = 120;
    public const int UnitMaxLength = 30;
    public const int DescriptionMaxLength = 1_000;
    public const int MaxTargets = 40;

    // EF Core materialisation
    private LocalIndicator()
    {
        Code = Label = Unit = Description = CreatedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public string Code { get; private set; }

    public string Label { get; private set; }

    public string Unit { get; private set; }

    public IndicatorKind Kind { get; private set; }

    public IndicatorDirection Direction { get; private set; }

    public string Description { get; private set; }

    public string? NumeratorLabel { get; private set; }

    public string? DenominatorLabel { get; private set; }

    public decimal? Baseline { get; private set; }

    public List<IndicatorTarget> Targets { get; private set; } = [];

    public string CreatedByName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IndicatorDefinition Definition => new(Code, Label, Unit, Kind, Direction, Description, NumeratorLabel, DenominatorLabel, Baseline, Targets, CiteId);

    /// <param name="localCodes">The codes of the Cité's other local indicators.</param>
    /// <exception cref="DomainValidationException">Every problem, by field of <see cref="LocalIndicatorDraft"/>.</exception>
    public static LocalIndicator Define(Guid citeId, LocalIndicatorDraft draft, IReadOnlyCollection<string> localCodes, string byName, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var label = Text.Clean(draft.Label);
        var code = string.IsNullOrWhiteSpace(draft.Code) ? Text.Slugify(label, CodeMaxLength) : Text.Slugify(draft.Code, CodeMaxLength);
        if (label.Length is 0 or > LabelMaxLength)
        {
            errors.Add(nameof(draft.Label), $"Donnez un libellé de 1 à {LabelMaxLength} caractères.");
        }
        if (code.Length == 0)
        {
            errors.Add(nameof(draft.Code), "Le code se compose de lettres et de chiffres (par exemple « gardes-enfants »).");
        }
        else if (NationalCatalogue.Find(code) is { } national)
        {
            errors.Add(nameof(draft.Code), $"« {code} » est le code d'un indicateur national ({national.Label}) : choisissez-en un autre.");
        }
        else if (localCodes.Contains(code))
        {
            errors.Add(nameof(draft.Code), $"Un indicateur de la Cité a déjà le code « {code} ».");
        }
        var unit = Text.Clean(draft.Unit);
        if (draft.Kind == IndicatorKind.Ratio)
        {
            unit = "%";
        }
        if (unit.Length is 0 or > UnitMaxLength && draft.Kind == IndicatorKind.Nombre)
        {
            errors.Add(nameof(draft.Unit), $"Indiquez l'unité (par exemple « personnes »), {UnitMaxLength} caractères au plus.");
        }
        if (!Enum.IsDefined(draft.Kind))
        {
            errors.Add(nameof(draft.Kind), "Choisissez : nombre, taux ou qualitatif.");
        }
        if (!Enum.IsDefined(draft.Direction))
        {
            errors.Add(nameof(draft.Direction), "Choisissez si la hausse ou la baisse est le bon sens.");
        }
        var numerator = Text.Clean(draft.NumeratorLabel);
        var denominator = Text.Clean(draft.DenominatorLabel);
        if (draft.Kind == IndicatorKind.Ratio && (numerator.Length is 0 or > LabelMaxLength || denominator.Length is 0 or > LabelMaxLength))
        {
            errors.Add(nameof(draft.DenominatorLabel), "Un taux nomme ce qu'il compte en haut et en bas (par exemple « personnes en emploi » sur « personnes accompagnées »).");
        }
        var description = (draft.Description ?? string.Empty).Trim();
        if (description.Length > DescriptionMaxLength)
        {
            errors.Add(nameof(draft.Description), $"La description compte au plus {DescriptionMaxLength} caractères.");
        }
        if (draft.Baseline < 0)
        {
            errors.Add(nameof(draft.Baseline), "La valeur de référence ne peut pas être négative.");
        }
        var targets = draft.Targets ?? [];
        if (targets.Count > MaxTargets)
        {
            errors.Add(nameof(draft.Targets), $"Au plus {MaxTargets} cibles.");
        }
        foreach (var target in targets)
        {
            if (!Period.TryParse(target.Period, out _, out var periodError))
            {
                errors.Add(nameof(draft.Targets), periodError!);
            }
            else if (target.Value < 0)
            {
                errors.Add(nameof(draft.Targets), $"La cible de {target.Period} ne peut pas être négative.");
            }
        }
        errors.ThrowIfAny();
        var indicator = new LocalIndicator
        {
            CiteId = citeId,
            Code = code,
            Label = label,
            Unit = draft.Kind == IndicatorKind.Qualitatif && unit.Length == 0 ? "niveau" : unit,
            Kind = draft.Kind,
            Direction = draft.Direction,
            Description = description,
            NumeratorLabel = draft.Kind == IndicatorKind.Ratio ? numerator : null,
            DenominatorLabel = draft.Kind == IndicatorKind.Ratio ? denominator : null,
            Baseline = draft.Baseline,
            Targets = [.. targets.Select(t => t with { Period = Period.Parse(t.Period).Code })],
            CreatedByName = Text.Clean(byName),
            CreatedAt = now,
        };
        indicator.Raise(new LocalIndicatorDefined(citeId, code));
        return indicator;
    }
}

public sealed record LocalIndicatorDefined(Guid CiteId, string Code) : IDomainEvent;
