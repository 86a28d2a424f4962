using System.Net;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace CiteEmploi.Tests.Features;

/// <summary>Only the directory's search and service pages and the boards' pages are compressed.</summary>
public class PageCompressionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/c/demo/annuaire", true)]
    [InlineData("/c/demo/annuaire/", true)]
    [InlineData("/c/demo/annuaire/services/3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("/c/demo/tableaux/3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("/invite/tableau", true)]
    [InlineData("/c/demo/tableaux", false)]
    [InlineData("/c/demo/annuaire/structures", false)]
    [InlineData("/c/demo/annuaire/import", false)]
    [InlineData("/c/demo/annuaire/services/3f2504e0-4f89-11d3-9a0c-0305e82c3301/modifier", false)]
    [InlineData("/c/demo", false)]
    [InlineData("/api/cites/demo/services", false)]
    [InlineData("/", false)]
    public void IsCompressed(string path, bool expected) =>
        Assert.Equal(expected, PageCompression.IsCompressed(new PathString(path)));

    [Fact]
    public async Task ABoardsPage_GoesCompressed_ToABrowserThatTakesBrotli()
    {
        var slug = await fixture.CreateCiteAsync("Cité de Creil");
        await fixture.CreatePersonAsync("partenaire.creil@tests.invalid", slug, CiteRole.Partenaire);
        var board = await fixture.NewBoardAsync(slug, "Diagnostic mobilité");
        using var http = new HttpForms(fixture.App.BaseUrl);
        using (var signedIn = await http.SignInAsync("partenaire.creil@tests.invalid", AppFixture.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        http.Headers["Accept-Encoding"] = "br";
        using var page = await http.GetAsync($"/c/{slug}/tableaux/{board.Id}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(["br"], page.Content.Headers.ContentEncoding);
    }
}
