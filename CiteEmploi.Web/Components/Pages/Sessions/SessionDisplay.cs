using System.Globalization;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Features.Sessions;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Sessions;

/// <summary>
/// How the sessions pages say a session's day, times and durations, in French, and its state's colour; the kind and
/// state labels are <see cref="SessionRunTexts"/>'s, shared with the run page and the room display.
/// </summary>
public static class SessionDisplay
{
    public static Color StateColor(SessionState state) => state switch
    {
        SessionState.Prevue => Color.Primary,
        SessionState.EnCours => Color.Success,
        SessionState.Annulee => Color.Error,
        _ => Color.Default,
    };

    /// <summary>« jeudi 12 mars 2026 ».</summary>
    public static string Day(DateOnly date) => date.ToString("dddd d MMMM yyyy", FrenchCulture.Culture);

    /// <summary>« 09:30 ».</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>« jeudi 12 mars 2026, 09:30 – 11:30 ».</summary>
    public static string When(DateOnly date, TimeOnly start, TimeOnly end) => $"{Day(date)}, {Time(start)} – {Time(end)}";

    /// <summary>« 45 min », « 1 h », « 1 h 55 ».</summary>
    public static string Duration(int minutes) => minutes < 60
        ? $"{minutes} min"
        : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60:00}";

    /// <summary>« 1 point », « 8 points ».</summary>
    public static string ItemCount(int count) => count > 1 ? $"{count} points" : $"{count} point";

    /// <summary>The warning of an agenda longer than its session.</summary>
    public static string OverrunWarning(int minutes) => $"L'ordre du jour dépasse la fin prévue de {Duration(minutes)}";
}
