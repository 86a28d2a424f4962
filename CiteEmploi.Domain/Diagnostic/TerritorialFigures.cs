using System.Globalization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Diagnostic;

/// <summary>A measure shown beside the coverage: its code (files), its French label and unit, and whether it is a rate.</summary>
public sealed record FigureIndicator(string Code, string Label, string Unit, bool IsRate);

/// <summary>The closed list of a QPV's territorial figures, as data.</summary>
public static class FigureIndicators
{
    public static IReadOnlyList<FigureIndicator> All { get; } =
    [
        new("population", "Population", "habitants", IsRate: false),
        new("chomage", "Taux de chômage", "%", IsRate: true),
        new("moins-26-ans", "Part des moins de 26 ans", "%", IsRate: true),
        new("familles-monoparentales", "Familles monoparentales", "% des familles", IsRate: true),
        new("pauvrete", "Taux de pauvreté", "%", IsRate: true),
        new("deld", "Part des demandeurs d'emploi de longue durée", "%", IsRate: true),
    ];

    /// <summary>An indicator by its code, or failing that by its label (see <see cref="Read"/>).</summary>
    public static FigureIndicator? Find(string? code) => All.FirstOrDefault(i => string.Equals(i.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? Read(code);

    /// <summary>An indicator named by its code or its label, as people write them in a spreadsheet (accents and case ignored).</summary>
    public static FigureIndicator? Read(string? text)
    {
        var folded = Text.Fold(text);
        return All.FirstOrDefault(i => Text.Fold(i.Code) == folded || Text.Fold(i.Label) == folded);
    }
}

/// <summary>One value of one indicator for one QPV, for one year, with where it comes from.</summary>
public sealed record TerritorialFigure(string QpvCode, string Indicator, decimal Value, int Year, string Source, bool IsDemonstration = false);

/// <summary>
/// A Cité's territorial figures (issue 18): a few measures per QPV (population, chômage…), each with its year and its
/// source, typed by the coordination or imported from a file. One value per QPV, indicator and year: a newer one
/// replaces it. Nothing is invented: every value names its source, and demonstration values say so.
/// </summary>
public sealed class TerritorialFigures : AggregateRoot, ICiteOwned
{
    public const int SourceMaxLength = 200;
    public const int MinYear = 2000;
    public const int MaxFigures = 5000;

    // EF Core materialisation
    private TerritorialFigures()
    {
    }

    public Guid CiteId { get; private set; }

    public List<TerritorialFigure> Figures { get; private set; } = [];

    public static TerritorialFigures For(Guid citeId) => new() { CiteId = citeId };

    /// <summary>
    /// What is wrong with one figure, by field (<see cref="TerritorialFigure.QpvCode"/>, <see cref="TerritorialFigure.Indicator"/>,
    /// <see cref="TerritorialFigure.Value"/>, <see cref="TerritorialFigure.Year"/>, <see cref="TerritorialFigure.Source"/>); empty when it is fine.
    /// </summary>
    public static ValidationErrors Check(TerritorialFigure figure, IReadOnlyCollection<string> qpvCodes, int currentYear)
    {
        var errors = new ValidationErrors();
        var code = (figure.QpvCode ?? string.Empty).Trim().ToUpperInvariant();
        if (!qpvCodes.Contains(code, StringComparer.Ordinal))
        {
            errors.Add(nameof(TerritorialFigure.QpvCode), code.Length == 0
                ? "Indiquez le code du quartier prioritaire."
                : $"« {code} » n'est pas un quartier prioritaire de cette Cité.");
        }
        var indicator = FigureIndicators.Find(figure.Indicator);
        if (indicator is null)
        {
            errors.Add(nameof(TerritorialFigure.Indicator),
                $"Indicateur inconnu « {figure.Indicator} » (attendu : {string.Join(", ", FigureIndicators.All.Select(i => i.Code))}).");
        }
        else if (indicator.IsRate && (figure.Value < 0 || figure.Value > 100))
        {
            errors.Add(nameof(TerritorialFigure.Value),
                string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"{indicator.Label} : un taux est compris entre 0 et 100 % ({figure.Value} % donné)."));
        }
        else if (!indicator.IsRate && (figure.Value <= 0 || figure.Value != decimal.Truncate(figure.Value)))
        {
            errors.Add(nameof(TerritorialFigure.Value), "La population est un nombre entier d'habitants, supérieur à 0.");
        }
        if (figure.Year > currentYear)
        {
            errors.Add(nameof(TerritorialFigure.Year), $"L'année {figure.Year} est dans le futur : une donnée publiée porte sur {currentYear} au plus tard.");
        }
        else if (figure.Year < MinYear)
        {
            errors.Add(nameof(TerritorialFigure.Year), $"L'année {figure.Year} est trop ancienne : {MinYear} au plus tôt.");
        }
        var source = Text.Clean(figure.Source);
        if (source.Length == 0)
        {
            errors.Add(nameof(TerritorialFigure.Source), "Indiquez la source du chiffre (par exemple « Insee, recensement »).");
        }
        else if (source.Length > SourceMaxLength)
        {
            errors.Add(nameof(TerritorialFigure.Source), $"La source dépasse {SourceMaxLength} caractères.");
        }
        return errors;
    }

    /// <summary>The figure as stored: code in upper case, indicator by its code, source cleaned.</summary>
    public static TerritorialFigure Normalise(TerritorialFigure figure) => figure with
    {
        QpvCode = figure.QpvCode.Trim().ToUpperInvariant(),
        Indicator = FigureIndicators.Find(figure.Indicator)?.Code ?? figure.Indicator,
        Source = Text.Clean(figure.Source),
    };

    /// <summary>
    /// Records figures: each replaces the one of the same QPV, indicator and year. Every figure is checked first.
    /// </summary>
    /// <exception cref="DomainValidationException">Any figure refused; nothing changed.</exception>
    public void Record(IReadOnlyList<TerritorialFigure> figures, IReadOnlyCollection<string> qpvCodes, int currentYear)
    {
        var errors = new ValidationErrors();
        foreach (var figure in figures)
        {
            foreach (var (field, messages) in Check(figure, qpvCodes, currentYear).ByField)
            {
                messages.ForEach(m => errors.Add(field, m));
            }
        }
        errors.ThrowIfAny();
        var incoming = figures.Select(Normalise).GroupBy(Key).Select(g => g.Last()).ToList();
        var replaced = incoming.Select(Key).ToHashSet();
        var kept = Figures.Where(f => !replaced.Contains(Key(f))).ToList();
        if (kept.Count + incoming.Count > MaxFigures)
        {
            ValidationErrors.Refuse(nameof(Figures), $"Une Cité garde au plus {MaxFigures} chiffres.");
        }
        Figures = [.. kept, .. incoming];
        Raise(new TerritorialFiguresChanged(CiteId));
    }

    /// <summary>Removes one value (a typing mistake); does nothing when it is not there.</summary>
    public void Remove(string qpvCode, string indicator, int year)
    {
        var key = (qpvCode.Trim().ToUpperInvariant(), indicator, year);
        if (Figures.RemoveAll(f => Key(f) == key) > 0)
        {
            Figures = [.. Figures];
            Raise(new TerritorialFiguresChanged(CiteId));
        }
    }

    private static (string, string, int) Key(TerritorialFigure f) => (f.QpvCode, f.Indicator, f.Year);
}

/// <summary>A Cité's territorial figures changed (typed, imported or removed).</summary>
public sealed record TerritorialFiguresChanged(Guid CiteId) : IDomainEvent;
