using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.Features.SeveralServers;

/// <summary>
/// Issue 15's « done when »: two app servers on one PostgreSQL database behind nginx (sticky by cookie, each the other's
/// backup), a workshop on one board across them in Chromium, one server killed, nothing acknowledged lost (decision 0032).
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.PostgreSqlOnly)]
public sealed class TwoServersBehindProxyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task AWorkshopAcrossTwoServers_GoesOnWhenOneIsKilled_AndLosesNothing()
    {
        TestDatabases.RequirePostgreSql();
        using var budget = new CancellationTokenSource(Budget);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var folderA = TestFolders.Create("serveur-a");
        var folderB = TestFolders.Create("serveur-b");
        var coordinator = $"coordination-{Guid.NewGuid():N}@tests.invalid";
        var partner = $"partenaire-{Guid.NewGuid():N}@tests.invalid";
        var (slug, boardId) = await SeedAsync(folderA, coordinator, partner);

        var (portA, portB) = (AppProcess.FreePort(), AppProcess.FreePort());
        using var proxy = await NginxProxy.StartAsync(portA, portB, budget.Token);
        // one database for both, each its own data folder (its own search index); links built on the proxy's address
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = TestDatabases.FolderDatabase(folderA),
            ["CiteEmploi__PublicUrl"] = proxy.BaseUrl,
        };
        using var serverA = await AppProcess.StartAsync(folderA, budget.Token, environment: "Development", port: portA, settings: shared);
        using var serverB = await AppProcess.StartAsync(folderB, budget.Token, environment: "Development", port: portB, settings: shared);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s : deux serveurs derrière nginx");

        var contexts = new List<IBrowserContext>();
        try
        {
            var board = $"{proxy.BaseUrl}/c/{slug}/tableaux/{boardId}";
            var onA = await OpenAsync(contexts, proxy, "a", coordinator, board);
            var onB = await OpenAsync(contexts, proxy, "b", partner, board);

            // each sees what the other adds, through the other server
            await AddCardAsync(onA, "Un garage solidaire pour les horaires décalés");
            await Expect(Card(onB, "Un garage solidaire")).ToBeVisibleAsync();
            await AddCardAsync(onB, "Pas de crèche après 18 h");
            await Expect(Card(onA, "Pas de crèche après 18 h")).ToBeVisibleAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s : atelier sur les deux serveurs");

            // server A dies: its page comes back through B (its circuit is gone: the page reloads), the workshop goes on
            await onA.EvaluateAsync("() => { window.__beforeKill = true; }");
            serverA.Kill();
            await onA.WaitForFunctionAsync("() => !window.__beforeKill && document.querySelector(\".app-shell[data-interactive='true']\") !== null",
                null, new() { Timeout = 90_000 });
            await Expect(Card(onA, "Un garage solidaire")).ToBeVisibleAsync();
            await Expect(Card(onA, "Pas de crèche après 18 h")).ToBeVisibleAsync();
            await AddCardAsync(onA, "Après la panne, toujours là");
            await Expect(Card(onB, "Après la panne")).ToBeVisibleAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s : serveur A tué, l'atelier continue sur B");
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException($"{e.Message}\n--- serveur A ---\n{serverA.Output}\n--- serveur B ---\n{serverB.Output}\n--- nginx ---\n{proxy.ErrorLog}", e);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }

        // every card a page acknowledged (shown to its author) is stored, once
        using var database = TestDatabases.OpenFolderDatabase(folderA);
        using var command = database.CreateCommand();
        command.CommandText = $"SELECT \"Text\" FROM \"Cards\" WHERE \"BoardId\" = '{boardId}'";
        var stored = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add(reader.GetString(0));
            }
        }
        Assert.Equal(
            ["Après la panne, toujours là", "Pas de crèche après 18 h", "Un garage solidaire pour les horaires décalés"],
            stored.Order(StringComparer.Ordinal));
    }

    private static ILocator Card(IPage page, string text) => page.Locator("[data-card]", new() { HasText = text });

    private static async Task AddCardAsync(IPage page, string text)
    {
        var field = page.GetByLabel("Nouvelle carte dans « Idées »");
        await field.FillAsync(text);
        await page.Locator("form.card-add", new() { Has = field }).GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await Expect(Card(page, text)).ToBeVisibleAsync();
    }

    /// <summary>A person's browser, kept by nginx on server <paramref name="server"/>, signed in and on the board.</summary>
    private static async Task<IPage> OpenAsync(List<IBrowserContext> contexts, NginxProxy proxy, string server, string email, string board)
    {
        var context = await Browser.NewContextAsync();
        contexts.Add(context);
        await context.AddCookiesAsync([new Cookie { Name = NginxProxy.Cookie, Value = server, Url = proxy.BaseUrl }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(proxy.BaseUrl + "/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(AppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/connexion", StringComparison.Ordinal));
        await page.GotoInteractiveAsync(board);
        return page;
    }

    /// <summary>A Cité with a coordinator, a partner and a workshop board, in the first server's database.</summary>
    private static async Task<(string Slug, Guid Board)> SeedAsync(string folder, string coordinator, string partner)
    {
        var fixture = new FolderAppFixture(folder);
        await fixture.InitializeAsync();
        try
        {
            var slug = await fixture.CreateCiteAsync($"Cité à deux serveurs {Guid.NewGuid():N}"[..28]);
            await fixture.CreatePersonAsync(coordinator, slug, CiteRole.Coordinateur, "Camille Coordination");
            await fixture.CreatePersonAsync(partner, slug, CiteRole.Partenaire, "Samia Partenaire");
            var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
            var created = await fixture.App.Get<BoardService>().CreateAsync(access, BoardKind.Atelier, "Atelier mobilité", null, ["Idées"]);
            Assert.True(created.Succeeded, created.Describe());
            return (slug, Guid.Parse(created.Value!));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
