using System.Text;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;

namespace CiteEmploi.Web.Features.Roadmap.Export;

/// <summary>
/// A plan's files for the members of its Cité: <c>/c/{slug}/feuille-de-route/{planId}/export.csv</c>, <c>.xlsx</c>,
/// <c>.md</c> and <c>.ics</c>. The same wall as the pages: a Cité the person does not belong to, or a plan of another
/// Cité, answers 404 like one that does not exist. The import is a page (PlanImportPage) calling
/// <see cref="PlanService.ImportAsync"/>.
/// </summary>
public static class PlanExportEndpoints
{
    private static readonly string[] Formats = ["csv", "xlsx", "md", "ics"];

    public static IEndpointRouteBuilder MapPlanExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/c/{slug}/feuille-de-route/{planId:guid}/export.{format}", async (HttpContext context, string slug, Guid planId, string format,
            CiteAccessService wall, PlanService plans, Common.PublicLinks links, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!Formats.Contains(format))
            {
                return Results.NotFound();
            }
            var access = await wall.ResolveAsync(context.User, slug, cancellationToken);
            if (access is null || !access.Can(CitePermission.Read) || await plans.GetAsync(access, planId, cancellationToken: cancellationToken) is not { } plan)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-store";
            switch (format)
            {
                case "csv":
                    return Results.Stream(stream => PlanCsv.WriteAsync(plan, stream, cancellationToken), "text/csv; charset=utf-8", PlanSheet.FileName(plan, "csv"));
                case "xlsx":
                    return Results.Stream(stream => PlanXlsx.WriteAsync(plan, stream, cancellationToken),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PlanSheet.FileName(plan, "xlsx"));
                case "md":
                    var budget = await plans.BudgetAsync(access, planId, cancellationToken);
                    // with a byte order mark, so the accents survive a double click (as the board's Markdown)
                    return Results.File([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(PlanMarkdown.Write(plan, budget!))], "text/markdown; charset=utf-8", PlanSheet.FileName(plan, "md"));
                default:
                    var planUrl = links.To($"/c/{access.Slug}/feuille-de-route/{planId}");
                    return Results.File(Encoding.UTF8.GetBytes(PlanCalendar.Write(plan, planUrl, time.GetUtcNow())), "text/calendar; charset=utf-8", PlanSheet.FileName(plan, "ics"));
            }
        }).RequireAuthorization();
        return endpoints;
    }
}
