using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Sessions;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>
/// The note-taker role through the service, on a real SQLite file: a member the coordination named writes notes and
/// outcomes as it does (and sees the editor: <see cref="SessionView.CanRecord"/>); a member not named, or no longer
/// named, is refused and reads; another Cité's member reaches nothing, even one named in their own Cité.
/// </summary>
public sealed class SessionNoteTakerTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private SessionService _sessions = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _samia = null!;
    private CiteAccess _jules = null!;
    private CiteAccess _outsider = null!;
    private Guid _sessionId;
    private Guid _itemId;
    private Guid _samiaInvited;

    public async Task InitializeAsync()
    {
        _sessions = new SessionService(new CiteDbContextFactory(new TestDbContextFactory(database)), TimeProvider.System);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("samia", "Samia Benali"), ("jules", "Jules Petit"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _samia = new CiteAccess(a.Id, a.Slug, "samia", CiteRole.Partenaire);
        _jules = new CiteAccess(a.Id, a.Slug, "jules", CiteRole.Partenaire);
        // the same account, member of the other Cité too: its access there opens nothing here
        _outsider = new CiteAccess(b.Id, b.Slug, "samia", CiteRole.Coordinateur);
        await using (var db = database.NewContext())
        {
            db.Memberships.AddRange(Membership.Create(a.Id, "samia", CiteRole.Partenaire, DateTimeOffset.UtcNow),
                Membership.Create(a.Id, "jules", CiteRole.Partenaire, DateTimeOffset.UtcNow),
                Membership.Create(b.Id, "samia", CiteRole.Coordinateur, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        _sessionId = Guid.Parse((await _sessions.CreateAsync(_coordinator,
            new SessionDetails(SessionKind.ComitePilotage, "COPIL de printemps", new DateOnly(2026, 4, 2), new TimeOnly(9, 0), new TimeOnly(11, 0)))).Value!);
        _itemId = Guid.Parse((await _sessions.AddItemAsync(_coordinator, _sessionId, null, new AgendaItemContent("Bilan des actions", 30))).Value!);
        _samiaInvited = Guid.Parse((await _sessions.InviteMemberAsync(_coordinator, _sessionId, "samia")).Value!);
        await _sessions.InviteMemberAsync(_coordinator, _sessionId, "jules");
        Assert.True((await _sessions.StartAsync(_coordinator, _sessionId)).Succeeded);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ANamedNoteTaker_WritesNotesAndOutcomes_AndSeesTheEditor()
    {
        Assert.False((await _sessions.GetAsync(_samia, _sessionId))!.CanRecord);
        Assert.True((await _sessions.NameNoteTakerAsync(_coordinator, _sessionId, _samiaInvited)).Succeeded);

        var view = (await _sessions.GetAsync(_samia, _sessionId))!;
        Assert.True(view.CanRecord);
        Assert.False(view.CanRun);
        var notes = await _sessions.WriteNotesAsync(_samia, _sessionId, _itemId, "- 12 personnes accompagnées", "");
        Assert.True(notes.Succeeded, notes.Describe());
        var outcome = await _sessions.AddOutcomeAsync(_samia, _sessionId, _itemId, OutcomeKind.Decision, "Ouvrir un second atelier mobilité");
        Assert.True(outcome.Succeeded, outcome.Describe());

        var seen = (await _sessions.GetAsync(_coordinator, _sessionId))!;
        Assert.Equal(("- 12 personnes accompagnées", "Samia Benali"), (seen.NoteOf(_itemId)!.Text, seen.NoteOf(_itemId)!.ByName));
        Assert.Equal("Samia Benali", Assert.Single(seen.OutcomesOf(_itemId)).ByName);
        Assert.True((await _sessions.RemoveOutcomeAsync(_samia, _sessionId, Guid.Parse(outcome.Value!))).Succeeded);
    }

    [Fact]
    public async Task AMemberNotNamed_OrNoLongerNamed_IsRefused_AndReadsTheNotes()
    {
        await _sessions.NameNoteTakerAsync(_coordinator, _sessionId, _samiaInvited);
        Assert.True((await _sessions.WriteNotesAsync(_coordinator, _sessionId, _itemId, "Notes de la coordination", "")).Succeeded);

        Assert.False((await _sessions.GetAsync(_jules, _sessionId))!.CanRecord);
        Assert.True((await _sessions.WriteNotesAsync(_jules, _sessionId, _itemId, "Mes notes", "Notes de la coordination")).IsForbidden);
        Assert.True((await _sessions.AddOutcomeAsync(_jules, _sessionId, _itemId, OutcomeKind.Information, "Info")).IsForbidden);
        // naming is the coordination's: a member cannot name themselves
        var julesInvited = (await _sessions.AttendanceAsync(_jules, _sessionId))!.Mine!.Id;
        Assert.True((await _sessions.NameNoteTakerAsync(_jules, _sessionId, julesInvited)).IsForbidden);

        Assert.True((await _sessions.WithdrawNoteTakerAsync(_coordinator, _sessionId, _samiaInvited)).Succeeded);
        Assert.False((await _sessions.GetAsync(_samia, _sessionId))!.CanRecord);
        Assert.True((await _sessions.WriteNotesAsync(_samia, _sessionId, _itemId, "Trop tard", "Notes de la coordination")).IsForbidden);
        Assert.Equal("Notes de la coordination", (await _sessions.GetAsync(_jules, _sessionId))!.NotesOf(_itemId));
    }

    [Fact]
    public async Task AnotherCitesAccess_ReachesNothing_EvenForTheNamedPerson()
    {
        await _sessions.NameNoteTakerAsync(_coordinator, _sessionId, _samiaInvited);

        Assert.True((await _sessions.WriteNotesAsync(_outsider, _sessionId, _itemId, "Par l'autre Cité", "")).NotFound);
        Assert.True((await _sessions.AddOutcomeAsync(_outsider, _sessionId, _itemId, OutcomeKind.Decision, "Par l'autre Cité")).NotFound);
        Assert.True((await _sessions.NameNoteTakerAsync(_outsider, _sessionId, _samiaInvited)).NotFound);
        Assert.Null(await _sessions.GetAsync(_outsider, _sessionId));
        Assert.Equal(string.Empty, (await _sessions.GetAsync(_coordinator, _sessionId))!.NotesOf(_itemId));
    }
}
