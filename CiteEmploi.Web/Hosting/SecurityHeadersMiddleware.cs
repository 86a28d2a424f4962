namespace CiteEmploi.Web.Hosting;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only the app's own scripts (no inline script,
/// no eval: Blazor Server and MudBlazor work without), inline styles (MudBlazor sets style attributes), and the circuit's
/// WebSocket to the same origin; the app can never be framed. The browser's position may be asked by the app's own pages
/// only (the directory's « Ma position », issue 14), never by anything embedded; camera and microphone by nobody.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
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
