using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Web.Components.Shared;

/// <summary>The periods a page that looks back offers (the cooperation map, the referrals).</summary>
public static class PeriodChoices
{
    /// <summary>
    /// This year and the two before, each year then its semesters and quarters latest first, none to come; and
    /// <paramref name="asked"/> first when it is none of them (an address typed or shared).
    /// </summary>
    public static IReadOnlyList<Period> Recent(DateOnly today, Period asked)
    {
        var choices = new List<Period>();
        for (var y = today.Year; y >= today.Year - 2; y--)
        {
            choices.Add(Period.OfYear(y));
            choices.AddRange(new[] { Period.Semester(y, 2), Period.Semester(y, 1) }.Concat(Enumerable.Range(1, 4).Reverse().Select(q => Period.Quarter(y, q)))
                .Where(p => p.Start <= today));
        }
        if (asked.Year != 0 && !choices.Contains(asked))
        {
            choices.Insert(0, asked);
        }
        return choices;
    }
}
