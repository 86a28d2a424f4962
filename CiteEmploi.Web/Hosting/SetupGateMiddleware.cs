using CiteEmploi.Web.Features.Accounts;

namespace CiteEmploi.Web.Hosting;

/// <summary>Until the first administrator exists, every page leads to /installation (the way in is the console's link).</summary>
public sealed class SetupGateMiddleware(RequestDelegate next, AccountSetupService setup)
{
    /// <summary>
    /// The installation page itself and what it is made of: the framework's and packages' files, the app's own script
    /// and styles, the components' scoped styles bundle (<c>/CiteEmploi.Web.*.styles.css</c>) and their collocated
    /// scripts (<c>/Components/**.razor.js</c>, the reconnection dialog's among them).
    /// </summary>
    private static readonly string[] OpenPrefixes =
        ["/installation", "/health", "/_framework", "/_content", "/js/", "/app.", "/CiteEmploi.Web.", "/Components/", "/favicon", "/accessibilite", "/Error", "/not-found"];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (OpenPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || await setup.AdministratorExistsAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }
        context.Response.Redirect("/installation");
    }
}
