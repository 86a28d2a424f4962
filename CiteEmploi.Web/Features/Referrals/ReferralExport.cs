using System.Globalization;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Referrals;

/// <summary>
/// One Cité's referrals of a period as a CSV file (<c>/c/{slug}/orientations/export.csv?periode=2026-T1&amp;frein=…&amp;vers=…</c>),
/// the page's filters applied, through the one CSV writer (<see cref="SheetFiles"/>). Members only: another Cité's member,
/// or a Cité that does not exist, answers 404.
/// </summary>
public static class ReferralExport
{
    public static IReadOnlyList<string> Columns { get; } =
        ["date", "frein", "structure_qui_oriente", "structure_qui_recoit", "service", "note", "enregistree_par"];

    public static string FileName(string slug, Period period) => $"orientations-{slug}-{period.Code}.csv";

    public static IEnumerable<IReadOnlyList<SheetCell>> Rows(ReferralsView view) => view.Rows.Select(r => (IReadOnlyList<SheetCell>)
    [
        SheetCell.Of(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), SheetCell.Of(r.Frein), SheetCell.Typed(r.From), SheetCell.Typed(r.To),
        SheetCell.Typed(r.Service), SheetCell.Typed(r.Note), SheetCell.Typed(r.RecordedBy),
    ]);

    /// <summary>The file's address for a view's period and filters.</summary>
    public static string Url(string slug, string period, string? frein, Guid? to) =>
        $"/c/{slug}/orientations/export.csv?periode={period}{(frein is null ? string.Empty : $"&frein={Uri.EscapeDataString(frein)}")}{(to is { } t ? $"&vers={t}" : string.Empty)}";

    public static IEndpointRouteBuilder MapReferralExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/c/{slug}/orientations/export.csv", (HttpContext context, string slug, string? periode, string? frein, Guid? vers,
            ReferralService referrals, CancellationToken cancellationToken) =>
            CitePeriodCsv.AnswerAsync(context, slug, periode, referrals.CurrentQuarter,
                (access, period) => referrals.ViewAsync(access, period, frein, vers, cancellationToken), Columns, Rows, FileName, cancellationToken))
            .RequireAuthorization();
        return endpoints;
    }
}
