using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>
/// A plan's history: the plan « as it was on » a day (e.g. the last COPIL), rebuilt from its recorded changes and shown
/// read only, and the changes since then (or the latest ones), who made them and what changed, field by field. The day
/// is in the address (<c>?le=2026-03-12</c>), so a view can be shared. Live: a new change appears in the list.
/// </summary>
public partial class PlanHistoryPage
{
    private const int MaxChanges = 200;
    private const string DayFormat = "yyyy-MM-dd";
    private PlanView? _current;
    private PlanView? _asOf;
    private DateOnly? _day;
    private DateTime? _date;
    private string? _dateError;
    private IReadOnlyList<PlanChangeView> _changes = [];
    private IReadOnlyList<DeletedActionView> _deleted = [];

    [Parameter]
    public Guid PlanId { get; set; }

    /// <summary>The day shown, as <c>yyyy-MM-dd</c>.</summary>
    [SupplyParameterFromQuery(Name = "le")]
    public string? Le { get; set; }

    [Inject]
    private PlanService Plans { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private string PlanHref => $"/c/{Slug}/feuille-de-route/{PlanId}";

    private IReadOnlyList<(string Href, string Label)> TrailLinks =>
    [
        ($"/c/{Slug}/feuille-de-route", "Feuilles de route"),
        (PlanHref, _current?.Title ?? "Feuille de route"),
    ];

    private string DayHref(DateOnly day) => $"{PlanHref}/historique?le={day.ToString(DayFormat, CultureInfo.InvariantCulture)}";

    private string ActionHref(Guid actionId) => $"{PlanHref}/actions/{actionId}";

    private static string Count(int actions) => actions switch
    {
        0 => "aucune action",
        1 => "1 action",
        _ => $"{actions} actions",
    };

    private string? ActionTitle(PlanChangeView change) =>
        change.ActionId is { } id
            ? (_current?.Actions.FirstOrDefault(a => a.Id == id) ?? _asOf?.Actions.FirstOrDefault(a => a.Id == id))?.Title
                ?? _deleted.FirstOrDefault(d => d.Id == id)?.Title
            : null;

    private async Task<CiteEmploi.Web.Features.Common.CommandResult> RestoreAsync(Guid actionId)
    {
        var result = await Plans.RestoreActionAsync(Access!, PlanId, actionId);
        if (result.Succeeded)
        {
            await LoadAsync();
        }
        return result;
    }

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Access is null)
        {
            return;
        }
        Follow(LiveTopics.Plan(PlanId), _ => LoadAsync());
        await LoadAsync();
        if (_current is null)
        {
            Navigation.NotFound();
        }
    }

    private async Task LoadAsync()
    {
        var access = Access!;
        _current = await Plans.GetAsync(access, PlanId);
        if (_current is null)
        {
            return;
        }
        _dateError = null;
        var shownDay = _day;
        _day = null;
        if (!string.IsNullOrWhiteSpace(Le))
        {
            if (!DateOnly.TryParseExact(Le, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                _dateError = "Date illisible : choisissez-la dans le calendrier ou écrivez-la jj/mm/aaaa.";
            }
            else if (day > DateOnly.FromDateTime(Time.GetLocalNow().Date))
            {
                _dateError = "Choisissez un jour passé : l'historique ne montre que ce qui a été enregistré.";
                _date = day.ToDateTime(TimeOnly.MinValue);
            }
            else
            {
                _date = day.ToDateTime(TimeOnly.MinValue);
                // a past day's plan never changes: rebuilt from the history once per day shown, not on every live change
                if (shownDay != day || _asOf is null)
                {
                    _asOf = await Plans.AsOfAsync(access, PlanId, FrenchTime.EndOf(day));
                }
                if (_asOf is null)
                {
                    _dateError = $"La feuille de route n'existait pas encore le {RoadmapDisplay.Date(day)}.";
                }
                else
                {
                    _day = day;
                }
            }
        }
        _deleted = await Plans.DeletedActionsAsync(access, PlanId);
        var changes = await Plans.HistoryAsync(access, PlanId, null, wholePlan: true, max: MaxChanges);
        _changes = _day is { } since ? [.. changes.Where(c => c.At > FrenchTime.EndOf(since))] : changes;
    }

    private void Show()
    {
        if (_date is not { } date)
        {
            _dateError = "Choisissez une date.";
            return;
        }
        Navigation.NavigateTo(DayHref(DateOnly.FromDateTime(date)));
    }
}
