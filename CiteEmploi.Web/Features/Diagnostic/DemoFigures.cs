using System.Globalization;
using System.Text;
using CiteEmploi.Web.Features.Access;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>
/// The demonstration Cité's territorial figures: invented values for its two fictional QPVs, imported through the same
/// file reader as anyone's, marked as demonstration and sourced « Données fictives de démonstration » — never real.
/// Called by <see cref="Demo.DemoLoader"/> once.
/// </summary>
public sealed class DemoFigures(FiguresService figures, TimeProvider time)
{
    public const string Source = "Données fictives de démonstration";

    // (QPV of the demonstration profile, indicator, value)
    private static readonly (string Qpv, string Indicator, string Value)[] Values =
    [
        ("QN99001M", "population", "4 300"),
        ("QN99001M", "chomage", "24,5"),
        ("QN99001M", "moins-26-ans", "38"),
        ("QN99001M", "familles-monoparentales", "31"),
        ("QN99001M", "pauvrete", "42,1"),
        ("QN99001M", "deld", "46"),
        ("QN99002M", "population", "2 850"),
        ("QN99002M", "chomage", "19,8"),
        ("QN99002M", "moins-26-ans", "34"),
        ("QN99002M", "familles-monoparentales", "27,5"),
        ("QN99002M", "pauvrete", "36,4"),
    ];

    public async Task LoadAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        // figures are published two years after the year they describe
        var year = (time.GetLocalNow().Year - 2).ToString(CultureInfo.InvariantCulture);
        var csv = new StringBuilder("qpv;indicateur;valeur;annee;source\n");
        foreach (var (qpv, indicator, value) in Values)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{qpv};{indicator};{value};{year};{Source}\n");
        }
        var result = await figures.ImportAsync(access, Encoding.UTF8.GetBytes(csv.ToString()), demonstration: true, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Le chargement des chiffres de démonstration a échoué : {string.Join(" ", result.Problems)}");
        }
    }
}
