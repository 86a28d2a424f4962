using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.SelfAssessment;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.SelfAssessment;

/// <summary>
/// The self-assessment service on a real SQLite file built by the migrations: who opens, rates, agrees and closes; a
/// closed assessment refuses every change; bad input in French with nothing stored; the wall; the live topic.
/// Each test works on its own pair of Cités (the class shares one database).
/// </summary>
public sealed class SelfAssessmentServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string S1 = "2026-S1";
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.Zero));
    private SelfAssessmentService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _missionLocale = null!;
    private CiteAccess _caf = null!;
    private CiteAccess _observer = null!;
    private CiteAccess _outsider = null!;

    public async Task InitializeAsync()
    {
        _service = new SelfAssessmentService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("ml", "Samia"), ("caf", "Yanis"), ("obs", "Léa"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _missionLocale = new CiteAccess(a.Id, a.Slug, "ml", CiteRole.Partenaire);
        _caf = new CiteAccess(a.Id, a.Slug, "caf", CiteRole.Partenaire);
        _observer = new CiteAccess(a.Id, a.Slug, "obs", CiteRole.Observateur);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        var structure = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale du quartier"), _clock.Now);
        await using var db = database.NewContext();
        db.Structures.Add(structure);
        var ml = Membership.Create(a.Id, "ml", CiteRole.Partenaire, _clock.Now);
        ml.LinkToStructure(structure.Id);
        db.Memberships.AddRange(ml, Membership.Create(a.Id, "caf", CiteRole.Partenaire, _clock.Now), Membership.Create(b.Id, "dehors", CiteRole.Coordinateur, _clock.Now));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private async Task<SelfAssessmentView> ViewAsync(CiteAccess access) => (await _service.ViewAsync(access, Period.Semester(2026, 1)))!;

    private async Task<ConditionView> ConditionAsync(CiteAccess access, string code) => (await ViewAsync(access)).Conditions.Single(c => c.Code == code);

    [Fact]
    public async Task InACollectiveAssessment_MembersRate_TheSpreadShowsTheDissent_AndTheCoordinationRecordsTheAgreedLevel()
    {
        Assert.True((await _service.OpenAsync(_missionLocale, S1, AssessmentMode.Collective)).IsForbidden);
        Assert.True((await _service.OpenAsync(_coordinator, S1, AssessmentMode.Collective)).Succeeded);

        Assert.True((await _service.RateAsync(_missionLocale, S1, "1.3", 2, "Encore descendant")).Succeeded);
        Assert.True((await _service.RateAsync(_caf, S1, "1.3", 4, null)).Succeeded);
        Assert.True((await _service.RateAsync(_caf, S1, "1.3", 3, "Après réflexion")).Succeeded); // replaces hers
        Assert.True((await _service.RateAsync(_observer, S1, "1.3", 1, null)).IsForbidden);
        Assert.True((await _service.AgreeAsync(_missionLocale, S1, "1.3", 3, "Consensus")).IsForbidden);

        var seen = await ConditionAsync(_missionLocale, "1.3");
        Assert.Equal([("Samia", "Mission Locale du quartier", 2, true), ("Yanis", null, 3, false)],
            seen.Ratings.Select(r => (r.RaterName, r.StructureName, r.Level, r.Mine)));
        Assert.Equal((2, 3), (seen.SpreadMin!.Value, seen.SpreadMax!.Value));
        Assert.True((await ViewAsync(_missionLocale)).RatingOpen);
        Assert.False((await ViewAsync(_observer)).RatingOpen);

        Assert.True((await _service.AgreeAsync(_coordinator, S1, "1.3", 3, "Les partenaires portent des actions")).Succeeded);
        var view = await ViewAsync(_observer);
        Assert.Equal((3, "Les partenaires portent des actions", "Camille"), (view.Conditions.Single(c => c.Code == "1.3").Agreed!.Level, view.Conditions.Single(c => c.Code == "1.3").Agreed!.Justification, view.Conditions.Single(c => c.Code == "1.3").Agreed!.RecordedByName));
        Assert.Equal((66.7m, 1), (view.Assessment!.Score!.Value, view.Assessment.AgreedCount));
        // the other Cité's same semester is its own, not opened
        Assert.Null((await ViewAsync(_outsider)).Assessment);
        Assert.Empty((await ViewAsync(_outsider)).History);
    }

    [Fact]
    public async Task AClosedAssessment_RefusesRatingsAndLevels_InFrench_AndKeepsWhatItHad()
    {
        Assert.True((await _service.OpenAsync(_coordinator, S1, AssessmentMode.Collective)).Succeeded);
        Assert.True((await _service.RateAsync(_missionLocale, S1, "2.1", 2, null)).Succeeded);
        foreach (var condition in ConditionGrid.Current.Conditions)
        {
            Assert.True((await _service.AgreeAsync(_coordinator, S1, condition.Code, condition.Code == "2.1" ? 2 : 4, "Constaté en séance")).Succeeded);
        }
        Assert.True((await _service.CloseAsync(_missionLocale, S1)).IsForbidden);
        Assert.True((await _service.CloseAsync(_coordinator, S1)).Succeeded);

        var rating = await _service.RateAsync(_missionLocale, S1, "2.1", 4, null);
        var agreed = await _service.AgreeAsync(_coordinator, S1, "2.1", 4, "Autre avis");

        const string closed = "L'auto-évaluation du semestre 2026-S1 est close : elle ne change plus.";
        Assert.Equal(closed, Assert.Single(rating.Errors.For(SelfAssessmentRules.StateField)));
        Assert.Equal(closed, Assert.Single(agreed.Errors.For(SelfAssessmentRules.StateField)));
        var condition21 = await ConditionAsync(_observer, "2.1");
        Assert.Equal((2, 2), (condition21.Agreed!.Level, Assert.Single(condition21.Ratings).Level));
        var view = await ViewAsync(_observer);
        Assert.Equal((AssessmentState.Clos, "Camille"), (view.Assessment!.State, view.Assessment.ClosedByName));
        var point = Assert.Single(view.History);
        Assert.Equal((S1, true, 13), (point.Period, point.Closed, point.Levels.Count));
        Assert.Equal(ConditionGrid.Current.Score(point.Levels), point.Score);
    }

    [Fact]
    public async Task TheCoordination_ReopensAClosedAssessment_WithAReason_KeptInTheCitesLog()
    {
        Assert.True((await _service.OpenAsync(_coordinator, S1, AssessmentMode.Coordination)).Succeeded);
        foreach (var condition in ConditionGrid.Current.Conditions)
        {
            Assert.True((await _service.AgreeAsync(_coordinator, S1, condition.Code, 3, "Constaté en séance")).Succeeded);
        }
        _clock.Now = new DateTimeOffset(2026, 6, 2, 8, 30, 0, TimeSpan.Zero);
        Assert.True((await _service.CloseAsync(_coordinator, S1)).Succeeded);
        Assert.True((await ViewAsync(_observer)).IsClosed);

        Assert.True((await _service.ReopenAsync(_missionLocale, S1, "Je ne suis pas d'accord")).IsForbidden);
        var noReason = await _service.ReopenAsync(_coordinator, S1, "");
        Assert.Equal("Dites pourquoi vous rouvrez l'auto-évaluation : la raison est gardée dans le journal de la Cité.", Assert.Single(noReason.Errors.For(SelfAssessmentRules.ReasonField)));
        Assert.True((await ViewAsync(_observer)).IsClosed); // nothing changed
        Assert.Empty((await ViewAsync(_observer)).Reopenings);

        _clock.Now = new DateTimeOffset(2026, 6, 5, 14, 0, 0, TimeSpan.Zero);
        Assert.True((await _service.ReopenAsync(_coordinator, S1, "Le COPIL du 4 juin a revu le copilotage")).Succeeded);

        var view = await ViewAsync(_observer);
        Assert.True(view.IsOpen);
        Assert.Equal(13, view.Assessment!.AgreedCount); // its levels stay
        var reopening = Assert.Single(view.Reopenings);
        Assert.Equal(_clock.Now, reopening.At);
        Assert.Equal("Auto-évaluation 2026-S1 rouverte par Camille ; close par Camille le 02/06/2026 à 10:30. Raison : Le COPIL du 4 juin a revu le copilotage", reopening.Detail);
        Assert.Equal("L'auto-évaluation du semestre 2026-S1 n'est pas close : il n'y a rien à rouvrir.",
            Assert.Single((await _service.ReopenAsync(_coordinator, S1, "Encore")).Errors.For(SelfAssessmentRules.StateField)));
        await using var db = database.NewContext();
        var logged = Assert.Single(db.SecurityEvents.Where(e => e.CiteId == _coordinator.CiteId));
        Assert.Equal((Web.Features.Security.SecurityEventKind.SelfAssessmentReopened, "coord"), (logged.Kind, logged.ActorUserId));
        Assert.Empty((await ViewAsync(_outsider)).Reopenings);
    }

    [Fact]
    public async Task BadInput_IsSaidInFrenchByField_AndNothingIsStored()
    {
        var quarter = await _service.OpenAsync(_coordinator, "2026-T1", AssessmentMode.Collective);
        var notOpened = await _service.RateAsync(_missionLocale, S1, "1.1", 2, null);
        Assert.Single(quarter.Errors.For(Period.Field));
        Assert.Equal("L'auto-évaluation du semestre 2026-S1 n'est pas ouverte : la coordination l'ouvre.", Assert.Single(notOpened.Errors.For(Period.Field)));

        Assert.True((await _service.OpenAsync(_coordinator, S1, AssessmentMode.Coordination)).Succeeded);
        var outside = await _service.AgreeAsync(_coordinator, S1, "1.1", 7, "Texte");
        var tooLong = await _service.AgreeAsync(_coordinator, S1, "1.1", 2, new string('x', SelfAssessmentRules.JustificationMaxLength + 1));
        var notSemester = await _service.AgreeAsync(_coordinator, "2026", "1.1", 2, "Texte");
        var alone = await _service.RateAsync(_missionLocale, S1, "1.1", 2, null);
        var twice = await _service.OpenAsync(_coordinator, S1, AssessmentMode.Collective);

        Assert.Equal("Le niveau 7 n'existe pas dans la grille : la condition 1.1 va du niveau 1 au niveau 4.", Assert.Single(outside.Errors.For(SelfAssessmentRules.LevelField)));
        Assert.Single(tooLong.Errors.For(SelfAssessmentRules.JustificationField));
        Assert.Contains("par semestre", Assert.Single(notSemester.Errors.For(Period.Field)), StringComparison.Ordinal);
        Assert.Contains("coordination seule", Assert.Single(alone.Errors.For(SelfAssessmentRules.ModeField)), StringComparison.Ordinal);
        Assert.Single(twice.Errors.For(Period.Field));
        var view = await ViewAsync(_coordinator);
        Assert.Equal((AssessmentMode.Coordination, 0), (view.Assessment!.Mode, view.Assessment.AgreedCount));
        Assert.All(view.Conditions, c => Assert.Empty(c.Ratings));
    }

    [Fact]
    public async Task ARating_IsAnnouncedOnItsCitesSelfAssessmentTopic_Only()
    {
        Assert.True((await _service.OpenAsync(_coordinator, S1, AssessmentMode.Collective)).Succeeded);
        var mine = new BusRecorder();
        var theirs = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.SelfAssessment(_coordinator.CiteId), mine.Handle));
        _subscriptions.Add(_bus.Subscribe(LiveTopics.SelfAssessment(_outsider.CiteId), theirs.Handle));

        Assert.True((await _service.RateAsync(_missionLocale, S1, "4.4", 3, null)).Succeeded);

        await mine.WaitForCountAsync(1);
        Assert.Equal(new ConditionRated(_coordinator.CiteId, S1, "4.4"), Assert.Single(mine.All));
        Assert.Empty(theirs.All);
    }
}
