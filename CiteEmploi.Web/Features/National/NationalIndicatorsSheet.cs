using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.National;

/// <summary>
/// The national table as a file (CSV and XLSX, <see cref="SheetFiles"/>): one line per Cité and indicator, then per
/// region, per perimeter type and for France, with the same secrecy as the page (« &lt; 5 », <see cref="SmallCounts"/>);
/// « non renseigné » where nothing was typed, never 0. The indicators counted from the workspace (sessions held, actions,
/// partners, budget) follow, one line per Cité, their <c>source</c> saying so; « non renseigné » where the workspace
/// cannot count them (no feuille de route, a budget followed by year).
/// </summary>
public static class NationalIndicatorsSheet
{
    public const string SheetName = "Indicateurs";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "niveau", "nom", "region", "perimetre", "periode", "indicateur", "libelle", "unite", "valeur", "numerateur", "denominateur",
        "mediane_nationale", "ecart_a_la_mediane", "cites_renseignees", "femmes", "hommes", "moins_26_ans", "residents_qpv", "deld", "source",
    ];

    /// <summary>The <c>source</c> of a value entered by a structure, and of a value counted from the workspace.</summary>
    public const string Typed = "saisi", Counted = "compté dans l'espace";

    /// <summary>The breakdown's columns, for the tests that scan them.</summary>
    public static IReadOnlyList<string> BreakdownColumns { get; } = ["femmes", "hommes", "moins_26_ans", "residents_qpv", "deld"];

    public static string FileName(NationalIndicatorsView view, string extension) => $"indicateurs-nationaux-{view.PeriodCode}.{extension}";

    public static IEnumerable<IReadOnlyList<SheetCell>> Rows(NationalIndicatorsView view, IReadOnlyList<NationalCountedRow>? counted = null)
    {
        foreach (var cite in view.Cites)
        {
            foreach (var definition in NationalIndicatorService.Indicators)
            {
                var cell = cite.Values.GetValueOrDefault(definition.Code) ?? NationalCell.Missing;
                var median = view.Median(definition.Code);
                yield return
                [
                    SheetCell.Of("Cité"), SheetCell.Typed(cite.Name), SheetCell.Of(cite.Region), SheetCell.Of(cite.Perimeter.Label()), SheetCell.Of(view.PeriodCode),
                    .. Indicator(definition),
                    cell.IsTyped && definition.Kind == IndicatorKind.Qualitatif ? SheetCell.Typed(cell.Level ?? string.Empty) : SheetCell.Of(cell.Value, SmallCounts.MissingText),
                    SheetCell.Of(cell.Numerator, string.Empty), SheetCell.Of(cell.Denominator, string.Empty),
                    SheetCell.Of(median, string.Empty), SheetCell.Of(cell.Value - median, string.Empty), SheetCell.Of(string.Empty),
                    .. Breakdown(definition, cell.IsTyped ? cell.Breakdown : []), SheetCell.Of(Typed),
                ];
            }
        }
        foreach (var (level, group) in view.ByRegion.Select(g => ("Région", g)).Concat(view.ByPerimeter.Select(g => ("Périmètre", g))).Append(("France", view.Nation)))
        {
            foreach (var definition in NationalIndicatorService.Indicators)
            {
                var total = group.Totals[definition.Code];
                yield return
                [
                    SheetCell.Of(level), SheetCell.Of(group.Label), SheetCell.Of(level == "Région" ? group.Label : string.Empty),
                    SheetCell.Of(level == "Périmètre" ? group.Label : string.Empty), SheetCell.Of(view.PeriodCode),
                    .. Indicator(definition),
                    definition.Kind == IndicatorKind.Qualitatif ? SheetCell.Of(string.Empty) : SheetCell.Of(total.Total, SmallCounts.MissingText),
                    SheetCell.Of(string.Empty), SheetCell.Of(string.Empty),
                    SheetCell.Of(view.Median(definition.Code), string.Empty), SheetCell.Of(string.Empty), SheetCell.Of(total.Typed, string.Empty),
                    .. Breakdown(definition, total.Typed > 0 ? total.Breakdown : []), SheetCell.Of(Typed),
                ];
            }
        }
        var perimeters = view.Cites.ToDictionary(c => c.CiteId, c => c.Perimeter.Label());
        foreach (var cite in counted ?? [])
        {
            foreach (var definition in NationalIndicatorService.CountedIndicators)
            {
                yield return
                [
                    SheetCell.Of("Cité"), SheetCell.Typed(cite.Name), SheetCell.Of(cite.Region), SheetCell.Of(perimeters.GetValueOrDefault(cite.CiteId) ?? string.Empty),
                    SheetCell.Of(view.PeriodCode), .. Indicator(definition),
                    SheetCell.Of(cite.Values.GetValueOrDefault(definition.Code), SmallCounts.MissingText),
                    .. Enumerable.Repeat(SheetCell.Of(string.Empty), 5 + BreakdownColumns.Count), SheetCell.Of(Counted),
                ];
            }
        }
    }

    private static SheetCell[] Indicator(IndicatorDefinition definition) =>
        [SheetCell.Of(definition.Code), SheetCell.Of(definition.Label), SheetCell.Of(definition.Unit)];

    private static IEnumerable<SheetCell> Breakdown(IndicatorDefinition definition, IReadOnlyList<BreakdownCell> cells) =>
        Enumerable.Range(0, BreakdownColumns.Count).Select(i => !definition.HasBreakdown
            ? SheetCell.Of(string.Empty)
            : i < cells.Count ? SheetCell.Of(cells[i].Value, cells[i].Hidden ? SmallCounts.HiddenText : SmallCounts.MissingText) : SheetCell.Of(SmallCounts.MissingText));
}
