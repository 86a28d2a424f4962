using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Sessions;

/// <summary>
/// Issue 13: « the room display recovers from a killed and restarted server ». The real app runs as its own process
/// (<see cref="AppProcess"/>); the display, in Chromium without an account, follows a running session; the process is
/// killed (SIGKILL), the session moves on while the server is down, and the server starts again on the same address:
/// the display says the connection is lost meanwhile, then shows the item the session is on now, by itself.
/// </summary>
public sealed class SessionDisplayRestartTests
{
    // two app starts, one in-test app and a browser on a 2-core machine that other work may load
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(180);
    private static readonly LocatorAssertionsToHaveTextOptions Patient = new() { Timeout = 60_000 };

    [Fact]
    public async Task Display_AfterTheServerIsKilledAndStartedAgain_ShowsTheItemTheSessionIsOnNow()
    {
        using var budget = new CancellationTokenSource(Budget);
        var folder = TestFolders.Create("affichage-redemarrage");
        var (slug, sessionId, items, code) = await SeedAsync(folder);

        var server = await AppProcess.StartAsync(folder, budget.Token, environment: "Development");
        var port = new Uri(server.BaseUrl).Port;
        var context = await Browser.NewContextAsync(1280, 720);
        try
        {
            var display = await context.NewPageAsync();
            await display.GotoAsync($"{server.BaseUrl}{SessionDisplayPage.PathFor(slug, code)}");
            await Expect(display.Locator("#display-current")).ToHaveTextAsync("Bilan des actions", Patient);

            server.Kill();
            server.Dispose();
            await Expect(display.Locator("#display-banner")).ToHaveTextAsync("Connexion perdue, reconnexion…", Patient);

            // while the server is down, the coordinator's « suivant » is stored by another instance of the app
            await using (var other = new CiteEmploiApp(folder))
            {
                var access = (await other.Get<CiteService>().OperatorAccessAsync(slug))!;
                var moved = await other.Get<SessionService>().NextAsync(access, sessionId, items[1]);
                Assert.True(moved.Succeeded, moved.Describe());
            }
            SqliteConnection.ClearAllPools();

            server = await AppProcess.StartAsync(folder, budget.Token, environment: "Development", port: port);
            await Expect(display.Locator("#display-current")).ToHaveTextAsync("Décisions", Patient);
            await Expect(display.Locator("#display-banner")).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await Expect(display.Locator("#display-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+?\d+:\d\d$"));
        }
        finally
        {
            await context.DisposeAsync();
            try
            {
                server.Dispose();
            }
            catch (InvalidOperationException)
            {
                // already disposed: the test failed between the kill and the restart
            }
        }
    }

    private static async Task<(string Slug, Guid Session, Guid[] Items, string Code)> SeedAsync(string folder)
    {
        var fixture = new FolderAppFixture(folder);
        await fixture.InitializeAsync();
        try
        {
            var slug = await fixture.CreateCiteAsync($"Cité projetée {Guid.NewGuid():N}"[..24]);
            await fixture.CreatePersonAsync($"coordination-{Guid.NewGuid():N}@tests.invalid", slug, CiteRole.Coordinateur);
            var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
            var sessions = fixture.App.Get<SessionService>();
            var today = DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));
            var created = await sessions.CreateAsync(access, new SessionDetails(SessionKind.ComitePilotage, "COPIL projeté", today, new TimeOnly(9, 0), new TimeOnly(12, 0)));
            Assert.True(created.Succeeded, created.Describe());
            var id = Guid.Parse(created.Value!);
            var items = new List<Guid>();
            foreach (var title in new[] { "Accueil", "Bilan des actions", "Décisions" })
            {
                items.Add(Guid.Parse((await sessions.AddItemAsync(access, id, null, new AgendaItemContent(title, 15))).Value!));
            }
            Assert.True((await sessions.StartAsync(access, id)).Succeeded);
            Assert.True((await sessions.NextAsync(access, id, items[0])).Succeeded);
            var code = await sessions.OpenDisplayAsync(access, id);
            Assert.True(code.Succeeded, code.Describe());
            return (slug, id, [.. items], code.Value!);
        }
        finally
        {
            await fixture.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }
}
