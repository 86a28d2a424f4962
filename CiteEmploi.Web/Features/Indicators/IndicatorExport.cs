using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Indicators;

/// <summary>
/// One Cité's indicators for one period as a CSV file (<c>/c/{slug}/indicateurs/export.csv?periode=2026-T1</c>), for its
/// members only: the same wall as the page — another Cité's member, or a Cité that does not exist, answers 404. A Cité
/// reads its own figures whole (no « &lt; 5 »: that is for the screens across Cités).
/// </summary>
public static class IndicatorExport
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "indicateur", "libelle", "nature", "unite", "periode", "source", "valeur", "numerateur", "denominateur", "niveau", "cible",
        "femmes", "hommes", "moins_26_ans", "residents_qpv", "deld", "note", "saisi_par", "saisi_le",
    ];

    public static string FileName(string slug, Period period) => $"indicateurs-{slug}-{period.Code}.csv";

    public static IEnumerable<IReadOnlyList<SheetCell>> Rows(IndicatorsView view) => view.Rows.Select(row =>
    {
        var d = row.Definition;
        var value = row.Value;
        var number = d.IsCounted ? row.Counted?.Value : value?.Shown;
        return (IReadOnlyList<SheetCell>)
        [
            SheetCell.Typed(d.Code), SheetCell.Typed(d.Label), SheetCell.Of(d.Kind switch { IndicatorKind.Ratio => "taux", IndicatorKind.Qualitatif => "qualitatif", _ => "nombre" }),
            SheetCell.Typed(d.Unit), SheetCell.Of(view.Period.Code), SheetCell.Of(d.IsCounted ? "calculé depuis l'espace" : value is null ? string.Empty : "saisi"),
            d.Kind == IndicatorKind.Qualitatif ? SheetCell.Of(string.Empty) : SheetCell.Of(number, SmallCounts.MissingText),
            SheetCell.Of(value?.Numerator, string.Empty), SheetCell.Of(value?.Denominator, string.Empty),
            d.Kind == IndicatorKind.Qualitatif ? SheetCell.Typed(value?.Text is { Length: > 0 } level ? level : SmallCounts.MissingText) : SheetCell.Of(string.Empty),
            SheetCell.Of(row.Target(view.Period), string.Empty),
            .. (value?.Breakdown ?? new Breakdown()).Parts.Select(p => SheetCell.Of(p.Value, string.Empty)),
            SheetCell.Typed(value?.Note ?? string.Empty), SheetCell.Typed(value is null ? string.Empty : row.EnteredBy ?? string.Empty),
            SheetCell.Of(value is null ? string.Empty : Domain.Common.FrenchTime.Local(value.EnteredAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
        ];
    });

    public static IEndpointRouteBuilder MapIndicatorExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/c/{slug}/indicateurs/export.csv", (HttpContext context, string slug, string? periode, IndicatorService indicators,
            CancellationToken cancellationToken) =>
            CitePeriodCsv.AnswerAsync(context, slug, periode, indicators.CurrentQuarter,
                (access, period) => indicators.ViewAsync(access, period, cancellationToken), Columns, Rows, FileName, cancellationToken))
            .RequireAuthorization();
        return endpoints;
    }
}
