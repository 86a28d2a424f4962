using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Sessions;

/// <summary>
/// One meeting: its details (changed by the coordination) and its agenda, prepared here — items and sub-items added,
/// changed, removed, and moved by dragging, by their buttons or by Alt+Flèche on the selected item (focus stays on it,
/// a live region says where it went). Each item shows its planned start; the total, the planned end and a warning when
/// the agenda runs past the session's end follow every change. What another coordinator changes appears at once;
/// the forms keep what the person is typing.
/// </summary>
public partial class SessionPage
{
    private SessionView? _view;
    private Guid? _loaded;
    private SessionFormModel? _detailsForm;
    private ValidationErrors _detailsErrors = new();
    private AgendaItemFormModel _addForm = new() { Minutes = "15" };
    private ValidationErrors _addErrors = new();
    private Guid? _addParentId;
    private Guid? _editingId;
    private AgendaItemFormModel? _editForm;
    private ValidationErrors _editErrors = new();
    private string? _announcement;
    private string? _moveError;
    private bool _saving;
    private bool _busy;
    private Guid? _focusAfterRender;
    private string? _focusIdAfterRender;
    private ElementReference _agendaElement;
    private IJSObjectReference? _dragModule;
    private DotNetObjectReference<SessionPage>? _dropTarget;
    private ElementReference? _wiredAgenda;

    private enum Direction
    {
        Up,
        Down,
        Indent,
        Outdent,
    }

    [Parameter]
    public Guid SessionId { get; set; }

    /// <summary>Set by the list when the chosen template could not be added in full.</summary>
    [SupplyParameterFromQuery(Name = "modele")]
    public string? Template { get; set; }

    [Inject]
    private SessionService Sessions { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The session as last shown, handed from the prerender to the interactive start (an agenda of 60 items stays well under the limit).</summary>
    [PersistentState]
    public SessionView? Shown { get; set; }

    protected override void OnRestored()
    {
        if (Shown is { } shown && shown.Id == SessionId)
        {
            _view = shown;
        }
    }

    private bool TemplateIncomplete => Template == "incomplet";

    /// <summary>The agenda in order, as the moves take it.</summary>
    private IReadOnlyList<AgendaItem> Items => _view is { } v ? [.. v.Schedule.Items.Select(s => s.Item)] : [];

    private string AddHeading => _addParentId is { } parent && _view?.Schedule.Items.FirstOrDefault(s => s.Item.Id == parent) is { } p
        ? $"Nouveau sous-point de « {p.Item.Title} »"
        : "Nouveau point";

    private static string ItemElementId(Guid id) => $"point-{id:N}";

    /// <summary>The agenda's planned length (the sub-items count for an item that has some).</summary>
    private static int TotalMinutes(AgendaSchedule schedule) => schedule.Items.Where(s => !schedule.Items.Any(c => c.Item.ParentId == s.Item.Id)).Sum(s => s.Minutes);

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Access is null || _loaded == SessionId)
        {
            return;
        }
        _loaded = SessionId;
        Follow(LiveTopics.Session(SessionId), _ => ReloadAsync(), immediate: true);
        _view = await Sessions.GetAsync(Access, SessionId);
        Shown = PrerenderState.Keep(_view, RendererInfo);
        if (_view is null)
        {
            Navigation.NotFound();
        }
    }

    /// <summary>Someone (this person included) changed the session: the page follows; open forms keep what is typed.</summary>
    private async Task ReloadAsync()
    {
        if (Access is null)
        {
            return;
        }
        var view = await Sessions.GetAsync(Access, SessionId);
        if (view is null)
        {
            return;
        }
        _view = view;
        if (_editingId is { } editing && view.Schedule.Items.All(s => s.Item.Id != editing))
        {
            _editingId = null;
            _editForm = null;
            _moveError = "Le point que vous modifiiez a été retiré par quelqu'un d'autre.";
        }
        if (_addParentId is { } parent && view.Schedule.Items.All(s => s.Item.Id != parent))
        {
            _addParentId = null;
        }
        if (!view.CanPrepare)
        {
            _detailsForm = null;
            _editingId = null;
            _editForm = null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || _view is not { CanPrepare: true } || _view.Schedule.Items.Count == 0)
        {
            return;
        }
        if (_wiredAgenda is null || !_wiredAgenda.Value.Equals(_agendaElement))
        {
            // the list is drawn again after being empty: its new element is wired once
            _wiredAgenda = _agendaElement;
            try
            {
                _dragModule ??= await Js.InvokeAsync<IJSObjectReference>("import", "./" + Assets["js/agenda.js"]);
                _dropTarget ??= DotNetObjectReference.Create(this);
                await _dragModule.InvokeVoidAsync("attach", _agendaElement, _dropTarget);
            }
            catch (JSException)
            {
                // without the script, dragging and Alt+Flèche do nothing; the buttons still move every item
            }
        }
        if (_focusAfterRender is { } id)
        {
            _focusAfterRender = null;
            await Js.InvokeVoidAsync("citeEmploi.focusId", ItemElementId(id));
        }
        if (_focusIdAfterRender is { } element)
        {
            _focusIdAfterRender = null;
            await Js.InvokeVoidAsync("citeEmploi.focusId", element);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _dropTarget?.Dispose();
        _dropTarget = null;
        base.Dispose(disposing);
    }

    // ---- details ----

    private void EditDetails()
    {
        if (_view is { } view)
        {
            _detailsForm = SessionFormModel.From(view.Details);
            _detailsErrors = new();
            _focusIdAfterRender = "details-Title";
        }
    }

    private void CancelDetails()
    {
        _detailsForm = null;
        _detailsErrors = new();
    }

    /// <summary>« Annuler la séance » : confirmed first; the participants' page then offers to send the cancellation.</summary>
    private async Task CancelSessionAsync()
    {
        if (_view is not { } view || Access is null || _busy)
        {
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Annuler « {view.Details.Title} » ?",
            "La séance ne pourra plus être menée ni modifiée. Les personnes qui ont reçu l'invitation pourront recevoir l'annulation (page Participants), qui la retire de leur agenda.",
            yesText: "Annuler la séance", cancelText: "Garder la séance");
        if (confirmed != true)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Sessions.CancelAsync(Access, SessionId);
            if (result.Succeeded)
            {
                Snackbar.Add("Séance annulée. Envoyez l'annulation aux invité·es depuis la page Participants.", Severity.Info);
            }
            else
            {
                Snackbar.Add(result.Describe(), Severity.Warning);
            }
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SaveDetailsAsync()
    {
        if (_detailsForm is not { } form || Access is null || _saving)
        {
            return;
        }
        var errors = new ValidationErrors();
        var details = form.ToDetails(errors);
        if (details is null)
        {
            _detailsErrors = errors;
            return;
        }
        _saving = true;
        try
        {
            var result = await Sessions.ChangeDetailsAsync(Access, SessionId, details);
            _detailsErrors = Describe(result);
            if (result.Succeeded)
            {
                _detailsForm = null;
                await ReloadAsync();
                Snackbar.Add("Informations enregistrées.", Severity.Success);
            }
        }
        finally
        {
            _saving = false;
        }
    }

    // ---- items ----

    private void AddUnder(Guid? parentId)
    {
        _addParentId = parentId;
        _addErrors = new();
        _focusIdAfterRender = "nouveau-point-Title";
    }

    private async Task AddItemAsync()
    {
        if (Access is null || _saving)
        {
            return;
        }
        var errors = new ValidationErrors();
        var content = _addForm.ToContent(errors);
        if (content is null)
        {
            _addErrors = errors;
            return;
        }
        _saving = true;
        try
        {
            var result = await Sessions.AddItemAsync(Access, SessionId, _addParentId, content);
            _addErrors = Describe(result);
            if (result.Succeeded)
            {
                _addForm = new AgendaItemFormModel { Minutes = "15" };
                await ReloadAsync();
                _announcement = $"Point « {content.Title.Trim()} » ajouté.";
                _focusIdAfterRender = "nouveau-point-Title";
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private void Edit(AgendaItem item)
    {
        _editingId = item.Id;
        _editForm = AgendaItemFormModel.From(item);
        _editErrors = new();
        _focusIdAfterRender = $"point-{item.Id:N}-Title";
    }

    private void CancelEdit()
    {
        var id = _editingId;
        _editingId = null;
        _editForm = null;
        _editErrors = new();
        _focusAfterRender = id;
    }

    private async Task SaveItemAsync()
    {
        if (Access is null || _saving || _editingId is not { } id || _editForm is not { } form)
        {
            return;
        }
        var errors = new ValidationErrors();
        var structureId = _view?.Schedule.Items.FirstOrDefault(s => s.Item.Id == id)?.Item.PresenterStructureId;
        var content = form.ToContent(errors, structureId);
        if (content is null)
        {
            _editErrors = errors;
            return;
        }
        _saving = true;
        try
        {
            var result = await Sessions.EditItemAsync(Access, SessionId, id, content);
            _editErrors = Describe(result);
            if (result.Succeeded)
            {
                _editingId = null;
                _editForm = null;
                await ReloadAsync();
                _announcement = "Point enregistré.";
                _focusAfterRender = id;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task RemoveAsync(AgendaItem item)
    {
        if (Access is null)
        {
            return;
        }
        var subItems = Items.Count(i => i.ParentId == item.Id);
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Retirer « {item.Title} » ?",
            subItems > 0 ? $"Le point et ses {subItems} sous-points quittent l'ordre du jour." : "Le point quitte l'ordre du jour.",
            yesText: "Retirer", cancelText: "Annuler");
        if (confirmed != true)
        {
            return;
        }
        var result = await Sessions.RemoveItemAsync(Access, SessionId, item.Id);
        _moveError = result.Succeeded ? null : result.Errors.ByField.Values.SelectMany(m => m).FirstOrDefault() ?? result.Describe();
        if (result.Succeeded)
        {
            await ReloadAsync();
            _announcement = $"Point « {item.Title} » retiré.";
        }
    }

    // ---- moves ----

    /// <summary>Called by agenda.js on Alt+Flèche haut / bas on a selected item (not while it is being edited).</summary>
    [JSInvokable]
    public async Task MoveByKeyAsync(string itemId, bool up)
    {
        if (!await WallAnsweredAsync() || !Guid.TryParse(itemId, out var id) || _editingId == id || _view is not { CanPrepare: true })
        {
            return;
        }
        await MoveAsync(id, up ? Direction.Up : Direction.Down);
        StateHasChanged();
    }

    private Task MoveAsync(Guid itemId, Direction direction)
    {
        var items = Items;
        var move = direction switch
        {
            Direction.Up => AgendaMoves.Up(items, itemId),
            Direction.Down => AgendaMoves.Down(items, itemId),
            Direction.Indent => AgendaMoves.Indent(items, itemId),
            _ => AgendaMoves.Outdent(items, itemId),
        };
        return ApplyAsync(move, itemId);
    }

    /// <summary>Called by agenda.js when an item is dropped on another (it takes its place) or at the end (no target).</summary>
    [JSInvokable]
    public async Task DropItemAsync(string itemId, string? targetId)
    {
        if (!await WallAnsweredAsync() || !Guid.TryParse(itemId, out var id))
        {
            return;
        }
        Guid? target = Guid.TryParse(targetId, out var t) ? t : null;
        await ApplyAsync(AgendaMoves.Drop(Items, id, target), id);
        StateHasChanged();
    }

    private async Task ApplyAsync(AgendaMove? move, Guid itemId)
    {
        if (move is null || Access is null || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Sessions.MoveItemAsync(Access, SessionId, move.ItemId, move.ParentId, move.Index);
            if (!result.Succeeded)
            {
                _moveError = result.Errors.ByField.Values.SelectMany(m => m).FirstOrDefault() ?? result.Describe();
                return;
            }
            _moveError = null;
            await ReloadAsync();
            if (_view?.Schedule.Items.FirstOrDefault(s => s.Item.Id == itemId) is { } row)
            {
                _announcement = $"Point déplacé en position {row.Number}";
            }
            _focusAfterRender = itemId;
        }
        finally
        {
            _busy = false;
        }
    }

    private static ValidationErrors Describe(CommandResult result) =>
        result.Succeeded ? new() : result.Errors.IsEmpty ? ValidationErrors.Of(SessionForm.FormKey, result.Describe()) : result.Errors;
}
