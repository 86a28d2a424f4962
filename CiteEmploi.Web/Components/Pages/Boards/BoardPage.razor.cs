using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Radzen;

namespace CiteEmploi.Web.Components.Pages.Boards;

/// <summary>
/// One board, live: every stored change on the board reloads it for every viewer (coalesced by the live bus), presence
/// and « Suivez-moi » come from <see cref="BoardPresence"/>. Cards move by drag and drop or by the « Déplacer vers… »
/// menu; an edit keeps what the person started from, so a concurrent edit ends in a merge or a visible choice.
/// Each card is a <see cref="BoardCard"/> that renders again only when what it shows changed, so a change costs each
/// viewer's circuit the page's frame and the changed cards, not the whole board; the page runs the cards' commands.
/// </summary>
public partial class BoardPage : IBoardCardHost
{
    private BoardView? _view;
    private IReadOnlyList<BoardViewer> _viewers = [];
    private IReadOnlyList<ActivityView> _activity = [];
    private readonly Dictionary<Guid, string> _drafts = [];
    private BoardPresence.Handle? _presence;
    private Guid? _loadedBoard;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private string? _status;
    private string? _error;
    private Guid? _undoCardId;
    private ElementReference _columnsElement;
    private DotNetObjectReference<BoardPage>? _self;
    private bool _dragWired;
    private CardEditState? _editing;
    private IReadOnlyList<ColumnTarget> _moveTargets = [];
    private Guid? _renamingColumn;
    private string _columnTitle = string.Empty;
    private string _newColumn = string.Empty;
    private int _allowance = Board.DefaultVotesPerPerson;
    private int _timerMinutes = 5;
    private bool _timerFreezes;
    private Guid _followColumn;
    private Guid? _focusCard;
    private string? _focusId;

    [Parameter]
    public Guid BoardId { get; set; }

    [Inject]
    private BoardService Boards { get; set; } = default!;

    [Inject]
    private BoardPresence Presence { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private DialogService Dialogs { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    /// <summary>The timer as of now (the view's copy is as of its load).</summary>
    private BoardTimer Countdown
    {
        get
        {
            var timer = _view?.Timer ?? BoardTimer.Idle;
            if (timer is { State: TimerState.Running, EndsAt: { } endsAt })
            {
                var left = endsAt - Time.GetUtcNow();
                return left > TimeSpan.Zero ? timer with { Remaining = left } : timer with { State = TimerState.Ended, Remaining = TimeSpan.Zero };
            }
            return timer;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Access is not null && _loadedBoard != BoardId)
        {
            await OpenBoardAsync();
        }
    }

    protected override Task OnCiteLoadedAsync() => Access is not null && _loadedBoard != BoardId ? OpenBoardAsync() : Task.CompletedTask;

    private async Task OpenBoardAsync()
    {
        if (_loadedBoard is { } previous)
        {
            Unwatch(LiveTopics.Board(previous));
            Unwatch(LiveTopics.BoardPresence(previous));
            _presence?.Dispose();
            _presence = null;
        }
        _loadedBoard = BoardId;
        await ReloadAsync();
        if (_view is null)
        {
            Navigation.NotFound();
            return;
        }
        _allowance = _view.VotesPerPerson;
        _followColumn = _view.Columns.Count > 0 ? _view.Columns[0].Id : Guid.Empty;
        Watch(LiveTopics.Board(BoardId), _ => ReloadAsync(), immediate: true);
        Watch(LiveTopics.BoardPresence(BoardId), OnPresenceAsync);
        if (RendererInfo.IsInteractive)
        {
            _presence = Presence.Join(BoardId, Access!, await Boards.DisplayNameAsync(Access!));
            _viewers = Presence.Viewers(BoardId);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_dragWired && _view is not null)
        {
            // Drag and drop runs in the browser (no round trip per dragover); only the drop comes here, to DropCardAsync.
            _dragWired = true;
            _self ??= DotNetObjectReference.Create(this);
            await Js.InvokeVoidAsync("citeEmploi.boardDragAndDrop", _columnsElement, _self);
        }
        if (_focusId is { } elementId)
        {
            _focusId = null;
            await Js.InvokeVoidAsync("citeEmploi.focusId", elementId);
        }
        if (_focusCard is { } id)
        {
            _focusCard = null;
            await Js.InvokeVoidAsync("citeEmploi.focusCard", id.ToString());
        }
    }

    // One read at a time, in the order asked. A live message and the page's own command both reload; without this, an
    // older read that finishes last would overwrite a newer one, and the page would stay behind the stored board until
    // the next change (a card added by someone else, missing on this page only).
    private async Task ReloadAsync()
    {
        await _reloadGate.WaitAsync();
        try
        {
            var view = await Boards.GetAsync(Access!, BoardId);
            _activity = view is null ? [] : await Boards.ActivityAsync(Access!, BoardId, 50);
            _view = view;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private async Task OnPresenceAsync(IReadOnlyList<object> messages)
    {
        _viewers = Presence.Viewers(BoardId);
        // the facilitator's own page keeps its focus and its message (« Tout le monde est amené… »)
        if (messages.OfType<FollowMeRequested>().LastOrDefault(f => f.ByViewerId is null || f.ByViewerId != _presence?.ViewerId) is { } follow
            && _view?.Columns.FirstOrDefault(c => c.Id == follow.ColumnId) is { } column)
        {
            _status = $"{follow.ByName} vous amène sur la colonne « {column.Title} ».";
            _undoCardId = null;
            await Js.InvokeVoidAsync("citeEmploi.focusElement", $"colonne-{column.Id}");
        }
    }

    // The countdown ticks in its own component; when it ends, the board is read again so a freeze shows at once.
    private async Task OnTimerEndedAsync()
    {
        await ReloadAsync();
        _status = "Temps écoulé.";
    }

    private List<CardView> Ordered(ColumnView column) =>
        _view is { VotesAreRevealed: true }
            ? [.. column.Cards.OrderByDescending(c => c.Votes ?? 0)]
            : [.. column.Cards];

    private static string Short(CardView card) => card.Rendered.Excerpt;

    // The same list while the columns' ids and titles do not change, so the cards see an unchanged parameter.
    private IReadOnlyList<ColumnTarget> MoveTargets(BoardView board)
    {
        if (!_moveTargets.SequenceEqual(board.Columns.Select(c => new ColumnTarget(c.Id, c.Title))))
        {
            _moveTargets = [.. board.Columns.Select(c => new ColumnTarget(c.Id, c.Title))];
        }
        return _moveTargets;
    }

    // Someone else editing this card now (their name is shown on it).
    private string? EditorOf(CardView card) =>
        _viewers.FirstOrDefault(v => v.EditingCardId == card.Id && !(_presence is { } me && v.PageIds.Contains(me.ViewerId)))?.Name;

    // ---- commands ----

    /// <summary>Runs a command, shows its refusal if any, and reloads (the live message will reload others).</summary>
    private async Task<bool> RunAsync(Func<CiteAccess, Task<CommandResult>> command, string? success = null)
    {
        var result = await command(Access!);
        _error = result.Succeeded ? null : result.Describe();
        if (result.Succeeded)
        {
            _status = success;
            _undoCardId = null;
        }
        await ReloadAsync();
        return result.Succeeded;
    }

    private async Task AddCardAsync(Guid columnId)
    {
        var text = _drafts.GetValueOrDefault(columnId) ?? string.Empty;
        if (await RunAsync(a => Boards.AddCardAsync(a, BoardId, columnId, new CardContent(text)), "Carte ajoutée."))
        {
            _drafts[columnId] = string.Empty;
        }
    }

    Task IBoardCardHost.VoteAsync(CardView card) => VoteAsync(card);

    Task IBoardCardHost.WithdrawVoteAsync(CardView card) => WithdrawVoteAsync(card);

    void IBoardCardHost.StartEdit(CardView card) => StartEdit(card);

    Task IBoardCardHost.DeleteAsync(CardView card) => DeleteAsync(card);

    // The index is taken at the click, among the cards of the column as this page shows them.
    Task IBoardCardHost.MoveByAsync(CardView card, int delta)
    {
        var index = _view?.Columns.FirstOrDefault(c => c.Id == card.ColumnId) is { } column ? Ordered(column).FindIndex(c => c.Id == card.Id) : -1;
        return index < 0 ? Task.CompletedTask : MoveAsync(card, card.ColumnId, index + delta);
    }

    Task IBoardCardHost.MoveToAsync(CardView card, Guid columnId) => MoveAsync(card, columnId, int.MaxValue);

    Task IBoardCardHost.SaveEditAsync() => SaveEditAsync();

    Task IBoardCardHost.KeepMineAsync() => KeepMineAsync();

    void IBoardCardHost.KeepTheirs() => KeepTheirs();

    void IBoardCardHost.CancelEdit() => CancelEdit();

    private async Task MoveAsync(CardView card, Guid columnId, int index)
    {
        var title = _view?.Columns.FirstOrDefault(c => c.Id == columnId)?.Title;
        if (await RunAsync(a => Boards.MoveCardAsync(a, BoardId, card.Id, columnId, index), $"Carte déplacée dans « {title} »."))
        {
            // the menu's button is gone with the re-render: keep the keyboard user on the card they moved
            _focusCard = card.Id;
        }
    }

    /// <summary>Called by app.js when a card is dropped on a column, before <paramref name="beforeCardId"/> or at its end.</summary>
    [JSInvokable]
    public async Task DropCardAsync(string cardId, string columnId, string? beforeCardId)
    {
        if (!Guid.TryParse(cardId, out var dragged) || !Guid.TryParse(columnId, out var target))
        {
            return;
        }
        await DropAsync(dragged, target, Guid.TryParse(beforeCardId, out var before) ? before : null);
        StateHasChanged();
    }

    private async Task DropAsync(Guid dragged, Guid columnId, Guid? beforeCardId)
    {
        if (_view is null || beforeCardId == dragged || _view.Columns.FirstOrDefault(c => c.Id == columnId) is not { } column)
        {
            return;
        }
        var others = Ordered(column).Where(c => c.Id != dragged).ToList();
        var index = beforeCardId is { } before ? others.FindIndex(c => c.Id == before) : others.Count;
        var card = _view.Card(dragged);
        if (card is not null)
        {
            await MoveAsync(card, columnId, index < 0 ? others.Count : index);
        }
    }

    private async Task DeleteAsync(CardView card)
    {
        if (await RunAsync(a => Boards.DeleteCardAsync(a, BoardId, card.Id), $"Carte « {Short(card)} » supprimée."))
        {
            _undoCardId = card.Id;
        }
    }

    private async Task UndoDeleteAsync(Guid cardId) =>
        await RunAsync(a => Boards.RestoreCardAsync(a, BoardId, cardId), "Suppression annulée : la carte est revenue.");

    private Task VoteAsync(CardView card) => RunAsync(a => Boards.VoteAsync(a, BoardId, card.Id), "Vote enregistré.");

    private Task WithdrawVoteAsync(CardView card) => RunAsync(a => Boards.WithdrawVoteAsync(a, BoardId, card.Id), "Vote retiré.");

    private void StartEdit(CardView card)
    {
        _editing = new CardEditState(card.Id, card.Content, card.Version);
        _presence?.Editing(card.Id);
    }

    private void CancelEdit()
    {
        _editing = null;
        _presence?.Editing(null);
    }

    private async Task SaveEditAsync()
    {
        if (_editing is not { } edit)
        {
            return;
        }
        var result = await Boards.EditCardAsync(Access!, BoardId, edit.CardId, edit.Yours, edit.Basis, edit.BasisVersion);
        if (result.Conflict is { } conflict)
        {
            edit.Conflict = conflict;
            _error = null;
            return;
        }
        _error = result.Result.Succeeded ? null : result.Result.Describe();
        if (result.Result.Succeeded)
        {
            _status = "Carte enregistrée.";
            _undoCardId = null;
            CancelEdit();
        }
        await ReloadAsync();
    }

    // The person keeps their text knowingly: the next save starts from what is stored now.
    private async Task KeepMineAsync()
    {
        if (_editing?.Conflict is { } conflict)
        {
            _editing.Rebase(conflict.Theirs, conflict.CurrentVersion);
            await SaveEditAsync();
        }
    }

    private void KeepTheirs()
    {
        CancelEdit();
        _status = "Le texte enregistré est conservé.";
    }

    private async Task RemoveColumnAsync(ColumnView column)
    {
        var confirmed = await Dialogs.Confirm(
            $"La colonne « {column.Title} » et ses {column.Cards.Count} carte(s) disparaîtront du tableau. Vous pourrez la rétablir depuis « Animation du tableau ».",
            $"Supprimer la colonne « {column.Title} » ?",
            new ConfirmOptions { OkButtonText = "Supprimer", CancelButtonText = "Annuler" });
        if (confirmed == true)
        {
            await RunAsync(a => Boards.RemoveColumnAsync(a, BoardId, column.Id), $"Colonne « {column.Title} » supprimée.");
        }
    }

    private async Task RenameColumnAsync(Guid columnId)
    {
        if (await RunAsync(a => Boards.RenameColumnAsync(a, BoardId, columnId, _columnTitle), "Colonne renommée."))
        {
            _renamingColumn = null;
        }
    }

    private async Task AddColumnAsync()
    {
        if (await RunAsync(a => Boards.AddColumnAsync(a, BoardId, _newColumn), $"Colonne « {_newColumn.Trim()} » ajoutée."))
        {
            _newColumn = string.Empty;
        }
    }

    private Task ToggleLockAsync() =>
        RunAsync(a => Boards.SetLockedAsync(a, BoardId, !_view!.IsLocked), _view!.IsLocked ? "Tableau déverrouillé." : "Tableau verrouillé.");

    private Task ToggleRevealAsync() =>
        RunAsync(a => Boards.SetVotesRevealedAsync(a, BoardId, !_view!.VotesAreRevealed), _view!.VotesAreRevealed ? "Votes masqués." : "Votes révélés, cartes triées par votes.");

    private Task SetAllowanceAsync() =>
        RunAsync(a => Boards.SetVoteAllowanceAsync(a, BoardId, _allowance), $"{_allowance} vote(s) par personne.");

    private Task StartTimerAsync() =>
        RunAsync(a => Boards.StartTimerAsync(a, BoardId, TimeSpan.FromMinutes(_timerMinutes), _timerFreezes), "Minuteur lancé.");

    private Task PauseOrResumeAsync() =>
        Countdown.State == TimerState.Paused
            ? RunAsync(a => Boards.ResumeTimerAsync(a, BoardId), "Minuteur repris.")
            : RunAsync(a => Boards.PauseTimerAsync(a, BoardId), "Minuteur en pause.");

    private Task AddMinuteAsync() => RunAsync(a => Boards.AddTimeAsync(a, BoardId, TimeSpan.FromMinutes(1)), "Une minute ajoutée.");

    // The timer's buttons go away with it: a keyboard user lands back on « Lancer le minuteur », not at the top of the page.
    private async Task StopTimerAsync()
    {
        if (await RunAsync(a => Boards.StopTimerAsync(a, BoardId), "Minuteur arrêté."))
        {
            _focusId = "timer-start";
        }
    }

    private async Task FollowMe()
    {
        var name = await Boards.DisplayNameAsync(Access!);
        Presence.FollowMe(BoardId, _followColumn, name, _presence?.ViewerId);
        _status = "Tout le monde est amené sur la colonne choisie.";
    }

    private Task ExportMarkdownAsync() => ExportAsync("md", "text/markdown", BoardExport.ToMarkdown);

    private Task ExportCsvAsync() => ExportAsync("csv", "text/csv", BoardExport.ToCsv);

    // Exports what the person sees now, freshly read: votes only once revealed, and then the cards in the page's order
    // (sorted by votes), so the exported results read as the room saw them.
    private async Task ExportAsync(string extension, string mime, Func<BoardView, string> write)
    {
        await ReloadAsync();
        if (_view is not null)
        {
            var shown = _view with { Columns = [.. _view.Columns.Select(c => c with { Cards = Ordered(c) })] };
            await Js.InvokeVoidAsync("citeEmploi.download", $"{Domain.Common.Text.Slugify(_view.Title, 60)}.{extension}", mime, write(shown));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _presence?.Dispose();
            _presence = null;
            _self?.Dispose();
            _self = null;
        }
        base.Dispose(disposing);
    }
}
