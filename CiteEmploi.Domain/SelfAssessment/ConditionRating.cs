using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.SelfAssessment;

/// <summary>
/// One member's rating of one condition in a collective assessment: a level and an optional comment. One per member,
/// assessment and condition (a new rating replaces it); kept apart from the assessment so that many people rating at
/// once never touch the same row. The spread of the ratings (<see cref="Spread"/>) is what shows the dissent.
/// </summary>
public sealed class ConditionRating : AggregateRoot, ICiteOwned
{
    // EF Core materialisation
    private ConditionRating()
    {
        ConditionCode = UserId = RaterName = Comment = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public Guid AssessmentId { get; private set; }

    public string ConditionCode { get; private set; }

    public string UserId { get; private set; }

    public string RaterName { get; private set; }

    /// <summary>The rater's structure when they have one (« Mission Locale »), shown beside their name.</summary>
    public string? StructureName { get; private set; }

    public int Level { get; private set; }

    public string Comment { get; private set; }

    public DateTimeOffset RatedAt { get; private set; }

    /// <summary>A first rating of a condition by a member.</summary>
    /// <exception cref="DomainValidationException">See <see cref="Check"/>.</exception>
    public static ConditionRating Rate(Assessment assessment, string? conditionCode, int? level, string? comment, string userId, string raterName,
        string? structureName, DateTimeOffset now)
    {
        Check(assessment, conditionCode, level, comment);
        var rating = new ConditionRating
        {
            CiteId = assessment.CiteId,
            AssessmentId = assessment.Id,
            ConditionCode = assessment.Grid.Find(conditionCode)!.Code,
            UserId = userId,
        };
        rating.Apply(assessment, level!.Value, comment, raterName, structureName, now);
        return rating;
    }

    /// <summary>Replaces the member's rating of the same condition.</summary>
    public void Change(Assessment assessment, int? level, string? comment, string raterName, string? structureName, DateTimeOffset now)
    {
        if (assessment.Id != AssessmentId)
        {
            throw new InvalidOperationException("Une note ne change pas d'auto-évaluation.");
        }
        Check(assessment, ConditionCode, level, comment);
        Apply(assessment, level!.Value, comment, raterName, structureName, now);
    }

    /// <summary>The lowest and highest level given; null without ratings.</summary>
    public static (int Min, int Max)? Spread(IEnumerable<int> levels)
    {
        var all = levels.ToList();
        return all.Count == 0 ? null : (all.Min(), all.Max());
    }

    /// <exception cref="DomainValidationException">A closed assessment, one the coordination fills alone, an unknown condition, a level outside the grid, a too-long comment.</exception>
    private static void Check(Assessment assessment, string? conditionCode, int? level, string? comment)
    {
        assessment.EnsureOpen();
        if (assessment.Mode != AssessmentMode.Collective)
        {
            ValidationErrors.Refuse(SelfAssessmentRules.ModeField,
                $"L'auto-évaluation du semestre {assessment.Period.Code} est remplie par la coordination seule : les membres n'y notent pas.");
        }
        var errors = new ValidationErrors();
        SelfAssessmentRules.CheckLevel(assessment.Grid, conditionCode, level, errors);
        SelfAssessmentRules.CheckLength(comment, SelfAssessmentRules.CommentMaxLength, SelfAssessmentRules.CommentField, "Le commentaire", errors);
        errors.ThrowIfAny();
    }

    private void Apply(Assessment assessment, int level, string? comment, string raterName, string? structureName, DateTimeOffset now)
    {
        Level = level;
        Comment = (comment ?? string.Empty).Trim();
        RaterName = SelfAssessmentRules.Name(raterName);
        StructureName = structureName is null ? null : SelfAssessmentRules.Name(structureName);
        RatedAt = now;
        Raise(new ConditionRated(CiteId, assessment.Period.Code, ConditionCode));
    }
}

/// <summary>A member rated (or re-rated) a condition.</summary>
public sealed record ConditionRated(Guid CiteId, string Period, string ConditionCode) : IDomainEvent;
