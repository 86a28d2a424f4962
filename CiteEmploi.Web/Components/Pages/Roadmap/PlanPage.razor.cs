using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>
/// One plan: its actions as a tree table (with bulk edits), a kanban by status or a timeline, with the view and the
/// filters in the address (a filtered view can be shared), its budget, and its steering committee's decisions. Another person's change reaches the page on the plan's live topic.
/// </summary>
public partial class PlanPage
{
    private const string AxisKey = "axe";
    private const string StatusKey = "statut";
    private const string PilotKey = "pilote";
    private const string FreinKey = "frein";
    private const string LateKey = "retard";
    private const string ViewKey = "vue";
    private const string TableView = "tableau";
    private const string KanbanView = "kanban";
    private const string TimelineView = "calendrier";

    /// <summary>The three ways to see the actions; the filters apply to each.</summary>
    private static readonly (string Key, string Label, string Icon)[] Views =
    [
        (TableView, "Tableau", Icons.Material.Filled.TableRows),
        (KanbanView, "Kanban", Icons.Material.Filled.ViewKanban),
        (TimelineView, "Calendrier", Icons.Material.Filled.CalendarMonth),
    ];

    private readonly HashSet<Guid> _selected = [];

    private PlanView? _view;
    private PlanBudget? _budget;
    private PlanFilter _filter = new();
    private IReadOnlyList<PlanActionView> _axes = [];
    private IReadOnlyList<KeyValuePair<Guid, string>> _pilots = [];
    private DateTime? _decisionDate = DateTime.Today;
    private string? _decisionText;
    private ValidationErrors _decisionErrors = new();
    private bool _deciding;
    private PresenceCircuit.Session? _presence;
    private IReadOnlyList<PlanViewer> _viewers = [];

    [Parameter]
    public Guid PlanId { get; set; }

    [SupplyParameterFromQuery(Name = AxisKey)]
    public string? Axe { get; set; }

    [SupplyParameterFromQuery(Name = StatusKey)]
    public string? Statut { get; set; }

    [SupplyParameterFromQuery(Name = PilotKey)]
    public string? Pilote { get; set; }

    [SupplyParameterFromQuery(Name = FreinKey)]
    public string? Frein { get; set; }

    [SupplyParameterFromQuery(Name = LateKey)]
    public string? Retard { get; set; }

    /// <summary>« kanban » or « calendrier »; the table otherwise.</summary>
    [SupplyParameterFromQuery(Name = ViewKey)]
    public string? Vue { get; set; }

    /// <summary>The action just deleted from its page: the plan offers to undo it (<see cref="PlanDeletedAlert"/>).</summary>
    public const string JustDeletedKey = "supprimee";

    [SupplyParameterFromQuery(Name = JustDeletedKey)]
    public Guid? Supprimee { get; set; }

    private DeletedActionView? _justDeleted;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private PlanService Plans { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private PlanPresence Presence { get; set; } = default!;

    /// <summary>The others whose action form is open, by action.</summary>
    private IReadOnlyDictionary<Guid, IReadOnlyList<string>> Editors =>
        _viewers.Where(v => !v.IsMe && v.EditingActionId is not null)
            .GroupBy(v => v.EditingActionId!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(v => v.Name)]);

    private string PlanHref => $"/c/{Slug}/feuille-de-route/{PlanId}";

    private string ActionHref(Guid actionId) => $"{PlanHref}/actions/{actionId}";

    private string CurrentView => Vue is KanbanView or TimelineView ? Vue : TableView;

    /// <summary>The same filters in another view (the table is the address without « vue »).</summary>
    private string ViewHref(string view) =>
        Navigation.GetUriWithQueryParameter(ViewKey, view == TableView ? null : view);

    private string ClearFiltersHref => CurrentView == TableView ? PlanHref : $"{PlanHref}?{ViewKey}={CurrentView}";

    /// <summary>The day lateness is judged on (as <see cref="PlanService"/> does: UTC).</summary>
    private DateOnly Today => DateOnly.FromDateTime(FrenchTime.Local(Time.GetUtcNow()));

    private string NewActionHref(Guid? parentId) => $"{PlanHref}/actions/nouvelle" + (parentId is { } p ? $"?parent={p}" : string.Empty);

    private string FiltersSummary => _filter.IsEmpty ? "Filtrer les actions" : "Filtrer les actions (filtres actifs)";

    private static string CountText(PlanView view)
    {
        var count = view.Matching.Count();
        return count switch
        {
            0 => "Aucune action affichée.",
            1 => "1 action affichée.",
            _ => $"{count.ToString("N0", Theme.FrenchCulture.Culture)} actions affichées.",
        };
    }

    private static string LockedReason(CiteAccess access) =>
        access.Role == CiteRole.Partenaire
            ? "Votre structure ne la pilote pas : seules la coordination et la structure pilote changent son statut."
            : "Seules la coordination et la structure pilote changent son statut.";

    private static string ReadOnlyReason(CiteAccess access) =>
        access.Role == CiteRole.Partenaire
            ? "Vous modifiez les actions que votre structure pilote ; la coordination ajoute les axes et les actions."
            : "Vous lisez la feuille de route : seules la coordination et les structures pilotes la modifient.";

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Access is null)
        {
            return;
        }
        _filter = new PlanFilter(
            Guid.TryParse(Axe, out var axis) ? axis : null,
            string.IsNullOrWhiteSpace(Statut) ? null : Statut,
            Guid.TryParse(Pilote, out var pilot) ? pilot : null,
            string.IsNullOrWhiteSpace(Frein) ? null : Frein,
            Retard is "1" or "oui" or "true");
        Follow(LiveTopics.Plan(PlanId), _ => LoadAsync(), immediate: true);
        await LoadAsync();
        if (_view is null)
        {
            Navigation.NotFound();
            return;
        }
        await JoinAsync();
    }

    /// <summary>Marks this page present on the plan (once interactive: a prerendered page is nobody).</summary>
    private async Task JoinAsync()
    {
        if (!RendererInfo.IsInteractive || _presence is not null || Access is null)
        {
            return;
        }
        var access = Access;
        Watch(LiveTopics.PlanPresence(PlanId), _ =>
        {
            _viewers = Presence.Here(PlanId, access);
            return Task.CompletedTask;
        }, immediate: true);
        _presence = Presence.Join(PlanId, access, await Plans.DisplayNameAsync(access));
        _viewers = Presence.Here(PlanId, access);
    }

    protected override void Dispose(bool disposing)
    {
        _presence?.Dispose();
        _presence = null;
        base.Dispose(disposing);
    }

    private async Task LoadAsync()
    {
        // still deleted (someone else may have restored it) and this person may restore it
        _justDeleted = Supprimee is { } deleted && PlanService.CanEditPlan(Access!)
            ? (await Plans.DeletedActionsAsync(Access!, PlanId)).FirstOrDefault(d => d.Id == deleted)
            : null;
        // one read of the actions for the view, the filters' choices and the budget
        var page = await Plans.GetPageAsync(Access!, PlanId, _filter);
        if (page is null)
        {
            _view = null;
            return;
        }
        var (view, all, budget) = page;
        // The filters' choices come from the whole plan, not from what the filter already narrowed.
        _axes = [.. all.Actions.Where(a => a.ParentId is null)];
        _pilots = [.. all.Actions.Select(a => a.Content.PilotStructureId).OfType<Guid>().Distinct()
            .Select(id => new KeyValuePair<Guid, string>(id, view.StructureName(id) ?? "?")).OrderBy(p => p.Value, StringComparer.Create(Theme.FrenchCulture.Culture, true))];
        _budget = budget;
        _view = view;
        // a selection keeps only what is still shown and editable (a filter changed, an action deleted, a right withdrawn)
        _selected.IntersectWith(view.Matching.Where(a => a.CanEdit).Select(a => a.Id));
    }

    private void ToggleSelection((Guid Id, bool On) toggle)
    {
        if (toggle.On)
        {
            _selected.Add(toggle.Id);
        }
        else
        {
            _selected.Remove(toggle.Id);
        }
    }

    private void SelectAll(bool on)
    {
        _selected.Clear();
        if (on && _view is not null)
        {
            _selected.UnionWith(_view.Matching.Where(a => a.CanEdit).Select(a => a.Id));
        }
    }

    private void ClearSelection() => _selected.Clear();

    /// <summary>The bulk bar's change, for every selected action at once; the count is confirmed, a refusal is left to the bar.</summary>
    private async Task<CommandResult> BulkChangeAsync(PlanBulkChange change)
    {
        var count = _selected.Count;
        var result = await Plans.BulkChangeAsync(Access!, PlanId, [.. _selected], change);
        if (result.Succeeded)
        {
            Snackbar.Add(count == 1 ? "1 action modifiée." : $"{count} actions modifiées.", Severity.Success);
            _selected.Clear();
            await LoadAsync();
        }
        return result;
    }

    /// <summary>A kanban move: the same command as a bulk change of one action, so progress follows the status.</summary>
    private async Task<bool> ChangeStatusAsync(Guid actionId, string statusCode)
    {
        var title = _view?.Actions.FirstOrDefault(a => a.Id == actionId)?.Title;
        var result = await Plans.BulkChangeAsync(Access!, PlanId, [actionId], new PlanBulkChange(StatusCode: statusCode));
        if (!result.Succeeded)
        {
            Snackbar.Add(result.IsForbidden
                ? "Vous ne pouvez pas changer le statut de cette action : seules la coordination et sa structure pilote le font."
                : result.Errors.IsEmpty ? result.Describe() : string.Join(" ", result.Errors.ByField.SelectMany(f => f.Value)), Severity.Error);
            return false;
        }
        await LoadAsync();
        Snackbar.Add($"« {title} » : {_view?.StatusLabel(statusCode) ?? statusCode}.", Severity.Success);
        StateHasChanged();
        return true;
    }

    private Task FilterAsync(string key, string? value)
    {
        var v = string.IsNullOrEmpty(value) ? null : value;
        var query = new Dictionary<string, object?>
        {
            [AxisKey] = key == AxisKey ? v : Axe,
            [StatusKey] = key == StatusKey ? v : Statut,
            [PilotKey] = key == PilotKey ? v : Pilote,
            [FreinKey] = key == FreinKey ? v : Frein,
            [LateKey] = key == LateKey ? v : Retard,
            [ViewKey] = Vue,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(Navigation.ToAbsoluteUri(PlanHref).ToString(), query));
        return Task.CompletedTask;
    }

    private Task LateChangedAsync(bool lateOnly) => FilterAsync(LateKey, lateOnly ? "1" : null);

    private async Task DecideAsync()
    {
        if (_view is null || Access is null)
        {
            return;
        }
        if (_decisionDate is null)
        {
            _decisionErrors = ValidationErrors.Of("Date", "Indiquez la date du comité (jj/mm/aaaa).");
            return;
        }
        _deciding = true;
        try
        {
            var date = DateOnly.FromDateTime(_decisionDate.Value);
            var adopting = _view.State == PlanState.Brouillon;
            var result = adopting
                ? await Plans.AdoptAsync(Access, PlanId, date, _decisionText ?? string.Empty)
                : await Plans.ReviseAsync(Access, PlanId, date, _decisionText ?? string.Empty);
            _decisionErrors = result.Errors;
            if (!result.Succeeded && _decisionErrors.IsEmpty)
            {
                _decisionErrors = ValidationErrors.Of("Form", result.Describe());
            }
            if (result.Succeeded)
            {
                _decisionText = null;
                Snackbar.Add(adopting ? "Adoption enregistrée." : "Révision enregistrée.", Severity.Success);
                await LoadAsync();
            }
        }
        finally
        {
            _deciding = false;
        }
    }

    private async Task<CommandResult> RestoreAsync(Guid actionId)
    {
        var result = await Plans.RestoreActionAsync(Access!, PlanId, actionId);
        if (result.Succeeded)
        {
            _justDeleted = null;
            Snackbar.Add("Action rétablie.", Severity.Success);
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(JustDeletedKey, (string?)null), replace: true);
        }
        return result;
    }
}
