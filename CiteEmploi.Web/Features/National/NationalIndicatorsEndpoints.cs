using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.National;

/// <summary>
/// The national tables as files, for the national role and the administrators only (checked here, on the server, like
/// the pages): the indicators, <c>/national/indicateurs/export.csv?periode=2026-T1</c> and <c>.xlsx</c>; the
/// self-assessment levels, <c>/national/auto-evaluation/export.csv?semestre=2026-S1</c> and <c>.xlsx</c>. A period that
/// is not one (or not a semester for the self-assessment) answers 400 with the French reason.
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
            var counted = await national.CountedAsync(period, cancellationToken);
            return File(context, format, NationalIndicatorsSheet.SheetName, NationalIndicatorsSheet.Columns, NationalIndicatorsSheet.Rows(view, counted),
                NationalIndicatorsSheet.FileName(view, format));
        }).RequireAuthorization(PlatformClaims.NationalPolicy);

        endpoints.MapGet("/national/auto-evaluation/export.{format}", async (HttpContext context, string format, string? semestre,
            NationalSelfAssessmentService national, CancellationToken cancellationToken) =>
        {
            if (format is not ("csv" or "xlsx"))
            {
                return Results.NotFound();
            }
            var semester = national.DefaultSemester;
            if (!string.IsNullOrWhiteSpace(semestre))
            {
                if (!Period.TryParse(semestre, out semester, out var error))
                {
                    return Results.BadRequest(error);
                }
                if (semester.Kind != PeriodKind.Semestre)
                {
                    return Results.BadRequest($"L'auto-évaluation se fait par semestre : choisissez un semestre comme 2026-S1 (« {semestre} » donné).");
                }
            }
            var view = await national.ViewAsync(semester, cancellationToken);
            return File(context, format, NationalSelfAssessmentSheet.SheetName, NationalSelfAssessmentSheet.Columns(view), NationalSelfAssessmentSheet.Rows(view),
                NationalSelfAssessmentSheet.FileName(view, format));
        }).RequireAuthorization(PlatformClaims.NationalPolicy);
        return endpoints;
    }

    private static IResult File(HttpContext context, string format, string sheetName, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<SheetCell>> rows, string fileName)
    {
        context.Response.Headers.CacheControl = "no-store";
        return format == "csv"
            ? Results.File(SheetFiles.Csv(columns, rows), SheetFiles.CsvType, fileName)
            : Results.File(SheetFiles.Xlsx(sheetName, columns, rows), SheetFiles.XlsxType, fileName);
    }
}
