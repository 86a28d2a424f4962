using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Http;

namespace CiteEmploi.Tests.Live;

/// <summary>Which <c>Origin</c> the board hub accepts: none, or its own host and port (behind a proxy too).</summary>
public sealed class BoardHubOriginTests
{
    private static HttpRequest Request(string scheme, string host, string? origin)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }
        return context.Request;
    }

    [Theory]
    // no Origin: a program, not a browser page
    [InlineData("https", "citeemploi.example", null, true)]
    [InlineData("https", "citeemploi.example", "https://citeemploi.example", true)]
    [InlineData("https", "CiteEmploi.example", "https://citeemploi.EXAMPLE", true)]
    [InlineData("http", "127.0.0.1:5000", "http://127.0.0.1:5000", true)]
    // TLS ends at a proxy: the app sees http and a Host without port, the browser's origin is https on 443
    [InlineData("http", "citeemploi.example", "https://citeemploi.example", true)]
    [InlineData("https", "citeemploi.example", "https://attaquant.example", false)]
    [InlineData("https", "citeemploi.example", "https://citeemploi.example.attaquant.example", false)]
    [InlineData("https", "citeemploi.example", "https://citeemploi.example:8443", false)]
    [InlineData("http", "127.0.0.1:5000", "http://127.0.0.1:5001", false)]
    [InlineData("https", "citeemploi.example", "null", false)]
    [InlineData("https", "citeemploi.example", "", false)]
    [InlineData("https", "citeemploi.example", "file:///tmp/page.html", false)]
    public void OnlyTheAppsOwnOrigin_OrNone_IsAllowed(string scheme, string host, string? origin, bool allowed) =>
        Assert.Equal(allowed, BoardHubOrigin.IsAllowed(Request(scheme, host, origin)));
}
