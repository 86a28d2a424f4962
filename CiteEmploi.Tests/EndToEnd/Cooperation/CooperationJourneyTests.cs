using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Cooperation;

/// <summary>
/// An observer of the demonstration Cité opens « Coopération » from the menu: the structures the feuille de route and the
/// sessions link, drawn and listed, the evolution; an older year has no link and says how links appear; on a phone the
/// title and the period come first and nothing scrolls sideways. Accessible at both sizes.
/// </summary>
public sealed class CooperationJourneyTests(CooperationJourneyTests.DemoFixture fixture) : IClassFixture<CooperationJourneyTests.DemoFixture>
{
    private const string Observer = "obs.cooperation@tests.invalid";

    public sealed class DemoFixture : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await LoadDemoAsync();
            await CreatePersonAsync(Observer, DemoLoader.Slug, CiteRole.Observateur, "Observatrice de la coopération");
        }
    }

    [Fact]
    public async Task TheMapOfTheDemonstrationCite_DrawnAndListed_ThenAnEmptyYear_AndOnAPhone()
    {
        var (context, page) = await fixture.SignInAsync(Observer);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url($"/c/{DemoLoader.Slug}"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Coopération", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Coopération", Exact = true })).ToBeVisibleAsync();

        // the demonstration's feuille de route links its pilots and partners: drawn, and the same in the table
        var map = page.GetByTestId("cooperation-map");
        await Expect(map.Locator("g[data-node='Mission Locale de Valmont']")).ToHaveCountAsync(1);
        var nodes = await map.Locator("g[data-node]").CountAsync();
        Assert.True(nodes >= 5, $"{nodes} structures liées");
        await Expect(page.GetByTestId("cooperation-table").Locator("tbody tr")).ToHaveCountAsync(nodes);
        await Expect(page.GetByTestId("cooperation-summary")).ToContainTextAsync($"{nodes} structures liées");
        await Expect(page.GetByTestId("cooperation-evolution")).ToContainTextAsync("Nouveaux liens");
        await Expect(page.GetByText("Une orientation compte à sa date")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // two years before, nothing linked yet: said, with where links come from
        var older = DateTime.Now.Year - 2;
        await page.ChooseAsync("Période", $"{older} — année {older}");
        await Expect(page.GetByTestId("cooperation-empty")).ToContainTextAsync("Aucun lien entre structures sur cette période.");
        Assert.Contains($"periode={older}", page.Url, StringComparison.Ordinal);

        // on a phone: the title and the period first, no sideways scroll
        var (phoneContext, phone) = await fixture.SignInAsync(Observer, width: 360, height: 740);
        await using var __ = phoneContext;
        await phone.GotoInteractiveAsync(fixture.Url($"/c/{DemoLoader.Slug}/cooperation"));
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Coopération", Exact = true })).ToBeInViewportAsync();
        await Expect(phone.GetByLabel("Période", new() { Exact = true })).ToBeInViewportAsync();
        await Expect(phone.GetByTestId("cooperation-map")).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync();
        Assert.False(await phone.HasHorizontalScrollAsync(), await phone.OverflowingElementsAsync());
    }
}
