using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>The French words of a session being run, the same on the run page and on the room display.</summary>
public static class SessionRunTexts
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string KindLabel(SessionKind kind) => kind switch
    {
        SessionKind.ComitePilotage => "Comité de pilotage",
        SessionKind.ComiteTechnique => "Comité technique",
        SessionKind.Interconnaissance => "Temps d'interconnaissance",
        SessionKind.Atelier => "Atelier",
        _ => "Séance",
    };

    public static string StateLabel(SessionState state) => state switch
    {
        SessionState.Prevue => "Prévue",
        SessionState.EnCours => "En cours",
        SessionState.Close => "Close",
        SessionState.Annulee => "Annulée",
        _ => "",
    };

    public static string ItemStateLabel(AgendaItemState state) => state switch
    {
        AgendaItemState.AVenir => "à venir",
        AgendaItemState.EnCours => "en cours",
        AgendaItemState.Fait => "fait",
        AgendaItemState.Passe => "passé",
        _ => "",
    };

    public static string OutcomeLabel(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Information => "Information",
        OutcomeKind.Decision => "Décision",
        OutcomeKind.Action => "Action",
        _ => "",
    };

    /// <summary>« jeudi 12 mars 2026, 09:00 – 11:00 », as the sessions' list and page say it.</summary>
    public static string When(SessionDetails d) =>
        string.Create(French, $"{d.Date.ToString("dddd d MMMM yyyy", French)}, {d.StartTime:HH\\:mm} – {d.EndTime:HH\\:mm}");

    /// <summary>« 12:07 », French wall-clock time.</summary>
    public static string Clock(DateTimeOffset at) => FrenchTime.Local(at).ToString("HH:mm", French);

    /// <summary>« fin estimée 12:07, +7 min » (« à l'heure » when on time, « −3 min » when early).</summary>
    public static string Forecast(AgendaSchedule schedule) =>
        $"fin estimée {Clock(schedule.ForecastEnd)}, {Drift(schedule.DriftMinutes)}";

    public static string Drift(int minutes) => minutes switch
    {
        0 => "à l'heure",
        > 0 => string.Create(French, $"+{minutes} min"),
        _ => string.Create(French, $"−{-minutes} min"),
    };

    /// <summary>
    /// A timer as it reads: « 4:59 » left (rounded up, so 0:00 only when time is up), « +2:10 » past the planned
    /// length; an hour or more reads « 1:05:00 ».
    /// </summary>
    public static string Timer(ItemTimer timer) => timer.IsOver
        ? "+" + Figure((int)Math.Floor(timer.Overtime.TotalSeconds))
        : Figure((int)Math.Ceiling(timer.Remaining.TotalSeconds));

    private static string Figure(int seconds) => seconds >= 3600
        ? string.Create(French, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}")
        : string.Create(French, $"{seconds / 60}:{seconds % 60:00}");
}
