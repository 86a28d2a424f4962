using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>
/// Interconnaissance through the services, on a real SQLite file: who met whom from the Cité's closed sessions only,
/// rounds drawn by the coordination among the structures present and stored with their seed, the round shown reaching
/// the run page's data and the room display; another Cité's member reads nothing of it and draws nothing; a check-in
/// by code on another day is refused under the code.
/// </summary>
public sealed class SessionPairingsServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateOnly CopilDay = new(2026, 2, 5);
    private static readonly DateOnly Day = new(2026, 3, 12);
    private readonly TestClock _clock = new(FrenchTime.At(CopilDay, new TimeOnly(9, 0)));
    private SessionService _sessions = null!;
    private SessionDisplayService _displays = null!;
    private SessionCheckInService _checkIns = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _otherCite = null!;

    public async Task InitializeAsync()
    {
        var factory = new TestDbContextFactory(database);
        _sessions = new SessionService(new CiteDbContextFactory(factory), _clock);
        _displays = new SessionDisplayService(factory, _clock);
        _checkIns = new SessionCheckInService(factory, new SignInThrottle(_clock), _clock);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia"), ("dehors", "Intrus"));
        await using (var db = database.NewContext())
        {
            db.Memberships.AddRange(Membership.Create(a.Id, "coord", CiteRole.Coordinateur, _clock.Now), Membership.Create(a.Id, "part", CiteRole.Partenaire, _clock.Now),
                Membership.Create(b.Id, "dehors", CiteRole.Coordinateur, _clock.Now));
            await db.SaveChangesAsync();
        }
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _otherCite = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static void Ok(Web.Features.Common.CommandResult result) => Assert.True(result.Succeeded, result.Describe());

    /// <summary>A session of <paramref name="kind"/> on <paramref name="day"/> where one person of each structure named checked in.</summary>
    private async Task<Guid> HeldAsync(CiteAccess who, SessionKind kind, DateOnly day, params string[] structures)
    {
        _clock.Now = FrenchTime.At(day, new TimeOnly(9, 0));
        var created = await _sessions.CreateAsync(who, new SessionDetails(kind, $"Séance du {day}", day, new TimeOnly(9, 0), new TimeOnly(12, 0)));
        Ok(created);
        var id = Guid.Parse(created.Value!);
        Ok(await _sessions.AddItemAsync(who, id, null, new AgendaItemContent("Speed-meeting", 45)));
        foreach (var structure in structures)
        {
            var invited = await _sessions.InviteOutsiderAsync(who, id, new InviteeDetails($"Personne de {structure}", $"{Text.Slugify(structure, 40)}@{day.DayNumber}.test", StructureName: structure));
            Ok(invited);
            Ok(await _sessions.CheckInAsync(who, id, Guid.Parse(invited.Value!)));
        }
        Ok(await _sessions.StartAsync(who, id));
        return id;
    }

    [Fact]
    public async Task TheCoordinationDrawsRoundsAmongThePresent_NeverMetFirst_StoredWithTheirSeed_AndTheRoundShownReachesTheRunPageAndTheDisplay()
    {
        var copil = await HeldAsync(_coordinator, SessionKind.ComitePilotage, CopilDay, "France Travail", "Mission Locale", "CAF", "CCAS");
        Ok(await _sessions.CloseAsync(_coordinator, copil));
        // another Cité's closed session: its structures are not ours, and its meetings do not count here
        var elsewhere = await HeldAsync(_otherCite, SessionKind.ComitePilotage, CopilDay, "Structure secrète", "France Travail");
        Ok(await _sessions.CloseAsync(_otherCite, elsewhere));

        var met = (await _sessions.AcquaintancesAsync(_partner))!;
        Assert.Equal(1, met.ClosedSessions);
        Assert.Equal(["CAF", "CCAS", "France Travail", "Mission Locale"], met.Structures.Select(s => s.Name));
        Assert.All(met.Structures, s => Assert.Empty(s.NeverMet));
        Assert.Equal(["France Travail", "Structure secrète"], (await _sessions.AcquaintancesAsync(_otherCite))!.Structures.Select(s => s.Name));

        // the interconnaissance: the four who met at the COPIL, and four newcomers
        var id = await HeldAsync(_coordinator, SessionKind.Interconnaissance, Day,
            "France Travail", "Mission Locale", "CAF", "CCAS", "E2C", "EPIDE", "Centre social", "Association FLE");
        Assert.True((await _sessions.DrawPairingsAsync(_partner, id, 3)).IsForbidden);
        Assert.True((await _sessions.DrawPairingsAsync(_otherCite, id, 3)).NotFound);
        var drawn = await _sessions.DrawPairingsAsync(_coordinator, id, 3);
        Ok(drawn);
        Assert.Equal("3", drawn.Value);

        Session stored;
        await using (var db = database.NewContext())
        {
            stored = await db.Sessions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == id);
        }
        Assert.NotNull(stored.PairingSeed);
        Assert.Equal(3, stored.RoundCount);
        // four old acquaintances and four newcomers: every table of every round can be a first meeting
        var old = new HashSet<string> { "France Travail", "Mission Locale", "CAF", "CCAS" };
        Assert.All(stored.Pairings, g => Assert.False(old.Contains(g.First) && old.Contains(g.Second), $"{g.Label} s'étaient déjà rencontrées"));
        // the same presences, history and seed draw the same rounds again
        Assert.Equal(stored.Pairings, SpeedMeeting.Draw(stored.PresentStructures(), Acquaintances.Of([await StoredAsync(copil)]).TimesMet, 3, stored.PairingSeed!.Value));

        // nothing shown yet; round 2 shown: on the members' run page and on the room display
        var code = (await _sessions.OpenDisplayAsync(_coordinator, id)).Value!;
        var ticket = (await _displays.ResolveAsync(_coordinator.Slug, code))!;
        Assert.Null((await _displays.StateAsync(ticket))!.Pairings);
        Assert.True((await _sessions.ShowRoundAsync(_partner, id, 2)).IsForbidden);
        Assert.True((await _sessions.ShowRoundAsync(_otherCite, id, 2)).NotFound);
        Ok(await _sessions.ShowRoundAsync(_coordinator, id, 2));
        var run = (await _sessions.GetRunAsync(_partner, id))!;
        Assert.Equal((2, 3), (run.Pairings.ShownRound, run.Pairings.RoundCount));
        var display = (await _displays.StateAsync(ticket))!.Pairings!;
        Assert.Equal((2, 3), (display.Round, display.RoundCount));
        Assert.Equal(stored.Round(2).Select(g => g.Label), display.Tables);
        Assert.All(display.Tables, t => Assert.Contains(" ↔ ", t, StringComparison.Ordinal));

        // drawn again: new rounds, none shown until the coordination shows one
        Ok(await _sessions.DrawPairingsAsync(_coordinator, id, 2));
        Assert.Null((await _displays.StateAsync(ticket))!.Pairings);
        Assert.Null(await _sessions.GetRunAsync(_otherCite, id));
    }

    [Fact]
    public async Task AnotherCitesMember_ReadsNoneOfThisCitesMeetings_AndAnEmptyCiteHasNone()
    {
        var copil = await HeldAsync(_coordinator, SessionKind.ComitePilotage, CopilDay, "Structure de A", "Autre structure de A");
        Ok(await _sessions.CloseAsync(_coordinator, copil));

        var ours = (await _sessions.AcquaintancesAsync(_coordinator))!;
        Assert.Contains("Structure de A", ours.Structures.Select(s => s.Name));
        var theirs = (await _sessions.AcquaintancesAsync(_otherCite))!;
        Assert.DoesNotContain("Structure de A", theirs.Structures.Select(s => s.Name));
        Assert.DoesNotContain("Autre structure de A", theirs.Structures.Select(s => s.Name));
    }

    [Fact]
    public async Task ACheckInByCode_OnAnotherDay_IsRefusedUnderTheCode_AndOnTheDayItIsNoted()
    {
        _clock.Now = FrenchTime.At(Day.AddDays(-1), new TimeOnly(18, 0));
        var created = await _sessions.CreateAsync(_coordinator, new SessionDetails(SessionKind.Interconnaissance, "Demain", Day, new TimeOnly(9, 0), new TimeOnly(12, 0)));
        var id = Guid.Parse(created.Value!);
        Ok(await _sessions.InviteOutsiderAsync(_coordinator, id, new InviteeDetails("Nadia", "nadia@tremplin.test", StructureName: "Tremplin")));
        var code = (await _sessions.OpenCheckInAsync(_coordinator, id)).Value!;

        var early = await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "nadia@tremplin.test", "192.0.2.20");
        Assert.Equal(["L'émargement n'est ouvert que le jour de la séance, le jeudi 12 mars 2026."], early.Result.Errors.For(SessionCheckInService.CodeField));
        Assert.Null((await _sessions.AttendanceAsync(_coordinator, id))!.Participants.Single().ArrivedAt);

        _clock.Now = FrenchTime.At(Day, new TimeOnly(8, 55));
        var onTheDay = await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "nadia@tremplin.test", "192.0.2.20");
        Assert.True(onTheDay.Result.Succeeded, onTheDay.Result.Describe());
        Assert.Equal(_clock.Now, (await _sessions.AttendanceAsync(_coordinator, id))!.Participants.Single().ArrivedAt);
    }

    private async Task<Session> StoredAsync(Guid id)
    {
        await using var db = database.NewContext();
        return await db.Sessions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == id);
    }
}
