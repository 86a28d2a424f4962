using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Sessions;

/// <summary>An item of the agenda with its number (« 2.1 ») and its planned place in the day (French time).</summary>
/// <param name="Minutes">Its own planned duration, or the sum of its sub-items'.</param>
public sealed record ScheduledItem(AgendaItem Item, string Number, int Depth, int Minutes, TimeOnly PlannedStart, TimeOnly PlannedEnd);

/// <summary>The current item's timer at one moment: it counts down its planned duration, then counts the overtime.</summary>
public sealed record ItemTimer(TimeSpan Elapsed, TimeSpan Planned)
{
    public bool IsOver => Elapsed > Planned;

    public TimeSpan Remaining => IsOver ? TimeSpan.Zero : Planned - Elapsed;

    public TimeSpan Overtime => IsOver ? Elapsed - Planned : TimeSpan.Zero;
}

/// <summary>
/// A session's agenda as planned (each item's number, planned start and end, the agenda's planned end and how far it
/// runs past the session's end time — a warning, never a refusal) and, while the session runs, where it stands at one
/// moment: the current item and its timer, the next one, and the forecast end (« fin estimée 12:07, +7 min »). Everything
/// is computed from what is stored and the moment asked for, so every screen shows the same thing and nothing drifts.
/// </summary>
/// <param name="PlannedEnd">The session's start time plus every item's planned duration.</param>
/// <param name="OverrunMinutes">How many minutes the agenda runs past the session's end time (0 when it fits).</param>
/// <param name="ForecastEnd">When the agenda will end if the rest keeps to plan (the current item at least to its planned length).</param>
/// <param name="DriftMinutes">The forecast end against the planned end: positive when late.</param>
public sealed record AgendaSchedule(
    IReadOnlyList<ScheduledItem> Items,
    TimeOnly PlannedEnd,
    int OverrunMinutes,
    AgendaItem? Current,
    ItemTimer? Timer,
    AgendaItem? Next,
    DateTimeOffset ForecastEnd,
    int DriftMinutes)
{
    /// <summary>
    /// When the last item's planned time runs out, while the session runs on it (after that the coordination is
    /// prompted to close: <see cref="IsClosingDue"/>); null otherwise.
    /// </summary>
    public DateTimeOffset? LastItemEndsAt => Current is { StartedAt: { } started } && Next is null && Timer is { } timer ? started + timer.Planned : null;

    /// <summary>Whether the last item's planned time has run out at <paramref name="now"/>: time to close the session.</summary>
    public bool IsClosingDue(DateTimeOffset now) => LastItemEndsAt is { } end && now >= end;

    public static AgendaSchedule Of(Session session, DateTimeOffset now)
    {
        var items = session.Items;
        var childMinutes = items.Where(i => i.ParentId is not null).GroupBy(i => i.ParentId!.Value).ToDictionary(g => g.Key, g => g.Sum(i => i.PlannedMinutes));
        var scheduled = new List<ScheduledItem>(items.Count);
        var clock = session.StartTime;
        int top = 0, sub = 0;
        foreach (var item in items)
        {
            string number;
            if (item.ParentId is null)
            {
                (top, sub) = (top + 1, 0);
                number = top.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                sub++;
                number = $"{top}.{sub}";
            }
            var hasChildren = childMinutes.TryGetValue(item.Id, out var sum);
            var minutes = hasChildren ? sum : item.PlannedMinutes;
            var start = clock;
            // a parent's time is its sub-items': the clock moves on them, not on it
            if (!hasChildren)
            {
                clock = clock.AddMinutes(minutes);
            }
            scheduled.Add(new ScheduledItem(item, number, item.ParentId is null ? 1 : 2, minutes, start, start.AddMinutes(minutes)));
        }
        var totalMinutes = session.Steps.Sum(s => s.PlannedMinutes);
        var plannedEnd = session.StartTime.AddMinutes(totalMinutes);
        var overrun = Math.Max(0, totalMinutes - session.DurationMinutes);

        var steps = session.Steps.ToList();
        var current = session.Current;
        ItemTimer? timer = null;
        AgendaItem? next;
        DateTimeOffset forecast;
        if (session.State == SessionState.EnCours)
        {
            var cursor = now;
            var after = steps;
            if (current is { StartedAt: { } itemStart })
            {
                timer = new ItemTimer(now - itemStart, TimeSpan.FromMinutes(current.PlannedMinutes));
                var plannedItemEnd = itemStart + timer.Planned;
                cursor = plannedItemEnd > now ? plannedItemEnd : now;
                after = [.. steps.Skip(steps.FindIndex(s => s.Id == current.Id) + 1)];
            }
            else
            {
                after = [];
            }
            var toCome = after.Where(s => s.State == AgendaItemState.AVenir).ToList();
            next = toCome.FirstOrDefault();
            forecast = cursor + TimeSpan.FromMinutes(toCome.Sum(s => s.PlannedMinutes));
            // planned against the real start: a session started 5 minutes late is 5 minutes late
            var plannedFromStart = FrenchTime.At(session.Date, session.StartTime) + TimeSpan.FromMinutes(totalMinutes);
            return new AgendaSchedule(scheduled, plannedEnd, overrun, current, timer, next, forecast,
                (int)Math.Round((forecast - plannedFromStart).TotalMinutes, MidpointRounding.AwayFromZero));
        }
        next = session.State == SessionState.Prevue ? steps.FirstOrDefault() : null;
        forecast = session.State switch
        {
            SessionState.Close when session.ClosedAt is { } closed => closed,
            _ => FrenchTime.At(session.Date, plannedEnd < session.StartTime ? session.EndTime : plannedEnd),
        };
        return new AgendaSchedule(scheduled, plannedEnd, overrun, null, null, next, forecast, 0);
    }
}
