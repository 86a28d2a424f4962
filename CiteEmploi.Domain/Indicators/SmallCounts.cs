using System.Globalization;

namespace CiteEmploi.Domain.Indicators;

/// <summary>
/// One figure of a breakdown as a cross-Cité screen or file shows it: a number, hidden (« &lt; 5 »), or not typed
/// (« non renseigné »). <see cref="Value"/> is null when hidden or missing, so nothing hidden travels further.
/// </summary>
public readonly record struct BreakdownCell(int? Value, bool Hidden)
{
    public static BreakdownCell Missing => new(null, false);

    public static BreakdownCell Masked => new(null, true);

    /// <summary>« 1 234 », « &lt; 5 » or « non renseigné ».</summary>
    public string Text => Hidden ? SmallCounts.HiddenText : Value is { } v ? v.ToString("N0", CultureInfo.GetCultureInfo("fr-FR")) : SmallCounts.MissingText;
}

/// <summary>
/// The statistical secrecy of the national view (docs/decisions/0029-national-indicators.md): in every screen and file
/// that shows several Cités, a breakdown figure from 1 to 4 people is hidden (« &lt; 5 »), and nothing hidden can be
/// recomputed by subtraction from what is shown:
/// <list type="bullet">
/// <item>femmes and hommes are one pair (together they often make the total): when one is hidden, so is the other;</item>
/// <item>a sum over several Cités (a region, a perimeter type, the nation) is shown only when none of the Cités'
/// figures it adds up is hidden, so every figure shown is a sum of figures shown; a sum from 1 to 4 is hidden too.</item>
/// </list>
/// The totals themselves (the indicator's value) are not breakdowns and are shown.
/// </summary>
public static class SmallCounts
{
    /// <summary>The smallest figure shown other than 0.</summary>
    public const int Threshold = 5;

    public const string HiddenText = "< 5";

    public const string MissingText = "non renseigné";

    public static bool IsSmall(int? value) => value is >= 1 and < Threshold;

    /// <summary>One Cité's breakdown protected, in <see cref="Breakdown.Parts"/>' order (femmes, hommes, moins de 26 ans, QPV, DELD).</summary>
    public static IReadOnlyList<BreakdownCell> Protect(Breakdown breakdown)
    {
        var cells = breakdown.Parts.Select(p => p.Value is null ? BreakdownCell.Missing : IsSmall(p.Value) ? BreakdownCell.Masked : new BreakdownCell(p.Value, false)).ToArray();
        // the sexes: one hidden, the other hidden with it (total − hommes would give femmes)
        if (cells[0].Hidden != cells[1].Hidden)
        {
            cells[0] = cells[0].Value is null && !cells[0].Hidden ? cells[0] : BreakdownCell.Masked;
            cells[1] = cells[1].Value is null && !cells[1].Hidden ? cells[1] : BreakdownCell.Masked;
        }
        return cells;
    }

    /// <summary>
    /// The sum of several Cités' protected cells for one part: missing when none is typed; hidden when any is hidden, or
    /// when the sum is from 1 to 4.
    /// </summary>
    public static BreakdownCell Sum(IEnumerable<BreakdownCell> cells)
    {
        var typed = cells.Where(c => c.Hidden || c.Value is not null).ToList();
        if (typed.Count == 0)
        {
            return BreakdownCell.Missing;
        }
        if (typed.Any(c => c.Hidden))
        {
            return BreakdownCell.Masked;
        }
        var sum = typed.Sum(c => c.Value!.Value);
        return IsSmall(sum) ? BreakdownCell.Masked : new BreakdownCell(sum, false);
    }
}
