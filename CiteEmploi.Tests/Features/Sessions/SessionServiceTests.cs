using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Live;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>Meetings stored and run through the service, on a real SQLite file built by the migrations, with a clock it is told.</summary>
public sealed class SessionServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 3, 12);
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(FrenchTime.At(Day, new TimeOnly(8, 55)));
    private SessionService _service = null!;
    private SessionSnapshots _snapshots = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _outsider = null!;

    public async Task InitializeAsync()
    {
        // the app's wiring: reads through the pages' shared copy, which every committed change makes stale
        _snapshots = new SessionSnapshots(_clock, _bus);
        _service = new SessionService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock, _snapshots);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
    }

    public Task DisposeAsync()
    {
        _subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private async Task<(Guid Session, Guid[] Items)> CopilAsync()
    {
        var created = await _service.CreateAsync(_coordinator,
            new SessionDetails(SessionKind.ComitePilotage, "COPIL de mars", Day, new TimeOnly(9, 0), new TimeOnly(11, 0), "Salle du conseil", Capacity: 30));
        Assert.True(created.Succeeded, created.Describe());
        var id = Guid.Parse(created.Value!);
        var items = new List<Guid>();
        foreach (var (title, minutes) in new[] { ("Accueil", 10), ("Bilan des actions", 45), ("Décisions", 30) })
        {
            var added = await _service.AddItemAsync(_coordinator, id, null, new AgendaItemContent(title, minutes));
            Assert.True(added.Succeeded, added.Describe());
            items.Add(Guid.Parse(added.Value!));
        }
        return (id, [.. items]);
    }

    private async Task<string> StoredAsync(Guid sessionId)
    {
        await using var db = database.NewContext();
        var s = await db.Sessions.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == sessionId);
        return System.Text.Json.JsonSerializer.Serialize(new { s.Details, s.State, s.Version, s.Items });
    }

    [Fact]
    public async Task TheAgenda_IsStoredWithItsSession_AndReadBackWithPlannedStarts()
    {
        var (id, items) = await CopilAsync();
        var sub = await _service.AddItemAsync(_coordinator, id, items[1], new AgendaItemContent("Mobilité", 20, "Point **mobilité**", "Samia", null));
        Assert.True(sub.Succeeded, sub.Describe());

        var view = (await _service.GetAsync(_partner, id))!;
        Assert.Equal(["1", "2", "2.1", "3"], view.Schedule.Items.Select(i => i.Number));
        Assert.Equal(["09:00", "09:10", "09:10", "09:30"], view.Schedule.Items.Select(i => i.PlannedStart.ToString("HH:mm")));
        Assert.Equal("Samia", view.Schedule.Items[2].Item.PresenterName);
        Assert.False(view.CanPrepare);
        Assert.True((await _service.GetAsync(_coordinator, id))!.CanPrepare);
        var listed = Assert.Single(await _service.ListAsync(_partner), s => s.Id == id);
        Assert.Equal(3, listed.ItemCount); // what is run through: the sub-item stands for its parent
    }

    [Fact]
    public async Task FiftyParticipants_AfterSuivant_ReadTheSessionOnce_EachWithTheirRightsAndTheirInstant()
    {
        var (id, items) = await CopilAsync();
        Assert.True((await _service.StartAsync(_coordinator, id)).Succeeded);
        Assert.True((await _service.NextAsync(_coordinator, id, items[0])).Succeeded);
        var before = _snapshots.Loads;

        var views = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _service.GetRunAsync(i == 0 ? _coordinator : _partner, id)));

        Assert.Equal(before + 1, _snapshots.Loads);
        Assert.All(views, v => Assert.Equal(items[1], v!.View.Schedule.Current!.Id));
        Assert.True(views[0]!.View.CanRun);
        Assert.All(views.Skip(1), v => Assert.False(v!.View.CanRun));
        // the copy holds what is stored; each reader's timer is computed at their own instant
        _clock.Now += TimeSpan.FromMinutes(3);
        Assert.Equal(TimeSpan.FromMinutes(3), (await _service.GetAsync(_partner, id))!.Schedule.Timer!.Elapsed);
        Assert.Equal(before + 1, _snapshots.Loads);
        Assert.True((await _service.PreviousAsync(_coordinator, id, items[1])).Succeeded);
        Assert.Equal(items[0], (await _service.GetAsync(_partner, id))!.Schedule.Current!.Id);
        Assert.Null(await _service.GetAsync(_outsider, id));
    }

    [Fact]
    public async Task AfterSuivant_TheRoomDisplayAndTheParticipants_ShareOneRead_AndAReplacedCodeIsSeenAtOnce()
    {
        var (id, items) = await CopilAsync();
        Assert.True((await _service.StartAsync(_coordinator, id)).Succeeded);
        var opened = await _service.OpenDisplayAsync(_coordinator, id);
        Assert.True(opened.Succeeded, opened.Describe());
        var displays = new SessionDisplayService(new TestDbContextFactory(database, _bus), _clock, _snapshots);
        var ticket = (await displays.ResolveAsync(_coordinator.Slug, opened.Value))!;
        Assert.Equal("COPIL de mars", (await displays.StateAsync(ticket))!.Title);
        Assert.True((await _service.NextAsync(_coordinator, id, items[0])).Succeeded);
        var before = _snapshots.Loads;

        // the display, first after the change, reads the session into the shared copy; the pages take it from there
        var state = await displays.StateAsync(ticket);
        Assert.Equal(before + 1, _snapshots.Loads);
        var views = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _service.GetRunAsync(_partner, id)));

        Assert.Equal(before + 1, _snapshots.Loads);
        Assert.Equal(ticket.CiteName, state!.CiteName);
        Assert.Equal(views[0]!.View.Schedule.Current!.Title, state.Current!.Title);
        Assert.Equal(ticket.Code, await displays.CurrentCodeAsync(ticket));
        // a new code makes the copy stale: the old display's code no longer stands, from the next read on
        Assert.True((await _service.OpenDisplayAsync(_coordinator, id)).Succeeded);
        Assert.NotEqual(ticket.Code, await displays.CurrentCodeAsync(ticket));
        Assert.Null(await displays.StateAsync(ticket));
    }

    [Fact]
    public async Task AnAgendaChange_ReachesTheCitesListOfMeetings_WhichShowsTheNumberOfItems()
    {
        var (id, items) = await CopilAsync();
        var list = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.CiteSessions(_coordinator.CiteId), list.Handle));

        Assert.True((await _service.RemoveItemAsync(_coordinator, id, items[^1])).Succeeded);

        await list.WaitForCountAsync(1);
        Assert.Contains(list.All, e => e is AgendaChanged changed && changed.SessionId == id);
    }

    [Fact]
    public async Task RunningLive_SuivantTwiceAtOnce_MovesOneItem_AndEveryChangeReachesTheSessionsTopic()
    {
        var (id, items) = await CopilAsync();
        var heard = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Session(id), heard.Handle));

        Assert.True((await _service.StartAsync(_coordinator, id)).Succeeded);
        _clock.Now = FrenchTime.At(Day, new TimeOnly(9, 12));
        var view = (await _service.GetAsync(_coordinator, id))!;
        Assert.Equal(items[0], view.Schedule.Current!.Id);
        // started at 08:55 (the server's clock), 10 minutes planned: 17 minutes taken, 7 over
        Assert.Equal((TimeSpan.FromMinutes(17), TimeSpan.FromMinutes(7)), (view.Schedule.Timer!.Elapsed, view.Schedule.Timer.Overtime));

        // two coordinators press « suivant » having both seen « Accueil »: the second is refused, nothing skipped
        var first = await _service.NextAsync(_coordinator, id, items[0]);
        var second = await _service.NextAsync(_coordinator, id, items[0]);
        Assert.True(first.Succeeded, first.Describe());
        Assert.False(second.Succeeded);
        Assert.Contains("vient de passer au point « Bilan des actions »", second.Describe(), StringComparison.Ordinal);
        Assert.Equal(items[1], (await _service.GetAsync(_coordinator, id))!.Schedule.Current!.Id);

        await heard.WaitForCountAsync(3);
        Assert.Contains(heard.All, e => e is SessionStarted);
        Assert.Contains(heard.All, e => e is AgendaItemStarted s && s.ItemId == items[1]);

        Assert.True((await _service.PreviousAsync(_coordinator, id, items[1])).Succeeded);
        Assert.Equal(items[0], (await _service.GetAsync(_coordinator, id))!.Schedule.Current!.Id);
        Assert.True((await _service.CloseAsync(_coordinator, id)).Succeeded);
        var closed = (await _service.GetAsync(_coordinator, id))!;
        Assert.Equal(SessionState.Close, closed.State);
        Assert.False(closed.CanPrepare);
    }

    [Fact]
    public async Task BadInput_IsRefusedOnItsField_AndNothingIsStored()
    {
        var (id, _) = await CopilAsync();
        var before = await StoredAsync(id);

        var tooLong = await _service.AddItemAsync(_coordinator, id, null, new AgendaItemContent("Tout l'après-midi", 200));
        Assert.Contains("plus que la séance entière (120 min)", string.Join(" ", tooLong.Errors.For(nameof(AgendaItem.PlannedMinutes))), StringComparison.Ordinal);
        var backwards = await _service.ChangeDetailsAsync(_coordinator, id,
            new SessionDetails(SessionKind.ComitePilotage, "COPIL", Day, new TimeOnly(11, 0), new TimeOnly(9, 0)));
        Assert.Single(backwards.Errors.For(nameof(Session.EndTime)));
        Assert.True((await _service.MoveItemAsync(_coordinator, id, Guid.NewGuid(), null, 0)).Errors.For(nameof(Session.Items)).Count > 0);
        Assert.False((await _service.NextAsync(_coordinator, id, null)).Succeeded); // not started

        Assert.Equal(before, await StoredAsync(id));
        Assert.False((await _service.CreateAsync(_coordinator, new SessionDetails(SessionKind.Atelier, "", Day, new TimeOnly(9, 0), new TimeOnly(10, 0)))).Succeeded);
    }

    [Fact]
    public async Task Wall_APartnerOnlyReads_AndAnotherCitesCoordinatorNeitherReadsNorRunsIt()
    {
        var (id, items) = await CopilAsync();
        var before = await StoredAsync(id);

        Assert.True((await _service.AddItemAsync(_partner, id, null, new AgendaItemContent("Intrus", 5))).IsForbidden);
        Assert.True((await _service.StartAsync(_partner, id)).IsForbidden);
        Assert.True((await _service.CreateAsync(_partner, new SessionDetails(SessionKind.Atelier, "X", Day, new TimeOnly(9, 0), new TimeOnly(10, 0)))).IsForbidden);

        Assert.Null(await _service.GetAsync(_outsider, id));
        Assert.DoesNotContain(await _service.ListAsync(_outsider), s => s.Id == id);
        Assert.True((await _service.AddItemAsync(_outsider, id, null, new AgendaItemContent("Intrus", 5))).NotFound);
        Assert.True((await _service.EditItemAsync(_outsider, id, items[0], new AgendaItemContent("Piraté", 5))).NotFound);
        Assert.True((await _service.MoveItemAsync(_outsider, id, items[0], null, 2)).NotFound);
        Assert.True((await _service.RemoveItemAsync(_outsider, id, items[0])).NotFound);
        Assert.True((await _service.ChangeDetailsAsync(_outsider, id, new SessionDetails(SessionKind.Atelier, "X", Day, new TimeOnly(9, 0), new TimeOnly(10, 0)))).NotFound);
        Assert.True((await _service.StartAsync(_outsider, id)).NotFound);
        Assert.True((await _service.NextAsync(_outsider, id, null)).NotFound);
        Assert.True((await _service.PreviousAsync(_outsider, id, null)).NotFound);
        Assert.True((await _service.CloseAsync(_outsider, id)).NotFound);
        Assert.True((await _service.CancelAsync(_outsider, id)).NotFound);
        Assert.Equal(before, await StoredAsync(id));
    }
}
