using CiteEmploi.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// The base of every absolute link sent or shown to people (invitations, password resets, lockout notices, check-in QR
/// codes, calendar invitations, the set-up link): <c>CiteEmploi:PublicUrl</c> when set; otherwise (development, tests,
/// a plain <c>dotnet run --urls …</c>) the address the server itself listens on. Never the Host header of a request:
/// a forged Host would otherwise put a valid token in a link to another site (decision 0025).
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IServiceProvider services)
{
    /// <summary>E.g. <c>https://citeemploi.ma-ville.fr</c>, without a trailing slash.</summary>
    public string BaseUri() =>
        PublicAddress.Configured(configuration)?.ToString().TrimEnd('/') ?? Listening() ?? "http://localhost";

    /// <summary>An absolute link to <paramref name="path"/> (starting with « / »).</summary>
    public string To(string path) => BaseUri() + path;

    // The server's own addresses once it listens (none in the command-line verbs): https first; a wildcard host
    // (0.0.0.0, [::], +, *) means this machine.
    private string? Listening()
    {
        IEnumerable<string> addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } listening
            ? listening
            : (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var address = addresses.OrderBy(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault();
        if (address is null)
        {
            return null;
        }
        foreach (var wildcard in new[] { "://[::]", "://0.0.0.0", "://+", "://*" })
        {
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }
        return address.TrimEnd('/');
    }
}
