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
}
