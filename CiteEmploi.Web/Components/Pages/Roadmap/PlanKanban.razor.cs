using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>
/// The kanban by status. A moved card shows in its new column at once and stays there until the plan read again says
/// so; if the change is refused, it goes back (the page says why). Moves go through <see cref="ChangeStatus"/>, which
/// the page answers with <see cref="PlanService.BulkChangeAsync"/>, so progress follows the status as everywhere.
/// </summary>
public partial class PlanKanban
{
    /// <summary>Cards drawn per column at first; « Afficher plus » adds as many (500 actions in one column stay fluid).</summary>
    public const int PageSize = 50;

    private readonly Dictionary<Guid, string> _moved = [];
    private readonly Dictionary<string, int> _shownPerColumn = new(StringComparer.Ordinal);
    private HashSet<Guid> _shown = [];
    private Dictionary<string, int> _countPerColumn = new(StringComparer.Ordinal);
    private MudDropContainer<PlanActionView>? _container;
    private bool _busy;
    private bool _refresh;
    private Guid? _focusAfterRender;

    [Parameter, EditorRequired]
    public PlanView View { get; set; } = default!;

    /// <summary>The address of an action's page.</summary>
    [Parameter, EditorRequired]
    public Func<Guid, string> ActionHref { get; set; } = default!;

    /// <summary>Changes an action's status; true once stored, false when refused (the caller tells the person why).</summary>
    [Parameter, EditorRequired]
    public Func<Guid, string, Task<bool>> ChangeStatus { get; set; } = default!;

    /// <summary>Why a card the person may not edit does not move.</summary>
    [Parameter]
    public string LockedReason { get; set; } = "Seules la coordination et la structure pilote changent son statut.";

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The cards: the matching actions that have no sub-action, in the plan's reading order.</summary>
    internal IReadOnlyList<PlanActionView> Cards { get; private set; } = [];

    /// <summary>Matching actions left out because they have sub-actions.</summary>
    private int Hidden => View.Matching.Count() - Cards.Count;

    private string HiddenText => Hidden == 1
        ? "1 action de niveau supérieur (axe ou objectif) n'est pas sur le kanban : seules les actions sans sous-action y figurent."
        : $"{Hidden} actions de niveau supérieur (axes ou objectifs) ne sont pas sur le kanban : seules les actions sans sous-action y figurent.";

    protected override void OnParametersSet()
    {
        Cards = [.. View.Matching.Where(a => a.ChildIds.Count == 0)];
        // a move is shown where it went until the plan read again agrees (or no longer has the action)
        foreach (var (id, code) in _moved.ToList())
        {
            if (Cards.FirstOrDefault(c => c.Id == id) is not { } card || StatusOf(card).Code == code)
            {
                _moved.Remove(id);
            }
        }
        Layout();
        _refresh = true;
    }

    /// <summary>Which cards each column draws now: its first ones, up to what « Afficher plus » asked for.</summary>
    private void Layout()
    {
        _shown = [];
        _countPerColumn = new(StringComparer.Ordinal);
        foreach (var card in Cards)
        {
            var column = ShownStatus(card).Code;
            var count = _countPerColumn.GetValueOrDefault(column);
            if (count < _shownPerColumn.GetValueOrDefault(column, PageSize))
            {
                _shown.Add(card.Id);
            }
            _countPerColumn[column] = count + 1;
        }
    }

    private int CountIn(string column) => _countPerColumn.GetValueOrDefault(column);

    private int HiddenIn(string column) => Math.Max(0, CountIn(column) - _shownPerColumn.GetValueOrDefault(column, PageSize));

    private void ShowMore(string column)
    {
        _shownPerColumn[column] = _shownPerColumn.GetValueOrDefault(column, PageSize) + PageSize;
        Layout();
        _refresh = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_refresh && _container is not null)
        {
            // the drop zones draw their cards from the container's items: once it has the new ones, they draw again
            _refresh = false;
            _container.Refresh();
        }
        if (_focusAfterRender is { } id)
        {
            _focusAfterRender = null;
            // the card was drawn again in its new column: keep the keyboard on its menu
            await JS.InvokeVoidAsync("citeEmploi.focusId", $"kanban-menu-{id}");
        }
    }

    private PlanStatus StatusOf(PlanActionView action) =>
        View.Statuses.FirstOrDefault(s => s.Code == action.Content.StatusCode) ?? View.Statuses[0];

    /// <summary>The status whose column the card is in: where it was moved, until the plan read again agrees.</summary>
    private PlanStatus ShownStatus(PlanActionView action) =>
        _moved.TryGetValue(action.Id, out var moved) && View.Statuses.FirstOrDefault(s => s.Code == moved) is { } status ? status : StatusOf(action);

    private bool InColumn(PlanActionView action, string column) => ShownStatus(action).Code == column;

    private bool DrawnIn(PlanActionView action, string column) => _shown.Contains(action.Id) && InColumn(action, column);

    private Task DroppedAsync(MudItemDropInfo<PlanActionView> drop) =>
        drop.Item is { } action && drop.DropzoneIdentifier is { } column && !InColumn(action, column)
            ? MoveAsync(action, column, fromMenu: false)
            : Task.CompletedTask;

    private Task MoveAsync(PlanActionView action, string column) => MoveAsync(action, column, fromMenu: true);

    private async Task MoveAsync(PlanActionView action, string column, bool fromMenu)
    {
        if (_busy || !action.CanEdit)
        {
            return;
        }
        _busy = true;
        _moved[action.Id] = column;
        Layout();
        _container?.Refresh();
        try
        {
            if (!await ChangeStatus(action.Id, column))
            {
                _moved.Remove(action.Id);
                Layout();
            }
            else if (fromMenu)
            {
                _focusAfterRender = action.Id;
            }
        }
        finally
        {
            _busy = false;
            _container?.Refresh();
        }
    }
}
