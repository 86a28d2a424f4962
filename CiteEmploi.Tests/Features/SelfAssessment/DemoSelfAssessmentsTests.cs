using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.SelfAssessment;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features.SelfAssessment;

/// <summary>The demonstration Cité's self-assessments: four semesters closed, a progression, labelled, loaded once.</summary>
public sealed class DemoSelfAssessmentsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task FourClosedSemesters_ThatProgress_Labelled_AndLoadedOnlyOnce()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var access = await database.SeedDemoCiteAsync(clock.Now);
        var dbs = new CiteDbContextFactory(new TestDbContextFactory(database));
        var demo = new DemoSelfAssessments(dbs, clock);

        await demo.LoadAsync(access);
        await demo.LoadAsync(access);

        await using var read = database.NewContext();
        var assessments = (await read.SelfAssessments.IgnoreQueryFilters().Where(a => a.CiteId == access.CiteId).ToListAsync()).OrderBy(a => a.Period.Start).ToList();
        // the four semesters up to the last ended one (2026-S1 on 7 December 2026)
        Assert.Equal(Period.Semester(2026, 1).LastOnes(4), assessments.Select(a => a.Period));
        Assert.All(assessments, a => Assert.Equal((AssessmentState.Clos, 13, DemoSelfAssessments.RecordedBy), (a.State, a.Agreed.Count, a.ClosedByName)));
        Assert.All(assessments.SelectMany(a => a.Agreed), l => Assert.StartsWith("Données fictives de démonstration", l.Justification, StringComparison.Ordinal));
        var scores = assessments.Select(a => a.Score!.Value).ToList();
        Assert.Equal(scores.Order(), scores); // a Cité that progresses
        Assert.True(scores[^1] > scores[0]);
        Assert.All(assessments.Zip(assessments.Skip(1)), pair => Assert.All(pair.First.Levels, l => Assert.True(pair.Second.Levels[l.Key] >= l.Value)));

        // the page shows them as its history, the radar's semesters
        var view = (await new SelfAssessmentService(dbs, clock).ViewAsync(access, Period.Semester(2026, 1)))!;
        Assert.Equal(["2024-S2", "2025-S1", "2025-S2", "2026-S1"], view.History.Select(h => h.Period));
    }
}
