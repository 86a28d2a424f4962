using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace CiteEmploi.Web.Hosting;

/// <summary>
/// Behind a TLS proxy (decision 0025): the proxy's X-Forwarded-For and X-Forwarded-Proto are believed only from known
/// proxies (loopback, and <c>CiteEmploi:KnownProxies</c>); when the public address is https, cookies are <c>Secure</c>,
/// plain HTTP is redirected to it and HSTS is sent; otherwise cookies follow the request's scheme.
/// </summary>
public static class ProductionDefaults
{
    public const string KnownProxiesSetting = "CiteEmploi:KnownProxies";

    public static IServiceCollection AddCiteEmploiProxyAndHttps(this IServiceCollection services, IConfiguration configuration)
    {
        var https = Https(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // the framework's defaults stay: 127.0.0.0/8 and ::1, a proxy on the same machine
            var (proxies, networks, _) = KnownProxies(configuration);
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        var policy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.PostConfigureAll<CookieAuthenticationOptions>(options => options.Cookie.SecurePolicy = policy);
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = policy);
        if (PublicAddress.Configured(configuration) is { Scheme: "https" } address)
        {
            services.AddHttpsRedirection(options => options.HttpsPort = address.Port);
        }
        return services;
    }

    /// <summary>Forwarded headers first; then, for an https public address, HSTS and the redirection of plain HTTP.</summary>
    public static WebApplication UseCiteEmploiProxyAndHttps(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (Https(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        return app;
    }

    /// <summary>Why the known proxies cannot be read (French), or null.</summary>
    public static string? Problem(IConfiguration configuration) =>
        KnownProxies(configuration).Invalid is { Count: > 0 } invalid
            ? $"CiteEmploi ne démarre pas : {KnownProxiesSetting} contient {string.Join(", ", invalid.Select(i => $"« {i} »"))}, "
              + "qui n'est ni une adresse IP (10.0.0.5) ni un réseau (10.0.0.0/24). Séparez-les par des points-virgules."
            : null;

    // An https public address; without one, an https listening address (the app terminating TLS itself).
    private static bool Https(IConfiguration configuration) =>
        PublicAddress.Configured(configuration) is { } address ? address.Scheme == Uri.UriSchemeHttps : HttpsEndpoints.Configured(configuration);

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks, List<string> Invalid) KnownProxies(IConfiguration configuration)
    {
        var (proxies, networks, invalid) = (new List<IPAddress>(), new List<System.Net.IPNetwork>(), new List<string>());
        var section = configuration.GetSection(KnownProxiesSetting);
        var entries = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? string.Empty).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                invalid.Add(entry);
            }
        }
        return (proxies, networks, invalid);
    }
}
