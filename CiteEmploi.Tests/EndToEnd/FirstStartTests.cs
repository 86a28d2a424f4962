using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>A newcomer's first minutes: a closed workspace, the console's one-time link, the demonstration.</summary>
public sealed class FirstStartTests : IAsyncLifetime
{
    private readonly CiteEmploiApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FreshWorkspace_IsClosed_UntilTheSetUpLinkCreatesTheAdministrator_WhoLoadsTheDemonstration()
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // Nothing is open: every page leads to the installation notice, which has all its styles and scripts.
        var notLoaded = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is "stylesheet" or "script" && (!response.Ok || response.Url.Contains("/installation", StringComparison.Ordinal)))
            {
                notLoaded.Add($"{response.Request.Url} → {response.Status} {response.Url}");
            }
        };
        await page.GotoAsync(_app.BaseUrl + "/c/demo");
        await page.WaitForURLAsync("**/installation");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(notLoaded.Count == 0, "fichiers de la page refusés avant l'installation :\n" + string.Join("\n", notLoaded));
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("lien d'installation à usage unique");
        await page.AssertAccessibleAsync();

        // A forged link is refused.
        await page.GotoAsync(_app.BaseUrl + "/installation/pas-le-bon-lien");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("n'est pas valide");

        // The console's link (the same service prints it at start-up).
        var token = await _app.Get<AccountSetupService>().IssueSetupTokenAsync();
        await page.GotoAsync(_app.BaseUrl + "/installation/" + token);
        await page.GetByLabel("Nom affiché").FillAsync("Alice Admin");
        await page.GetByLabel("Adresse e-mail").FillAsync("alice@tests.invalid");
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("court");
        await page.GetByLabel("Confirmation du mot de passe").FillAsync("court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le compte administrateur" }).ClickAsync();
        await Expect(page.Locator("#setup-Password-error")).ToContainTextAsync("au moins 10 caractères");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("une phrase assez longue");
        await page.GetByLabel("Confirmation du mot de passe").FillAsync("une phrase assez longue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le compte administrateur" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await page.WaitForInteractiveAsync();
        await page.AssertAccessibleAsync();

        // Single use.
        await using (var other = await Browser.NewContextAsync())
        {
            var second = await other.NewPageAsync();
            await second.GotoAsync(_app.BaseUrl + "/installation/" + token);
            await Expect(second.GetByRole(AriaRole.Main)).ToContainTextAsync("L'installation est terminée");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Charger la Cité de démonstration" }).ClickAsync();
        var accounts = page.GetByRole(AriaRole.Table, new() { Name = "Comptes de démonstration (fictifs)" });
        // Loading writes the whole demonstration (directory of 82 services and its index, boards): seconds, more under load.
        await Expect(accounts).ToContainTextAsync("coordination@demo.citeemploi.invalid", new() { Timeout = 60_000 });
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "ouvrir la Cité de démonstration" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cité de démonstration", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".demo-notice")).ToContainTextAsync("fictives");
        await page.AssertAccessibleAsync();

        // The national views leave the demonstration out: with no other Cité they say so, instead of empty tables.
        await page.GotoInteractiveAsync(_app.BaseUrl + "/national/indicateurs");
        await Expect(page.Locator(".national-empty")).ToContainTextAsync("Aucune Cité active n'est encore dans la vue nationale");
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await Expect(page.Locator("a[aria-current='page']")).ToHaveTextAsync(["Indicateurs des Cités"]); // one menu entry marked, not « Indicateurs nationaux » too
        await page.AssertAccessibleAsync();
        await page.GotoInteractiveAsync(_app.BaseUrl + "/national/auto-evaluation");
        await Expect(page.Locator(".national-empty")).ToContainTextAsync("quand une Cité clôt son auto-évaluation");
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
    }
}
