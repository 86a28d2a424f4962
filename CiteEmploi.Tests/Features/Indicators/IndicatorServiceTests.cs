using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Indicators;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Indicators;

/// <summary>
/// The indicators service on a real SQLite file built by the migrations: who types what, the locks, the warnings, the
/// wall between Cités, the live topic, and the values counted from sessions and the feuille de route.
/// Each test works on its own pair of Cités (the class shares one database).
/// </summary>
public sealed class IndicatorServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.Zero));
    private IndicatorService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _missionLocale = null!;
    private CiteAccess _caf = null!;
    private CiteAccess _unlinked = null!;
    private CiteAccess _observer = null!;
    private CiteAccess _outsider = null!;
    private Structure _mlStructure = null!;
    private Structure _cafStructure = null!;

    private static IndicatorEntry People(string period, decimal number, Breakdown? breakdown = null) =>
        new("personnes-reperees", period, number, Breakdown: breakdown);

    public async Task InitializeAsync()
    {
        _service = new IndicatorService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("ml", "Samia"), ("caf", "Yanis"), ("sans", "Noé"), ("obs", "Léa"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _missionLocale = new CiteAccess(a.Id, a.Slug, "ml", CiteRole.Partenaire);
        _caf = new CiteAccess(a.Id, a.Slug, "caf", CiteRole.Partenaire);
        _unlinked = new CiteAccess(a.Id, a.Slug, "sans", CiteRole.Partenaire);
        _observer = new CiteAccess(a.Id, a.Slug, "obs", CiteRole.Observateur);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        _mlStructure = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale du quartier"), _clock.Now);
        _cafStructure = Structure.Create(a.Id, StructureTests.ValidDetails("CAF du département"), _clock.Now);
        await using var db = database.NewContext();
        db.Structures.AddRange(_mlStructure, _cafStructure);
        var ml = Membership.Create(a.Id, "ml", CiteRole.Partenaire, _clock.Now);
        ml.LinkToStructure(_mlStructure.Id);
        var caf = Membership.Create(a.Id, "caf", CiteRole.Partenaire, _clock.Now);
        caf.LinkToStructure(_cafStructure.Id);
        db.Memberships.AddRange(ml, caf, Membership.Create(a.Id, "sans", CiteRole.Partenaire, _clock.Now), Membership.Create(b.Id, "dehors", CiteRole.Coordinateur, _clock.Now));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private async Task<IndicatorRow> RowAsync(CiteAccess access, string code, string period) =>
        (await _service.ViewAsync(access, Period.Parse(period)))!.Rows.Single(r => r.Definition.Code == code);

    [Fact]
    public async Task TheCoordinationTypesACount_WithItsBreakdown_MembersReadIt_AndAnotherCiteSeesItNonRenseigne()
    {
        var recorded = await _service.RecordAsync(_coordinator, People("2026-T1", 42, new Breakdown(Femmes: 25, Hommes: 17, MoinsDe26Ans: 12)) with { Note = "Forum de mars" });

        Assert.True(recorded.Succeeded, recorded.Describe());
        var row = await RowAsync(_observer, "personnes-reperees", "2026-T1");
        Assert.Equal((42m, 25, "Forum de mars", IndicatorService.Coordination), (row.Value!.Number, row.Value.Breakdown.Femmes, row.Value.Note, row.EnteredBy));
        Assert.False(row.CanEnter); // an observer reads only
        // never 0: a period without value is « non renseigné », and so is the other Cité's same indicator
        Assert.Null((await RowAsync(_observer, "personnes-reperees", "2026-T2")).Value);
        Assert.Null((await RowAsync(_outsider, "personnes-reperees", "2026-T1")).Value);
        Assert.All(await _service.HistoryAsync(_outsider, "personnes-reperees", Period.Quarter(2026, 1)), p => Assert.Null(p.Value));
    }

    [Fact]
    public async Task APartnerTypesForTheirStructure_AnotherStructureCannotOverwriteIt_AndAnUnlinkedPartnerIsToldWhy()
    {
        Assert.True((await _service.RecordAsync(_missionLocale, People("2026-T1", 30))).Succeeded);

        var byCaf = await _service.RecordAsync(_caf, People("2026-T1", 3));
        var byUnlinked = await _service.RecordAsync(_unlinked, People("2026-T2", 3));
        var byObserver = await _service.RecordAsync(_observer, People("2026-T2", 3));

        Assert.Contains("saisie par une autre structure", Assert.Single(byCaf.Errors.For(nameof(IndicatorEntry.IndicatorCode))), StringComparison.Ordinal);
        Assert.Contains("rattaché à aucune structure", Assert.Single(byUnlinked.Errors.For(nameof(IndicatorEntry.IndicatorCode))), StringComparison.Ordinal);
        Assert.True(byObserver.IsForbidden);
        var row = await RowAsync(_caf, "personnes-reperees", "2026-T1");
        Assert.Equal((30m, "Mission Locale du quartier", false), (row.Value!.Number, row.EnteredBy, row.CanEnter));
        Assert.True((await RowAsync(_missionLocale, "personnes-reperees", "2026-T1")).CanEnter);
        Assert.Equal("CAF du département", (await _service.ViewAsync(_caf, Period.Quarter(2026, 1)))!.EntersFor);
        // the coordination may correct it
        Assert.True((await _service.RecordAsync(_coordinator, People("2026-T1", 31))).Succeeded);
        Assert.Equal((31m, IndicatorService.Coordination), ((await RowAsync(_caf, "personnes-reperees", "2026-T1")).Value!.Number, (await RowAsync(_caf, "personnes-reperees", "2026-T1")).EnteredBy));
    }

    [Fact]
    public async Task ALockedYear_RefusesItsQuartersValues_InFrench_UntilTheCoordinationUnlocksIt()
    {
        Assert.True((await _service.RecordAsync(_missionLocale, People("2025-T4", 8))).Succeeded);
        Assert.True((await _service.LockAsync(_missionLocale, "2025")).IsForbidden);

        Assert.True((await _service.LockAsync(_coordinator, "2025")).Succeeded);
        var refused = await _service.RecordAsync(_missionLocale, People("2025-T4", 9));
        var removal = await _service.RemoveAsync(_coordinator, "personnes-reperees", Period.Quarter(2025, 4));
        var view = (await _service.ViewAsync(_missionLocale, Period.Quarter(2025, 4)))!;

        Assert.Equal("La période 2025-T4 est verrouillée avec 2025 : ses valeurs ne changent plus. La coordination peut la déverrouiller.",
            Assert.Single(refused.Errors.For(Period.Field)));
        Assert.False(removal.Succeeded);
        Assert.Equal(Period.OfYear(2025), view.LockedBy);
        Assert.All(view.Rows, r => Assert.False(r.CanEnter));
        Assert.Equal(8m, view.Rows.Single(r => r.Definition.Code == "personnes-reperees").Value!.Number);
        // the other Cité's 2025 is its own
        Assert.True((await _service.RecordAsync(_outsider, People("2025-T4", 1))).Succeeded);

        Assert.True((await _service.UnlockAsync(_coordinator, Period.OfYear(2025))).Succeeded);
        Assert.True((await _service.RecordAsync(_missionLocale, People("2025-T4", 9))).Succeeded);
        Assert.Equal(9m, (await RowAsync(_coordinator, "personnes-reperees", "2025-T4")).Value!.Number);
    }

    [Fact]
    public async Task ARemovedValue_IsNonRenseigneAgain_OnlyForItsStructureOrTheCoordination()
    {
        Assert.True((await _service.RecordAsync(_missionLocale, People("2026-T2", 6))).Succeeded);

        var byCaf = await _service.RemoveAsync(_caf, "personnes-reperees", Period.Quarter(2026, 2));
        var missing = await _service.RemoveAsync(_missionLocale, "actions-aller-vers", Period.Quarter(2026, 2));
        var byMissionLocale = await _service.RemoveAsync(_missionLocale, "personnes-reperees", Period.Quarter(2026, 2));

        Assert.True(byCaf.IsForbidden);
        Assert.True(missing.NotFound);
        Assert.True(byMissionLocale.Succeeded, byMissionLocale.Describe());
        Assert.Null((await RowAsync(_observer, "personnes-reperees", "2026-T2")).Value);
    }

    [Fact]
    public async Task ABreakdownAboveItsTotal_IsAWarning_NothingStoredUntilConfirmed()
    {
        var entry = People("2026-T2", 10, new Breakdown(Femmes: 7, Hommes: 6));

        var warned = await _service.RecordAsync(_coordinator, entry);
        Assert.Null((await RowAsync(_coordinator, "personnes-reperees", "2026-T2")).Value);
        var confirmed = await _service.RecordAsync(_coordinator, entry with { WarningsConfirmed = true });

        Assert.Contains("Femmes et hommes font 13 personnes", Assert.Single(warned.Errors.For(IndicatorRules.WarningField)), StringComparison.Ordinal);
        Assert.True(confirmed.Succeeded, confirmed.Describe());
        Assert.Equal(7, (await RowAsync(_coordinator, "personnes-reperees", "2026-T2")).Value!.Breakdown.Femmes);
    }

    [Fact]
    public async Task BadInput_IsRefusedByField_AndNothingChanges()
    {
        var unknown = await _service.RecordAsync(_coordinator, new IndicatorEntry("inconnu", "2026-T1", 1));
        var zero = await _service.RecordAsync(_coordinator, new IndicatorEntry("sorties-emploi-formation", "2026-T1", Numerator: 2, Denominator: 0));
        var negative = await _service.RecordAsync(_coordinator, People("2026-T1", -4));
        var period = await _service.RecordAsync(_coordinator, People("2026-Q1", 4));
        var counted = await _service.RecordAsync(_coordinator, new IndicatorEntry("seances-tenues", "2026-T1", 4));

        Assert.Single(unknown.Errors.For(nameof(IndicatorEntry.IndicatorCode)));
        Assert.Single(zero.Errors.For(nameof(IndicatorEntry.Denominator)));
        Assert.Single(negative.Errors.For(nameof(IndicatorEntry.Number)));
        Assert.Single(period.Errors.For(Period.Field));
        Assert.Single(counted.Errors.For(nameof(IndicatorEntry.IndicatorCode)));
        Assert.All((await _service.ViewAsync(_coordinator, Period.Quarter(2026, 1)))!.Rows, r => Assert.Null(r.Value));
    }

    [Fact]
    public async Task AValue_IsAnnouncedOnItsCitesIndicatorsTopic_Only()
    {
        var mine = new BusRecorder();
        var theirs = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Indicators(_coordinator.CiteId), mine.Handle));
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Indicators(_outsider.CiteId), theirs.Handle));

        Assert.True((await _service.RecordAsync(_missionLocale, People("2026-T2", 5))).Succeeded);

        await mine.WaitForCountAsync(1);
        Assert.Equal(new IndicatorValueRecorded(_coordinator.CiteId, "personnes-reperees", "2026-T2"), Assert.Single(mine.All));
        Assert.Empty(theirs.All);
    }

    [Fact]
    public async Task TheCoordinationDefinesALocalIndicator_OnlyItsCiteSeesIt_AndPartnersTypeIt()
    {
        var draft = new LocalIndicatorDraft("Gardes d'enfants trouvées", NationalCatalogue.People, IndicatorKind.Nombre, IndicatorDirection.Hausse,
            Targets: [new IndicatorTarget("2026-T2", 12)]);
        Assert.True((await _service.DefineAsync(_missionLocale, draft)).IsForbidden);

        var defined = await _service.DefineAsync(_coordinator, draft);
        var twice = await _service.DefineAsync(_coordinator, draft);

        Assert.Equal("gardes-d-enfants-trouvees", defined.Value);
        Assert.Single(twice.Errors.For(nameof(LocalIndicatorDraft.Code)));
        Assert.True((await _service.RecordAsync(_caf, new IndicatorEntry(defined.Value!, "2026-T2", 4))).Succeeded);
        var row = await RowAsync(_observer, defined.Value!, "2026-T2");
        Assert.Equal((4m, 12m, false), (row.Value!.Number, row.Target(Period.Quarter(2026, 2)), row.Definition.IsNational));
        Assert.DoesNotContain(await _service.DefinitionsAsync(_outsider), d => d.Code == defined.Value);
        Assert.Single((await _service.RecordAsync(_outsider, new IndicatorEntry(defined.Value!, "2026-T2", 4))).Errors.For(nameof(IndicatorEntry.IndicatorCode)));
    }

    [Fact]
    public async Task TheChart_GivesEachPeriodOfTheKind_NonRenseigneAsNull()
    {
        Assert.True((await _service.RecordAsync(_coordinator, new IndicatorEntry("sorties-emploi-formation", "2025-S2", Numerator: 3, Denominator: 12))).Succeeded);
        Assert.True((await _service.RecordAsync(_coordinator, new IndicatorEntry("sorties-emploi-formation", "2026-T1", Numerator: 1, Denominator: 2))).Succeeded);

        var points = await _service.HistoryAsync(_observer, "sorties-emploi-formation", Period.Semester(2026, 1), 3);

        Assert.Equal([("2025-S1", (decimal?)null), ("2025-S2", 25m), ("2026-S1", null)], points.Select(p => (p.Period.Code, p.Value)));
    }

    [Fact]
    public async Task CountedValues_FollowTheSessionsAndTheFeuilleDeRoute_AsTheyWereAtThePeriodsEnd()
    {
        var citeId = _coordinator.CiteId;
        var actor = new SessionActor("coord", "Camille");
        // sessions: a COPIL held (started, a Mission Locale person checked in), a workshop past but never started, one cancelled, one to come
        var copil = Session.Create(citeId, new SessionDetails(SessionKind.ComitePilotage, "COPIL de février", new DateOnly(2026, 2, 10), new TimeOnly(9, 0), new TimeOnly(11, 0)), actor, _clock.Now);
        copil.AddItem(null, new AgendaItemContent("Bilan", 30), actor);
        var participant = copil.Invite(new InviteeDetails("Samia", Email: "samia@ml.invalid", StructureId: _mlStructure.Id), actor);
        var sessionDay = FrenchTime.At(new DateOnly(2026, 2, 10), new TimeOnly(9, 5));
        copil.Start(actor, sessionDay);
        copil.CheckIn(participant, actor, sessionDay);
        var workshop = Session.Create(citeId, new SessionDetails(SessionKind.Atelier, "Atelier mobilité", new DateOnly(2026, 3, 3), new TimeOnly(14, 0), new TimeOnly(16, 0)), actor, _clock.Now);
        var cancelled = Session.Create(citeId, new SessionDetails(SessionKind.Atelier, "Atelier annulé", new DateOnly(2026, 3, 5), new TimeOnly(14, 0), new TimeOnly(16, 0)), actor, _clock.Now);
        cancelled.Cancel(actor);
        var coming = Session.Create(citeId, new SessionDetails(SessionKind.ComiteTechnique, "Comité technique", new DateOnly(2026, 6, 20), new TimeOnly(9, 0), new TimeOnly(10, 0)), actor, _clock.Now);
        await using (var db = database.NewContext())
        {
            db.Sessions.AddRange(copil, workshop, cancelled, coming);
            await db.SaveChangesAsync();
        }

        // the feuille de route: made in January with one action piloted by the Mission Locale (CAF partner) and its 2026 budget,
        // then in May an action piloted by the CAF, changed by the CAF's member
        var plans = new PlanService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock);
        _clock.Now = new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero);
        var planId = Guid.Parse((await plans.CreateAsync(_coordinator, "Feuille de route 2026", 2026, 2026, 100_000m)).Value!);
        var axis = Guid.Parse((await plans.AddActionAsync(_coordinator, planId, null, new PlanActionContent { Title = "Aller-vers" })).Value!);
        var first = await plans.AddActionAsync(_coordinator, planId, axis, new PlanActionContent
        {
            Title = "Permanences en pied d'immeuble",
            PilotStructureId = _mlStructure.Id,
            Partners = [new ActionPartner(_cafStructure.Id, PartnerRole.Contributeur)],
            StatusCode = "en-cours",
            BudgetLines = [new BudgetLine("Préfecture", BudgetKind.EnveloppeCite, 2026, 10_000m, 8_000m, 2_500.50m), new BudgetLine("CAF", BudgetKind.Cofinancement, 2026, 3_000m, 3_000m, 1_000m)],
        });
        Assert.True(first.Succeeded, first.Describe());
        _clock.Now = new DateTimeOffset(2026, 5, 10, 10, 0, 0, TimeSpan.Zero);
        var second = await plans.AddActionAsync(_coordinator, planId, axis, new PlanActionContent { Title = "Forum emploi", PilotStructureId = _cafStructure.Id });
        Assert.True(second.Succeeded, second.Describe());
        _clock.Now = new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.Zero);

        var t1 = (await _service.ViewAsync(_observer, Period.Quarter(2026, 1)))!.Rows.Where(r => r.Counted is not null).ToDictionary(r => r.Definition.Code, r => r.Counted!);
        var year = (await _service.ViewAsync(_observer, Period.OfYear(2026)))!.Rows.Where(r => r.Counted is not null).ToDictionary(r => r.Definition.Code, r => r.Counted!);
        var future = (await _service.ViewAsync(_observer, Period.Quarter(2026, 4)))!.Rows.Single(r => r.Definition.Code == "seances-tenues").Counted!;

        Assert.Equal(2m, t1["seances-tenues"].Value);
        Assert.Equal([("Comité de pilotage", 1m), ("Atelier", 1m)], t1["seances-tenues"].Details.Select(d => (d.Label, d.Value)));
        Assert.Equal(1m, t1["actions-feuille-de-route"].Value); // the May action did not exist at the end of March
        Assert.Contains(t1["actions-feuille-de-route"].Details, d => d is { Label: "Axe 1 — Aller-vers", Value: 1m });
        Assert.Contains(t1["actions-feuille-de-route"].Details, d => d is { Label: "Statut « En cours »", Value: 1m });
        Assert.Equal(2m, t1["partenaires-impliques"].Value);
        Assert.Equal(["Mission Locale du quartier"], t1["partenaires-actifs"].Details.Select(d => d.Label)); // checked in at the COPIL
        Assert.Null(t1["budget-consomme"].Value); // followed by year
        Assert.Contains("par année", t1["budget-consomme"].How, StringComparison.Ordinal);

        Assert.Equal(2m, year["actions-feuille-de-route"].Value);
        Assert.Equal(3_500.50m, year["budget-consomme"].Value);
        Assert.Equal(2m, year["seances-tenues"].Value); // the technical committee of June is still to come
        Assert.Null(future.Value); // a period not begun counts nothing

        // the CAF's member renames the May action in May (a change in the plan's history): the CAF is active in the second quarter, not the first
        var mayAction = Guid.Parse(second.Value!);
        await using (var db = database.NewContext())
        {
            db.PlanChanges.Add(new PlanChange(citeId, planId, mayAction, new DateTimeOffset(2026, 5, 12, 8, 0, 0, TimeSpan.Zero), new PlanActor("caf", "Yanis"),
                "title", "\"Forum emploi\"", "\"Forum emploi et formation\""));
            await db.SaveChangesAsync();
        }
        var t2 = (await _service.ViewAsync(_observer, Period.Quarter(2026, 2)))!.Rows.Single(r => r.Definition.Code == "partenaires-actifs").Counted!;
        var t1Again = (await _service.ViewAsync(_observer, Period.Quarter(2026, 1)))!.Rows.Single(r => r.Definition.Code == "partenaires-actifs").Counted!;
        Assert.Equal(["CAF du département"], t2.Details.Select(d => d.Label));
        Assert.Equal(1m, t1Again.Value);

        // the other Cité counts nothing of this
        var outside = (await _service.ViewAsync(_outsider, Period.OfYear(2026)))!.Rows.Where(r => r.Counted is not null).ToDictionary(r => r.Definition.Code, r => r.Counted!);
        Assert.Equal(0m, outside["seances-tenues"].Value);
        Assert.Null(outside["actions-feuille-de-route"].Value);
        Assert.Null(outside["budget-consomme"].Value);
    }
}
