using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>
/// One action of a plan, on a page of its own (a phone handles a page better than a long dialog): its fields, its
/// history, and what others change while it is open. The edit states what the person started from, so the service
/// merges field by field; a field both changed comes back as a conflict with the person's text kept.
/// </summary>
public partial class ActionPage
{
    private const string NewKey = "nouvelle";

    private PlanView? _view;
    private PlanActionView? _action;
    private ActionFormModel? _model;
    private PlanActionContent _basis = new();
    private int _basisVersion;
    private Guid? _parentId;
    private Guid? _savedParentId;
    private IReadOnlyList<StructureChoice> _structures = [];
    private IReadOnlyList<KeyValuePair<Guid, string>> _parents = [];
    private IReadOnlyList<PlanChangeView> _history = [];
    private ActionOriginView? _origin;
    private ActionOrigin? _originRead;
    private ValidationErrors _errors = new();
    private PlanActionConflictView? _conflict;
    private string? _changedElsewhere;
    private bool _deleted;
    private bool _canEdit;
    private bool _saving;
    private string? _loadedKey;
    private PresenceCircuit.Session? _presence;
    private IReadOnlyList<PlanViewer> _viewers = [];

    [Parameter]
    public Guid PlanId { get; set; }

    [Parameter]
    public string ActionKey { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "parent")]
    public Guid? Parent { get; set; }

    [Inject]
    private PlanService Plans { get; set; } = default!;

    [Inject]
    private DirectoryService Directory { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private PlanPresence Presence { get; set; } = default!;

    private IReadOnlyList<string> OthersEditing =>
        _action is { } a ? [.. _viewers.Where(v => !v.IsMe && v.EditingActionId == a.Id).Select(v => v.Name)] : [];

    private bool IsNew => ActionKey == NewKey;

    private Guid? ActionId => Guid.TryParse(ActionKey, out var id) ? id : null;

    private string PlanHref => $"/c/{Slug}/feuille-de-route/{PlanId}";

    private string Heading => _action is { } a ? $"{a.LevelLabel} {a.Code} : {a.Title}" : "Nouvelle action";

    private IReadOnlyList<(string Href, string Label)> TrailLinks =>
    [
        ($"/c/{Slug}/feuille-de-route", "Feuilles de route"),
        (PlanHref, _view?.Title ?? "Feuille de route"),
    ];

    private IReadOnlyList<ReferenceEntry> QpvEntries => [.. (Cite?.Profile.Qpvs ?? []).Select(q => new ReferenceEntry(q.Code, $"{q.Name} ({q.Code})", null))];

    private string ReadOnlyReason =>
        IsNew
            ? "Seule la coordination de la Cité ajoute des actions à la feuille de route."
            : Access?.Role == CiteRole.Partenaire
                ? "Votre structure ne pilote pas cette action : vous la lisez sans pouvoir la modifier. La coordination peut vous en confier le pilotage."
                : "Vous lisez cette action : seules la coordination et les membres des structures qui la pilotent la modifient.";

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Access is null)
        {
            return;
        }
        var key = $"{PlanId}/{ActionKey}/{Parent}";
        if (_loadedKey == key)
        {
            return;
        }
        _loadedKey = key;
        Follow(LiveTopics.Plan(PlanId), _ => OnPlanChangedAsync(), immediate: true);
        _structures = [.. (await Directory.ListStructuresAsync(Access)).Select(s => new StructureChoice(s.Id, s.Name))
            .OrderBy(s => s.Name, StringComparer.Create(Theme.FrenchCulture.Culture, true))];
        if (!await LoadAsync(resetForm: true))
        {
            Navigation.NotFound();
            return;
        }
        await JoinAsync();
    }

    /// <summary>Marks this page present on the plan, editing this action when the person may edit it.</summary>
    private async Task JoinAsync()
    {
        if (!RendererInfo.IsInteractive || Access is null)
        {
            return;
        }
        var access = Access;
        if (_presence is null)
        {
            Watch(LiveTopics.PlanPresence(PlanId), _ =>
            {
                _viewers = Presence.Here(PlanId, access);
                return Task.CompletedTask;
            }, immediate: true);
            _presence = Presence.Join(PlanId, access, await Plans.DisplayNameAsync(access));
        }
        _presence.Editing(_canEdit ? _action?.Id : null);
        _viewers = Presence.Here(PlanId, access);
    }

    protected override void Dispose(bool disposing)
    {
        _presence?.Dispose();
        _presence = null;
        base.Dispose(disposing);
    }

    /// <summary>Reads the plan (unless <paramref name="read"/> is it) and this action; false when either is not there (or not of this Cité).</summary>
    private async Task<bool> LoadAsync(bool resetForm, PlanView? read = null)
    {
        var view = read ?? await Plans.GetAsync(Access!, PlanId);
        if (view is null || (!IsNew && ActionId is null))
        {
            return false;
        }
        _view = view;
        _action = ActionId is { } id ? view.Actions.FirstOrDefault(a => a.Id == id) : null;
        if (!IsNew && _action is null)
        {
            return false;
        }
        var excluded = _action is null ? new HashSet<Guid>() : Subtree(view, _action.Id);
        IReadOnlyList<KeyValuePair<Guid, string>> parents = [.. view.Actions.Where(a => !excluded.Contains(a.Id) && a.Depth < view.Levels.Count)
            .Select(a => new KeyValuePair<Guid, string>(a.Id, $"{a.Code} {a.Title}"))];
        // the same list while the choices are the same: the form's hundreds of choices are not rendered again (ActionParentItems)
        if (!parents.SequenceEqual(_parents))
        {
            _parents = parents;
        }
        _canEdit = IsNew ? view.CanEditPlan : _action!.CanEdit;
        if (resetForm)
        {
            _basis = _action?.Content ?? new PlanActionContent { StatusCode = view.Statuses.Count > 0 ? view.Statuses[0].Code : string.Empty };
            _basisVersion = _action?.Version ?? 0;
            _model = ActionFormModel.From(_basis, id => view.StructureName(id));
            _parentId = _savedParentId = _action?.ParentId ?? (IsNew ? Parent : null);
            _changedElsewhere = null;
        }
        _history = _action is null ? [] : await Plans.HistoryAsync(Access!, PlanId, _action.Id, max: 50);
        // an origin never changes: read once per action, not on every live change of the plan
        if (_action?.Origin != _originRead)
        {
            _originRead = _action?.Origin;
            _origin = await Plans.OriginAsync(Access!, _originRead);
        }
        return true;
    }

    private static HashSet<Guid> Subtree(PlanView view, Guid rootId)
    {
        var byId = view.Actions.ToDictionary(a => a.Id);
        var result = new HashSet<Guid>();
        var stack = new Stack<Guid>([rootId]);
        while (stack.TryPop(out var id))
        {
            if (result.Add(id) && byId.TryGetValue(id, out var a))
            {
                foreach (var child in a.ChildIds)
                {
                    stack.Push(child);
                }
            }
        }
        return result;
    }

    /// <summary>Someone changed the plan: the page follows, the form keeps what the person typed.</summary>
    private async Task OnPlanChangedAsync()
    {
        if (_saving)
        {
            return; // the save reloads by itself; its own echo is not « someone else »
        }
        var before = _action;
        var view = await Plans.GetAsync(Access!, PlanId);
        if (view is null)
        {
            return;
        }
        if (before is not null && view.Actions.All(a => a.Id != before.Id))
        {
            _deleted = true;
            return;
        }
        _deleted = false; // restored meanwhile (« Annuler la suppression »): it can be saved again
        await LoadAsync(resetForm: false, view); // the view just read, not a second one
        if (_action is { } now && now.Version != _basisVersion)
        {
            _changedElsewhere = now.EditedByName ?? string.Empty;
        }
    }

    private async Task SaveAsync()
    {
        if (_model is null || _view is null || Access is null || !_canEdit || _saving)
        {
            return;
        }
        var errors = new ValidationErrors();
        var content = _model.ToContent(errors);
        if (!errors.IsEmpty)
        {
            _errors = errors;
            return;
        }
        _saving = true;
        try
        {
            if (_action is null)
            {
                var added = await Plans.AddActionAsync(Access, PlanId, _parentId, content);
                _errors = Describe(added);
                if (added.Succeeded)
                {
                    Snackbar.Add("Action ajoutée.", Severity.Success);
                    Navigation.NavigateTo($"{PlanHref}/actions/{added.Value}");
                }
                return;
            }
            var edit = await Plans.EditActionAsync(Access, PlanId, _action.Id, content, _basis, _basisVersion);
            if (edit.Conflict is { } conflict)
            {
                // Both changed the same fields: theirs is now the basis, the person's text stays in the form.
                _conflict = conflict;
                _basis = conflict.Current;
                _basisVersion = conflict.CurrentVersion;
                _changedElsewhere = null;
                _errors = new();
                return;
            }
            _errors = Describe(edit.Result);
            if (!edit.Result.Succeeded)
            {
                return;
            }
            if (_parentId != _savedParentId && _view.CanEditPlan)
            {
                var siblings = _view.Actions.Count(a => a.ParentId == _parentId);
                var moved = await Plans.MoveActionAsync(Access, PlanId, _action.Id, _parentId, siblings);
                _errors = Describe(moved);
                if (!moved.Succeeded)
                {
                    return;
                }
            }
            _conflict = null;
            _deleted = false;
            await LoadAsync(resetForm: true);
            Snackbar.Add("Action enregistrée.", Severity.Success);
        }
        finally
        {
            _saving = false;
        }
    }

    private static ValidationErrors Describe(CommandResult result) =>
        result.Succeeded ? new() : result.Errors.IsEmpty ? ValidationErrors.Of("Form", result.Describe()) : result.Errors;

    private async Task DeleteAsync()
    {
        if (_action is not { } action || Access is null)
        {
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Supprimer « {action.Title} » ?",
            "L'action disparaît de la feuille de route ; son historique reste consultable.",
            yesText: "Supprimer", cancelText: "Annuler");
        if (confirmed != true)
        {
            return;
        }
        var result = await Plans.DeleteActionAsync(Access, PlanId, action.Id);
        if (result.Succeeded)
        {
            Snackbar.Add("Action supprimée.", Severity.Success);
            // the plan offers « Annuler la suppression » for it
            Navigation.NavigateTo($"{PlanHref}?{PlanPage.JustDeletedKey}={action.Id}");
        }
        else
        {
            _errors = Describe(result);
        }
    }
}
