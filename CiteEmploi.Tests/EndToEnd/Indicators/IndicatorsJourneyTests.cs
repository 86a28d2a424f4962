using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Indicators;

/// <summary>
/// A coordinator types the people identified with their breakdown; a Mission Locale partner on a phone sees it arrive
/// without reloading, starts typing her own value, the coordinator locks the period, and her entry is refused with the
/// French reason. The period is a past quarter, so the journey reads the same whatever today is.
/// </summary>
public sealed class IndicatorsJourneyTests(IndicatorsJourneyTests.IndicatorsFixture fixture) : IClassFixture<IndicatorsJourneyTests.IndicatorsFixture>
{
    private const string Coordinator = "coord.indicateurs@tests.invalid";
    private const string Partner = "ml.indicateurs@tests.invalid";

    public sealed class IndicatorsFixture() : CoordinatorAndPartnerFixture("Cité de Roubaix", Coordinator, "Coordinatrice", Partner, "Samia", "Mission Locale de Roubaix");

    private string Page => fixture.Url($"/c/{fixture.Slug}/indicateurs?periode=2025-T4");

    private static ILocator ValueOf(IPage page, string code) => page.Locator($"td[data-value-of='{code}']");

    [Fact]
    public async Task TheCoordinatorTypesAValue_ThePartnerSeesItLive_ThenALockRefusesHerEntry()
    {
        var (coordinatorContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordinatorContext;
        var (partnerContext, partner) = await fixture.SignInAsync(Partner, width: 360, height: 740);
        await using var __ = partnerContext;
        await coordinator.GotoInteractiveAsync(Page);
        await partner.GotoInteractiveAsync(Page);

        // nothing typed yet: « non renseigné », never 0; counted indicators say so
        await Expect(ValueOf(partner, "personnes-reperees")).ToHaveTextAsync("non renseigné");
        await Expect(partner.Locator("tr", new() { Has = partner.Locator("td[data-indicator='seances-tenues']") })).ToContainTextAsync("calculé depuis l'espace");
        await partner.AssertAccessibleAsync();
        Assert.False(await partner.HasHorizontalScrollAsync(), await partner.OverflowingElementsAsync());

        // the coordinator types 42 people, with their breakdown, from the keyboard
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Saisir : Personnes repérées" }).ClickAsync();
        var dialog = coordinator.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#indicator-number").FillAsync("42");
        await dialog.Locator("#indicator-Femmes").FillAsync("25");
        await dialog.Locator("#indicator-Hommes").FillAsync("17");
        await dialog.Locator("#indicator-MoinsDe26Ans").FillAsync("12");
        await dialog.Locator("#indicator-MoinsDe26Ans").PressAsync("Enter");
        await Expect(coordinator.GetByText("Valeur enregistrée : Personnes repérées, 2025-T4.")).ToBeVisibleAsync();

        // the partner's page shows it at once, with its breakdown and who typed it; she cannot change the coordination's value
        await Expect(ValueOf(partner, "personnes-reperees")).ToContainTextAsync("42 personnes");
        await Expect(ValueOf(partner, "personnes-reperees")).ToContainTextAsync("Femmes : 25");
        await Expect(partner.Locator("tr", new() { Has = partner.Locator("td[data-indicator='personnes-reperees']") })).ToContainTextAsync("saisi par la coordination");
        await Expect(partner.GetByRole(AriaRole.Button, new() { Name = "Modifier : Personnes repérées" })).ToHaveCountAsync(0);

        // she starts typing her structure's outreach actions; meanwhile the coordinator locks the quarter
        await partner.GetByRole(AriaRole.Button, new() { Name = "Saisir : Actions d'aller-vers" }).ClickAsync();
        var partnerDialog = partner.GetByRole(AriaRole.Dialog);
        await Expect(partnerDialog).ToContainTextAsync("Saisi pour : Mission Locale de Roubaix");
        await partnerDialog.Locator("#indicator-number").FillAsync("3");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Verrouiller 2025-T4" }).ClickAsync();
        await Expect(coordinator.GetByTestId("period-locked")).ToContainTextAsync("La période 2025-T4 est verrouillée");

        // her entry is refused with the French reason, and nothing is stored
        await partnerDialog.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la valeur" }).ClickAsync();
        await Expect(partnerDialog).ToContainTextAsync("La période 2025-T4 est verrouillée : ses valeurs ne changent plus. La coordination peut la déverrouiller.");
        await partnerDialog.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Expect(ValueOf(partner, "actions-aller-vers")).ToHaveTextAsync("non renseigné");
        await Expect(partner.GetByTestId("period-locked")).ToBeVisibleAsync();

        // one indicator over the quarters, drawn and listed
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Évolution : Personnes repérées" }).ClickAsync();
        await Expect(coordinator.GetByTestId("indicator-chart")).ToContainTextAsync("2025-T4 : 42 personnes");
        await Expect(coordinator.GetByTestId("indicator-chart")).ToContainTextAsync("2025-T3 : non renseigné");
        await coordinator.AssertAccessibleAsync();
    }
}
