using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace CiteEmploi.Web.Hosting;

/// <summary>
/// The pages whose HTML is large and repetitive go compressed (Brotli, else gzip):
/// <list type="bullet">
/// <item>the directory's search and service pages: a page of 20 results is about 100 KB of HTML, 15–20 KB compressed —
/// on a slow 3G phone (400 kbit/s) the difference between 2 s and 0.4 s of download before the first results show
/// (docs/decisions/0022-static-directory-pages.md);</item>
/// <item>a board's page, a member's and a guest's: about 2 KB of markup a card, the same buttons again and again — a
/// board of 1,000 cards is 2.1 MB of HTML (issue 15, `board-open`), a tenth of it compressed.</item>
/// </list>
/// Only these pages, only HTML: the static files are compressed at build time already, and nothing else changes.
/// </summary>
/// <remarks>
/// Over HTTPS too. Compression next to a secret and text an attacker chooses (the words searched, a card's text) is
/// what BREACH measures; the secrets in these pages — the antiforgery request token, the prerender's descriptors and
/// state — are encrypted by ASP.NET Core's data protection with a fresh random part in every response, so no two
/// responses share them and their compressed size tells nothing. The rest is what the person reads anyway.
/// </remarks>
public static class PageCompression
{
    public static IServiceCollection AddPageCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/html"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // the fastest levels: a page is compressed once per request, on the request's own time
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Compresses the responses of the pages <see cref="IsCompressed"/> names.</summary>
    public static IApplicationBuilder UsePageCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => IsCompressed(context.Request.Path), branch => branch.UseResponseCompression());

    /// <summary>
    /// <c>/c/{slug}/annuaire</c>, <c>/c/{slug}/annuaire/services/{id}</c>, <c>/c/{slug}/tableaux/{id}</c> and the guest's
    /// <c>/invite/tableau</c>.
    /// </summary>
    public static bool IsCompressed(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Trim('/').Split('/');
        return segments is ["c", { Length: > 0 }, "annuaire"] or ["c", { Length: > 0 }, "annuaire", "services", { Length: > 0 }]
            or ["c", { Length: > 0 }, "tableaux", { Length: > 0 }] or ["invite", "tableau"];
    }
}
