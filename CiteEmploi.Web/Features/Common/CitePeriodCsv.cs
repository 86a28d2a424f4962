using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;

namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// The answer of a Cité's CSV file for one period (indicators, referrals…), the same for every such file: the wall first
/// (another Cité's member, or a Cité that does not exist, gets 404), then <c>periode</c> read (« 2026-T1 », « 2026-S2 »,
/// « 2026 ») or the current quarter when absent (400 with the French reason when malformed), then the feature's view,
/// written through the one CSV writer (<see cref="SheetFiles"/>), never cached.
/// </summary>
public static class CitePeriodCsv
{
    public static async Task<IResult> AnswerAsync<TView>(HttpContext context, string slug, string? periode, Period currentQuarter,
        Func<CiteAccess, Period, Task<TView?>> view, IReadOnlyList<string> columns, Func<TView, IEnumerable<IReadOnlyList<SheetCell>>> rows,
        Func<string, Period, string> fileName, CancellationToken cancellationToken) where TView : class
    {
        var wall = context.RequestServices.GetRequiredService<CiteAccessService>();
        var access = await wall.ResolveAsync(context.User, slug, cancellationToken);
        if (access is null || !access.Can(CitePermission.Read))
        {
            return Results.NotFound();
        }
        var period = currentQuarter;
        if (!string.IsNullOrWhiteSpace(periode) && !Period.TryParse(periode, out period, out var error))
        {
            return Results.BadRequest(error);
        }
        if (await view(access, period) is not { } shown)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(SheetFiles.Csv(columns, rows(shown)), SheetFiles.CsvType, fileName(access.Slug, period));
    }
}
