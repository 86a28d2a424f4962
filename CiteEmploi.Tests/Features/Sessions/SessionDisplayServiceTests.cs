using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Live;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>
/// The room display's code and state, through the services, on a real SQLite file with a clock the test sets: who makes
/// and withdraws the code, which codes let a display in (none but the session's own, in its own Cité), what the display
/// is told after « suivant », and timers still exact two hours into a session.
/// </summary>
public sealed class SessionDisplayServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 3, 12);
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(FrenchTime.At(Day, new TimeOnly(9, 0)));
    private SessionService _service = null!;
    private SessionDisplayService _displays = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _otherCoordinator = null!;

    public async Task InitializeAsync()
    {
        var factory = new TestDbContextFactory(database, _bus);
        _service = new SessionService(new CiteDbContextFactory(factory), _clock, new SessionSnapshots(_clock, _bus));
        _displays = new SessionDisplayService(factory, _clock);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _otherCoordinator = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
    }

    public Task DisposeAsync()
    {
        _subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private async Task<(Guid Session, Guid[] Items)> CopilAsync(CiteAccess who, string title = "COPIL de mars")
    {
        var created = await _service.CreateAsync(who,
            new SessionDetails(SessionKind.ComitePilotage, title, Day, new TimeOnly(9, 0), new TimeOnly(12, 0), "Salle du conseil"));
        Assert.True(created.Succeeded, created.Describe());
        var id = Guid.Parse(created.Value!);
        var items = new List<Guid>();
        foreach (var (item, minutes, presenter) in new[] { ("Accueil", 10, "Camille"), ("Bilan des actions", 45, "Samia"), ("Décisions", 30, "") })
        {
            var added = await _service.AddItemAsync(who, id, null, new AgendaItemContent(item, minutes, "", presenter));
            Assert.True(added.Succeeded, added.Describe());
            items.Add(Guid.Parse(added.Value!));
        }
        return (id, [.. items]);
    }

    private async Task<string> OpenDisplayAsync(CiteAccess who, Guid sessionId)
    {
        var opened = await _service.OpenDisplayAsync(who, sessionId);
        Assert.True(opened.Succeeded, opened.Describe());
        return opened.Value!;
    }

    [Fact]
    public async Task TheRunPagesCopy_GivesTheDisplayCodeToThoseWhoRunTheSession_AndFollowsANewCode()
    {
        var (id, _) = await CopilAsync(_coordinator);
        Assert.Null((await _service.GetRunAsync(_coordinator, id))!.DisplayCode);

        var first = await OpenDisplayAsync(_coordinator, id);
        Assert.Equal(first, (await _service.GetRunAsync(_coordinator, id))!.DisplayCode);
        Assert.Null((await _service.GetRunAsync(_partner, id))!.DisplayCode); // read from the same copy, not shown to a partner

        var second = await OpenDisplayAsync(_coordinator, id);
        Assert.Equal(second, (await _service.GetRunAsync(_coordinator, id))!.DisplayCode);
        Assert.True((await _service.CloseDisplayAsync(_coordinator, id)).Succeeded);
        Assert.Null((await _service.GetRunAsync(_coordinator, id))!.DisplayCode);
    }

    [Fact]
    public async Task DisplayCode_IsMadeByCoordinators_ReplacedByANewOne_AndWithdrawn_EachChangeReachingTheSessionsTopic()
    {
        var (id, _) = await CopilAsync(_coordinator);
        var heard = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Session(id), heard.Handle));
        Assert.Null(await _service.DisplayCodeAsync(_coordinator, id));

        // a partner reads the session but neither sees nor makes its display code
        Assert.True((await _service.OpenDisplayAsync(_partner, id)).IsForbidden);
        Assert.True((await _service.OpenDisplayAsync(_otherCoordinator, id)).NotFound);

        var first = await OpenDisplayAsync(_coordinator, id);
        Assert.Equal(Session.DisplayCodeLength, first.Length);
        Assert.All(first, c => Assert.Contains(c, AccessCode.Alphabet));
        Assert.Equal(first, await _service.DisplayCodeAsync(_coordinator, id));
        Assert.Null(await _service.DisplayCodeAsync(_partner, id));
        Assert.Equal(id, (await _displays.ResolveAsync(_coordinator.Slug, first))!.SessionId);
        // typed as people type it: lower case, spaces and dashes are the same code
        Assert.NotNull(await _displays.ResolveAsync(_coordinator.Slug, $"{first[..4].ToLowerInvariant()}-{first[4..]}"));

        // « Nouveau code »: the old one no longer opens anything
        var second = await OpenDisplayAsync(_coordinator, id);
        Assert.NotEqual(first, second);
        Assert.Null(await _displays.ResolveAsync(_coordinator.Slug, first));
        Assert.NotNull(await _displays.ResolveAsync(_coordinator.Slug, second));

        Assert.True((await _service.CloseDisplayAsync(_coordinator, id)).Succeeded);
        Assert.Null(await _displays.ResolveAsync(_coordinator.Slug, second));
        Assert.Null(await _service.DisplayCodeAsync(_coordinator, id));

        await heard.WaitForCountAsync(3);
        Assert.Equal([true, true, false], heard.All.OfType<SessionDisplayChanged>().Select(e => e.Open));
        // the code itself never travels on the live topic
        Assert.DoesNotContain(heard.All, e => System.Text.Json.JsonSerializer.Serialize(e, e.GetType()).Contains(second, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgedMalformedWithdrawnAndOtherCitesCodes_OpenNothing_AndAStaleTicketReadsNothing()
    {
        var (id, _) = await CopilAsync(_coordinator);
        var code = await OpenDisplayAsync(_coordinator, id);
        var (otherId, _) = await CopilAsync(_otherCoordinator, "COPIL de Besançon");
        var otherCode = await OpenDisplayAsync(_otherCoordinator, otherId);

        var forged = string.Concat(code.Reverse());
        Assert.Null(await _displays.ResolveAsync(_coordinator.Slug, forged == code ? "ABCDEFGH" : forged));
        Assert.Null(await _displays.ResolveAsync(_coordinator.Slug, "PAS-UN-CODE-0"));
        Assert.Null(await _displays.ResolveAsync(_coordinator.Slug, ""));
        Assert.Null(await _displays.ResolveAsync(null, code));
        // a code of another Cité's session, claimed for this Cité, and this Cité's code claimed for the other one
        Assert.Null(await _displays.ResolveAsync(_coordinator.Slug, otherCode));
        Assert.Null(await _displays.ResolveAsync(_otherCoordinator.Slug, code));
        Assert.Equal(otherId, (await _displays.ResolveAsync(_otherCoordinator.Slug, otherCode))!.SessionId);

        // a display let in before the code was replaced reads nothing more
        var ticket = (await _displays.ResolveAsync(_coordinator.Slug, code))!;
        Assert.NotNull(await _displays.StateAsync(ticket));
        await OpenDisplayAsync(_coordinator, id);
        Assert.Null(await _displays.StateAsync(ticket));
        Assert.Null(await _displays.StateAsync(ticket with { SessionId = otherId, Code = otherCode }));
    }

    [Fact]
    public async Task DisplayState_BeforeTheStart_ThenAfterSuivant_ShowsTheCurrentItemItsPresenterAndWhatComesNext()
    {
        var (id, items) = await CopilAsync(_coordinator);
        var ticket = (await _displays.ResolveAsync(_coordinator.Slug, await OpenDisplayAsync(_coordinator, id)))!;

        var before = (await _displays.StateAsync(ticket))!;
        Assert.Equal("Prevue", before.State);
        Assert.Equal("COPIL de mars", before.Title);
        Assert.Equal("jeudi 12 mars 2026, 09:00 – 12:00", before.When);
        Assert.Equal("Salle du conseil", before.Place);
        Assert.Null(before.Current);
        Assert.Equal("Accueil", before.Next!.Title);

        Assert.True((await _service.StartAsync(_coordinator, id)).Succeeded);
        _clock.Now += TimeSpan.FromMinutes(12);
        Assert.True((await _service.NextAsync(_coordinator, id, items[0])).Succeeded);
        _clock.Now += TimeSpan.FromMinutes(1);

        var running = (await _displays.StateAsync(ticket))!;
        Assert.Equal("EnCours", running.State);
        Assert.Equal(("2", "Bilan des actions", "Samia"), (running.Current!.Number, running.Current.Title, running.Current.Presenter));
        Assert.Equal("Décisions", running.Next!.Title);
        Assert.Equal(_clock.Now, running.ServerNow);
        Assert.Equal(_clock.Now - TimeSpan.FromMinutes(1), running.CurrentStartedAt);
        Assert.Equal(45 * 60_000, running.PlannedMilliseconds);
        // started on time, the first item took 12 minutes instead of 10: two minutes late
        Assert.Equal(2, running.DriftMinutes);
        Assert.Equal("fin estimée 10:27, +2 min", running.Forecast);
        Assert.Equal((1, 3), (running.DoneCount, running.StepCount));

        Assert.True((await _service.NextAsync(_coordinator, id, items[1])).Succeeded);
        Assert.True((await _service.NextAsync(_coordinator, id, items[2])).Succeeded);
        var finished = (await _displays.StateAsync(ticket))!;
        Assert.True(finished.AgendaFinished);
        Assert.Null(finished.Current);
    }

    [Fact]
    public async Task DisplayState_BeforeTheStart_ShowsTheQrCodeOfTheCurrentCheckInAddress_ANewCodeReplacesIt_AndNoneOnceTheSessionRuns()
    {
        var (id, _) = await CopilAsync(_coordinator);
        var ticket = (await _displays.ResolveAsync(_coordinator.Slug, await OpenDisplayAsync(_coordinator, id)))! with { BaseUri = "https://citeemploi.example.org/" };

        // no check-in open: an empty slot
        var closed = (await _displays.StateAsync(ticket))!;
        Assert.Equal(("", ""), (closed.CheckInQr, closed.CheckInLink));

        var first = (await _service.OpenCheckInAsync(_coordinator, id)).Value!;
        var state = (await _displays.StateAsync(ticket))!;
        var address = $"https://citeemploi.example.org/emargement/{_coordinator.Slug}/{first}";
        Assert.Equal(address, QrCodes.DecodeDataUri(state.CheckInQr));
        Assert.Equal($"citeemploi.example.org/emargement/{_coordinator.Slug}/{first}", state.CheckInLink);

        // « Nouveau code »: the display shows the new address only
        var second = (await _service.OpenCheckInAsync(_coordinator, id)).Value!;
        state = (await _displays.StateAsync(ticket))!;
        Assert.Equal($"https://citeemploi.example.org/emargement/{_coordinator.Slug}/{second}", QrCodes.DecodeDataUri(state.CheckInQr));
        Assert.DoesNotContain(first, state.CheckInLink, StringComparison.Ordinal);

        // once the session runs, the code is for the door only: never on the screen
        Assert.True((await _service.StartAsync(_coordinator, id)).Succeeded);
        var running = (await _displays.StateAsync(ticket))!;
        Assert.Equal(("", ""), (running.CheckInQr, running.CheckInLink));
        Assert.DoesNotContain(second, System.Text.Json.JsonSerializer.Serialize(running), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timers_TwoHoursIntoTheSession_AreWithinOneSecondOfTheServersClock_OnThePageAndOnTheDisplay()
    {
        var created = await _service.CreateAsync(_coordinator,
            new SessionDetails(SessionKind.Atelier, "Atelier long", Day, new TimeOnly(9, 0), new TimeOnly(12, 0)));
        var id = Guid.Parse(created.Value!);
        var first = Guid.Parse((await _service.AddItemAsync(_coordinator, id, null, new AgendaItemContent("Tour de table", 30))).Value!);
        await _service.AddItemAsync(_coordinator, id, null, new AgendaItemContent("Long travail en groupes", 100));
        await _service.AddItemAsync(_coordinator, id, null, new AgendaItemContent("Restitution", 20));
        var ticket = (await _displays.ResolveAsync(_coordinator.Slug, await OpenDisplayAsync(_coordinator, id)))!;
        var startedAt = _clock.Now;
        Assert.True((await _service.StartAsync(_coordinator, id)).Succeeded);
        _clock.Now = startedAt + TimeSpan.FromMinutes(25) + TimeSpan.FromSeconds(17.4);
        Assert.True((await _service.NextAsync(_coordinator, id, first)).Succeeded);
        var secondStarted = _clock.Now;

        // the page keeps one read and recomputes at each tick: two hours later, as exact as a fresh read
        var run = (await _service.GetRunAsync(_partner, id))!;
        _clock.Now = startedAt + TimeSpan.FromHours(2) + TimeSpan.FromMilliseconds(600);
        var later = run.At(_clock.Now);
        var expectedElapsed = _clock.Now - secondStarted;
        Assert.InRange(later.Timer!.Elapsed, expectedElapsed - TimeSpan.FromSeconds(1), expectedElapsed + TimeSpan.FromSeconds(1));
        Assert.Equal(later.Timer.Elapsed, (await _service.GetAsync(_partner, id))!.Schedule.Timer!.Elapsed);
        // 94 min 43.2 s into a 100-minute item: 5 min 16.8 s left, shown rounded up
        Assert.Equal("5:17", SessionRunTexts.Timer(later.Timer));

        // the display computes from the item's server start and the server's time it is sent
        var state = (await _displays.StateAsync(ticket))!;
        var displayed = state.ServerNow - state.CurrentStartedAt!.Value;
        Assert.InRange(displayed, expectedElapsed - TimeSpan.FromSeconds(1), expectedElapsed + TimeSpan.FromSeconds(1));

        // and past the planned length, the overtime: 12 min 3 s over
        _clock.Now = secondStarted + TimeSpan.FromMinutes(112) + TimeSpan.FromSeconds(3.2);
        var over = run.At(_clock.Now).Timer!;
        Assert.True(over.IsOver);
        Assert.InRange(over.Overtime, TimeSpan.FromSeconds(723) - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(723) + TimeSpan.FromSeconds(1));
        Assert.Equal("+12:03", SessionRunTexts.Timer(over));
    }
}
