namespace CiteEmploi.Domain.Common;

/// <summary>
/// The Cités meet in France: a session's date and times, and « the end of a day » of a history, are French wall-clock
/// times (Europe/Paris, summer time included), whatever the server's own zone.
/// </summary>
public static class FrenchTime
{
    /// <summary>Europe/Paris from the system's time-zone data (UTC where a machine has none, which tests never meet).</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Paris", out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The instant of a French wall-clock time.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The last instant of a French day.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => At(day.AddDays(1), TimeOnly.MinValue).AddTicks(-1);

    /// <summary>An instant as French wall-clock time.</summary>
    public static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;
}
