using System.Globalization;
using System.Text;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using Ical.Net;
using Calendar = Ical.Net.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>Who sends a session's invitations (the ICS ORGANIZER): the Cité's coordinator contact.</summary>
public sealed record CalendarOrganizer(string Name, string Email);

/// <summary>
/// What a session's calendar file says beside the session: <paramref name="Host"/> (the app's public host, part of the
/// event's UID), the session page's address, the organizer, and the instant it is written (DTSTAMP).
/// </summary>
public sealed record SessionCalendarContext(string Host, string SessionUrl, CalendarOrganizer? Organizer, DateTimeOffset Now);

/// <summary>
/// A session as an iCalendar file (RFC 5545, iTIP RFC 5546): one VEVENT in Europe/Paris time (with its VTIMEZONE), whose
/// UID comes from the session's id and the app's host and never changes, so a calendar that received the invitation
/// updates the same event when the time or the place moves (SEQUENCE is <see cref="Session.Sequence"/>, incremented by
/// every such change) and removes it on a cancellation (METHOD:CANCEL, STATUS:CANCELLED, the next SEQUENCE). The
/// invitation by e-mail is a REQUEST; the file downloaded from the session page a PUBLISH (nothing to answer).
/// Also reads the first event of a file someone imports (<see cref="Read"/>).
/// </summary>
public static class SessionCalendar
{
    public const string TimeZoneId = "Europe/Paris";

    /// <summary>The largest .ics accepted for an import: an invitation is a few kilobytes.</summary>
    public const int MaxImportBytes = 256 * 1024;

    /// <summary>Why a file larger than <see cref="MaxImportBytes"/> is not read.</summary>
    public static readonly string TooLarge =
        $"Le fichier dépasse {MaxImportBytes / 1024} Ko : une invitation de calendrier (.ics) en fait quelques-uns. Choisissez le fichier de l'invitation elle-même.";

    /// <summary>The event's UID: the session's id at the app's host (stable across updates, distinct between servers).</summary>
    public static string Uid(Guid sessionId, string host) => $"seance-{sessionId:N}@{(string.IsNullOrWhiteSpace(host) ? "citeemploi" : host.Trim().ToLowerInvariant())}";

    /// <summary>
    /// The calendar of <paramref name="session"/>: a REQUEST when <paramref name="invitation"/> (sent by e-mail), a PUBLISH
    /// otherwise; a CANCEL once the session is cancelled. The attendees are <paramref name="attendees"/> when given (the
    /// one person an e-mail goes to), otherwise every invited person with an e-mail address.
    /// </summary>
    public static string Write(Session session, SessionCalendarContext context, bool invitation, IReadOnlyCollection<SessionParticipant>? attendees = null)
    {
        var cancelled = session.State == SessionState.Annulee;
        var calendar = new Calendar
        {
            ProductId = "-//CiteEmploi//Seances//FR",
            Method = cancelled ? CalendarMethods.Cancel : invitation ? CalendarMethods.Request : CalendarMethods.Publish,
        };
        // the zone's rules from a year before the session (or now, if earlier): what a calendar needs to place it
        var earliest = new DateTime(Math.Min(session.Date.Year, context.Now.Year), 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        calendar.AddTimeZone(TimeZoneId, earliest, includeHistoricalData: false);

        var link = session.VideoLink;
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(session.Id, context.Host),
            Sequence = session.Sequence,
            DtStamp = new CalDateTime(context.Now.UtcDateTime, CalDateTime.UtcTzId),
            DtStart = new CalDateTime(session.Date, session.StartTime, TimeZoneId),
            DtEnd = new CalDateTime(session.Date, session.EndTime, TimeZoneId),
            Summary = session.Title,
            Description = Description(session, context),
            Location = session.Place.Length > 0 ? session.Place : link.Length > 0 ? link : null,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Transparency = TransparencyType.Opaque,
        };
        if (Uri.TryCreate(context.SessionUrl, UriKind.Absolute, out var page))
        {
            calendarEvent.Url = page;
        }
        if (context.Organizer is { } organizer && organizer.Email.Length > 0)
        {
            calendarEvent.Organizer = new Organizer("mailto:" + organizer.Email) { CommonName = organizer.Name };
        }
        foreach (var participant in (attendees ?? session.Participants).Where(p => p.Email.Length > 0))
        {
            calendarEvent.Attendees.Add(new Attendee("mailto:" + participant.Email)
            {
                CommonName = participant.Name,
                Role = ParticipationRole.RequiredParticipant,
                ParticipationStatus = PartStat(participant.Answer),
                Rsvp = invitation && !cancelled && participant.Answer == InvitationAnswer.EnAttente,
            });
        }
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>The attendee's PARTSTAT for an answer: not yet given, yes, no, maybe.</summary>
    public static string PartStat(InvitationAnswer answer) => answer switch
    {
        InvitationAnswer.Oui => EventParticipationStatus.Accepted,
        InvitationAnswer.Non => EventParticipationStatus.Declined,
        InvitationAnswer.PeutEtre => EventParticipationStatus.Tentative,
        _ => EventParticipationStatus.NeedsAction,
    };

    /// <summary>The file's name: « seance-2026-04-02-qui-fait-quoi.ics ».</summary>
    public static string FileName(Session session) =>
        string.Create(CultureInfo.InvariantCulture, $"seance-{session.Date:yyyy-MM-dd}-{Text.Slugify(session.Title, 60)}.ics");

    // The agenda as plain text (a calendar shows DESCRIPTION as typed): each item with its planned start and length.
    private static string Description(Session session, SessionCalendarContext context)
    {
        var text = new StringBuilder();
        var schedule = session.ScheduleAt(context.Now);
        if (schedule.Items.Count > 0)
        {
            text.Append("Ordre du jour :\n");
            foreach (var row in schedule.Items)
            {
                text.Append(row.Depth > 0 ? "    " : string.Empty)
                    .Append(CultureInfo.InvariantCulture, $"{row.PlannedStart:HH\\:mm} {row.Number}. {row.Item.Title} ({row.Minutes} min)");
                if (row.Item.PresenterName.Length > 0)
                {
                    text.Append(" — ").Append(row.Item.PresenterName);
                }
                text.Append('\n');
            }
        }
        else
        {
            text.Append("L'ordre du jour sera communiqué par la coordination.\n");
        }
        if (session.VideoLink.Length > 0)
        {
            text.Append("\nVisioconférence : ").Append(session.VideoLink).Append('\n');
        }
        if (context.SessionUrl.Length > 0)
        {
            text.Append("\nLa séance sur CiteEmploi : ").Append(context.SessionUrl).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }

    // ---- import ----

    /// <summary>
    /// Reads the first event of an iCalendar file as a session's details (the French date and times of its start and
    /// end, its place or video link, its description); the errors say in French why a file gives none: larger than
    /// <see cref="MaxImportBytes"/>, not an iCalendar, without an event, without a start time, ending before it starts
    /// or on another day.
    /// </summary>
    public static (ImportedEvent? Event, string? Error) Read(byte[] file)
    {
        if (file.Length > MaxImportBytes)
        {
            return (null, TooLarge);
        }
        var content = Encoding.UTF8.GetString(file).TrimStart('\uFEFF');
        if (!content.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "Ce fichier n'est pas un calendrier iCalendar (.ics) : il doit commencer par « BEGIN:VCALENDAR ». Exportez l'invitation depuis votre agenda au format .ics.");
        }
        Calendar? calendar;
        try
        {
            calendar = CalendarCollection.Load(content).FirstOrDefault();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, "Ce fichier n'est pas un calendrier iCalendar (.ics) lisible : son contenu est abîmé ou d'un autre format.");
        }
        if (calendar is null)
        {
            return (null, "Ce fichier n'est pas un calendrier iCalendar (.ics) lisible : son contenu est abîmé ou d'un autre format.");
        }
        var found = calendar.Events.FirstOrDefault();
        if (found is null)
        {
            return (null, "Ce calendrier ne contient aucun événement (VEVENT) : rien à importer.");
        }
        if (found.DtStart is not { HasTime: true } start)
        {
            return (null, "L'événement n'a pas d'heure de début (il dure toute la journée, ou sa date manque) : créez la séance avec le formulaire.");
        }
        DateTime from, to;
        try
        {
            from = French(start);
            to = found.DtEnd is { HasTime: true } end ? French(end)
                : found.Duration is { } duration ? French(start.Add(duration))
                : from.AddHours(1);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, $"Le fuseau horaire « {start.TzId} » de l'événement est inconnu : l'heure ne peut pas être convertie en heure de Paris.");
        }
        if (to == from)
        {
            return (null, "L'événement finit à l'heure où il commence : il n'a pas de durée. Corrigez-le dans votre agenda.");
        }
        if (to < from)
        {
            return (null, string.Create(CultureInfo.GetCultureInfo("fr-FR"),
                $"L'événement finit avant de commencer (fin le {to:dd/MM/yyyy 'à' HH:mm}, début le {from:dd/MM/yyyy 'à' HH:mm}) : corrigez-le dans votre agenda."));
        }
        if (DateOnly.FromDateTime(to) != DateOnly.FromDateTime(from) && to != from.Date.AddDays(1))
        {
            return (null, "L'événement dure plusieurs jours : une séance commence et finit le même jour.");
        }
        var location = Text.Clean(found.Location);
        var isLink = Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
        // the event's URL is its page (ours points to the session page), not a video link: only LOCATION says where to join
        var link = isLink ? location : string.Empty;
        return (new ImportedEvent(
            Clip(Text.Clean(found.Summary), Session.TitleMaxLength) is { Length: > 0 } title ? title : "Séance importée",
            DateOnly.FromDateTime(from),
            TimeOnly.FromDateTime(from),
            to == from.Date.AddDays(1) ? new TimeOnly(23, 59) : TimeOnly.FromDateTime(to),
            isLink ? string.Empty : Clip(location, Session.PlaceMaxLength),
            link.Length <= Session.VideoLinkMaxLength ? link : string.Empty,
            Clip((found.Description ?? string.Empty).Trim(), Session.ItemDescriptionMaxLength)), null);
    }

    // A time as French wall-clock time: a floating time (no zone) is taken as French already.
    private static DateTime French(CalDateTime value) =>
        value.IsFloating ? value.Value : value.ToTimeZone(TimeZoneId).Value;

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max].TrimEnd();
}

/// <summary>The first event of an imported .ics, as a session's details in French time.</summary>
public sealed record ImportedEvent(string Title, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Place, string VideoLink, string Description);
