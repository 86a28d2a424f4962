using Bunit;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Components.Pages.Sessions;
using CiteEmploi.Web.Features.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components.Sessions;

/// <summary>
/// The check-in QR code the coordination shows at the door: an image that reads back (with another library) as the
/// check-in page's absolute address, described in French, with the address printed under it; the public address
/// configured wins over the request's.
/// </summary>
public sealed class CheckInQrTests : MudTestContext
{
    private void UsePublicUrl(string? publicUrl) =>
        Services.AddSingleton(new PublicLinks(new ConfigurationBuilder()
            .AddInMemoryCollection(publicUrl is null ? [] : [new KeyValuePair<string, string?>("CiteEmploi:PublicUrl", publicUrl)])
            .Build(), new ServiceCollection().BuildServiceProvider()));

    [Fact]
    public void TheImage_ReadsAsTheCheckInPagesAddress_WithItsFrenchDescription_AndTheLinkUnderIt()
    {
        UsePublicUrl(null);
        var cut = Render<CheckInQr>(p => p.Add(q => q.Slug, "cite-de-quimper").Add(q => q.Code, "K7P4XM2Q"));

        // bUnit's requests come from http://localhost/
        const string Address = "http://localhost/emargement/cite-de-quimper/K7P4XM2Q";
        var image = cut.Find("img");
        Assert.Equal($"QR code d'émargement : {Address}", image.GetAttribute("alt"));
        Assert.Equal(Address, QrCodes.DecodeDataUri(image.GetAttribute("src")!));
        var link = cut.Find("figcaption a");
        Assert.Equal(Address, link.GetAttribute("href"));
        Assert.Equal("localhost/emargement/cite-de-quimper/K7P4XM2Q", link.TextContent);
    }

    [Fact]
    public void WithAPublicAddressConfigured_AndAnotherCode_TheImageFollows()
    {
        UsePublicUrl("https://citeemploi.example.org/");
        var cut = Render<CheckInQr>(p => p.Add(q => q.Slug, "belfort").Add(q => q.Code, "ABCDEFGH"));
        Assert.Equal("https://citeemploi.example.org/emargement/belfort/ABCDEFGH", QrCodes.DecodeDataUri(cut.Find("img").GetAttribute("src")!));

        // a new code (« Nouveau code ») redraws it
        cut.Render(p => p.Add(q => q.Code, "HJKMNPQR"));
        Assert.Equal("https://citeemploi.example.org/emargement/belfort/HJKMNPQR", QrCodes.DecodeDataUri(cut.Find("img").GetAttribute("src")!));
        Assert.Equal("citeemploi.example.org/emargement/belfort/HJKMNPQR", cut.Find("figcaption a").TextContent);
    }
}
