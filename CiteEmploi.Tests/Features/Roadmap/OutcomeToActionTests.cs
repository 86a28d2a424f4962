using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Roadmap;

/// <summary>
/// A session's notes and outcomes, and « En faire une action »: an « action » outcome of an agenda item becomes an action
/// of the feuille de route in one command, linked both ways, on a real SQLite file with the live bus the pages listen to.
/// </summary>
public sealed class OutcomeToActionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private PlanService _plans = null!;
    private SessionService _sessions = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _outsider = null!;
    private Guid _planId;
    private Guid _axisId;
    private Guid _sessionId;
    private Guid _itemId;

    public async Task InitializeAsync()
    {
        var factory = new CiteDbContextFactory(new TestDbContextFactory(database, _bus));
        _plans = new PlanService(factory, TimeProvider.System, new PlanSnapshots(TimeProvider.System, _bus));
        _sessions = new SessionService(factory, TimeProvider.System, new SessionSnapshots(TimeProvider.System, _bus));
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        _planId = Guid.Parse((await _plans.CreateAsync(_coordinator, "Feuille de route 2026", 2026, 2026, 100_000m)).Value!);
        _axisId = Guid.Parse((await _plans.AddActionAsync(_coordinator, _planId, null, new PlanActionContent { Title = "Lever les freins" })).Value!);
        _sessionId = Guid.Parse((await _sessions.CreateAsync(_coordinator,
            new SessionDetails(SessionKind.ComitePilotage, "COPIL de mars", new DateOnly(2026, 3, 12), new TimeOnly(9, 0), new TimeOnly(11, 0)))).Value!);
        _itemId = Guid.Parse((await _sessions.AddItemAsync(_coordinator, _sessionId, null, new AgendaItemContent("Mobilité", 30))).Value!);
    }

    public Task DisposeAsync()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NotesAndOutcomes_AreStored_EveryMemberReadsThem_AndTheSessionsPagesHearThem()
    {
        var session = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Session(_sessionId), session.Handle));

        Assert.True((await _sessions.WriteNotesAsync(_coordinator, _sessionId, _itemId, "**12** personnes accompagnées", "")).Succeeded);
        var decision = await _sessions.AddOutcomeAsync(_coordinator, _sessionId, _itemId, OutcomeKind.Decision, "Le forum emploi aura lieu en juin");
        Assert.True(decision.Succeeded, decision.Describe());
        await session.WaitForCountAsync(2);
        Assert.All(session.All, e => Assert.Equal(_itemId, Assert.IsType<AgendaItemRecordChanged>(e).ItemId));

        var seen = (await _sessions.GetAsync(_partner, _sessionId))!;
        Assert.Equal("**12** personnes accompagnées", seen.NotesOf(_itemId));
        Assert.Equal(("Le forum emploi aura lieu en juin", OutcomeKind.Decision, "Camille"), seen.OutcomesOf(_itemId).Select(o => (o.Text, o.Kind, o.ByName)).Single());
        Assert.False(seen.CanRecord);
        Assert.True((await _sessions.GetAsync(_coordinator, _sessionId))!.CanRecord);

        // a partner reads but does not write; another Cité neither reads nor writes
        Assert.True((await _sessions.AddOutcomeAsync(_partner, _sessionId, _itemId, OutcomeKind.Information, "x")).IsForbidden);
        Assert.True((await _sessions.WriteNotesAsync(_partner, _sessionId, _itemId, "x", "**12** personnes accompagnées")).IsForbidden);
        Assert.Null(await _sessions.GetAsync(_outsider, _sessionId));
        Assert.True((await _sessions.WriteNotesAsync(_outsider, _sessionId, _itemId, "x", "**12** personnes accompagnées")).NotFound);
        Assert.True((await _sessions.RemoveOutcomeAsync(_outsider, _sessionId, Guid.Parse(decision.Value!))).NotFound);

        // notes saved over someone else's: refused with their name, nothing changed
        var stale = await _sessions.WriteNotesAsync(_coordinator, _sessionId, _itemId, "autre", "");
        Assert.False(stale.Succeeded);
        Assert.Contains("Camille vient de modifier les notes", stale.Describe(), StringComparison.Ordinal);
        Assert.Equal("**12** personnes accompagnées", (await _sessions.GetAsync(_coordinator, _sessionId))!.NotesOf(_itemId));
    }

    [Fact]
    public async Task AnActionOutcome_BecomesAnAction_LinkedBothWays_Once_AndThePlanAndTheSessionHearIt()
    {
        var outcomeId = Guid.Parse((await _sessions.AddOutcomeAsync(_coordinator, _sessionId, _itemId, OutcomeKind.Action,
            "Ouvrir une permanence mobilité au centre social\nchaque mardi matin")).Value!);
        var decisionId = Guid.Parse((await _sessions.AddOutcomeAsync(_coordinator, _sessionId, _itemId, OutcomeKind.Decision, "Forum en juin")).Value!);
        var plan = new BusRecorder();
        var session = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Plan(_planId), plan.Handle));
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Session(_sessionId), session.Handle));

        var result = await _plans.AddActionFromOutcomeAsync(_coordinator, _planId, _axisId, _sessionId, outcomeId);

        Assert.True(result.Succeeded, result.Describe());
        var actionId = Guid.Parse(result.Value!);
        var action = (await _plans.GetAsync(_coordinator, _planId))!.Actions.Single(a => a.Id == actionId);
        Assert.Equal("Ouvrir une permanence mobilité au centre social", action.Title);
        Assert.Contains("Décidée en séance « COPIL de mars » du 12 mars 2026, point « Mobilité »", action.Content.Description, StringComparison.Ordinal);
        Assert.Equal(new ActionOrigin(OriginKind.PointOrdreDuJour, outcomeId), action.Origin);
        var linked = (await _sessions.GetAsync(_partner, _sessionId))!.OutcomesOf(_itemId).Single(o => o.Id == outcomeId);
        Assert.Equal((_planId, actionId), (linked.PlanId!.Value, linked.ActionId!.Value));
        var origin = await _plans.OriginAsync(_coordinator, action.Origin);
        Assert.Equal(("Décidée en séance", $"seances/{_sessionId}", "COPIL de mars", ", point « Mobilité »"), (origin!.Lead, origin.Path, origin.Title, origin.Tail));
        await plan.WaitForCountAsync(1);
        await session.WaitForCountAsync(1);
        Assert.Contains(session.All, e => e is AgendaItemRecordChanged);

        // once only; a decision is not an action; nothing added by either refusal
        var again = await _plans.AddActionFromOutcomeAsync(_coordinator, _planId, _axisId, _sessionId, outcomeId);
        Assert.Contains("déjà devenu une action", again.Describe(), StringComparison.Ordinal);
        var decision = await _plans.AddActionFromOutcomeAsync(_coordinator, _planId, _axisId, _sessionId, decisionId);
        Assert.Contains("« action »", decision.Describe(), StringComparison.Ordinal);
        Assert.Single((await _plans.GetAsync(_coordinator, _planId))!.Actions, a => a.Origin is not null);
    }

    [Fact]
    public async Task OnlyTheCoordination_MakesActionsOfOutcomes_AndAnotherCiteReachesNeitherThePlanNorTheSession()
    {
        var outcomeId = Guid.Parse((await _sessions.AddOutcomeAsync(_coordinator, _sessionId, _itemId, OutcomeKind.Action, "Permanence mobilité")).Value!);
        Assert.True((await _plans.AddActionFromOutcomeAsync(_partner, _planId, _axisId, _sessionId, outcomeId)).IsForbidden);
        Assert.True((await _plans.AddActionFromOutcomeAsync(_outsider, _planId, _axisId, _sessionId, outcomeId)).NotFound);
        var theirs = Guid.Parse((await _plans.CreateAsync(_outsider, "Ailleurs", 2026, 2026, 0m)).Value!);
        Assert.True((await _plans.AddActionFromOutcomeAsync(_outsider, theirs, null, _sessionId, outcomeId)).NotFound);
        Assert.Empty((await _plans.GetAsync(_outsider, theirs))!.Actions);
        Assert.Null(await _plans.OriginAsync(_outsider, new ActionOrigin(OriginKind.PointOrdreDuJour, outcomeId)));
        Assert.Null((await _sessions.GetAsync(_coordinator, _sessionId))!.Outcomes.Single().ActionId);
    }
}
