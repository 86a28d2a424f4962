using System.Text;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Calendar = Ical.Net.Calendar;

namespace CiteEmploi.Tests.EndToEnd.Sessions;

/// <summary>
/// A session in the calendars, and a note-taker, as a coordinator and a partner would meet them: the .ics downloaded
/// from the session page reads back as the session (Europe/Paris, its UID); a file that is not an invitation, imported
/// on the sessions' list, is refused beside the button and creates nothing; without SMTP the participants' page says so
/// and offers the file; the coordinator names the partner « preneur·se de notes » and her run page shows the editor
/// without a reload; her note appears on the coordinator's page. axe on every page visited.
/// </summary>
public sealed class SessionCalendarJourneyTests(SessionCalendarJourneyTests.Brest fixture) : IClassFixture<SessionCalendarJourneyTests.Brest>
{
    private const string Coordinator = "coord.brest@tests.invalid";
    private const string Samia = "samia.brest@tests.invalid";

    public sealed class Brest : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;

        public string SamiaId { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Brest");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            SamiaId = await CreatePersonAsync(Samia, Slug, CiteRole.Partenaire, "Samia Benali");
        }
    }

    [Fact]
    public async Task TheIcsDownloads_ABadFileIsRefused_AndANamedNoteTakerWritesNotesTheCoordinatorSees()
    {
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var sessions = fixture.App.Get<SessionService>();
        var today = DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));
        var id = Guid.Parse((await sessions.CreateAsync(access, new SessionDetails(SessionKind.ComitePilotage, "COPIL d'hiver", today, new TimeOnly(9, 0), new TimeOnly(11, 0),
            "Salle des Capucins"))).Value!);
        var item = Guid.Parse((await sessions.AddItemAsync(access, id, null, new AgendaItemContent("Bilan des actions", 30))).Value!);
        Assert.True((await sessions.InviteMemberAsync(access, id, fixture.SamiaId)).Succeeded);
        Assert.True((await sessions.StartAsync(access, id)).Succeeded);
        var sessionsUrl = fixture.Url($"/c/{fixture.Slug}/seances");

        var (coordContext, coord) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordContext;
        var (samiaContext, samia) = await fixture.SignInAsync(Samia);
        await using var __ = samiaContext;

        // the session page's « Ajouter à mon agenda (.ics) »: the file is the session, in Paris time, with its stable UID
        await coord.GotoInteractiveAsync($"{sessionsUrl}/{id}");
        await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = "COPIL d'hiver", Level = 1 })).ToBeVisibleAsync();
        await coord.AssertAccessibleAsync();
        var download = await coord.RunAndWaitForDownloadAsync(() => coord.GetByRole(AriaRole.Link, new() { Name = "Ajouter à mon agenda (.ics)" }).ClickAsync());
        Assert.EndsWith("-copil-d-hiver.ics", download.SuggestedFilename, StringComparison.Ordinal);
        var calendar = Calendar.Load(Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)))!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal(("PUBLISH", "Europe/Paris"), (calendar.Method, Assert.Single(calendar.TimeZones).TzId));
        Assert.Equal(("COPIL d'hiver", "Salle des Capucins", new TimeOnly(9, 0)), (e.Summary, e.Location, TimeOnly.FromDateTime(e.DtStart!.Value)));
        Assert.Equal(SessionCalendar.Uid(id, new Uri(fixture.App.BaseUrl).Host), e.Uid);
        Assert.Equal("Samia Benali", Assert.Single(e.Attendees).CommonName);

        // « Importer un .ics » with a file that is not one: the reason beside the button, no new session
        await coord.GotoInteractiveAsync(sessionsUrl);
        var chooser = await coord.RunAndWaitForFileChooserAsync(() => coord.GetByRole(AriaRole.Button, new() { Name = "Importer un .ics" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "ordre-du-jour.ics", MimeType = "text/calendar", Buffer = Encoding.UTF8.GetBytes("Ordre du jour : bilan, décisions.") });
        await Expect(coord.Locator("#fichier-ics-erreur")).ToContainTextAsync("Ce fichier n'est pas un calendrier iCalendar (.ics)");
        await Expect(coord.Locator("[data-session]")).ToHaveCountAsync(1);
        await coord.AssertAccessibleAsync();

        // the partner on the run page: the notes are read-only for her
        await samia.GotoInteractiveAsync($"{sessionsUrl}/{id}/direct");
        await Expect(samia.Locator("#run-current-title")).ToHaveTextAsync("Bilan des actions");
        await Expect(samia.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les notes" })).ToHaveCountAsync(0);

        // without SMTP the participants' page says so and offers the file; the coordinator names Samia to take the notes
        await coord.GotoInteractiveAsync($"{sessionsUrl}/{id}/participants");
        await Expect(coord.GetByText("L'envoi d'e-mails n'est pas configuré sur ce serveur")).ToBeVisibleAsync();
        await Expect(coord.GetByRole(AriaRole.Link, new() { Name = "Télécharger l'invitation (.ics)" })).ToBeVisibleAsync();
        await Expect(coord.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'invitation" })).ToHaveCountAsync(0);
        await coord.GetByRole(AriaRole.Button, new() { Name = "Preneur·se de notes : Samia Benali" }).ClickAsync();
        await Expect(coord.Locator("[data-participant='Samia Benali'] [data-note-taker]")).ToHaveTextAsync("Prend les notes");
        await coord.AssertAccessibleAsync();

        // her run page shows the editor by itself; her note reaches the coordinator's run page
        await Expect(samia.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les notes" })).ToBeVisibleAsync();
        await samia.AssertAccessibleAsync();
        await coord.GotoInteractiveAsync($"{sessionsUrl}/{id}/direct");
        await samia.GetByLabel("Notes (Markdown)").FillAsync("**12** personnes accompagnées vers l'emploi");
        await samia.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les notes" }).ClickAsync();
        var note = coord.Locator($"[data-record-item='{item}'] [data-notes]");
        await Expect(note.Locator("strong")).ToHaveTextAsync("12");
        await Expect(note).ToContainTextAsync("Notes de Samia Benali");
        await coord.AssertAccessibleAsync();
    }
}
