using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.National;

/// <summary>
/// One Cité's self-assessment for the semester as the national view shows it: its agreed levels and score once closed
/// (<see cref="IsClosed"/>), « en cours » while it is being filled (nothing shown: its levels are not agreed yet), or
/// « non renseigné »; and its last closed one up to that semester, for a Cité that skipped it.
/// </summary>
public sealed record NationalAssessmentRow(Guid CiteId, string Name, string Region, PerimeterType Perimeter, AssessmentState? State, decimal? Score,
    IReadOnlyDictionary<string, int> Levels, string? LastClosedPeriod, decimal? LastClosedScore)
{
    public bool IsClosed => State == AssessmentState.Clos;
}

/// <summary>A group of Cités (a region, a perimeter type, the nation): how many, how many closed the semester, the median score and the median level of each condition.</summary>
public sealed record NationalAssessmentGroup(string Label, int Cites, int Assessed, decimal? MedianScore, IReadOnlyDictionary<string, decimal?> MedianLevels);

/// <summary>The self-assessment levels across Cités for one semester (plain data: it crosses from the prerender to the interactive page).</summary>
public sealed record NationalSelfAssessmentView(string SemesterCode, string GridVersion, IReadOnlyList<string> Conditions, IReadOnlyList<NationalAssessmentRow> Cites,
    NationalAssessmentGroup Nation, IReadOnlyList<NationalAssessmentGroup> ByRegion, IReadOnlyList<NationalAssessmentGroup> ByPerimeter)
{
    public Period Semester => Period.Parse(SemesterCode);
}

/// <summary>
/// The self-assessment on the conditions of success across the active Cités (docs/decisions/0034), for the national
/// role and the administrators: per Cité its closed assessment of the semester (score and levels), by region and by
/// perimeter type (Cités assessed, median score, median level per condition). Levels are a Cité's judgement of itself,
/// not counts of people: the small-count masks (<see cref="SmallCounts"/>) do not apply to them.
/// </summary>
public sealed class NationalSelfAssessmentService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The semester the page and the files open on: the last one that has ended (assessments are closed after it).</summary>
    public Period DefaultSemester => Period.Containing(DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow())), PeriodKind.Semestre).Previous();

    public async Task<NationalSelfAssessmentView> ViewAsync(Period semester, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cites = await NationalIndicatorService.CitesAsync(db, cancellationToken);
        var ids = cites.Select(c => c.Id).ToHashSet();
        var assessments = (await db.SelfAssessments.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.CiteId)).ToListAsync(cancellationToken))
            .Where(a => a.Period.Kind == PeriodKind.Semestre && a.Period.Start <= semester.Start)
            .ToLookup(a => a.CiteId);
        var grid = ConditionGrid.Current;
        var codes = grid.Conditions.Select(c => c.Code).ToList();

        var rows = cites.Select(c =>
        {
            var mine = assessments[c.Id].ToList();
            var current = mine.FirstOrDefault(a => a.Period == semester);
            var last = mine.Where(a => a.IsClosed).MaxBy(a => a.Period.Start);
            return new NationalAssessmentRow(c.Id, c.Name, c.Region, c.Perimeter, current?.State, current is { IsClosed: true } ? current.Score : null,
                current is { IsClosed: true } ? current.Levels : new Dictionary<string, int>(), last?.Period.Code, last?.Score);
        }).ToList();

        NationalAssessmentGroup Group(string label, IReadOnlyList<NationalAssessmentRow> group)
        {
            var closed = group.Where(r => r.IsClosed).ToList();
            return new NationalAssessmentGroup(label, group.Count, closed.Count, IndicatorStatistics.Median([.. closed.Where(r => r.Score is not null).Select(r => r.Score!.Value)]),
                codes.ToDictionary(code => code, code => IndicatorStatistics.Median([.. closed.Where(r => r.Levels.ContainsKey(code)).Select(r => (decimal)r.Levels[code])]), StringComparer.Ordinal));
        }

        return new NationalSelfAssessmentView(semester.Code, grid.Version, codes, rows, Group("France entière", rows),
            [.. NationalIndicatorService.ByRegion(rows, r => r.Region).Select(g => Group(g.Key, [.. g]))],
            [.. Enum.GetValues<PerimeterType>().Select(t => Group(t.Label(), [.. rows.Where(r => r.Perimeter == t)]))]);
    }
}
