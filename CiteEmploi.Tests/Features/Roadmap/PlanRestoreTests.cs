using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Live;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Roadmap;

/// <summary>
/// Restoring a deleted action (« Annuler la suppression », « Rétablir »): on a real SQLite file built by the
/// migrations, with the live bus the service publishes to and a clock it is told.
/// </summary>
public sealed class PlanRestoreTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private PlanService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _copilot = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _observer = null!;
    private CiteAccess _outsider = null!;

    public async Task InitializeAsync()
    {
        _service = new PlanService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock, new PlanSnapshots(_clock, _bus));
        var (a, b) = await database.SeedTwoCitesAsync(("r-coord", "Camille"), ("r-copil", "Hugo"), ("r-part", "Samia"), ("r-obs", "Léa"), ("r-dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "r-coord", CiteRole.Coordinateur);
        _copilot = new CiteAccess(a.Id, a.Slug, "r-copil", CiteRole.Copilote);
        _partner = new CiteAccess(a.Id, a.Slug, "r-part", CiteRole.Partenaire);
        _observer = new CiteAccess(a.Id, a.Slug, "r-obs", CiteRole.Observateur);
        _outsider = new CiteAccess(b.Id, b.Slug, "r-dehors", CiteRole.Coordinateur);
    }

    public Task DisposeAsync()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
        return Task.CompletedTask;
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

    private async Task DeleteAsync(Guid planId, Guid actionId) =>
        Assert.True((await _service.DeleteActionAsync(_coordinator, planId, actionId)).Succeeded);

    private async Task<IReadOnlyList<(string Code, string Title)>> TreeAsync(Guid planId) =>
        [.. (await _service.GetAsync(_coordinator, planId))!.Actions.Select(a => (a.Code, a.Title))];

    private async Task<string> StoredAsync(Guid planId)
    {
        await using var db = database.NewContext();
        var rows = await db.PlanActions.IgnoreQueryFilters().AsNoTracking().Where(a => a.PlanId == planId).OrderBy(a => a.Id).ToListAsync();
        var changes = await db.PlanChanges.IgnoreQueryFilters().AsNoTracking().CountAsync(c => c.PlanId == planId);
        return System.Text.Json.JsonSerializer.Serialize(new { changes, rows = rows.Select(r => new { s = r.Snapshot(), r.Version, r.DeletedAt }) }, PlanHistory.Json);
    }

    [Fact]
    public async Task Restore_BringsTheActionBackInItsPlace_WithItsContent_RecordedAsRestored_AndLive()
    {
        var planId = await NewPlanAsync();
        var axis = await AddAsync(planId, null, "Aller-vers");
        await AddAsync(planId, axis, "Permanence mobile");
        var forum = await AddAsync(planId, axis, "Forum de l'emploi", new PlanActionContent { Contact = "Samia, Mission Locale", DueDate = new DateOnly(2026, 6, 30) });
        await AddAsync(planId, axis, "Job dating");
        var before = await TreeAsync(planId);
        await DeleteAsync(planId, forum);
        Assert.DoesNotContain((await TreeAsync(planId)), a => a.Title == "Forum de l'emploi");
        Assert.Equal([forum], (await _service.DeletedActionsAsync(_coordinator, planId)).Select(d => d.Id));

        var topic = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Plan(planId), topic.Handle));
        _clock.Now = _clock.Now.AddMinutes(5);
        var restored = await _service.RestoreActionAsync(_coordinator, planId, forum);

        Assert.True(restored.Succeeded, restored.Describe());
        Assert.Equal(before, await TreeAsync(planId)); // « 1.2 » again, between its old neighbours
        var action = (await _service.GetAsync(_coordinator, planId))!.Actions.Single(a => a.Id == forum);
        Assert.Equal(("Samia, Mission Locale", new DateOnly(2026, 6, 30)), (action.Content.Contact, action.Content.DueDate));
        Assert.Empty(await _service.DeletedActionsAsync(_coordinator, planId));
        var history = await _service.HistoryAsync(_coordinator, planId, forum);
        Assert.Equal([PlanChange.Restored, PlanChange.Deleted, PlanChange.Created], history.Select(h => h.Field));
        Assert.Equal("Camille", history[0].UserName);
        await topic.WaitForCountAsync(1);
        Assert.Contains(topic.All, e => e is PlanActionRestored r && r.ActionId == forum);
        // the plan « as it was » after the restoration has it again, from the history alone
        var asOf = await _service.AsOfAsync(_coordinator, planId, _clock.Now);
        Assert.Equal(before, asOf!.Actions.Select(a => (a.Code, a.Title)));
    }

    [Fact]
    public async Task Restore_Twice_IsRefusedInFrench_AndNothingChanges()
    {
        var planId = await NewPlanAsync();
        var action = await AddAsync(planId, null, "Recenser les acteurs");
        await DeleteAsync(planId, action);
        Assert.True((await _service.RestoreActionAsync(_coordinator, planId, action)).Succeeded);
        var stored = await StoredAsync(planId);

        var again = await _service.RestoreActionAsync(_coordinator, planId, action);

        Assert.False(again.Succeeded);
        Assert.Equal("« Recenser les acteurs » n'est pas supprimée : il n'y a rien à rétablir.", again.Errors.For("Action").Single());
        Assert.Equal(stored, await StoredAsync(planId));
    }

    [Fact]
    public async Task Restore_OnlyCoordination_TheOthersAreRefused_AndNothingChanges()
    {
        var planId = await NewPlanAsync();
        var action = await AddAsync(planId, null, "Lever les freins");
        await DeleteAsync(planId, action);
        var stored = await StoredAsync(planId);

        Assert.True((await _service.RestoreActionAsync(_copilot, planId, action)).IsForbidden);
        Assert.True((await _service.RestoreActionAsync(_partner, planId, action)).IsForbidden);
        Assert.True((await _service.RestoreActionAsync(_observer, planId, action)).IsForbidden);
        Assert.Equal(stored, await StoredAsync(planId));
        // everyone in the Cité reads what was deleted
        Assert.Equal([action], (await _service.DeletedActionsAsync(_observer, planId)).Select(d => d.Id));
    }

    [Fact]
    public async Task Wall_ACoordinatorOfAnotherCite_NeitherSeesNorRestoresADeletedAction()
    {
        var planId = await NewPlanAsync();
        var action = await AddAsync(planId, null, "Action de la Cité");
        await DeleteAsync(planId, action);
        var stored = await StoredAsync(planId);

        Assert.True((await _service.RestoreActionAsync(_outsider, planId, action)).NotFound);
        Assert.Empty(await _service.DeletedActionsAsync(_outsider, planId));
        Assert.Equal(stored, await StoredAsync(planId));
    }

    [Fact]
    public async Task Restore_UnderAParentDeletedSince_IsRefused_UntilTheParentIsRestored()
    {
        var planId = await NewPlanAsync();
        var axis = await AddAsync(planId, null, "Innover");
        var objective = await AddAsync(planId, axis, "Tester un dispositif");
        await DeleteAsync(planId, objective);
        await DeleteAsync(planId, axis);
        var stored = await StoredAsync(planId);

        var refused = await _service.RestoreActionAsync(_coordinator, planId, objective);

        Assert.Equal("Le niveau supérieur de « Tester un dispositif » a été supprimé : rétablissez-le d'abord.", refused.Errors.For("ParentId").Single());
        Assert.Equal(stored, await StoredAsync(planId));
        Assert.True((await _service.RestoreActionAsync(_coordinator, planId, axis)).Succeeded);
        Assert.True((await _service.RestoreActionAsync(_coordinator, planId, objective)).Succeeded);
        Assert.Equal([("1", "Innover"), ("1.1", "Tester un dispositif")], await TreeAsync(planId));
    }

    [Fact]
    public async Task Restore_WhenANewSiblingTookItsPlace_GoesJustBeforeIt()
    {
        var planId = await NewPlanAsync();
        await AddAsync(planId, null, "Premier axe");
        var last = await AddAsync(planId, null, "Axe supprimé");
        await DeleteAsync(planId, last);
        await AddAsync(planId, null, "Axe ajouté ensuite"); // lands at the end: the deleted one's old position

        Assert.True((await _service.RestoreActionAsync(_coordinator, planId, last)).Succeeded);

        Assert.Equal([("1", "Premier axe"), ("2", "Axe supprimé"), ("3", "Axe ajouté ensuite")], await TreeAsync(planId));
    }
}
