using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.SelfAssessment;

/// <summary>
/// The demonstration Cité's self-assessments: the four semesters up to the last ended one, each filled by the
/// coordination and closed, a Cité that progresses (most conditions gain a level every semester or two, none above 4),
/// each justification saying it is invented, recorded « par » <see cref="RecordedBy"/> — never real. Idempotent: a
/// semester already assessed is left as it is. Called by <see cref="Demo.DemoLoader"/>.
/// </summary>
public sealed class DemoSelfAssessments(CiteDbContextFactory dbs, TimeProvider time)
{
    public const string RecordedBy = "Données fictives de démonstration";
    public const int Semesters = 4;

    // where each condition of the grid starts, in its order: co-piloting and the diagnostic started early, widening the
    // circle and outreach came later
    private static readonly int[] Start = [2, 1, 2, 1, 2, 1, 1, 2, 1, 2, 1, 1, 1];

    public async Task LoadAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var last = Period.Containing(DateOnly.FromDateTime(FrenchTime.Local(now)), PeriodKind.Semestre).Previous();
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var existing = (await db.SelfAssessments.AsNoTracking().Select(a => a.Period).ToListAsync(cancellationToken)).ToList();
        var grid = ConditionGrid.Current;
        var step = 0;
        foreach (var semester in last.LastOnes(Semesters))
        {
            if (!existing.Contains(semester))
            {
                var closedAt = FrenchTime.At(semester.End, new TimeOnly(17, 0));
                var assessment = Assessment.Open(access.CiteId, semester.Code, AssessmentMode.Coordination, existing, RecordedBy, closedAt.AddDays(-20));
                foreach (var (condition, i) in grid.Conditions.Select((c, i) => (c, i)))
                {
                    var level = Math.Min(4, Start[i % Start.Length] + ((step + (i % 2)) / 2));
                    assessment.Agree(condition.Code, level, $"Données fictives de démonstration : {condition.Find(level)?.Descriptor}", RecordedBy, closedAt.AddDays(-10));
                }
                assessment.Close(RecordedBy, closedAt);
                db.SelfAssessments.Add(assessment);
                existing.Add(semester);
            }
            step++;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
