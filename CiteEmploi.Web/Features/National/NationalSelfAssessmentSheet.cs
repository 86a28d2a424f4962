using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.National;

/// <summary>
/// The self-assessment levels across Cités as a file (CSV and XLSX, <see cref="SheetFiles"/>): one line per Cité (state,
/// score, the level of each condition, its last closed assessment), then per region, per perimeter type and for France
/// (Cités assessed, median score and levels). « non renseigné » where a Cité has no closed assessment, never 0.
/// </summary>
public static class NationalSelfAssessmentSheet
{
    public const string SheetName = "Auto-evaluation";

    public static IReadOnlyList<string> Columns(NationalSelfAssessmentView view) =>
    [
        "niveau", "nom", "region", "perimetre", "semestre", "grille", "etat", "score", .. view.Conditions.Select(c => $"condition_{c.Replace('.', '_')}"),
        "cites", "cites_evaluees", "derniere_close", "score_derniere_close",
    ];

    public static string FileName(NationalSelfAssessmentView view, string extension) => $"auto-evaluation-nationale-{view.SemesterCode}.{extension}";

    public static IEnumerable<IReadOnlyList<SheetCell>> Rows(NationalSelfAssessmentView view)
    {
        foreach (var cite in view.Cites)
        {
            yield return
            [
                SheetCell.Of("Cité"), SheetCell.Typed(cite.Name), SheetCell.Of(cite.Region), SheetCell.Of(cite.Perimeter.Label()), SheetCell.Of(view.SemesterCode),
                SheetCell.Of(view.GridVersion), SheetCell.Of(StateText(cite.State)), SheetCell.Of(cite.Score, SmallCounts.MissingText),
                .. view.Conditions.Select(c => SheetCell.Of(cite.Levels.TryGetValue(c, out var level) ? level : null, SmallCounts.MissingText)),
                SheetCell.Of(string.Empty), SheetCell.Of(string.Empty), SheetCell.Of(cite.LastClosedPeriod ?? SmallCounts.MissingText),
                SheetCell.Of(cite.LastClosedScore, SmallCounts.MissingText),
            ];
        }
        foreach (var (level, group) in view.ByRegion.Select(g => ("Région", g)).Concat(view.ByPerimeter.Select(g => ("Périmètre", g))).Append(("France", view.Nation)))
        {
            yield return
            [
                SheetCell.Of(level), SheetCell.Of(group.Label), SheetCell.Of(level == "Région" ? group.Label : string.Empty),
                SheetCell.Of(level == "Périmètre" ? group.Label : string.Empty), SheetCell.Of(view.SemesterCode), SheetCell.Of(view.GridVersion),
                SheetCell.Of("médiane des Cités évaluées"), SheetCell.Of(group.MedianScore, SmallCounts.MissingText),
                .. view.Conditions.Select(c => SheetCell.Of(group.MedianLevels.GetValueOrDefault(c), SmallCounts.MissingText)),
                SheetCell.Of(group.Cites, string.Empty), SheetCell.Of(group.Assessed, string.Empty), SheetCell.Of(string.Empty), SheetCell.Of(string.Empty),
            ];
        }
    }

    /// <summary>« close », « en cours » or « non renseigné ».</summary>
    public static string StateText(AssessmentState? state) => state switch
    {
        AssessmentState.Clos => "close",
        AssessmentState.EnCours => "en cours",
        _ => SmallCounts.MissingText,
    };
}
