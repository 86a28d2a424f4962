using System.Text.RegularExpressions;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>
/// Where the diagnostic's map takes its background (<c>CiteEmploi:Map</c>): a tile address in Leaflet's form
/// (<c>https://{s}.tile.example.org/{z}/{x}/{y}.png</c>) and the credit its provider asks for. Empty by default: the map
/// is drawn without tiles (points and rings on a plain background), so it works offline and in tests, and nothing leaves
/// the server for a third party unless the operator chose it.
/// </summary>
public sealed partial class MapSettings
{
    public const string Section = "CiteEmploi:Map";

    /// <summary>The tile address with Leaflet's placeholders <c>{s}</c>, <c>{z}</c>, <c>{x}</c>, <c>{y}</c>; empty: no tiles.</summary>
    public string? TileUrl { get; set; }

    /// <summary>The credit shown under the map (plain text, « © les contributeurs d'OpenStreetMap »).</summary>
    public string? Attribution { get; set; }

    public bool HasTiles => !string.IsNullOrWhiteSpace(TileUrl);

    /// <summary>
    /// The origin the Content-Security-Policy must allow for images when tiles are set (<c>https://*.tile.example.org</c>:
    /// a <c>{s}</c> subdomain becomes the wildcard CSP allows as the leftmost label); null without tiles.
    /// </summary>
    /// <exception cref="InvalidOperationException">The address is not an http(s) address whose host CSP can name.</exception>
    public string? TileOrigin()
    {
        if (!HasTiles)
        {
            return null;
        }
        var match = OriginPattern().Match(TileUrl!.Trim());
        var host = match.Success ? match.Groups["host"].Value : "";
        // CSP's wildcard stands only for the leftmost label: {s} may be that label and nothing else
        host = host.StartsWith("{s}.", StringComparison.Ordinal) ? "*." + host[4..] : host;
        if (!match.Success || host.Contains('{', StringComparison.Ordinal) || host.Contains('}', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{Section}:TileUrl vaut « {TileUrl} » : il faut une adresse http(s) dont l'hôte est fixe ou commence par {{s}}. (ex. https://{{s}}.tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png).");
        }
        return $"{match.Groups["scheme"].Value}://{host}";
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>[^/?#\s]+)/", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OriginPattern();
}
