using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>
/// The directory's search and service pages are sent compressed (Brotli, else gzip): a page of 20 results is about
/// 100 KB of HTML, most of it the same markup again and again, 15–20 KB compressed — on a slow 3G phone (400 kbit/s) the
/// difference between 2 s and 0.4 s of download before the first results show (docs/decisions/0022-static-directory-pages.md).
/// Only these pages, only HTML: the static files are compressed at build time already, and nothing else changes.
/// </summary>
/// <remarks>
/// Over HTTPS too. Compression next to a secret and text an attacker chooses (the words searched) is what BREACH
/// measures; the secrets in these pages — the antiforgery request token, the prerender's descriptors and state — are
/// encrypted by ASP.NET Core's data protection with a fresh random part in every response, so no two responses share
/// them and their compressed size tells nothing. The rest is the Cité's published directory, which the person reads.
/// </remarks>
public static class DirectoryPageCompression
{
    public static IServiceCollection AddDirectoryPageCompression(this IServiceCollection services)
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

    /// <summary>Compresses the responses of the directory's search page (<c>/c/{slug}/annuaire</c>) and service pages.</summary>
    public static IApplicationBuilder UseDirectoryPageCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => IsDirectoryPage(context.Request.Path), branch => branch.UseResponseCompression());

    /// <summary><c>/c/{slug}/annuaire</c> and <c>/c/{slug}/annuaire/services/{id}</c>.</summary>
    public static bool IsDirectoryPage(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Trim('/').Split('/');
        return segments is ["c", { Length: > 0 }, "annuaire"] or ["c", { Length: > 0 }, "annuaire", "services", { Length: > 0 }];
    }
}
