using System.Globalization;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>The diagnostic's numbers in French words (« 5 km », « 2,5 km », « 1 gratuit », « 3 gratuits »).</summary>
public static class CoverageTexts
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>« 5 km », « 2,5 km ».</summary>
    public static string Radius(double kilometres) => string.Create(French, $"{kilometres:0.##} km");

    /// <summary>« aucun gratuit », « 1 gratuit », « 3 gratuits ».</summary>
    public static string Count(int count, string singular, string plural) => count switch
    {
        0 => $"aucun {singular}",
        1 => $"1 {singular}",
        _ => string.Create(French, $"{count:N0} {plural}"),
    };

    /// <summary>
    /// A place's gaps in one sentence: « aucun service à moins de 5 km pour numérique, santé ; un seul pour mobilité », or
    /// « chaque frein a au moins deux services à moins de 5 km ». The barriers' labels as given (the caller lowers them).
    /// </summary>
    public static string Gaps(double radiusKm, IReadOnlyList<string> empty, IReadOnlyList<string> thin)
    {
        if (empty.Count == 0 && thin.Count == 0)
        {
            return $"chaque frein a au moins deux services à moins de {Radius(radiusKm)}";
        }
        var parts = new List<string>();
        if (empty.Count > 0)
        {
            parts.Add($"aucun service à moins de {Radius(radiusKm)} pour {string.Join(", ", empty)}");
        }
        if (thin.Count > 0)
        {
            parts.Add($"un seul pour {string.Join(", ", thin)}");
        }
        return string.Join(" ; ", parts);
    }
}
