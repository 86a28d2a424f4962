using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CiteEmploi.Web.Features.Roadmap.Export;

/// <summary>
/// The plan's dates as an iCalendar file (RFC 5545) a calendar can import or subscribe to: one all-day VEVENT per
/// milestone and per action's due date. UIDs are derived from the ids (the milestone's, the action's), never from a
/// counter or the title, so importing the file again or refreshing a subscription updates the events rather than
/// adding copies; a renamed milestone stays the same event.
/// </summary>
public static class PlanCalendar
{
    public static string Write(PlanView plan, string planUrl, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//CiteEmploi//Feuille de route//FR" };
        calendar.AddProperty("X-WR-CALNAME", plan.Title);
        var stamp = new CalDateTime(now.UtcDateTime);
        foreach (var action in plan.Actions)
        {
            var c = action.Content;
            var where = $"{action.Code}. {action.Title}";
            var pilot = plan.StructureName(c.PilotStructureId);
            var url = new Uri($"{planUrl}/actions/{action.Id}");
            foreach (var milestone in c.Milestones)
            {
                calendar.Events.Add(Event($"jalon-{milestone.Id}@citeemploi", $"Jalon : {milestone.Title} ({action.Code})", milestone.Date,
                    $"{where}{(pilot is null ? string.Empty : $"\nPilote : {pilot}")}{(milestone.Done ? "\nJalon atteint." : string.Empty)}", url, stamp));
            }
            if (c.DueDate is { } due)
            {
                calendar.Events.Add(Event($"echeance-{action.Id}@citeemploi", $"Échéance : {action.Code}. {action.Title}", due,
                    $"{where}\nStatut : {plan.StatusLabel(c.StatusCode)} ({action.Progress} %){(pilot is null ? string.Empty : $"\nPilote : {pilot}")}", url, stamp));
            }
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private static CalendarEvent Event(string uid, string summary, DateOnly date, string description, Uri url, CalDateTime stamp) => new()
    {
        Uid = uid,
        Summary = summary,
        Description = description,
        // a DATE value without a time: an all-day event, ending (exclusively) the next day
        DtStart = new CalDateTime(date.Year, date.Month, date.Day),
        DtEnd = new CalDateTime(date.Year, date.Month, date.Day).AddDays(1),
        DtStamp = stamp,
        Url = url,
        Transparency = TransparencyType.Transparent,
    };
}
