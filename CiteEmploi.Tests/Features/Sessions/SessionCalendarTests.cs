using System.Text;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.EndToEnd;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Sessions;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Calendar = Ical.Net.Calendar;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>
/// A session in people's calendars, on a real SQLite file: the .ics read back with Ical.Net (VTIMEZONE Europe/Paris,
/// one UID for the session's whole life, SEQUENCE growing with each change, CANCEL at the end, each attendee's answer),
/// the invitations sent by e-mail and recorded, the import of an .ics (and of files that are not one), and the wall.
/// </summary>
public sealed class SessionCalendarTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Base = "https://cite.example";
    private SessionService _sessions = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _outsider = null!;
    private Guid _sessionId;

    public async Task InitializeAsync()
    {
        _sessions = new SessionService(new CiteDbContextFactory(new TestDbContextFactory(database)), TimeProvider.System);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia Benali"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        await using (var db = database.NewContext())
        {
            db.Memberships.Add(Membership.Create(a.Id, "part", CiteRole.Partenaire, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        _sessionId = Guid.Parse((await _sessions.CreateAsync(_coordinator, new SessionDetails(SessionKind.Interconnaissance, "Qui fait quoi",
            new DateOnly(2026, 4, 2), new TimeOnly(14, 0), new TimeOnly(16, 30), "Maison de quartier des Glacis"))).Value!);
        Assert.True((await _sessions.AddItemAsync(_coordinator, _sessionId, null, new AgendaItemContent("Accueil", 15, PresenterName: "Camille"))).Succeeded);
        Assert.True((await _sessions.AddItemAsync(_coordinator, _sessionId, null, new AgendaItemContent("Speed-meeting des structures", 60))).Succeeded);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static CalendarEvent Event(string ics, out Calendar calendar)
    {
        calendar = Calendar.Load(ics)!;
        return Assert.Single(calendar.Events);
    }

    private async Task<string> DownloadAsync(CiteAccess access) => (await _sessions.CalendarAsync(access, _sessionId, Base))!.Value.Ics;

    [Fact]
    public async Task Download_IsAPublishedEventInParisTime_WithItsTimeZone_AgendaOrganizerAndEachAttendeesAnswer()
    {
        var paul = Guid.Parse((await _sessions.InviteOutsiderAsync(_coordinator, _sessionId, new InviteeDetails("Paul Martin", "paul.martin@caf.fr"))).Value!);
        var lea = Guid.Parse((await _sessions.InviteOutsiderAsync(_coordinator, _sessionId, new InviteeDetails("Léa Roux", "lea.roux@ccas.fr"))).Value!);
        await _sessions.InviteOutsiderAsync(_coordinator, _sessionId, new InviteeDetails("Jules Petit", "jules@e2c.fr"));
        await _sessions.AnswerAsync(_coordinator, _sessionId, paul, InvitationAnswer.Oui);
        await _sessions.AnswerAsync(_coordinator, _sessionId, lea, InvitationAnswer.PeutEtre);

        var (ics, fileName) = (await _sessions.CalendarAsync(_partner, _sessionId, Base))!.Value;
        var e = Event(ics, out var calendar);

        Assert.Equal("seance-2026-04-02-qui-fait-quoi.ics", fileName);
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Equal("Europe/Paris", Assert.Single(calendar.TimeZones).TzId);
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Equal(SessionCalendar.Uid(_sessionId, "cite.example"), e.Uid);
        Assert.Equal($"seance-{_sessionId:N}@cite.example", e.Uid);
        Assert.Equal(0, e.Sequence);
        Assert.Equal(("Europe/Paris", new DateTime(2026, 4, 2, 14, 0, 0)), (e.DtStart!.TzId, e.DtStart.Value));
        Assert.Equal(("Europe/Paris", new DateTime(2026, 4, 2, 16, 30, 0)), (e.DtEnd!.TzId, e.DtEnd.Value));
        Assert.Equal(new DateTime(2026, 4, 2, 12, 0, 0, DateTimeKind.Utc), e.DtStart.AsUtc); // summer time: UTC+2
        Assert.Equal("Qui fait quoi", e.Summary);
        Assert.Equal("Maison de quartier des Glacis", e.Location);
        Assert.Equal("CONFIRMED", e.Status);
        Assert.Contains("14:00 1. Accueil (15 min) — Camille", e.Description, StringComparison.Ordinal);
        Assert.Contains("14:15 2. Speed-meeting des structures (60 min)", e.Description, StringComparison.Ordinal);
        Assert.Equal(new Uri($"{Base}/c/{_coordinator.Slug}/seances/{_sessionId}"), e.Url);
        Assert.Equal(new Uri("mailto:camille.martin@belfort.fr"), e.Organizer!.Value);
        Assert.Equal("Camille Martin", e.Organizer.CommonName);
        Assert.Equal(
            [("mailto:jules@e2c.fr", "NEEDS-ACTION"), ("mailto:lea.roux@ccas.fr", "TENTATIVE"), ("mailto:paul.martin@caf.fr", "ACCEPTED")],
            e.Attendees.Select(a => (a.Value!.ToString(), a.ParticipationStatus!)).OrderBy(a => a.Item1, StringComparer.Ordinal));
        Assert.Equal("Paul Martin", e.Attendees.Single(a => a.Value!.ToString() == "mailto:paul.martin@caf.fr").CommonName);
    }

    [Fact]
    public async Task Updates_KeepTheUid_RaiseTheSequence_AndTheCancellationIsACancelWithTheNextSequence()
    {
        var first = Event(await DownloadAsync(_coordinator), out _);
        Assert.True((await _sessions.ChangeDetailsAsync(_coordinator, _sessionId, new SessionDetails(SessionKind.Interconnaissance, "Qui fait quoi",
            new DateOnly(2026, 4, 9), new TimeOnly(9, 30), new TimeOnly(12, 0), "Maison de quartier des Glacis"))).Succeeded);
        var moved = Event(await DownloadAsync(_coordinator), out _);
        Assert.True((await _sessions.ChangeDetailsAsync(_coordinator, _sessionId, new SessionDetails(SessionKind.Interconnaissance, "Qui fait quoi",
            new DateOnly(2026, 4, 9), new TimeOnly(9, 30), new TimeOnly(12, 0), "", "https://visio.example/qfq"))).Succeeded);
        var online = Event(await DownloadAsync(_coordinator), out _);
        Assert.True((await _sessions.CancelAsync(_coordinator, _sessionId)).Succeeded);
        var cancelled = Event(await DownloadAsync(_partner), out var cancelCalendar);

        Assert.All(new[] { moved.Uid, online.Uid, cancelled.Uid }, uid => Assert.Equal(first.Uid, uid));
        Assert.Equal([0, 1, 2, 3], new[] { first.Sequence, moved.Sequence, online.Sequence, cancelled.Sequence });
        Assert.Equal(new DateTime(2026, 4, 9, 9, 30, 0), moved.DtStart!.Value);
        Assert.Equal("https://visio.example/qfq", online.Location);
        Assert.Contains("Visioconférence : https://visio.example/qfq", online.Description, StringComparison.Ordinal);
        Assert.Equal(("CANCEL", "CANCELLED"), (cancelCalendar.Method, cancelled.Status));
    }

    [Fact]
    public async Task Download_ThroughTheWall_IsNothingForAnotherCite()
    {
        Assert.Null(await _sessions.CalendarAsync(_outsider, _sessionId, Base));
        Assert.Null(await _sessions.CalendarAsync(_coordinator, Guid.NewGuid(), Base));
        Assert.Null(await _sessions.InvitationMailingAsync(_outsider, _sessionId, Base));
        Assert.Null(await _sessions.InvitationMailingAsync(_partner, _sessionId, Base));
    }

    [Fact]
    public async Task Sending_MailsEachPersonTheirRequest_RecordsIt_ThenTheUpdate_ThenTheCancellation_AndNeverWithoutSmtp()
    {
        var mail = new CapturingEmailSender();
        var links = new PublicLinks(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CiteEmploi:PublicUrl"] = Base }).Build(),
            new ServiceCollection().BuildServiceProvider());
        var invitations = new SessionInvitations(_sessions, mail, links);
        var paul = Guid.Parse((await _sessions.InviteOutsiderAsync(_coordinator, _sessionId, new InviteeDetails("Paul Martin", "paul.martin@caf.fr"))).Value!);
        await _sessions.InviteOutsiderAsync(_coordinator, _sessionId, new InviteeDetails("Léa Roux", "lea.roux@ccas.fr"));
        // a member without an e-mail address: counted, not mailed
        Assert.True((await _sessions.InviteMemberAsync(_coordinator, _sessionId, "part")).Succeeded);

        Assert.Equal(["Seule la coordination de la Cité envoie les invitations."], (await invitations.SendAsync(_partner, _sessionId)).Failures);
        var pending = (await invitations.PendingAsync(_coordinator, _sessionId))!;
        Assert.Equal((MailingKind.Invitation, 2, 1), (pending.Kind, pending.Letters.Count, pending.WithoutEmail));

        var report = await invitations.SendAsync(_coordinator, _sessionId);
        Assert.Equal((2, 0), (report.Sent, report.Failures.Count));
        var attached = mail.Attached.ToList();
        Assert.Equal(["lea.roux@ccas.fr", "paul.martin@caf.fr"], attached.Select(a => a.To).Order(StringComparer.Ordinal));
        var toPaul = attached.Single(a => a.To == "paul.martin@caf.fr").Attachment;
        Assert.Equal(("seance-2026-04-02-qui-fait-quoi.ics", "text/calendar; method=REQUEST; charset=utf-8"), (toPaul.FileName, toPaul.ContentType));
        var request = Event(Encoding.UTF8.GetString(toPaul.Content), out var requestCalendar);
        Assert.Equal("REQUEST", requestCalendar.Method);
        Assert.Equal(["mailto:paul.martin@caf.fr"], request.Attendees.Select(a => a.Value!.ToString())); // nobody else's address
        Assert.True(Assert.Single(request.Attendees).Rsvp);
        Assert.Equal("Invitation : Qui fait quoi", mail.Sent.First().Subject);
        Assert.Empty((await invitations.PendingAsync(_coordinator, _sessionId))!.Letters);
        Assert.Equal(0, (await _sessions.InvitationMailingAsync(_coordinator, _sessionId, Base))!.Sent.Single(s => s.ParticipantId == paul).Sequence);

        Assert.True((await _sessions.ChangeDetailsAsync(_coordinator, _sessionId, new SessionDetails(SessionKind.Interconnaissance, "Qui fait quoi",
            new DateOnly(2026, 4, 2), new TimeOnly(14, 30), new TimeOnly(17, 0), "Maison de quartier des Glacis"))).Succeeded);
        await _sessions.InviteOutsiderAsync(_coordinator, _sessionId, new InviteeDetails("Jules Petit", "jules@e2c.fr"));
        pending = (await invitations.PendingAsync(_coordinator, _sessionId))!;
        Assert.Equal((MailingKind.MiseAJour, 3), (pending.Kind, pending.Letters.Count));
        Assert.Equal(MailingKind.Invitation, pending.Letters.Single(l => l.Email == "jules@e2c.fr").Kind);
        mail.Attached.Clear();
        mail.Sent.Clear();
        Assert.Equal(3, (await invitations.SendAsync(_coordinator, _sessionId)).Sent);
        var update = Event(Encoding.UTF8.GetString(mail.Attached.First(a => a.To == "paul.martin@caf.fr").Attachment.Content), out _);
        Assert.Equal((request.Uid, 1, new DateTime(2026, 4, 2, 14, 30, 0)), (update.Uid, update.Sequence, update.DtStart!.Value));
        Assert.Equal("Mise à jour : Qui fait quoi", mail.Sent.First(m => m.To == "paul.martin@caf.fr").Subject);
        Assert.Equal("Invitation : Qui fait quoi", mail.Sent.First(m => m.To == "jules@e2c.fr").Subject);

        Assert.True((await _sessions.CancelAsync(_coordinator, _sessionId)).Succeeded);
        mail.Attached.Clear();
        Assert.Equal(3, (await invitations.SendAsync(_coordinator, _sessionId)).Sent);
        var cancel = mail.Attached.First().Attachment;
        Assert.Equal("text/calendar; method=CANCEL; charset=utf-8", cancel.ContentType);
        var cancelled = Event(Encoding.UTF8.GetString(cancel.Content), out var cancelCalendar);
        Assert.Equal(("CANCEL", "CANCELLED", request.Uid, 2), (cancelCalendar.Method, cancelled.Status, cancelled.Uid, cancelled.Sequence));
        Assert.Empty((await invitations.PendingAsync(_coordinator, _sessionId))!.Letters);

        var noSmtp = new SessionInvitations(_sessions, new UnconfiguredSender(), links);
        Assert.False(noSmtp.CanSend);
        Assert.Contains("n'est pas configuré", Assert.Single((await noSmtp.SendAsync(_coordinator, _sessionId)).Failures), StringComparison.Ordinal);
    }

    // ---- import ----

    private static byte[] Ics(string vevent) => Encoding.UTF8.GetBytes(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Agenda de test//FR\r\n" + vevent + "END:VCALENDAR\r\n");

    private async Task<int> CountAsync() => (await _sessions.ListAsync(_coordinator)).Count;

    [Fact]
    public async Task Import_AnInvitationFromAnotherCalendar_CreatesAPreparedSessionInParisTime()
    {
        var file = Ics("BEGIN:VEVENT\r\nUID:abc-123@agenda.example\r\nDTSTAMP:20260301T080000Z\r\nDTSTART:20260515T070000Z\r\nDTEND:20260515T090000Z\r\n"
            + "SUMMARY:Comité technique emploi\r\nLOCATION:https://visio.example/ct\r\nDESCRIPTION:Bilan des actions\\, suite du diagnostic.\r\nEND:VEVENT\r\n");

        var result = await _sessions.ImportAsync(_coordinator, file, SessionKind.ComiteTechnique);

        Assert.True(result.Succeeded, result.Describe());
        var view = (await _sessions.GetAsync(_partner, Guid.Parse(result.Value!)))!;
        Assert.Equal(new SessionDetails(SessionKind.ComiteTechnique, "Comité technique emploi", new DateOnly(2026, 5, 15), new TimeOnly(9, 0), new TimeOnly(11, 0),
            "", "https://visio.example/ct"), view.Details);
        Assert.Equal(SessionState.Prevue, view.State);
        var item = Assert.Single(view.Schedule.Items).Item;
        Assert.Equal(("Objet de la séance", "Bilan des actions, suite du diagnostic."), (item.Title, item.Description));
    }

    [Fact]
    public async Task Import_OurOwnFile_GivesBackTheSameDetails()
    {
        var ics = Encoding.UTF8.GetBytes(await DownloadAsync(_coordinator));

        var result = await _sessions.ImportAsync(_coordinator, ics, SessionKind.Interconnaissance);

        Assert.True(result.Succeeded, result.Describe());
        var original = (await _sessions.GetAsync(_coordinator, _sessionId))!.Details;
        Assert.Equal(original with { Capacity = null }, (await _sessions.GetAsync(_coordinator, Guid.Parse(result.Value!)))!.Details);
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        { "pas un calendrier", Encoding.UTF8.GetBytes("Bonjour,\nvoici l'ordre du jour de jeudi.\n"), "n'est pas un calendrier iCalendar" },
        { "une image", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "n'est pas un calendrier iCalendar" },
        { "sans événement", Ics("BEGIN:VTODO\r\nUID:t1\r\nDTSTAMP:20260301T080000Z\r\nSUMMARY:Relancer la CAF\r\nEND:VTODO\r\n"), "aucun événement (VEVENT)" },
        { "fin avant le début", Ics("BEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20260301T080000Z\r\nDTSTART;TZID=Europe/Paris:20260515T140000\r\n"
            + "DTEND;TZID=Europe/Paris:20260515T120000\r\nSUMMARY:Atelier\r\nEND:VEVENT\r\n"), "finit avant de commencer" },
        { "trop gros", Ics("BEGIN:VEVENT\r\nUID:e2\r\nDTSTAMP:20260301T080000Z\r\nDTSTART:20260515T120000Z\r\nDTEND:20260515T130000Z\r\nSUMMARY:Atelier\r\n"
            + "DESCRIPTION:" + new string('x', SessionCalendar.MaxImportBytes) + "\r\nEND:VEVENT\r\n"), "dépasse 256 Ko" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_AFileThatIsNotAnInvitation_IsRefusedInFrenchOnTheFileField_AndCreatesNothing(string what, byte[] file, string said)
    {
        var before = await CountAsync();

        var result = await _sessions.ImportAsync(_coordinator, file, SessionKind.Atelier);

        Assert.False(result.Succeeded, what);
        Assert.Contains(said, Assert.Single(result.Errors.For(SessionService.ImportFileKey)), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_IsForTheCoordinationOnly()
    {
        var file = Ics("BEGIN:VEVENT\r\nUID:e3\r\nDTSTAMP:20260301T080000Z\r\nDTSTART:20260515T120000Z\r\nDTEND:20260515T130000Z\r\nSUMMARY:Atelier\r\nEND:VEVENT\r\n");
        var before = await CountAsync();
        Assert.True((await _sessions.ImportAsync(_partner, file, SessionKind.Atelier)).IsForbidden);
        Assert.Equal(before, await CountAsync());
    }

    private sealed class UnconfiguredSender : CiteEmploi.Web.Features.Email.IEmailSender
    {
        public bool IsConfigured => false;

        public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("nothing is sent without SMTP");

        public Task SendAsync(string to, string subject, string body, IReadOnlyList<CiteEmploi.Web.Features.Email.EmailAttachment> attachments, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("nothing is sent without SMTP");
    }
}
