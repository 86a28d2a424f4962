using CiteEmploi.Web.Features.Diagnostic;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Web.Hosting;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only the app's own scripts (no inline script,
/// no eval: Blazor Server and MudBlazor work without), inline styles (MudBlazor sets style attributes), and the circuit's
/// WebSocket to the same origin; the app can never be framed. The browser's position may be asked by the app's own pages
/// only (the directory's « Ma position », issue 14), never by anything embedded; camera and microphone by nobody.
/// Images may also come from the diagnostic map's tile server, only when one is configured (<see cref="MapSettings.TileUrl"/>).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<MapSettings> map)
{
    private readonly string _policy = PolicyWithTiles(map.Value.TileOrigin());

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// <summary>The policy, with a tile server's origin added to the images allowed (none: the policy as it stands).</summary>
    public static string PolicyWithTiles(string? tileOrigin) =>
        tileOrigin is null ? ContentSecurityPolicy : ContentSecurityPolicy.Replace("img-src 'self' data:;", $"img-src 'self' data: {tileOrigin};", StringComparison.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
