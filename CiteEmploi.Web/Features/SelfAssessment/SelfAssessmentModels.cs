using CiteEmploi.Domain.SelfAssessment;

namespace CiteEmploi.Web.Features.SelfAssessment;

/// <summary>One member's rating as others see it (no account id): name, structure, level, comment, and whether it is the reader's.</summary>
public sealed record RatingView(string RaterName, string? StructureName, int Level, string Comment, bool Mine);

/// <summary>
/// One condition of the grid for one semester: its wording, weight and levels, the agreed level (or null), the ratings
/// and their spread (the dissent: lowest and highest level given).
/// </summary>
public sealed record ConditionView(string Code, int Theme, string Title, int Weight, IReadOnlyList<GridLevel> Levels, AgreedLevel? Agreed,
    IReadOnlyList<RatingView> Ratings, int? SpreadMin, int? SpreadMax)
{
    public RatingView? Mine => Ratings.FirstOrDefault(r => r.Mine);

    public int MaxScore => Levels.Max(l => l.Score);

    public GridLevel? Level(int level) => Levels.FirstOrDefault(l => l.Level == level);
}

/// <summary>An assessment's state as shown (codes, not domain types, so it crosses the prerender as JSON).</summary>
public sealed record AssessmentSummary(string Period, string GridVersion, AssessmentMode Mode, AssessmentState State, string OpenedByName,
    DateTimeOffset OpenedAt, string? ClosedByName, DateTimeOffset? ClosedAt, decimal? Score, int AgreedCount);

/// <summary>One semester's agreed levels and score, for the radar over time.</summary>
public sealed record AssessmentPoint(string Period, IReadOnlyDictionary<string, int> Levels, decimal? Score, bool Closed);

/// <summary>A reopening of the semester's assessment as the Cité's log keeps it: when, and the line (who, who had closed it and when, why).</summary>
public sealed record AssessmentReopening(DateTimeOffset At, string Detail);

/// <summary>
/// The self-assessment page for one semester: the grid (themes, conditions), the semester's assessment (null: not
/// opened), every semester's levels for the radar, the reopenings of this semester, and what the person may do.
/// </summary>
public sealed record SelfAssessmentView(string Period, string GridVersion, AssessmentSummary? Assessment, IReadOnlyList<GridTheme> Themes,
    IReadOnlyList<ConditionView> Conditions, IReadOnlyList<AssessmentPoint> History, bool CanLead, bool CanRate,
    IReadOnlyList<AssessmentReopening> Reopenings)
{
    public bool IsClosed => Assessment is { State: AssessmentState.Clos };

    public bool IsOpen => Assessment is { State: AssessmentState.EnCours };

    /// <summary>Members rate while a collective assessment is open.</summary>
    public bool RatingOpen => CanRate && Assessment is { State: AssessmentState.EnCours, Mode: AssessmentMode.Collective };
}
