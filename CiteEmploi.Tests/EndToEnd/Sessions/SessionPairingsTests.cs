using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Sessions;

/// <summary>
/// Interconnaissance as a coordinator runs it: after a COPIL where two structures met, the « qui a rencontré qui » page
/// says who never met; in the running interconnaissance the coordinator proposes binômes, shows round 1, and the room
/// display (no account) shows it with the never-met structures together; axe on every page visited. Shares the run
/// tests' app (one start for the sessions' journeys).
/// </summary>
public sealed partial class SessionRunTests
{
    private const string FranceTravail = "France Travail Quimper";
    private const string MissionLocale = "Mission Locale de Cornouaille";

    [Fact]
    public async Task Coordinator_ProposesBinomes_InARunningInterconnaissance_AndTheRoomDisplayShowsRoundOne()
    {
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var sessions = fixture.App.Get<SessionService>();
        var today = DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));

        async Task<Guid> HeldAsync(SessionKind kind, string title, params string[] structures)
        {
            var id = Guid.Parse((await sessions.CreateAsync(access, new SessionDetails(kind, title, today, new TimeOnly(9, 0), new TimeOnly(12, 0)))).Value!);
            Assert.True((await sessions.AddItemAsync(access, id, null, new AgendaItemContent("Speed-meeting", 30, PresenterName: "Camille"))).Succeeded);
            foreach (var structure in structures)
            {
                var invited = await sessions.InviteOutsiderAsync(access, id, new InviteeDetails($"Personne {structure}", $"{Text.Slugify(structure, 40)}.{kind}@tests.invalid", StructureName: structure));
                Assert.True(invited.Succeeded, invited.Describe());
                Assert.True((await sessions.CheckInAsync(access, id, Guid.Parse(invited.Value!))).Succeeded);
            }
            Assert.True((await sessions.StartAsync(access, id)).Succeeded);
            return id;
        }

        // France Travail and the Mission Locale met at a COPIL; the CCAS and the CAF come for the first time
        var copil = await HeldAsync(SessionKind.ComitePilotage, "COPIL où l'on se connaît", FranceTravail, MissionLocale);
        Assert.True((await sessions.CloseAsync(access, copil)).Succeeded);
        var id = await HeldAsync(SessionKind.Interconnaissance, "Interconnaissance de Quimper", FranceTravail, MissionLocale, "CCAS de Quimper", "CAF du Finistère");
        var displayCode = (await sessions.OpenDisplayAsync(access, id)).Value!;
        var contexts = new List<IBrowserContext>();
        try
        {
            var (coordContext, coord) = await fixture.SignInAsync("coord.quimper@tests.invalid");
            contexts.Add(coordContext);
            await coord.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/seances/interconnaissance"));
            var franceTravail = coord.Locator($"li[data-structure='{FranceTravail}']");
            await Expect(franceTravail).ToContainTextAsync($"{MissionLocale} (1 séance)");
            await coord.GetByLabel("Rechercher une structure").FillAsync("france trav");
            await Expect(coord.Locator("li[data-structure]")).ToHaveCountAsync(1);
            await coord.AssertAccessibleAsync();
            await coord.SetViewportSizeAsync(360, 740);
            Assert.False(await coord.HasHorizontalScrollAsync(), await coord.OverflowingElementsAsync());
            await coord.SetViewportSizeAsync(1280, 800);

            var displayContext = await Browser.NewContextAsync(1280, 720);
            contexts.Add(displayContext);
            var display = await displayContext.NewPageAsync();
            await display.GotoAsync(fixture.Url(SessionDisplayPage.PathFor(fixture.Slug, displayCode)));
            await Expect(display.Locator("#display-current")).ToHaveTextAsync("Speed-meeting");
            await Expect(display.Locator("#display-pairings")).ToBeHiddenAsync();

            await coord.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/seances/{id}/direct"));
            await Expect(coord.Locator("#run-pairings-present")).ToContainTextAsync("4 structure(s) présente(s)");
            await coord.GetByRole(AriaRole.Button, new() { Name = "Proposer des binômes" }).ClickAsync();
            await Expect(coord.Locator("[data-round]")).ToHaveCountAsync(3);
            await coord.GetByRole(AriaRole.Button, new() { Name = "Afficher le tour 1" }).ClickAsync();
            await Expect(coord.Locator("[data-round='1']")).ToContainTextAsync("affiché en salle");
            await coord.AssertAccessibleAsync();

            // the room: round 1, each table on its line, the two that had met not together
            await Expect(display.Locator("#display-pairings-title")).ToHaveTextAsync("Tour 1 sur 3");
            var tables = display.Locator("#display-pairings-tables li");
            await Expect(tables).ToHaveCountAsync(2);
            var shown = await tables.AllTextContentsAsync();
            Assert.All(shown, t => Assert.Contains(" ↔ ", t, StringComparison.Ordinal));
            Assert.DoesNotContain(shown, t => t.Contains(FranceTravail, StringComparison.Ordinal) && t.Contains(MissionLocale, StringComparison.Ordinal));
            await display.AssertAccessibleAsync();

            // on a phone, the run page with its rounds, and a narrow display, read without sideways scrolling
            await coord.SetViewportSizeAsync(360, 740);
            await display.SetViewportSizeAsync(360, 740);
            Assert.False(await coord.HasHorizontalScrollAsync(), await coord.OverflowingElementsAsync());
            Assert.False(await display.HasHorizontalScrollAsync(), await display.OverflowingElementsAsync());
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }
}
