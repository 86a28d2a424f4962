using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Sessions;

namespace CiteEmploi.Web.Components.Pages.Sessions;

/// <summary>
/// A session's details as typed: the date and times as text (« 12/03/2026 », « 9h30 »), read here with a French
/// message under the field when they cannot be; everything else (end before start, lengths, capacity) is the domain's.
/// </summary>
public sealed class SessionFormModel
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"];

    public SessionKind Kind { get; set; } = SessionKind.ComitePilotage;

    public string? Title { get; set; }

    public string? Date { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? Place { get; set; }

    public string? VideoLink { get; set; }

    public string? Capacity { get; set; }

    /// <summary>The template's key (creation only).</summary>
    public string TemplateKey { get; set; } = SessionTemplates.Empty.Key;

    public static SessionFormModel From(SessionDetails details) => new()
    {
        Kind = details.Kind,
        Title = details.Title,
        Date = details.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        Start = SessionDisplay.Time(details.StartTime),
        End = SessionDisplay.Time(details.EndTime),
        Place = details.Place,
        VideoLink = details.VideoLink,
        Capacity = details.Capacity?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A new session's form: the next week's day, 09:30 to 11:30.</summary>
    public static SessionFormModel ForNew(DateOnly today) => new()
    {
        Date = today.AddDays(7).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        Start = "09:30",
        End = "11:30",
    };

    /// <summary>The details, or null with <paramref name="errors"/> filled (keys: the domain's property names).</summary>
    public SessionDetails? ToDetails(ValidationErrors errors)
    {
        var date = ReadDate(Date);
        if (date is null)
        {
            errors.Add(nameof(Session.Date), "Saisissez une date valide au format jj/mm/aaaa (par exemple 12/03/2026).");
        }
        var start = ReadTime(Start);
        if (start is null)
        {
            errors.Add(nameof(Session.StartTime), "Saisissez l'heure de début au format hh:mm (par exemple 09:30).");
        }
        var end = ReadTime(End);
        if (end is null)
        {
            errors.Add(nameof(Session.EndTime), "Saisissez l'heure de fin au format hh:mm (par exemple 11:30).");
        }
        int? capacity = null;
        var capacityText = (Capacity ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
        if (capacityText.Length > 0)
        {
            if (int.TryParse(capacityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var places))
            {
                capacity = places;
            }
            else
            {
                errors.Add(nameof(Session.Capacity), $"La capacité est un nombre de places de 1 à {Session.MaxCapacity}, ou vide pour ne pas limiter.");
            }
        }
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new SessionDetails(Kind, Title ?? string.Empty, date!.Value, start!.Value, end!.Value, Place ?? string.Empty, VideoLink ?? string.Empty, capacity);
    }

    /// <summary>« 12/03/2026 », « 12/3/2026 » or « 2026-03-12 »; null otherwise (« 31/02/2026 » included).</summary>
    public static DateOnly? ReadDate(string? text) =>
        DateOnly.TryParseExact((text ?? string.Empty).Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>« 09:30 », « 9:30 », « 9h30 », « 9 h 30 », « 9h »; null otherwise.</summary>
    public static TimeOnly? ReadTime(string? text)
    {
        var cleaned = (text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant().Replace('h', ':');
        if (cleaned.EndsWith(':'))
        {
            cleaned += "00";
        }
        var parts = cleaned.Split(':');
        return parts.Length == 2 && parts[0].Length is 1 or 2 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && hours < 24 && minutes < 60
            ? new TimeOnly(hours, minutes)
            : null;
    }
}
