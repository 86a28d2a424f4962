using System.Text;
using CiteEmploi.Web.Features.Access;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// A session's files for the members of its Cité: <c>/c/{slug}/seances/{sessionId}/compte-rendu.md</c>, the minutes in
/// Markdown, and <c>invitation.ics</c>, the session for one's calendar (<see cref="SessionCalendar"/>). The same wall as the pages: a Cité the person does not belong to, or a session of another Cité, answers 404
/// like one that does not exist.
/// </summary>
public static class SessionExportEndpoints
{
    public static IEndpointRouteBuilder MapSessionExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/c/{slug}/seances/{sessionId:guid}/compte-rendu.md", async (HttpContext context, string slug, Guid sessionId,
            CiteAccessService wall, SessionService sessions, CancellationToken cancellationToken) =>
        {
            var access = await wall.ResolveAsync(context.User, slug, cancellationToken);
            if (access is null || await sessions.MinutesAsync(access, sessionId, cancellationToken) is not { } minutes)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-store";
            var view = minutes.Attendance.Session;
            var name = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"compte-rendu-{view.Details.Date:yyyy-MM-dd}-{CiteEmploi.Domain.Common.Text.Slugify(view.Details.Title, 60)}.md");
            // with a byte order mark, so the accents survive a double click (as the plan's Markdown)
            return Results.File([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(minutes.Markdown)], "text/markdown; charset=utf-8", name);
        }).RequireAuthorization();
        // the session in one's calendar (METHOD:PUBLISH, or CANCEL once cancelled): the same wall as the minutes
        endpoints.MapGet("/c/{slug}/seances/{sessionId:guid}/invitation.ics", async (HttpContext context, string slug, Guid sessionId,
            CiteAccessService wall, SessionService sessions, Common.PublicLinks links, CancellationToken cancellationToken) =>
        {
            var access = await wall.ResolveAsync(context.User, slug, cancellationToken);
            if (access is null || await sessions.CalendarAsync(access, sessionId, links.BaseUri(), cancellationToken) is not { } calendar)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(Encoding.UTF8.GetBytes(calendar.Ics), "text/calendar; charset=utf-8", calendar.FileName);
        }).RequireAuthorization();
        return endpoints;
    }
}
