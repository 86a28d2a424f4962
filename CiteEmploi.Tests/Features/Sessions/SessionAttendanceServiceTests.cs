using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Sessions;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>
/// Invitations and the door's list through the service, on a real SQLite file: members invited with what the Cité knows
/// of them, outsiders with a structure of the directory, each member answering only their own invitation, and the wall.
/// </summary>
public sealed class SessionAttendanceServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private SessionService _sessions = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _otherPartner = null!;
    private CiteAccess _outsider = null!;
    private Guid _missionLocale;
    private Guid _elsewhere;
    private Guid _sessionId;

    public async Task InitializeAsync()
    {
        // the session's day (arrivals are noted on it only)
        _sessions = new SessionService(new CiteDbContextFactory(new TestDbContextFactory(database)),
            new TestClock(CiteEmploi.Domain.Common.FrenchTime.At(new DateOnly(2026, 4, 2), new TimeOnly(13, 50))));
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia Benali"), ("part2", "Jules"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _otherPartner = new CiteAccess(a.Id, a.Slug, "part2", CiteRole.Partenaire);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        var missionLocale = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale"), DateTimeOffset.UtcNow);
        var elsewhere = Structure.Create(b.Id, StructureTests.ValidDetails("Mission Locale d'ailleurs"), DateTimeOffset.UtcNow);
        (_missionLocale, _elsewhere) = (missionLocale.Id, elsewhere.Id);
        var samia = Membership.Create(a.Id, "part", CiteRole.Partenaire, DateTimeOffset.UtcNow);
        samia.LinkToStructure(missionLocale.Id);
        await using (var db = database.NewContext())
        {
            db.Structures.AddRange(missionLocale, elsewhere);
            db.Memberships.AddRange(samia, Membership.Create(a.Id, "part2", CiteRole.Partenaire, DateTimeOffset.UtcNow),
                Membership.Create(b.Id, "dehors", CiteRole.Coordinateur, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        _sessionId = Guid.Parse((await _sessions.CreateAsync(_coordinator,
            new SessionDetails(SessionKind.Interconnaissance, "Qui fait quoi", new DateOnly(2026, 4, 2), new TimeOnly(14, 0), new TimeOnly(16, 0), Capacity: 1))).Value!);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AMember_IsInvitedWithTheirNameAndStructure_AndAnswersOnlyTheirOwnInvitation_PastTheCapacityOnTheWaitingList()
    {
        var samia = Guid.Parse((await _sessions.InviteMemberAsync(_coordinator, _sessionId, "part")).Value!);
        var paul = await _sessions.InviteOutsiderAsync(_coordinator, _sessionId, new InviteeDetails("Paul Martin", "paul.martin@caf.fr", StructureId: _missionLocale));
        Assert.True(paul.Succeeded, paul.Describe());
        var attendance = (await _sessions.AttendanceAsync(_partner, _sessionId))!;
        Assert.Equal(("Samia Benali", "Mission Locale", "part"), (attendance.Mine!.Name, attendance.Mine.StructureName, attendance.Mine.UserId));
        Assert.Equal("Mission Locale", attendance.Participants.Single(p => p.Email == "paul.martin@caf.fr").StructureName);

        // Paul's yes takes the one place; Samia's own yes waits
        Assert.True((await _sessions.AnswerAsync(_coordinator, _sessionId, Guid.Parse(paul.Value!), InvitationAnswer.Oui)).Succeeded);
        Assert.True((await _sessions.AnswerAsync(_partner, _sessionId, samia, InvitationAnswer.Oui)).Succeeded);
        attendance = (await _sessions.AttendanceAsync(_partner, _sessionId))!;
        Assert.Equal(1, attendance.Waiting[samia]);
        Assert.Equal(1, attendance.Yes);

        // another member may not answer for Samia, nor mark arrivals; the coordination may
        Assert.True((await _sessions.AnswerAsync(_otherPartner, _sessionId, samia, InvitationAnswer.Non)).IsForbidden);
        Assert.True((await _sessions.CheckInAsync(_partner, _sessionId, samia)).IsForbidden);
        Assert.True((await _sessions.CheckInAsync(_coordinator, _sessionId, samia)).Succeeded);
        attendance = (await _sessions.AttendanceAsync(_coordinator, _sessionId))!;
        Assert.Equal(InvitationAnswer.Oui, attendance.Participants.Single(p => p.Id == samia).Answer);
        Assert.Equal([new StructureAttendance("Mission Locale", 2, 2, 1)], attendance.ByStructure);
    }

    [Fact]
    public async Task AnotherCitesMemberOrStructure_IsRefused_AndAnotherCiteReadsAndChangesNothing()
    {
        var notOurs = await _sessions.InviteMemberAsync(_coordinator, _sessionId, "dehors");
        Assert.Contains("n'est pas membre de la Cité", notOurs.Describe(), StringComparison.Ordinal);
        var theirStructure = await _sessions.InviteOutsiderAsync(_coordinator, _sessionId, new InviteeDetails("X", "x@y.fr", StructureId: _elsewhere));
        Assert.Contains("n'est pas dans l'annuaire de la Cité", theirStructure.Describe(), StringComparison.Ordinal);

        var samia = Guid.Parse((await _sessions.InviteMemberAsync(_coordinator, _sessionId, "part")).Value!);
        Assert.Null(await _sessions.AttendanceAsync(_outsider, _sessionId));
        Assert.True((await _sessions.InviteOutsiderAsync(_outsider, _sessionId, new InviteeDetails("X", "x@y.fr"))).NotFound);
        Assert.True((await _sessions.CheckInAsync(_outsider, _sessionId, samia)).NotFound);
        Assert.True((await _sessions.OpenCheckInAsync(_outsider, _sessionId)).NotFound);
        Assert.Null(await _sessions.CheckInCodeAsync(_outsider, _sessionId));
        var attendance = (await _sessions.AttendanceAsync(_coordinator, _sessionId))!;
        Assert.Equal((1, 0), (attendance.Participants.Count, attendance.Arrived));
    }

    [Fact]
    public async Task TheCheckInCode_IsMadeForTheCoordinationOnly_AndReplacedByANewOne()
    {
        Assert.True((await _sessions.OpenCheckInAsync(_partner, _sessionId)).IsForbidden);
        var first = (await _sessions.OpenCheckInAsync(_coordinator, _sessionId)).Value!;
        Assert.Equal(first, await _sessions.CheckInCodeAsync(_coordinator, _sessionId));
        Assert.Null(await _sessions.CheckInCodeAsync(_partner, _sessionId));
        var second = (await _sessions.OpenCheckInAsync(_coordinator, _sessionId)).Value!;
        Assert.NotEqual(first, second);
        Assert.Equal(second, await _sessions.CheckInCodeAsync(_coordinator, _sessionId));
        Assert.True((await _sessions.CloseCheckInAsync(_coordinator, _sessionId)).Succeeded);
        Assert.Null(await _sessions.CheckInCodeAsync(_coordinator, _sessionId));
    }
}
