using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>
/// On a slow phone the live connection comes up seconds after the page appears. What a person types meanwhile must
/// not vanish: the controls wait for the connection, and the page says so (issue 11: 4 cards in 4 were lost).
/// </summary>
public sealed class SlowPhoneTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task BeforeTheConnectionIsUp_ControlsWaitAndSaySo_ThenWhatIsTypedIsKept()
    {
        var (context, page) = await fixture.SignInAsync(AppFixture.AdminEmail, width: 360, height: 740);
        await using var _ = context;

        // A mid-range phone on a weak mobile network: processor 6× slower, 1.6 Mbit/s down, 150 ms of latency.
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 6 });
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 150,
            ["downloadThroughput"] = 1_600_000 / 8,
            ["uploadThroughput"] = 750_000 / 8,
        });

        await page.GotoAsync(fixture.Url("/cites/nouvelle"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var name = page.GetByLabel("Nom de la Cité");
        // The page is there, the connection is not: the field cannot take text that would be lost, and the page says why.
        await Expect(name).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "La page sera utilisable dans un instant" })).ToBeVisibleAsync();

        // The person types as soon as the field lets them (Playwright, like a thumb, waits for an enabled field).
        await name.FillAsync("Cité de l'emploi de Lens");
        await page.GetByLabel("Nom du territoire").FillAsync("Lens-Liévin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la Cité" }).ClickAsync();

        await page.WaitForInPageNavigationAsync("**/admin?cite=cite-de-l-emploi-de-lens");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "La page sera utilisable dans un instant" })).ToBeHiddenAsync();
        var stored = await fixture.App.Get<CiteService>().GetAsync("cite-de-l-emploi-de-lens");
        Assert.NotNull(stored);
        Assert.Equal("Lens-Liévin", stored.Profile.TerritoryName);
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 1 });
        await page.AssertAccessibleAsync();
    }
}
