using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CiteEmploi.Web.Components.Pages.Boards;

/// <summary>
/// What a board page gives the shared <see cref="BoardSurface"/>: how to read the board and run the card commands as the
/// person on the page (a member through their <c>CiteAccess</c>, a guest through their code). A guest never edits, moves
/// or deletes a card: the guest page answers those with a refusal, and the surface shows them no such command.
/// </summary>
public interface IBoardActions
{
    /// <summary>The board as this person sees it now; null when they may no longer see it.</summary>
    Task<BoardView?> LoadAsync();

    /// <summary>Adds a card; <paramref name="clientKey"/> is the same when the same draft is sent again, so it is added once.</summary>
    Task<CommandResult> AddCardAsync(Guid columnId, CardContent content, Guid clientKey);

    Task<CommandResult> VoteAsync(Guid cardId);

    Task<CommandResult> WithdrawVoteAsync(Guid cardId);

    Task<CommandResult> MoveCardAsync(Guid cardId, Guid columnId, int index);

    Task<CommandResult> DeleteCardAsync(Guid cardId);

    Task<CommandResult> RestoreCardAsync(Guid cardId);

    Task<CardEditResult> EditCardAsync(Guid cardId, CardContent yours, CardContent basis, int basisVersion);
}

/// <summary>
/// The state and the commands of one board as shown on a page — members' and guests' alike: the board, who is on it,
/// the drafts of new cards, the card being edited, the status line, and the reception of « Suivez-moi ». The page owns
/// it, keeps it live (it calls <see cref="ReloadAsync"/> on each change and <see cref="ReceivePresenceAsync"/> on each
/// presence message) and renders it through <see cref="BoardSurface"/>.
/// <para>
/// Its events go to the page (<see cref="IHandleEvent"/>): after a card's or the surface's command, the page renders
/// again — its own part (title, facilitation) and the surface with it; each <see cref="BoardCard"/> then renders again
/// only if what it shows changed.
/// </para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The gate's SemaphoreSlim never allocates a wait handle (only WaitAsync is used): nothing to release, and a live reload finishing after the page is gone must not meet a disposed gate.")]
public sealed class BoardSurfaceModel(IHandleEvent page, IBoardActions actions, IJSRuntime js, Func<Task<bool>>? ready = null, BoardCommandRate? rate = null)
    : IBoardCardHost
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly Dictionary<Guid, string> _drafts = [];

    // The key of each column's draft: sent again with the same draft (a retry after a lost answer), it adds the card once.
    private readonly Dictionary<Guid, Guid> _draftKeys = [];
    private IReadOnlyList<ColumnTarget> _moveTargets = [];

    /// <summary>The board as last read; null before the first read or once it may no longer be seen.</summary>
    public BoardView? View { get; private set; }

    /// <summary>Who is on the board now (from <see cref="BoardPresence"/>).</summary>
    public IReadOnlyList<BoardViewer> Viewers { get; set; } = [];

    /// <summary>This page's presence on the board, once interactive.</summary>
    public BoardPresence.Handle? Presence { get; set; }

    /// <summary>The last thing done or received (announced politely).</summary>
    public string? Status { get; private set; }

    /// <summary>The last refusal, in French (announced at once).</summary>
    public string? Error { get; private set; }

    /// <summary>The card just deleted, which « Annuler la suppression » brings back.</summary>
    public Guid? UndoCardId { get; private set; }

    /// <summary>This person's edit of a card, while they edit it.</summary>
    public CardEditState? Editing { get; private set; }

    /// <summary>A card whose « Déplacer vers… » gets the focus after the next render (the menu's button is gone).</summary>
    public Guid? FocusCard { get; set; }

    /// <summary>The Cité's feuilles de route (« /c/{slug}/feuille-de-route »), for the link from a card to its action; null for guests.</summary>
    public string? PlanHrefBase { get; set; }

    /// <summary>Turns a card into an action (the coordination's « En faire une action »); null when this person may not.</summary>
    public Func<CardView, Task>? MakeAction { get; set; }

    /// <summary>The page of the action <paramref name="card"/> became, for a member; null for a card not turned into one, or a guest.</summary>
    public string? ActionHref(CardView card) =>
        PlanHrefBase is { } plans && card.PlanId is { } plan && card.PlanActionId is { } action ? $"{plans}/{plan}/actions/{action}" : null;

    public Task MakeActionAsync(CardView card) => MakeAction?.Invoke(card) ?? Task.CompletedTask;

    // ---- reading ----

    /// <summary>
    /// Reads the board again. One read at a time, in the order asked: a live message and the page's own command both
    /// reload; without this, an older read finishing last would overwrite a newer one, and the page would stay behind.
    /// </summary>
    public async Task ReloadAsync()
    {
        await _reloadGate.WaitAsync();
        try
        {
            View = await actions.LoadAsync();
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>Shows the board as the prerendered page did, until the first <see cref="ReloadAsync"/>.</summary>
    public void Show(BoardView view) => View = view;

    /// <summary>Forgets the board (a guest whose session ended).</summary>
    public void Clear()
    {
        View = null;
        Editing = null;
        Status = null;
        Error = null;
        UndoCardId = null;
    }

    /// <summary>Says what was done (and forgets the undo of a deletion).</summary>
    public void Say(string? status)
    {
        Status = status;
        UndoCardId = null;
    }

    /// <summary>
    /// A presence message: the viewers again, and « Suivez-moi » from someone else brings this page to the column. The
    /// facilitator's own page keeps its focus and its message (« Tout le monde est amené… »).
    /// </summary>
    public async Task ReceivePresenceAsync(IReadOnlyList<object> messages, IReadOnlyList<BoardViewer> viewers)
    {
        Viewers = viewers;
        if (messages.OfType<FollowMeRequested>().LastOrDefault(f => f.ByViewerId is null || f.ByViewerId != Presence?.ViewerId) is { } follow
            && View?.Columns.FirstOrDefault(c => c.Id == follow.ColumnId) is { } column)
        {
            Say($"{follow.ByName} vous amène sur la colonne « {column.Title} ».");
            await js.InvokeVoidAsync("citeEmploi.focusElement", ColumnElementId(column.Id));
        }
    }

    /// <summary>The countdown ended: the board is read again so a freeze shows at once.</summary>
    public async Task TimerEndedAsync()
    {
        await ReloadAsync();
        Say("Temps écoulé.");
    }

    public static string ColumnElementId(Guid columnId) => $"colonne-{columnId}";

    /// <summary>The cards of a column as shown: by votes once they are revealed.</summary>
    public List<CardView> Ordered(ColumnView column) =>
        View is { VotesAreRevealed: true } ? [.. column.Cards.OrderByDescending(c => c.Votes ?? 0)] : [.. column.Cards];

    /// <summary>The same list while the columns' ids and titles do not change, so the cards see an unchanged parameter.</summary>
    public IReadOnlyList<ColumnTarget> MoveTargets()
    {
        if (View is { } board && !_moveTargets.SequenceEqual(board.Columns.Select(c => new ColumnTarget(c.Id, c.Title))))
        {
            _moveTargets = [.. board.Columns.Select(c => new ColumnTarget(c.Id, c.Title))];
        }
        return _moveTargets;
    }

    /// <summary>Someone else editing this card now (their name is shown on it).</summary>
    public string? EditorOf(CardView card) =>
        Viewers.FirstOrDefault(v => v.EditingCardId == card.Id && !(Presence is { } me && v.PageIds.Contains(me.ViewerId)))?.Name;

    public string Draft(Guid columnId) => _drafts.GetValueOrDefault(columnId) ?? string.Empty;

    public void SetDraft(Guid columnId, string? text)
    {
        var draft = text ?? string.Empty;
        if (draft != Draft(columnId))
        {
            // another text is another card, even if the previous one was stored without the page hearing it
            _draftKeys.Remove(columnId);
        }
        _drafts[columnId] = draft;
    }

    // ---- commands ----

    /// <summary>Runs a command, shows its refusal if any, and reloads (the live message will reload the others).</summary>
    public async Task<bool> RunAsync(Func<Task<CommandResult>> command, string? success = null)
    {
        // beyond this circuit's pace the command is not even sent: nothing changes, the person is told why
        var result = rate is null || rate.TryTake() ? await command() : BoardCommandRate.Refused;
        Error = result.Succeeded ? null : result.Describe();
        if (result.Succeeded)
        {
            Say(success);
        }
        await ReloadAsync();
        return result.Succeeded;
    }

    public async Task AddCardAsync(Guid columnId)
    {
        if (!_draftKeys.TryGetValue(columnId, out var key))
        {
            key = _draftKeys[columnId] = Guid.NewGuid();
        }
        if (await RunAsync(() => actions.AddCardAsync(columnId, new CardContent(Draft(columnId)), key), "Carte ajoutée."))
        {
            _drafts[columnId] = string.Empty;
            _draftKeys.Remove(columnId);
        }
    }

    public Task UndoDeleteAsync(Guid cardId) =>
        RunAsync(() => actions.RestoreCardAsync(cardId), "Suppression annulée : la carte est revenue.");

    public Task VoteAsync(CardView card) => RunAsync(() => actions.VoteAsync(card.Id), "Vote enregistré.");

    public Task WithdrawVoteAsync(CardView card) => RunAsync(() => actions.WithdrawVoteAsync(card.Id), "Vote retiré.");

    public async Task DeleteAsync(CardView card)
    {
        if (await RunAsync(() => actions.DeleteCardAsync(card.Id), $"Carte « {card.Rendered.Excerpt} » supprimée."))
        {
            UndoCardId = card.Id;
        }
    }

    // The index is taken at the click, among the cards of the column as this page shows them.
    public Task MoveByAsync(CardView card, int delta)
    {
        var index = View?.Columns.FirstOrDefault(c => c.Id == card.ColumnId) is { } column ? Ordered(column).FindIndex(c => c.Id == card.Id) : -1;
        return index < 0 ? Task.CompletedTask : MoveAsync(card, card.ColumnId, index + delta);
    }

    public Task MoveToAsync(CardView card, Guid columnId) => MoveAsync(card, columnId, int.MaxValue);

    private async Task MoveAsync(CardView card, Guid columnId, int index)
    {
        var title = View?.Columns.FirstOrDefault(c => c.Id == columnId)?.Title;
        if (await RunAsync(() => actions.MoveCardAsync(card.Id, columnId, index), $"Carte déplacée dans « {title} »."))
        {
            // the menu's button is gone with the re-render: keep the keyboard user on the card they moved
            FocusCard = card.Id;
        }
    }

    /// <summary>Called by app.js (boardDragAndDrop) when a card is dropped on a column, before <paramref name="beforeCardId"/> or at its end.</summary>
    [JSInvokable]
    public Task DropCardAsync(string cardId, string columnId, string? beforeCardId)
    {
        if (!Guid.TryParse(cardId, out var dragged) || !Guid.TryParse(columnId, out var target))
        {
            return Task.CompletedTask;
        }
        Guid? before = Guid.TryParse(beforeCardId, out var b) ? b : null;
        // through the page, so it renders after the drop as after a click
        return page.HandleEventAsync(new EventCallbackWorkItem(new Func<Task>(() => DropAsync(dragged, target, before))), null);
    }

    private async Task DropAsync(Guid dragged, Guid columnId, Guid? beforeCardId)
    {
        if (View is null || beforeCardId == dragged || View.Columns.FirstOrDefault(c => c.Id == columnId) is not { } column)
        {
            return;
        }
        var others = Ordered(column).Where(c => c.Id != dragged).ToList();
        var index = beforeCardId is { } before ? others.FindIndex(c => c.Id == before) : others.Count;
        if (View.Card(dragged) is { } card)
        {
            await MoveAsync(card, columnId, index < 0 ? others.Count : index);
        }
    }

    public void StartEdit(CardView card)
    {
        Editing = new CardEditState(card.Id, card.Content, card.Version);
        Presence?.Editing(card.Id);
    }

    public void CancelEdit()
    {
        Editing = null;
        Presence?.Editing(null);
    }

    public async Task SaveEditAsync()
    {
        if (Editing is not { } edit)
        {
            return;
        }
        if (rate is not null && !rate.TryTake())
        {
            Error = BoardCommandRate.RefusedMessage;
            return;
        }
        var result = await actions.EditCardAsync(edit.CardId, edit.Yours, edit.Basis, edit.BasisVersion);
        if (result.Conflict is { } conflict)
        {
            edit.Conflict = conflict;
            Error = null;
            return;
        }
        Error = result.Result.Succeeded ? null : result.Result.Describe();
        if (result.Result.Succeeded)
        {
            Say("Carte enregistrée.");
            CancelEdit();
        }
        await ReloadAsync();
    }

    // The person keeps their text knowingly: the next save starts from what is stored now.
    public async Task KeepMineAsync()
    {
        if (Editing?.Conflict is { } conflict)
        {
            Editing.Rebase(conflict.Theirs, conflict.CurrentVersion);
            await SaveEditAsync();
        }
    }

    public void KeepTheirs()
    {
        CancelEdit();
        Say("Le texte enregistré est conservé.");
    }

    /// <summary>An event of the surface, handled by the page (which renders after it).</summary>
    public EventCallback On(Func<Task> action) => EventCallback.Factory.Create(this, action);

    public EventCallback On(Action action) => EventCallback.Factory.Create(this, action);

    /// <summary>
    /// Waits until the page may take commands (<c>ready</c>: a member page drawn from its prerender waits for the wall).
    /// The page renders once, when the event is done. ComponentBase would also render at the event's first await,
    /// before the command's result: a render that showed nothing new and held the circuit while the result waited.
    /// </summary>
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem item, object? arg)
    {
        if (ready is not null && !await ready())
        {
            return; // the page was drawn from its prerender and the wall then refused
        }
        await item.InvokeAsync(arg);
        await page.HandleEventAsync(EventCallbackWorkItem.Empty, null);
    }
}
