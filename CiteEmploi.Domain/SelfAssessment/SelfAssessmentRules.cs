using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Domain.SelfAssessment;

/// <summary>
/// The rules of a self-assessment and its ratings, in French by field: the semester, the condition, the level, the
/// texts, the state. Nothing is changed when one refuses.
/// </summary>
public static class SelfAssessmentRules
{
    public const int JustificationMaxLength = 2_000;
    public const int CommentMaxLength = 500;
    public const int NameMaxLength = 120;
    public const int ReasonMaxLength = 300;

    public const string ConditionField = "Condition";
    public const string LevelField = "Level";
    public const string JustificationField = "Justification";
    public const string CommentField = "Comment";
    public const string StateField = "State";
    public const string ModeField = "Mode";
    public const string ReasonField = "Reason";

    /// <summary>The semester of a code; any other period is refused (an assessment is made each semester).</summary>
    /// <exception cref="DomainValidationException">Not a period, or not a semester, on <see cref="Period.Field"/>.</exception>
    public static Period Semester(string? code)
    {
        var period = Period.Parse(code);
        if (period.Kind != PeriodKind.Semestre)
        {
            ValidationErrors.Refuse(Period.Field,
                $"L'auto-évaluation se fait par semestre : choisissez un semestre comme {period.Year}-S1 ou {period.Year}-S2 (« {period.Code} » donné).");
        }
        return period;
    }

    /// <summary>Adds the errors of a level of <paramref name="code"/> in <paramref name="grid"/>.</summary>
    public static void CheckLevel(ConditionGrid grid, string? code, int? level, ValidationErrors errors)
    {
        var condition = grid.Find(code);
        if (condition is null)
        {
            errors.Add(ConditionField, $"La condition « {Text.Clean(code)} » n'existe pas dans la grille {grid.Version}.");
            return;
        }
        var (min, max) = (condition.Levels.Min(l => l.Level), condition.Levels.Max(l => l.Level));
        if (level is null)
        {
            errors.Add(LevelField, $"Choisissez un niveau de {min} à {max} pour la condition {condition.Code}.");
        }
        else if (condition.Find(level.Value) is null)
        {
            errors.Add(LevelField, $"Le niveau {level} n'existe pas dans la grille : la condition {condition.Code} va du niveau {min} au niveau {max}.");
        }
    }

    /// <summary>Adds an error when <paramref name="text"/> (trimmed) is longer than <paramref name="max"/>.</summary>
    public static void CheckLength(string? text, int max, string field, string what, ValidationErrors errors)
    {
        var length = (text ?? string.Empty).Trim().Length;
        if (length > max)
        {
            errors.Add(field, $"{what} compte au plus {max} caractères (actuellement {length}).");
        }
    }

    public static string ClosedMessage(Period period) =>
        $"L'auto-évaluation du semestre {period.Code} est close : elle ne change plus.";

    /// <summary>A name as stored beside what someone did (cut to <see cref="NameMaxLength"/>).</summary>
    public static string Name(string? name)
    {
        var clean = Text.Clean(name);
        return clean.Length > NameMaxLength ? clean[..NameMaxLength] : clean;
    }
}
