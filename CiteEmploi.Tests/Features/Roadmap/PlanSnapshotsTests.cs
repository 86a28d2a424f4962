using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Roadmap;

/// <summary>
/// The plan's shared copy: after a change, one read for all the plan's viewers, each with their own rights; never a
/// copy older than a committed change; the directory's names refreshed after <see cref="PlanSnapshots.MaxAge"/>.
/// </summary>
public sealed class PlanSnapshotsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private PlanSnapshots _snapshots = null!;
    private PlanService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _outsider = null!;
    private Structure _missionLocale = null!;

    public async Task InitializeAsync()
    {
        _snapshots = new PlanSnapshots(_clock, _bus);
        _service = new PlanService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock, _snapshots);
        var (a, b) = await database.SeedTwoCitesAsync(("copie-coord", "Camille"), ("copie-part", "Samia"), ("copie-dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "copie-coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "copie-part", CiteRole.Partenaire);
        _outsider = new CiteAccess(b.Id, b.Slug, "copie-dehors", CiteRole.Coordinateur);
        _missionLocale = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale"), _clock.Now);
        var samia = Membership.Create(a.Id, "copie-part", CiteRole.Partenaire, _clock.Now);
        samia.LinkToStructure(_missionLocale.Id);
        await using var db = database.NewContext();
        db.Structures.Add(_missionLocale);
        db.Memberships.Add(samia);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _snapshots.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A plan with an axis, and under it one action piloted by the Mission Locale and one by nobody.</summary>
    private async Task<(Guid PlanId, Guid Piloted, Guid Other)> NewPlanAsync()
    {
        var created = await _service.CreateAsync(_coordinator, "Feuille de route", 2026, 2028, 0m);
        Assert.True(created.Succeeded, created.Describe());
        var planId = Guid.Parse(created.Value!);
        var axis = Guid.Parse((await _service.AddActionAsync(_coordinator, planId, null, new PlanActionContent { Title = "Mobilité" })).Value!);
        var piloted = await _service.AddActionAsync(_coordinator, planId, axis, new PlanActionContent { Title = "Permis", PilotStructureId = _missionLocale.Id });
        var other = await _service.AddActionAsync(_coordinator, planId, axis, new PlanActionContent { Title = "Vélos" });
        return (planId, Guid.Parse(piloted.Value!), Guid.Parse(other.Value!));
    }

    [Fact]
    public async Task TwentyViewers_AfterOneChange_ReadThePlanOnce_AndEachHasTheirOwnRights()
    {
        var (planId, piloted, other) = await NewPlanAsync();
        var before = _snapshots.Loads;

        var views = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _service.GetAsync(i % 2 == 0 ? _partner : _coordinator, planId)));

        Assert.Equal(before + 1, _snapshots.Loads);
        Assert.All(views, v => Assert.Equal(["Mobilité", "Permis", "Vélos"], v!.Actions.Select(a => a.Title)));
        // the partner edits what their structure pilots, the coordinator everything: the same copy, two sets of rights
        Assert.All(views.Where((_, i) => i % 2 == 0), v => Assert.Equal([piloted], v!.Actions.Where(a => a.CanEdit).Select(a => a.Id)));
        Assert.All(views.Where((_, i) => i % 2 == 1), v => Assert.Contains(v!.Actions, a => a.Id == other && a.CanEdit));
    }

    [Fact]
    public async Task ViewersWithTheSameRights_ShareOneViewOfTheCopy_UntilTheNextChange()
    {
        var (planId, piloted, _) = await NewPlanAsync();

        var partners = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _service.GetAsync(_partner, planId)));
        var coordinator = await _service.GetAsync(_coordinator, planId);

        // one view of the 500 actions for the structure's five viewers, built once; the coordinator's rights are other
        Assert.All(partners, v => Assert.Same(partners[0], v));
        Assert.NotSame(partners[0], coordinator);
        Assert.Equal([piloted], partners[0]!.Actions.Where(a => a.CanEdit).Select(a => a.Id));
        Assert.All(coordinator!.Actions, a => Assert.True(a.CanEdit));
        // a filter is part of what a view is
        var filtered = await _service.GetAsync(_partner, planId, new PlanFilter(StatusCode: "en-cours"));
        Assert.NotSame(partners[0], filtered);

        var seen = partners[0]!.Actions.Single(a => a.Id == piloted);
        Assert.True((await _service.EditActionAsync(_partner, planId, piloted, seen.Content with { Title = "Permis B" }, seen.Content, seen.Version)).Result.Succeeded);
        var after = await _service.GetAsync(_partner, planId);
        Assert.NotSame(partners[0], after);
        Assert.Equal("Permis B", after!.Actions.Single(a => a.Id == piloted).Title);
    }

    [Fact]
    public async Task EveryCommittedChange_IsSeenByTheNextRead()
    {
        var (planId, piloted, other) = await NewPlanAsync();
        Assert.NotNull(await _service.GetAsync(_partner, planId)); // a current copy exists

        var seen = (await _service.GetAsync(_partner, planId))!.Actions.Single(a => a.Id == piloted);
        var edit = await _service.EditActionAsync(_partner, planId, piloted, seen.Content with { Title = "Permis B" }, seen.Content, seen.Version);
        Assert.True(edit.Result.Succeeded, edit.Result.Describe());
        Assert.Equal("Permis B", (await _service.GetAsync(_coordinator, planId))!.Actions.Single(a => a.Id == piloted).Title);

        Assert.True((await _service.DeleteActionAsync(_coordinator, planId, other)).Succeeded);
        Assert.DoesNotContain((await _service.GetAsync(_partner, planId))!.Actions, a => a.Id == other);
        Assert.True((await _service.RestoreActionAsync(_coordinator, planId, other)).Succeeded);
        Assert.Contains((await _service.GetAsync(_partner, planId))!.Actions, a => a.Id == other);
    }

    [Fact]
    public async Task AStructureRenamedInTheDirectory_ShowsOnceTheCopyIsOlderThanItsMaximumAge()
    {
        var (planId, _, _) = await NewPlanAsync();
        Assert.Equal("Mission Locale", (await _service.GetAsync(_coordinator, planId))!.StructureName(_missionLocale.Id));
        await using (var db = database.NewContext())
        {
            var structure = await db.Structures.IgnoreQueryFilters().SingleAsync(s => s.Id == _missionLocale.Id);
            structure.Update(StructureTests.ValidDetails("Mission Locale de la Vallée"), _clock.Now);
            await db.SaveChangesAsync();
        }

        // no plan event: the copy is still the one read before the rename…
        Assert.Equal("Mission Locale", (await _service.GetAsync(_coordinator, planId))!.StructureName(_missionLocale.Id));
        _clock.Now += PlanSnapshots.MaxAge;

        // …until it is too old to be used
        Assert.Equal("Mission Locale de la Vallée", (await _service.GetAsync(_coordinator, planId))!.StructureName(_missionLocale.Id));
    }

    [Fact]
    public async Task AnotherCitesAccess_NeverGetsTheCopy()
    {
        var (planId, _, _) = await NewPlanAsync();
        Assert.NotNull(await _service.GetAsync(_coordinator, planId)); // the copy exists for the plan's Cité

        Assert.Null(await _service.GetAsync(_outsider, planId));
        Assert.Null(await _service.GetPageAsync(_outsider, planId, new PlanFilter()));
    }
}
