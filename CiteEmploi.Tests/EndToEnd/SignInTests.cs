using System.Net;
using System.Text.RegularExpressions;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>
/// The sign-in page as a newcomer meets it: where one lands afterwards, and the way to a board for a workshop guest
/// who has no account.
/// </summary>
public sealed class SignInTests(WallTests.TwoCites fixture) : IClassFixture<WallTests.TwoCites>
{
    [Fact]
    public async Task AGuestArrivingAtTheSignInPage_FindsTheWayToJoinABoardWithACode()
    {
        await using var context = await Browser.NewContextAsync(360, 740);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Url("/connexion"));
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Rejoindre un tableau avec un code" }).ClickAsync();

        await page.WaitForURLAsync("**/rejoindre");
        await Expect(page.GetByLabel("Code du tableau")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task APersonWithOneCite_LandsInIt()
    {
        var (context, page) = await fixture.SignInThroughTheFormAsync("coord.a@tests.invalid");
        await using var _ = context;

        await page.WaitForURLAsync(fixture.Url($"/c/{fixture.A}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cité d'Annecy", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task APersonWithSeveralCites_OrNone_GetsTheList()
    {
        await fixture.CreatePersonAsync("deux.cites@tests.invalid", fixture.A, CiteRole.Partenaire);
        await fixture.CreatePersonAsync("deux.cites@tests.invalid", fixture.B, CiteRole.Observateur);
        await fixture.CreatePersonAsync("sans.cite@tests.invalid");

        var (context, page) = await fixture.SignInThroughTheFormAsync("deux.cites@tests.invalid");
        await using (context)
        {
            await page.WaitForURLAsync(fixture.Url("/"));
            var main = page.GetByRole(AriaRole.Main);
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Cité d'Annecy" })).ToBeVisibleAsync();
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Cité de Besançon" })).ToBeVisibleAsync();
        }

        var (noneContext, none) = await fixture.SignInThroughTheFormAsync("sans.cite@tests.invalid");
        await using (noneContext)
        {
            await none.WaitForURLAsync(fixture.Url("/"));
            await Expect(none.GetByRole(AriaRole.Heading, new() { Name = "Aucune Cité pour l'instant" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task AnAskedForPage_StillWins()
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(fixture.Url($"/c/{fixture.A}/membres"));
        Assert.NotNull(response);
        await page.WaitForURLAsync(new Regex("/connexion\\?retour="));

        await page.GetByLabel("Adresse e-mail").FillAsync("coord.a@tests.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(AppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await page.WaitForURLAsync(fixture.Url($"/c/{fixture.A}/membres"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Membres de la Cité", Level = 1 })).ToBeVisibleAsync();
    }
}

/// <summary>The addresses the README gives answer as it says: for a member, and not for a member of another Cité.</summary>
public sealed class ReadmeAddressesTests(WallTests.TwoCites fixture) : IClassFixture<WallTests.TwoCites>
{
    [Fact]
    public async Task DirectoryExportAddresses_AnswerForAMember_And404ForAnotherCitesMember()
    {
        var readme = await File.ReadAllTextAsync(Readme());
        Assert.DoesNotContain("…/annuaire/export", readme, StringComparison.Ordinal);
        var addresses = Regex.Matches(readme, @"`(/c/\{slug\}/annuaire/export[^`]*)`").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("/c/{slug}/annuaire/export.zip", addresses);
        Assert.Contains("/c/{slug}/annuaire/export/services.json", addresses);

        var (memberContext, _) = await fixture.SignInThroughTheFormAsync("coord.a@tests.invalid");
        var (outsiderContext, _) = await fixture.SignInThroughTheFormAsync("coord.b@tests.invalid");
        await using var __ = memberContext;
        await using var ___ = outsiderContext;
        foreach (var address in addresses)
        {
            var url = fixture.Url(address.Replace("{slug}", fixture.A, StringComparison.Ordinal));
            var own = await memberContext.APIRequest.GetAsync(url);
            Assert.True(own.Status == (int)HttpStatusCode.OK, $"{address} : {own.Status} pour un membre");
            var other = await outsiderContext.APIRequest.GetAsync(url);
            Assert.True(other.Status == (int)HttpStatusCode.NotFound, $"{address} : {other.Status} pour le membre d'une autre Cité");
        }
    }

    private static string Readme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "CiteEmploi.sln")))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("README.md introuvable au-dessus du dossier des tests.");
    }
}
