using CiteEmploi.Web.Features.Diagnostic;
using CiteEmploi.Web.Hosting;

namespace CiteEmploi.Tests.Features.Diagnostic;

/// <summary>The map's tiles reach the Content-Security-Policy only when configured, and only their own origin.</summary>
public sealed class MapSettingsTests
{
    [Fact]
    public void NoTiles_ThePolicyIsUnchanged()
    {
        var settings = new MapSettings();
        Assert.False(settings.HasTiles);
        Assert.Null(settings.TileOrigin());
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, SecurityHeadersMiddleware.PolicyWithTiles(settings.TileOrigin()));
    }

    [Theory]
    [InlineData("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org")]
    [InlineData("https://tiles.example.fr/plan/{z}/{x}/{y}.png", "https://tiles.example.fr")]
    [InlineData("http://localhost:8080/{z}/{x}/{y}.png", "http://localhost:8080")]
    public void Tiles_TheirOriginIsAllowedForImages(string url, string origin)
    {
        var settings = new MapSettings { TileUrl = url };
        Assert.Equal(origin, settings.TileOrigin());
        var policy = SecurityHeadersMiddleware.PolicyWithTiles(settings.TileOrigin());
        Assert.Contains($"img-src 'self' data: {origin};", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal); // nothing else widened
    }

    [Theory]
    [InlineData("tiles.example.fr/{z}/{x}/{y}.png")]
    [InlineData("https://tiles-{s}.example.fr/{z}/{x}/{y}.png")]
    [InlineData("ftp://tiles.example.fr/{z}/{x}/{y}.png")]
    public void AnAddressCspCannotName_IsRefusedInFrench(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MapSettings { TileUrl = url }.TileOrigin());
        Assert.Contains("CiteEmploi:Map:TileUrl", error.Message, StringComparison.Ordinal);
    }
}
