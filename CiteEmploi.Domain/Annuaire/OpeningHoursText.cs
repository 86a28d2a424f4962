using System.Globalization;
using System.Text.RegularExpressions;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// Reads the common forms of OpenStreetMap <c>opening_hours</c> (the schema's <c>horaires_accueil</c>) aloud in French:
/// « Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00 » → « du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ;
/// samedi : 9 h – 12 h ». Anything it does not understand is left to be shown as typed (null).
/// </summary>
public static partial class OpeningHoursText
{
    private static readonly Dictionary<string, (int Order, string Name)> Days = new(StringComparer.Ordinal)
    {
        ["Mo"] = (0, "lundi"),
        ["Tu"] = (1, "mardi"),
        ["We"] = (2, "mercredi"),
        ["Th"] = (3, "jeudi"),
        ["Fr"] = (4, "vendredi"),
        ["Sa"] = (5, "samedi"),
        ["Su"] = (6, "dimanche"),
    };

    /// <summary>The French reading, or null when the text uses a form not handled here.</summary>
    public static string? ToFrench(string? openingHours)
    {
        if (string.IsNullOrWhiteSpace(openingHours))
        {
            return null;
        }
        var text = openingHours.Trim();
        if (text == "24/7")
        {
            return "tous les jours, 24 h sur 24";
        }
        var parts = new List<string>();
        foreach (var rule in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Rule(rule) is not { } french)
            {
                return null;
            }
            parts.Add(french);
        }
        return parts.Count == 0 ? null : string.Join(" ; ", parts);
    }

    /// <summary>
    /// When the service opens, read from the same forms as <see cref="ToFrench"/>: for each day of the week (0 = lundi)
    /// the spans open, in minutes from midnight. Null when the text is empty or uses a form not handled here (the
    /// diagnostic's « samedi » and « soir » filters then leave the service out rather than guess).
    /// </summary>
    public static WeekOpenings? Read(string? openingHours)
    {
        if (string.IsNullOrWhiteSpace(openingHours))
        {
            return null;
        }
        var text = openingHours.Trim();
        var week = new List<(int From, int To)>[7];
        for (var d = 0; d < 7; d++)
        {
            week[d] = [];
        }
        if (text == "24/7")
        {
            foreach (var day in week)
            {
                day.Add((0, 24 * 60));
            }
            return new WeekOpenings(week);
        }
        foreach (var rule in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = RuleRegex().Match(rule);
            if (!match.Success)
            {
                return null;
            }
            var days = match.Groups["days"].Success ? DayIndices(match.Groups["days"].Value) : [0, 1, 2, 3, 4, 5, 6];
            if (days is null)
            {
                return null;
            }
            var times = match.Groups["times"].Value.Trim();
            var spans = new List<(int, int)>();
            if (times is "off" or "closed")
            {
                foreach (var d in days)
                {
                    week[d].Clear();
                }
                continue;
            }
            foreach (var span in times.Length == 0 ? ["00:00-24:00"] : times.Split(',', StringSplitOptions.TrimEntries))
            {
                var bounds = span.Split('-');
                if (bounds.Length != 2 || Minutes(bounds[0]) is not { } from || Minutes(bounds[1]) is not { } to)
                {
                    return null;
                }
                spans.Add((from, to));
            }
            foreach (var d in days)
            {
                // a later rule for the same day replaces an earlier one, as in OpenStreetMap
                week[d] = [.. spans];
            }
        }
        return new WeekOpenings(week);
    }

    private static int[]? DayIndices(string selector)
    {
        var days = new SortedSet<int>();
        foreach (var piece in selector.Split(',', StringSplitOptions.TrimEntries))
        {
            if (piece == "PH")
            {
                continue;
            }
            var range = piece.Split('-');
            if (range.Length == 1 && Days.TryGetValue(range[0], out var day))
            {
                days.Add(day.Order);
            }
            else if (range.Length == 2 && Days.TryGetValue(range[0], out var first) && Days.TryGetValue(range[1], out var last))
            {
                for (var d = first.Order; d != (last.Order + 1) % 7; d = (d + 1) % 7)
                {
                    days.Add(d);
                }
            }
            else
            {
                return null;
            }
        }
        return [.. days];
    }

    private static int? Minutes(string hhmm)
    {
        var match = TimeRegex().Match(hhmm.Trim());
        if (!match.Success)
        {
            return null;
        }
        var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return hours > 24 || minutes > 59 ? null : (hours * 60) + minutes;
    }

    private static string? Rule(string rule)
    {
        var match = RuleRegex().Match(rule);
        if (!match.Success)
        {
            return null;
        }
        var days = match.Groups["days"].Success ? DaySelector(match.Groups["days"].Value) : "tous les jours";
        if (days is null)
        {
            return null;
        }
        var times = match.Groups["times"].Value.Trim();
        if (times is "off" or "closed")
        {
            return $"{days} : fermé";
        }
        if (times.Length == 0)
        {
            return days;
        }
        var spans = new List<string>();
        foreach (var span in times.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = span.Split('-');
            if (bounds.Length != 2 || Time(bounds[0]) is not { } from || Time(bounds[1]) is not { } to)
            {
                return null;
            }
            spans.Add($"{from} – {to}");
        }
        return $"{days} : {string.Join(" et ", spans)}";
    }

    private static string? DaySelector(string selector)
    {
        var pieces = new List<string>();
        foreach (var piece in selector.Split(',', StringSplitOptions.TrimEntries))
        {
            if (piece == "PH")
            {
                pieces.Add("les jours fériés");
                continue;
            }
            var range = piece.Split('-');
            if (range.Length == 1 && Days.TryGetValue(range[0], out var day))
            {
                pieces.Add(day.Name);
            }
            else if (range.Length == 2 && Days.TryGetValue(range[0], out var first) && Days.TryGetValue(range[1], out var last))
            {
                pieces.Add($"du {first.Name} au {last.Name}");
            }
            else
            {
                return null;
            }
        }
        return pieces.Count switch
        {
            0 => null,
            1 => pieces[0],
            _ => string.Join(", ", pieces[..^1]) + " et " + pieces[^1],
        };
    }

    private static string? Time(string hhmm) => Minutes(hhmm) is not { } total
        ? null
        : total % 60 == 0 ? $"{total / 60} h" : $"{total / 60} h {total % 60:00}";

    [GeneratedRegex(@"^(?:(?<days>(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:[-,](?:Mo|Tu|We|Th|Fr|Sa|Su|PH))*)\s*)?(?<times>.*)$")]
    private static partial Regex RuleRegex();

    [GeneratedRegex(@"^([0-9]{1,2}):([0-9]{2})$")]
    private static partial Regex TimeRegex();
}

/// <summary>The spans a service is open on each day of the week (0 = lundi … 6 = dimanche), in minutes from midnight.</summary>
public sealed class WeekOpenings(IReadOnlyList<IReadOnlyList<(int From, int To)>> days)
{
    /// <summary>From this time on (18 h) an opening is « en soirée ».</summary>
    public const int EveningFrom = 18 * 60;

    public IReadOnlyList<IReadOnlyList<(int From, int To)>> Days { get; } = days;

    /// <summary>Open at some time on Saturday.</summary>
    public bool OnSaturday => Days[5].Count > 0;

    /// <summary>Open after 18 h on some day.</summary>
    public bool InTheEvening => Days.Any(d => d.Any(s => s.To > EveningFrom));
}
