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

    private static string? Time(string hhmm)
    {
        var match = TimeRegex().Match(hhmm.Trim());
        if (!match.Success)
        {
            return null;
        }
        var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (hours > 24 || minutes > 59)
        {
            return null;
        }
        return minutes == 0 ? $"{hours} h" : $"{hours} h {minutes:00}";
    }

    [GeneratedRegex(@"^(?:(?<days>(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:[-,](?:Mo|Tu|We|Th|Fr|Sa|Su|PH))*)\s*)?(?<times>.*)$")]
    private static partial Regex RuleRegex();

    [GeneratedRegex(@"^([0-9]{1,2}):([0-9]{2})$")]
    private static partial Regex TimeRegex();
}
