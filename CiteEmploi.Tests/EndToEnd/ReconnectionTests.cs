using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>A dropped connection is shown in French and recovers by itself; a lost circuit reloads the page.</summary>
public sealed class ReconnectionTests : IAsyncLifetime
{
    private ReconnectionFixture? _app;
    private FlakyNetworkProxy? _network;

    private sealed class ReconnectionFixture(TimeSpan retention) : AppFixture
    {
        protected override CiteEmploiApp CreateApp() =>
            new(settings: new Dictionary<string, string?> { ["CiteEmploi:CircuitRetention"] = retention.ToString() });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The app (installed) behind a cuttable network, keeping a disconnected circuit for <paramref name="retention"/>.</summary>
    private async Task<FlakyNetworkProxy> StartBehindProxyAsync(TimeSpan retention)
    {
        _app = new ReconnectionFixture(retention);
        await _app.InitializeAsync();
        _network = new FlakyNetworkProxy(_app.App.BaseUrl);
        return _network;
    }

    [Fact]
    public async Task ShortNetworkCut_ShowsAFrenchBanner_ThenRecoversWithTheSameFormState()
    {
        var network = await StartBehindProxyAsync(TimeSpan.FromMinutes(3));
        var (context, page) = await _app!.SignInAsync(AppFixture.AdminEmail, baseUrl: network.BaseUrl);
        await using var _ = context;
        await page.GotoInteractiveAsync(network.BaseUrl + "/cites/nouvelle");
        await page.GetByLabel("Nom de la Cité").FillAsync("Cité de Mulhouse");
        await page.GetByLabel("Nom de la Cité").BlurAsync();
        // typed, but not yet sent: a text field sends its value when it loses focus
        await page.GetByLabel("Nom du territoire").FillAsync("Mulhouse Alsace Agglomération");

        network.Cut();
        var banner = page.Locator("#components-reconnect-modal");
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(banner).ToContainTextAsync("Connexion au serveur perdue");
        await page.AssertAccessibleAsync();
        // the person leaves the field while the connection is down: its value is sent into the cut, and lost
        await page.GetByLabel("Nom du territoire").BlurAsync();

        await Task.Delay(1500);
        network.Restore();
        await Expect(banner).ToBeHiddenAsync(new() { Timeout = 20_000 });

        // Same circuit: what was typed before the cut is still known to the server, and what was typed during it was
        // sent again on reconnection, so one click creates the Cité.
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la Cité" }).ClickAsync();
        try
        {
            await page.WaitForInPageNavigationAsync("**/admin?cite=cite-de-mulhouse");
        }
        catch (TimeoutException)
        {
            // say what the person would see, to tell a lost click from a refusal
            var shown = await page.Locator("main").InnerTextAsync();
            Assert.Fail($"Pas de navigation après « Créer la Cité ». Adresse : {page.Url}. Page :{Environment.NewLine}{shown}");
        }
    }

    [Fact]
    public async Task CutLongerThanTheCircuitIsKept_ThePageComesBackAndWorksAgain()
    {
        // Short retention so the "circuit gone" case does not take three minutes.
        var network = await StartBehindProxyAsync(TimeSpan.FromSeconds(3));
        var (context, page) = await _app!.SignInAsync(AppFixture.AdminEmail, baseUrl: network.BaseUrl);
        await using var _ = context;
        await page.GotoInteractiveAsync(network.BaseUrl + "/admin");

        network.Cut();
        var banner = page.Locator("#components-reconnect-modal");
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Task.Delay(TimeSpan.FromSeconds(6)); // the server forgets the circuit after 3 s
        network.Restore();

        // .NET 10 resumes a forgotten circuit in a new one (or the page reloads when it cannot): either way the banner
        // goes and the page answers clicks again.
        await Expect(banner).ToBeHiddenAsync(new() { Timeout = 40_000 });
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer de Cité" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menu)).ToBeVisibleAsync();
    }
}
