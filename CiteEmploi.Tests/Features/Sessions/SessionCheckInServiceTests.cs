using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>
/// Self check-in at the door by the session's code, through the service, on a real SQLite file with a clock the test
/// sets: the invited found by e-mail or by account, the arrival stored and heard on the session's topic, a second
/// check-in keeping the first time; people not invited told in French; forged, replaced, withdrawn and other Cités'
/// codes and closed or cancelled sessions given one refusal; refused attempts counted against the network address.
/// </summary>
public sealed class SessionCheckInServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 3, 12);
    private const string Door = "192.0.2.10";
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(FrenchTime.At(Day, new TimeOnly(8, 45)));
    private SessionService _service = null!;
    private SessionCheckInService _checkIns = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _otherCoordinator = null!;

    public async Task InitializeAsync()
    {
        var factory = new TestDbContextFactory(database, _bus);
        _service = new SessionService(new CiteDbContextFactory(factory), _clock, new SessionSnapshots(_clock, _bus));
        _checkIns = new SessionCheckInService(factory, new SignInThrottle(_clock), _clock);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("samia", "Samia"), ("dehors", "Intrus"));
        await using (var db = database.NewContext())
        {
            db.Memberships.AddRange(Membership.Create(a.Id, "coord", CiteRole.Coordinateur, _clock.Now), Membership.Create(a.Id, "samia", CiteRole.Partenaire, _clock.Now),
                Membership.Create(b.Id, "dehors", CiteRole.Coordinateur, _clock.Now));
            await db.SaveChangesAsync();
        }
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _otherCoordinator = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
    }

    public Task DisposeAsync()
    {
        _subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private async Task<Guid> SessionAsync(CiteAccess who, string title = "Temps d'interconnaissance")
    {
        var created = await _service.CreateAsync(who,
            new SessionDetails(SessionKind.Interconnaissance, title, Day, new TimeOnly(9, 0), new TimeOnly(12, 0), "Centre social"));
        Assert.True(created.Succeeded, created.Describe());
        var id = Guid.Parse(created.Value!);
        Assert.True((await _service.AddItemAsync(who, id, null, new AgendaItemContent("Qui fait quoi", 30))).Succeeded);
        return id;
    }

    private async Task<Guid> InviteOutsiderAsync(CiteAccess who, Guid sessionId, string name, string email)
    {
        var invited = await _service.InviteOutsiderAsync(who, sessionId, new InviteeDetails(name, email, StructureName: "Association Tremplin"));
        Assert.True(invited.Succeeded, invited.Describe());
        return Guid.Parse(invited.Value!);
    }

    private async Task<string> OpenCheckInAsync(CiteAccess who, Guid sessionId)
    {
        var opened = await _service.OpenCheckInAsync(who, sessionId);
        Assert.True(opened.Succeeded, opened.Describe());
        return opened.Value!;
    }

    private async Task<SessionParticipant> ParticipantAsync(Guid sessionId, Guid participantId) =>
        (await _service.AttendanceAsync(_coordinator, sessionId))!.Participants.Single(p => p.Id == participantId);

    private static void AssertRefused(SessionCheckInResult result, string field, string message)
    {
        Assert.False(result.Result.Succeeded);
        Assert.Equal([message], result.Result.Errors.For(field));
        Assert.Null(result.Welcome);
    }

    [Fact]
    public async Task ByEmail_AnInvitedOutsiderChecksIn_TheArrivalIsStoredAndHeardLive_AndASecondCheckInSaysTheFirstTime()
    {
        var id = await SessionAsync(_coordinator);
        var nadia = await InviteOutsiderAsync(_coordinator, id, "Nadia Haddad", "nadia.haddad@tremplin.invalid");
        var code = await OpenCheckInAsync(_coordinator, id);
        var heard = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Session(id), heard.Handle));

        var opening = await _checkIns.OpenAsync(_coordinator.Slug, code, null, Door);
        Assert.Null(opening.Refusal);
        Assert.Equal(("Temps d'interconnaissance", "jeudi 12 mars 2026, 09:00 – 12:00", false),
            (opening.Session!.Title, opening.Session.When, opening.Session.InvitedByAccount));

        // 09:04 in Paris; the code typed as people type it, the e-mail with other capitals and spaces
        _clock.Now = FrenchTime.At(Day, new TimeOnly(9, 4, 31));
        var first = await _checkIns.CheckInAsync(_coordinator.Slug, $"{code[..4].ToLowerInvariant()}-{code[4..]}", null, "  Nadia.Haddad@Tremplin.invalid ", Door);
        Assert.True(first.Result.Succeeded, first.Result.Describe());
        Assert.Equal("Bienvenue Nadia Haddad : votre arrivée est notée à 09:04.", first.Welcome);
        var stored = await ParticipantAsync(id, nadia);
        Assert.Equal(_clock.Now, stored.ArrivedAt);
        Assert.Equal("Nadia Haddad", stored.CheckedInBy);
        await heard.WaitForCountAsync(1);
        Assert.IsType<SessionAttendanceChanged>(Assert.Single(heard.All));

        // a second scan twenty minutes later keeps the first time, and says it
        _clock.Now = FrenchTime.At(Day, new TimeOnly(9, 25));
        var second = await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "nadia.haddad@tremplin.invalid", Door);
        Assert.True(second.Result.Succeeded, second.Result.Describe());
        Assert.True(second.AlreadyArrived);
        Assert.Equal("Bienvenue Nadia Haddad : votre arrivée était déjà notée à 09:04.", second.Welcome);
        Assert.Equal(FrenchTime.At(Day, new TimeOnly(9, 4, 31)), (await ParticipantAsync(id, nadia)).ArrivedAt);
    }

    [Fact]
    public async Task ByAccount_AnInvitedMemberSignedIn_ChecksInWithOneButton_AndAMemberNotInvitedIsAskedForTheirEmail()
    {
        var id = await SessionAsync(_coordinator);
        var invited = await _service.InviteMemberAsync(_coordinator, id, "samia");
        Assert.True(invited.Succeeded, invited.Describe());
        var code = await OpenCheckInAsync(_coordinator, id);

        Assert.True((await _checkIns.OpenAsync(_coordinator.Slug, code, "samia", Door)).Session!.InvitedByAccount);
        Assert.False((await _checkIns.OpenAsync(_coordinator.Slug, code, "coord", Door)).Session!.InvitedByAccount);

        _clock.Now = FrenchTime.At(Day, new TimeOnly(8, 58));
        var samia = await _checkIns.CheckInAsync(_coordinator.Slug, code, "samia", null, Door);
        Assert.True(samia.Result.Succeeded, samia.Result.Describe());
        Assert.Equal("Bienvenue Samia : votre arrivée est notée à 08:58.", samia.Welcome);
        Assert.Equal(_clock.Now, (await ParticipantAsync(id, Guid.Parse(invited.Value!))).ArrivedAt);

        // the coordinator is signed in but not invited: without an e-mail, asked for it; nobody else arrives
        AssertRefused(await _checkIns.CheckInAsync(_coordinator.Slug, code, "coord", "", Door), SessionCheckInService.EmailField, SessionCheckInService.EmailMissingMessage);
        Assert.Single((await _service.AttendanceAsync(_coordinator, id))!.Participants, p => p.ArrivedAt is not null);
    }

    [Fact]
    public async Task NotInvited_OrAnEmailThatIsNotOne_GetsItsFrenchMessage_AndNobodyArrives()
    {
        var id = await SessionAsync(_coordinator);
        await InviteOutsiderAsync(_coordinator, id, "Nadia Haddad", "nadia.haddad@tremplin.invalid");
        var code = await OpenCheckInAsync(_coordinator, id);

        AssertRefused(await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "inconnu@ailleurs.invalid", Door),
            SessionCheckInService.EmailField, "Cette adresse n'est pas sur la liste des invités : présentez-vous à l'accueil.");
        AssertRefused(await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "nadia.haddad", Door), SessionCheckInService.EmailField, SessionCheckInService.InvalidEmailMessage);
        AssertRefused(await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "   ", Door), SessionCheckInService.EmailField, SessionCheckInService.EmailMissingMessage);
        Assert.All((await _service.AttendanceAsync(_coordinator, id))!.Participants, p => Assert.Null(p.ArrivedAt));
    }

    [Fact]
    public async Task ForgedReplacedWithdrawnAndOtherCitesCodes_AndClosedOrCancelledSessions_AllGetTheOneRefusal()
    {
        var id = await SessionAsync(_coordinator);
        await InviteOutsiderAsync(_coordinator, id, "Nadia Haddad", "nadia.haddad@tremplin.invalid");
        var old = await OpenCheckInAsync(_coordinator, id);
        var code = await OpenCheckInAsync(_coordinator, id);
        Assert.NotEqual(old, code);
        var otherId = await SessionAsync(_otherCoordinator, "COPIL de Besançon");
        await InviteOutsiderAsync(_otherCoordinator, otherId, "Nadia Haddad", "nadia.haddad@tremplin.invalid");
        var otherCode = await OpenCheckInAsync(_otherCoordinator, otherId);

        async Task AssertNothingOpensAsync(string? slug, string? typed)
        {
            var opening = await _checkIns.OpenAsync(slug, typed, null, Door);
            Assert.Null(opening.Session);
            Assert.Equal(SessionCheckInService.RefusedMessage, opening.Refusal);
            AssertRefused(await _checkIns.CheckInAsync(slug, typed, null, "nadia.haddad@tremplin.invalid", Door), SessionCheckInService.CodeField, SessionCheckInService.RefusedMessage);
        }

        var forged = string.Concat(code.Reverse());
        await AssertNothingOpensAsync(_coordinator.Slug, forged == code ? "ABCDEFGH" : forged);
        await AssertNothingOpensAsync(_coordinator.Slug, "PAS-UN-CODE");
        await AssertNothingOpensAsync(_coordinator.Slug, old);
        await AssertNothingOpensAsync(null, code);
        // the other Cité's code claimed for this Cité, and this Cité's code claimed for the other one
        await AssertNothingOpensAsync(_coordinator.Slug, otherCode);
        await AssertNothingOpensAsync(_otherCoordinator.Slug, code);
        Assert.All((await _service.AttendanceAsync(_otherCoordinator, otherId))!.Participants, p => Assert.Null(p.ArrivedAt));
        Assert.All((await _service.AttendanceAsync(_coordinator, id))!.Participants, p => Assert.Null(p.ArrivedAt));

        // the right code in the right Cité opens (the refusals above are not the service refusing everything)
        Assert.NotNull((await _checkIns.OpenAsync(_otherCoordinator.Slug, otherCode, null, Door)).Session);

        // withdrawn
        Assert.True((await _service.CloseCheckInAsync(_coordinator, id)).Succeeded);
        await AssertNothingOpensAsync(_coordinator.Slug, code);

        // a session closed, with its code still set
        var reopened = await OpenCheckInAsync(_coordinator, id);
        Assert.NotNull((await _checkIns.OpenAsync(_coordinator.Slug, reopened, null, Door)).Session);
        Assert.True((await _service.StartAsync(_coordinator, id)).Succeeded);
        Assert.True((await _service.CloseAsync(_coordinator, id)).Succeeded);
        await AssertNothingOpensAsync(_coordinator.Slug, reopened);

        // a session cancelled, with its code still set
        var cancelled = await SessionAsync(_coordinator, "Atelier annulé");
        await InviteOutsiderAsync(_coordinator, cancelled, "Nadia Haddad", "nadia.haddad@tremplin.invalid");
        var cancelledCode = await OpenCheckInAsync(_coordinator, cancelled);
        Assert.True((await _service.CancelAsync(_coordinator, cancelled)).Succeeded);
        await AssertNothingOpensAsync(_coordinator.Slug, cancelledCode);
    }

    [Fact]
    public async Task RefusedCodesAndEmailsNotOnTheList_CountAgainstTheAddress_UntilEvenTheRightCodeIsRefusedThere_ButNotElsewhere()
    {
        var id = await SessionAsync(_coordinator);
        await InviteOutsiderAsync(_coordinator, id, "Nadia Haddad", "nadia.haddad@tremplin.invalid");
        await InviteOutsiderAsync(_coordinator, id, "Léo Martin", "leo.martin@tremplin.invalid");
        var code = await OpenCheckInAsync(_coordinator, id);
        const string Guesser = "198.51.100.7";

        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress - 5; i++)
        {
            var guess = AccessCode.New(Session.CheckInCodeLength);
            if (guess != code)
            {
                Assert.Null((await _checkIns.OpenAsync(_coordinator.Slug, guess, null, Guesser)).Session);
            }
        }
        Assert.NotNull((await _checkIns.OpenAsync(_coordinator.Slug, code, null, Guesser)).Session);
        // e-mails not on the list count too
        for (var i = 0; i < 5; i++)
        {
            AssertRefused(await _checkIns.CheckInAsync(_coordinator.Slug, code, null, $"devine{i}@ailleurs.invalid", Guesser),
                SessionCheckInService.EmailField, SessionCheckInService.NotInvitedMessage);
        }

        // from that address even the right code and an invited e-mail are refused now; from the door, not
        Assert.Equal(SessionCheckInService.ThrottledMessage, (await _checkIns.OpenAsync(_coordinator.Slug, code, null, Guesser)).Refusal);
        AssertRefused(await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "nadia.haddad@tremplin.invalid", Guesser),
            SessionCheckInService.CodeField, SessionCheckInService.ThrottledMessage);
        Assert.True((await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "leo.martin@tremplin.invalid", Door)).Result.Succeeded);

        // the window passes: the address may try again
        _clock.Now += SignInThrottle.Window + TimeSpan.FromSeconds(1);
        Assert.True((await _checkIns.CheckInAsync(_coordinator.Slug, code, null, "nadia.haddad@tremplin.invalid", Guesser)).Result.Succeeded);
    }
}
