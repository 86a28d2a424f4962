using System.Security.Claims;
using System.Text.Encodings.Web;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Authenticates a board guest on the hub's requests only (negotiate and the WebSocket): the guest's secret, from the
/// <see cref="BoardGuestService.CookieName"/> cookie a browser got on the join page, or — for clients that are no
/// browser — from <c>Authorization: Bearer</c> (what SignalR clients send from their access-token provider) or the
/// <c>access_token</c> query parameter (what browser SignalR clients send on WebSockets, which take no headers). The
/// resulting identity names the guest and their board and nothing else: it carries no user id, so the Cité wall
/// (<see cref="CiteAccessService"/>) never takes it for a member. The code is checked again at every command.
/// </summary>
public sealed class BoardGuestAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BoardGuestService guests)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CiteEmploi.InviteTableau";

    /// <summary>The guest's id (a <c>BoardGuest</c> row).</summary>
    public const string GuestIdClaim = "citeemploi:invite";

    /// <summary>The one board the guest joined.</summary>
    public const string BoardIdClaim = "citeemploi:invite:tableau";

    /// <summary>The query parameter that may carry the secret (SignalR's convention for WebSockets).</summary>
    public const string QueryParameter = "access_token";

    /// <summary>The guest a hub connection was authenticated as; null for members and anonymous connections.</summary>
    public static (Guid GuestId, Guid BoardId)? GuestOf(ClaimsPrincipal? user)
    {
        var identity = user?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == SchemeName);
        return identity is not null
            && Guid.TryParse(identity.FindFirst(GuestIdClaim)?.Value, out var guestId)
            && Guid.TryParse(identity.FindFirst(BoardIdClaim)?.Value, out var boardId)
            ? (guestId, boardId)
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SecretOf(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }
        // Forged, stale, closed or expired: one and the same answer, as on the join page.
        if (await guests.ResolveAsync(secret, Context.RequestAborted) is not { } guest)
        {
            return AuthenticateResult.Fail("Session invité inconnue, fermée ou expirée.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(GuestIdClaim, guest.GuestId.ToString()),
                new Claim(BoardIdClaim, guest.BoardId.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // A hub client is no browser to send to a page: a plain 401, not the French error page re-executed in its place.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        BoardHubOrigin.DisableStatusCodePages(Context);
        return Task.CompletedTask;
    }

    private static string? SecretOf(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(BoardGuestService.CookieName, out var cookie) && !string.IsNullOrEmpty(cookie))
        {
            return cookie;
        }
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > "Bearer ".Length)
        {
            return authorization["Bearer ".Length..].Trim();
        }
        var query = request.Query[QueryParameter].ToString();
        return string.IsNullOrEmpty(query) ? null : query;
    }
}

/// <summary>
/// Refuses hub requests sent by a page of another site. The hub authenticates with cookies, and browsers attach them
/// to a cross-site WebSocket handshake (no CORS preflight applies to WebSockets): without this check any site could
/// open the hub as its visitor (cross-site WebSocket hijacking). Browsers always send <c>Origin</c> on WebSocket
/// handshakes and on cross-origin POSTs (negotiate); clients that are no browser send none and are let through —
/// they hold their own credentials.
/// </summary>
public static class BoardHubOrigin
{
    public const string RefusedText = "Origine refusée : ce point d'accès n'accepte que les pages de CitéEmploi.";

    /// <summary>True when the request has no <c>Origin</c> or one with the request's own host and port.</summary>
    public static bool IsAllowed(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(HeaderNames.Origin, out var values))
        {
            return true;
        }
        // "null" (sandboxed frames, file:), an empty or a malformed value: not our origin.
        if (values.Count != 1 || !Uri.TryCreate(values[0], UriKind.Absolute, out var origin)
            || (origin.Scheme != Uri.UriSchemeHttp && origin.Scheme != Uri.UriSchemeHttps) || !request.Host.HasValue)
        {
            return false;
        }
        // Without a port in Host, the browser used its scheme's default port: the origin must name none either (also
        // behind a TLS-terminating proxy, where the request's own scheme is http while the page's is https).
        // Another port on the same host is another origin (another service there must not reach the hub).
        return string.Equals(origin.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && (request.Host.Port is { } port ? origin.Port == port : origin.IsDefaultPort);
    }

    /// <summary>Wraps a hub endpoint: requests from another origin get 403 before the hub sees them.</summary>
    public static RequestDelegate Guard(RequestDelegate next) => async context =>
    {
        if (IsAllowed(context.Request))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        DisableStatusCodePages(context);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(RefusedText, context.RequestAborted);
    };

    internal static void DisableStatusCodePages(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }
}
