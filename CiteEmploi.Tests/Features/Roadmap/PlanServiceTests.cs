using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Live;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Roadmap;

/// <summary>The plan service on a real SQLite file built by the migrations, with the live bus it publishes to and a clock it is told.</summary>
public sealed class PlanServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private PlanService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _copilot = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _unlinkedPartner = null!;
    private CiteAccess _observer = null!;
    private CiteAccess _outsider = null!;
    private Guid _missionLocale;
    private Guid _franceTravail;
    private Guid _otherCiteStructure;

    public async Task InitializeAsync()
    {
        // the app's wiring: reads through the viewers' shared copy, which every committed change makes stale
        _service = new PlanService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock, new PlanSnapshots(_clock, _bus));
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("copil", "Hugo"), ("part", "Samia"), ("part2", "Jules"), ("obs", "Léa"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _copilot = new CiteAccess(a.Id, a.Slug, "copil", CiteRole.Copilote);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _unlinkedPartner = new CiteAccess(a.Id, a.Slug, "part2", CiteRole.Partenaire);
        _observer = new CiteAccess(a.Id, a.Slug, "obs", CiteRole.Observateur);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        var missionLocale = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale"), _clock.Now);
        var franceTravail = Structure.Create(a.Id, StructureTests.ValidDetails("France Travail"), _clock.Now);
        var elsewhere = Structure.Create(b.Id, StructureTests.ValidDetails("Mission Locale d'ailleurs"), _clock.Now);
        (_missionLocale, _franceTravail, _otherCiteStructure) = (missionLocale.Id, franceTravail.Id, elsewhere.Id);
        var samia = Membership.Create(a.Id, "part", CiteRole.Partenaire, _clock.Now);
        samia.LinkToStructure(missionLocale.Id);
        await using var db = database.NewContext();
        db.Structures.AddRange(missionLocale, franceTravail, elsewhere);
        db.Memberships.AddRange(samia, Membership.Create(a.Id, "part2", CiteRole.Partenaire, _clock.Now));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
        return Task.CompletedTask;
    }

    private BusRecorder Listen(string topic)
    {
        var recorder = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(topic, recorder.Handle));
        return recorder;
    }

    private async Task<Guid> NewPlanAsync()
    {
        var created = await _service.CreateAsync(_coordinator, "Feuille de route 2025-2027", 2025, 2027, 100_000m);
        Assert.True(created.Succeeded, created.Describe());
        return Guid.Parse(created.Value!);
    }

    private async Task<Guid> AddAsync(Guid planId, Guid? parentId, string title, PlanActionContent? content = null)
    {
        var result = await _service.AddActionAsync(_coordinator, planId, parentId, (content ?? new PlanActionContent()) with { Title = title });
        Assert.True(result.Succeeded, result.Describe());
        return Guid.Parse(result.Value!);
    }

    private async Task<PlanActionView> ActionAsync(Guid planId, Guid actionId) =>
        (await _service.GetAsync(_coordinator, planId))!.Actions.Single(a => a.Id == actionId);

    private async Task<string> StoredAsync(Guid planId)
    {
        await using var db = database.NewContext();
        var rows = await db.PlanActions.IgnoreQueryFilters().AsNoTracking().Where(a => a.PlanId == planId).OrderBy(a => a.Id).ToListAsync();
        var plan = await db.Plans.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == planId);
        return System.Text.Json.JsonSerializer.Serialize(new { plan = plan.Snapshot(), plan.Version, rows = rows.Select(r => new { s = r.Snapshot(), r.Version, r.DeletedAt }) }, PlanHistory.Json);
    }

    [Fact]
    public async Task Create_OnlyCoordination_AndEveryoneInTheCiteReadsIt()
    {
        var planId = await NewPlanAsync();

        Assert.Contains(await _service.ListAsync(_observer), p => p.Id == planId && p.State == PlanState.Brouillon);
        Assert.True((await _service.CreateAsync(_partner, "FdR", 2025, 2027, 0m)).IsForbidden);
        Assert.True((await _service.CreateAsync(_copilot, "FdR", 2025, 2027, 0m)).IsForbidden);
        var invalid = await _service.CreateAsync(_coordinator, "FdR", 2025, 2027, 10.001m);
        Assert.Contains("deux décimales", invalid.Errors.For("Envelope").Single());
    }

    [Fact]
    public async Task Tree_ThreeLevels_WithCodesAndLevelLabels_AndAFourthIsRefusedWithNothingChanged()
    {
        var planId = await NewPlanAsync();
        var axis1 = await AddAsync(planId, null, "Recenser et fédérer les acteurs");
        var axis2 = await AddAsync(planId, null, "Aller-vers et raccrocher au droit commun");
        var objective = await AddAsync(planId, axis2, "Aller vers les invisibles");
        var action = await AddAsync(planId, objective, "Permanences en pied d'immeuble");
        var before = await StoredAsync(planId);

        var refused = await _service.AddActionAsync(_coordinator, planId, action, new PlanActionContent { Title = "Trop profond" });

        Assert.Contains("3 niveaux", refused.Errors.For("ParentId").Single());
        Assert.Equal(before, await StoredAsync(planId));
        var view = (await _service.GetAsync(_coordinator, planId))!;
        Assert.Equal(["1 Axe", "2 Axe", "2.1 Objectif", "2.1.1 Action"], view.Actions.Select(a => $"{a.Code} {a.LevelLabel}"));
        Assert.Equal(axis1, view.Actions[0].Id);
        Assert.Equal([objective], view.Actions[1].ChildIds);
    }

    [Fact]
    public async Task BadInput_APilotOfAnotherCite_ACycle_AnUnknownStatus_NamesTheField_AndChangesNothing()
    {
        var planId = await NewPlanAsync();
        var axis = await AddAsync(planId, null, "Axe");
        var objective = await AddAsync(planId, axis, "Objectif");
        var before = await StoredAsync(planId);

        var foreignPilot = await _service.AddActionAsync(_coordinator, planId, axis, new PlanActionContent { Title = "X", PilotStructureId = _otherCiteStructure });
        var cycle = await _service.MoveActionAsync(_coordinator, planId, axis, objective, 0);
        var status = await _service.BulkChangeAsync(_coordinator, planId, [axis, objective], new PlanBulkChange(StatusCode: "fini"));
        var view = await ActionAsync(planId, objective);
        var dates = await _service.EditActionAsync(_coordinator, planId, objective,
            view.Content with { StartDate = new DateOnly(2026, 5, 1), DueDate = new DateOnly(2026, 4, 1) }, view.Content, view.Version);

        Assert.Contains("annuaire de la Cité", foreignPilot.Errors.For("PilotStructureId").Single());
        Assert.Contains("sous elle-même", cycle.Errors.For("ParentId").Single());
        // each action chosen is named in its refusal
        Assert.Collection(status.Errors.For("StatusCode"),
            m => Assert.Contains("« Axe » : Statut inconnu « fini »", m, StringComparison.Ordinal),
            m => Assert.Contains("« Objectif » : Statut inconnu « fini »", m, StringComparison.Ordinal));
        Assert.Contains("précède le début", dates.Result.Errors.For("DueDate").Single());
        Assert.Equal(before, await StoredAsync(planId));
    }

    [Fact]
    public async Task Partner_EditsTheActionsTheirStructurePilots_AndNothingElse()
    {
        var planId = await NewPlanAsync();
        var theirs = await AddAsync(planId, null, "Forum", new PlanActionContent { PilotStructureId = _missionLocale });
        var coPiloted = await AddAsync(planId, null, "Ateliers", new PlanActionContent { PilotStructureId = _franceTravail, Partners = [new ActionPartner(_missionLocale, PartnerRole.Pilote)] });
        var notTheirs = await AddAsync(planId, null, "Job dating", new PlanActionContent { PilotStructureId = _franceTravail, Partners = [new ActionPartner(_missionLocale, PartnerRole.Contributeur)] });

        var view = (await _service.GetAsync(_partner, planId))!;
        Assert.Equal([true, true, false], view.Actions.Select(a => a.CanEdit));
        Assert.False(view.CanEditPlan);
        var a = view.Actions[0];
        Assert.True((await _service.EditActionAsync(_partner, planId, theirs, a.Content with { Contact = "Samia" }, a.Content, a.Version)).Result.Succeeded);
        Assert.True((await _service.BulkChangeAsync(_partner, planId, [theirs, coPiloted], new PlanBulkChange(StatusCode: "en-cours"))).Succeeded);

        var c = view.Actions[2];
        Assert.True((await _service.EditActionAsync(_partner, planId, notTheirs, c.Content with { Contact = "Samia" }, c.Content, c.Version)).Result.IsForbidden);
        Assert.True((await _service.BulkChangeAsync(_partner, planId, [theirs, notTheirs], new PlanBulkChange(StatusCode: "realisee"))).IsForbidden);
        Assert.True((await _service.EditActionAsync(_unlinkedPartner, planId, theirs, a.Content with { Contact = "Jules" }, a.Content, a.Version)).Result.IsForbidden);
        Assert.True((await _service.EditActionAsync(_observer, planId, theirs, a.Content with { Contact = "Léa" }, a.Content, a.Version)).Result.IsForbidden);
        Assert.True((await _service.AddActionAsync(_partner, planId, null, new PlanActionContent { Title = "Nouvelle" })).IsForbidden);
        Assert.True((await _service.DeleteActionAsync(_partner, planId, theirs)).IsForbidden);
        var current = await ActionAsync(planId, theirs);
        var handOver = await _service.EditActionAsync(_partner, planId, theirs, current.Content with { PilotStructureId = _franceTravail }, current.Content, current.Version);
        Assert.Contains("Seule la coordination", handOver.Result.Errors.For("PilotStructureId").Single());

        Assert.Equal(("Samia", "en-cours"), (current.Content.Contact, current.Content.StatusCode));
        Assert.Equal(("", "a-lancer"), ((await ActionAsync(planId, notTheirs)).Content.Contact, (await ActionAsync(planId, notTheirs)).Content.StatusCode));
    }

    [Fact]
    public async Task Wall_APersonOfAnotherCite_NeitherReadsNorWritesAPlanOrAnAction()
    {
        var planId = await NewPlanAsync();
        var axis = await AddAsync(planId, null, "Axe");
        var actionId = await AddAsync(planId, axis, "Objectif", new PlanActionContent { PilotStructureId = _missionLocale });
        var seen = await ActionAsync(planId, actionId);
        var before = await StoredAsync(planId);

        Assert.DoesNotContain(await _service.ListAsync(_outsider), p => p.Id == planId);
        Assert.Null(await _service.GetAsync(_outsider, planId));
        Assert.Null(await _service.BudgetAsync(_outsider, planId));
        Assert.Null(await _service.AsOfAsync(_outsider, planId, _clock.Now));
        Assert.Empty(await _service.HistoryAsync(_outsider, planId, actionId));
        Assert.Empty(await _service.HistoryAsync(_outsider, planId, null, wholePlan: true));
        Assert.True((await _service.EditActionAsync(_outsider, planId, actionId, seen.Content with { Title = "Piraté" }, seen.Content, seen.Version)).Result.NotFound);
        Assert.True((await _service.AddActionAsync(_outsider, planId, axis, new PlanActionContent { Title = "Intrus" })).NotFound);
        Assert.True((await _service.MoveActionAsync(_outsider, planId, actionId, null, 0)).NotFound);
        Assert.True((await _service.DeleteActionAsync(_outsider, planId, actionId)).NotFound);
        Assert.True((await _service.BulkChangeAsync(_outsider, planId, [actionId], new PlanBulkChange(StatusCode: "realisee"))).NotFound);
        Assert.True((await _service.AdoptAsync(_outsider, planId, new DateOnly(2026, 3, 1), "Adoptée")).NotFound);
        Assert.True((await _service.ChangeDetailsAsync(_outsider, planId, "X", 2025, 2027, 1m, ["Axe"], Plan.DefaultStatuses)).NotFound);
        Assert.Equal(before, await StoredAsync(planId));
    }

    [Fact]
    public async Task Edit_ConcurrentEditsOfDifferentFields_AreMerged_TheSameField_IsAConflictKeepingBoth()
    {
        var planId = await NewPlanAsync();
        var actionId = await AddAsync(planId, null, "Forum");
        var seen = await ActionAsync(planId, actionId);

        var first = await _service.EditActionAsync(_coordinator, planId, actionId, seen.Content with { Contact = "Paul" }, seen.Content, seen.Version);
        var second = await _service.EditActionAsync(_coordinator, planId, actionId, seen.Content with { DueDate = new DateOnly(2026, 9, 1) }, seen.Content, seen.Version);
        var third = await _service.EditActionAsync(_coordinator, planId, actionId, seen.Content with { Contact = "Nora" }, seen.Content, seen.Version);

        Assert.True(first.Result.Succeeded && second.Result.Succeeded);
        Assert.True(third.Result.Conflict);
        Assert.Equal(["contact"], third.Conflict!.Fields);
        Assert.Equal(("Paul", "Nora"), (third.Conflict.Current.Contact, third.Conflict.Yours.Contact));
        var stored = await ActionAsync(planId, actionId);
        Assert.Equal(("Paul", new DateOnly(2026, 9, 1)), (stored.Content.Contact, stored.Content.DueDate));
        Assert.Equal(third.Conflict.CurrentVersion, stored.Version);
    }

    [Fact]
    public async Task BulkStatus_UpdatesProgress_UpToTheParentsFromChildren()
    {
        var planId = await NewPlanAsync();
        var axis = await AddAsync(planId, null, "Axe", new PlanActionContent { ProgressMode = ProgressMode.SousActions });
        var manual = await AddAsync(planId, axis, "Saisi", new PlanActionContent { ProgressMode = ProgressMode.Manuel, ManualProgress = 10 });
        var byStatus = await AddAsync(planId, axis, "Par statut");

        var result = await _service.BulkChangeAsync(_coordinator, planId, [manual, byStatus], new PlanBulkChange(StatusCode: "realisee", DueDate: new DateOnly(2026, 6, 30)));

        Assert.True(result.Succeeded, result.Describe());
        var view = (await _service.GetAsync(_coordinator, planId))!;
        Assert.Equal([100, 100, 100], view.Actions.Select(a => a.Progress));
        Assert.All(view.Actions.Skip(1), a => Assert.Equal(new DateOnly(2026, 6, 30), a.Content.DueDate));
    }

    [Fact]
    public async Task Bulk_DatesInTheWrongOrderOnSomeActions_NamesEveryOneRefused_AndChangesNoneOfThem()
    {
        var planId = await NewPlanAsync();
        var early = await AddAsync(planId, null, "Forum de l'emploi", new PlanActionContent { DueDate = new DateOnly(2026, 3, 1) });
        var fine = await AddAsync(planId, null, "Permanence mobile", new PlanActionContent { DueDate = new DateOnly(2026, 9, 1) });
        var earlier = await AddAsync(planId, null, "Job dating", new PlanActionContent { DueDate = new DateOnly(2026, 2, 15) });
        var before = await StoredAsync(planId);
        var changes = (await _service.HistoryAsync(_coordinator, planId, null, wholePlan: true)).Count;

        var result = await _service.BulkChangeAsync(_coordinator, planId, [early, fine, earlier],
            new PlanBulkChange(StatusCode: "en-cours", StartDate: new DateOnly(2026, 4, 1)));

        Assert.False(result.Succeeded);
        var messages = result.Errors.For("DueDate");
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("« Forum de l'emploi » : L'échéance (01/03/2026) précède le début (01/04/2026)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("« Job dating » : L'échéance (15/02/2026)", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("Permanence", StringComparison.Ordinal));
        // the action that would have passed is not changed either: all or nothing, history included
        Assert.Equal(before, await StoredAsync(planId));
        Assert.Equal(changes, (await _service.HistoryAsync(_coordinator, planId, null, wholePlan: true)).Count);
        var stored = await ActionAsync(planId, fine);
        Assert.Equal(("a-lancer", (DateOnly?)null, 0), (stored.Content.StatusCode, stored.Content.StartDate, stored.Progress));
    }

    [Fact]
    public async Task Filters_ByAxisStatusPilotBarrierAndLate_KeepTheAncestorsOfWhatMatches()
    {
        var planId = await NewPlanAsync();
        var axis1 = await AddAsync(planId, null, "Axe 1");
        var axis2 = await AddAsync(planId, null, "Axe 2");
        var late = await AddAsync(planId, axis1, "En retard", new PlanActionContent { StatusCode = "en-cours", DueDate = new DateOnly(2026, 3, 1), PilotStructureId = _missionLocale, FreinCodes = ["mobilite"] });
        var onTime = await AddAsync(planId, axis2, "À l'heure", new PlanActionContent { StatusCode = "en-cours", DueDate = new DateOnly(2026, 12, 1), PilotStructureId = _franceTravail });

        async Task<IReadOnlyList<Guid>> matching(PlanFilter filter) => [.. (await _service.GetAsync(_observer, planId, filter))!.Matching.Select(a => a.Id)];

        Assert.Equal([late], await matching(new PlanFilter(LateOnly: true)));
        Assert.Equal([late], await matching(new PlanFilter(FreinCode: "mobilite")));
        Assert.Equal([onTime], await matching(new PlanFilter(PilotStructureId: _franceTravail)));
        Assert.Equal([late, onTime], await matching(new PlanFilter(StatusCode: "en-cours")));
        Assert.Equal([axis2, onTime], await matching(new PlanFilter(AxisId: axis2)));
        var lateView = (await _service.GetAsync(_observer, planId, new PlanFilter(LateOnly: true)))!;
        Assert.Equal([axis1, late], lateView.Actions.Select(a => a.Id));
        Assert.False(lateView.Actions[0].Matches);
    }

    [Fact]
    public async Task History_AndAsOf_RebuildThePlanAsItWasAtEachMoment()
    {
        var planId = await NewPlanAsync();
        var t0 = _clock.Now;
        _clock.Now = t0.AddDays(1);
        var axis = await AddAsync(planId, null, "Axe");
        var actionId = await AddAsync(planId, axis, "Forum", new PlanActionContent { BudgetLines = [new BudgetLine("CAF", BudgetKind.Cofinancement, 2026, 1_000.10m, 0, 0)] });
        var asOnDay1 = await _service.GetAsync(_observer, planId);
        _clock.Now = t0.AddDays(2);
        Assert.True((await _service.AdoptAsync(_copilot, planId, new DateOnly(2026, 3, 12), "Adoptée en COPIL.")).Succeeded);
        var seen = await ActionAsync(planId, actionId);
        Assert.True((await _service.EditActionAsync(_partner, planId, actionId, seen.Content with { Title = "Forum (fermé)" }, seen.Content, seen.Version)).Result.IsForbidden);
        Assert.True((await _service.EditActionAsync(_coordinator, planId, actionId, seen.Content with { Title = "Forum des métiers" }, seen.Content, seen.Version)).Result.Succeeded);
        var asOnDay2 = await _service.GetAsync(_observer, planId);
        _clock.Now = t0.AddDays(3);
        Assert.True((await _service.MoveActionAsync(_coordinator, planId, actionId, null, 0)).Succeeded);
        Assert.True((await _service.DeleteActionAsync(_coordinator, planId, axis)).Succeeded);

        static string shape(PlanView v) => string.Join(" | ", v.Actions.Select(a => $"{a.Code} {a.Title} {a.Budget.Planned}")) + $" ({v.State}, {v.Title})";
        Assert.Null(await _service.AsOfAsync(_observer, planId, t0.AddSeconds(-1)));
        Assert.Equal(" (Brouillon, Feuille de route 2025-2027)", shape((await _service.AsOfAsync(_observer, planId, t0))!));
        Assert.Equal(shape(asOnDay1!), shape((await _service.AsOfAsync(_observer, planId, t0.AddDays(1).AddHours(5)))!));
        Assert.Equal(shape(asOnDay2!), shape((await _service.AsOfAsync(_observer, planId, t0.AddDays(2)))!));
        var now = (await _service.AsOfAsync(_observer, planId, t0.AddDays(3)))!;
        Assert.Equal(shape((await _service.GetAsync(_observer, planId))!), shape(now));
        Assert.Equal("1 Forum des métiers 1000.10 (Adopte, Feuille de route 2025-2027)", shape(now));
        Assert.False(now.CanEditPlan);

        var history = await _service.HistoryAsync(_observer, planId, actionId);
        Assert.Equal(["position", "parentId", "title", "+"], history.Select(h => h.Field));
        Assert.Equal(("\"Forum\"", "\"Forum des métiers\"", "Camille", t0.AddDays(2)), (history[2].Before, history[2].After, history[2].UserName, history[2].At));
    }

    [Fact]
    public async Task Budget_TotalsAgainstTheEnvelope_FlagsOverCommitment()
    {
        var planId = await NewPlanAsync();
        var axis = await AddAsync(planId, null, "Axe");
        await AddAsync(planId, axis, "Forum", new PlanActionContent { BudgetLines = [new BudgetLine("Cité", BudgetKind.EnveloppeCite, 2026, 90_000m, 100_000.01m, 0)] });

        var budget = (await _service.BudgetAsync(_observer, planId))!;

        Assert.True(budget.IsOverCommitted);
        Assert.Equal(-0.01m, budget.RemainingToCommit);
        Assert.Equal(90_000m, Assert.Single(budget.Axes).Totals.Planned);
    }

    [Fact]
    public async Task Changes_ArePublishedOnThePlansTopic_AfterTheCommit()
    {
        var planId = await NewPlanAsync();
        var topic = Listen(LiveTopics.Plan(planId));
        var list = Listen(LiveTopics.CitePlans(_coordinator.CiteId));

        var actionId = await AddAsync(planId, null, "Forum");
        Assert.True((await _service.AdoptAsync(_coordinator, planId, new DateOnly(2026, 3, 10), "Adoptée.")).Succeeded);

        await topic.WaitForCountAsync(2);
        await list.WaitForCountAsync(1);
        Assert.Equal(actionId, Assert.IsType<PlanActionAdded>(topic.All[0]).ActionId);
        Assert.IsType<PlanStateChanged>(Assert.Single(list.All));
    }
}
