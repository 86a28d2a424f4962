using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.National;

/// <summary>
/// The national table as files: <c>/national/indicateurs/export.csv?periode=2026-T1</c> and <c>.xlsx</c>, for the
/// national role and the administrators only (checked here, on the server, like the page). A period that is not one
/// answers 400 with the French reason.
/// </summary>
public static class NationalIndicatorsEndpoints
{
    public static IEndpointRouteBuilder MapNationalIndicatorsExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/national/indicateurs/export.{format}", async (HttpContext context, string format, string? periode, NationalIndicatorService national,
            CancellationToken cancellationToken) =>
        {
            if (format is not ("csv" or "xlsx"))
            {
                return Results.NotFound();
            }
            var period = national.DefaultPeriod;
            if (!string.IsNullOrWhiteSpace(periode) && !Period.TryParse(periode, out period, out var error))
            {
                return Results.BadRequest(error);
            }
            var view = await national.ViewAsync(period, cancellationToken);
            context.Response.Headers.CacheControl = "no-store";
            var rows = NationalIndicatorsSheet.Rows(view);
            return format == "csv"
                ? Results.File(SheetFiles.Csv(NationalIndicatorsSheet.Columns, rows), SheetFiles.CsvType, NationalIndicatorsSheet.FileName(view, "csv"))
                : Results.File(SheetFiles.Xlsx(NationalIndicatorsSheet.SheetName, NationalIndicatorsSheet.Columns, rows), SheetFiles.XlsxType, NationalIndicatorsSheet.FileName(view, "xlsx"));
        }).RequireAuthorization(PlatformClaims.NationalPolicy);
        return endpoints;
    }
}
