using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Boards;

/// <summary>
/// One board, live, for the Cité's members: every stored change on the board reloads it for every viewer (coalesced by
/// the live bus), presence and « Suivez-moi » come from <see cref="BoardPresence"/>. The board itself — columns, cards,
/// votes, drag and drop, countdown, presence — is the <see cref="BoardSurface"/> shared with the guests' page; this page
/// adds what only members have: the facilitation panel (lock, votes, timer, columns, « Suivez-moi », guest access), the
/// exports and the board's history.
/// </summary>
public partial class BoardPage : IBoardActions
{
    private BoardSurfaceModel _board = default!;
    private IReadOnlyList<ActivityView> _activity = [];
    private BoardPresence.Handle? _presence;
    private Guid? _loadedBoard;
    private Guid? _renamingColumn;
    private string _columnTitle = string.Empty;
    private string _newColumn = string.Empty;
    private int _allowance = Board.DefaultVotesPerPerson;
    private int _timerMinutes = 5;
    private bool _timerFreezes;
    private Guid _followColumn;
    private string? _focusId;
    private CardActionMade? _lastAction;

    [Parameter]
    public Guid BoardId { get; set; }

    [Inject]
    private BoardService Boards { get; set; } = default!;

    [Inject]
    private BoardPresence Presence { get; set; } = default!;

    /// <summary>This circuit's pace of board commands.</summary>
    [Inject]
    private BoardCommandRate Rate { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The timer as of now (the view's copy is as of its load).</summary>
    private BoardTimer Countdown
    {
        get
        {
            var timer = _board.View?.Timer ?? BoardTimer.Idle;
            if (timer is { State: TimerState.Running, EndsAt: { } endsAt })
            {
                var left = endsAt - Time.GetUtcNow();
                return left > TimeSpan.Zero ? timer with { Remaining = left } : timer with { State = TimerState.Ended, Remaining = TimeSpan.Zero };
            }
            return timer;
        }
    }

    /// <summary>
    /// The board as last shown, handed from the prerender to the interactive start. Not its history: it is folded away,
    /// and the state goes back to the server in the circuit's first message, which SignalR keeps under 32 KB.
    /// </summary>
    [PersistentState]
    public BoardView? Shown { get; set; }

    protected override void OnRestored()
    {
        if (Shown is { } shown && shown.Id == BoardId)
        {
            _board.Show(shown);
            _allowance = shown.VotesPerPerson;
            _followColumn = shown.Columns.Count > 0 ? shown.Columns[0].Id : Guid.Empty;
        }
    }

    protected override void OnInitialized()
    {
        _board = new BoardSurfaceModel(this, this, Js, WallAnsweredAsync, Rate);
        base.OnInitialized();
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
            _board.Presence = null;
        }
        _loadedBoard = BoardId;
        _board.PlanHrefBase = $"/c/{Slug}/feuille-de-route";
        _board.MakeAction = PlanService.CanEditPlan(Access!) ? MakeActionAsync : null;
        await _board.ReloadAsync();
        if (_board.View is not { } view)
        {
            Navigation.NotFound();
            return;
        }
        _allowance = view.VotesPerPerson;
        _followColumn = view.Columns.Count > 0 ? view.Columns[0].Id : Guid.Empty;
        Watch(LiveTopics.Board(BoardId), _ => _board.ReloadAsync(), immediate: true);
        Watch(LiveTopics.BoardPresence(BoardId), messages => _board.ReceivePresenceAsync(messages, Presence.Viewers(BoardId)));
        if (RendererInfo.IsInteractive)
        {
            _presence = Presence.Join(BoardId, Access!, await Boards.DisplayNameAsync(Access!));
            _board.Presence = _presence;
            _board.Viewers = Presence.Viewers(BoardId);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusId is { } elementId)
        {
            _focusId = null;
            await Js.InvokeVoidAsync("citeEmploi.focusId", elementId);
        }
    }

    // ---- a card becomes an action of the feuille de route ----

    private async Task MakeActionAsync(CardView card)
    {
        var parameters = new DialogParameters<CardToActionDialog>
        {
            { d => d.Access, Access! },
            { d => d.CardId, card.Id },
            { d => d.CardExcerpt, card.Rendered.Excerpt },
            { d => d.Previous, _lastAction },
        };
        var dialog = await Dialogs.ShowAsync<CardToActionDialog>("En faire une action", parameters);
        if (await dialog.Result is not { Canceled: false, Data: CardActionMade made })
        {
            return;
        }
        _lastAction = made;
        var href = $"/c/{Slug}/feuille-de-route/{made.PlanId}/actions/{made.ActionId}";
        Snackbar.Add($"La carte est devenue l'action {made.Code} « {made.Title} ».", Severity.Success, config =>
        {
            config.Action = "Ouvrir l'action";
            config.ActionColor = Color.Primary;
            config.OnClick = _ =>
            {
                Navigation.NavigateTo(href);
                return Task.CompletedTask;
            };
        });
    }

    // ---- the board as a member sees it (IBoardActions) ----

    async Task<BoardView?> IBoardActions.LoadAsync()
    {
        var view = await Boards.GetAsync(Access!, BoardId);
        _activity = view is null ? [] : await Boards.ActivityAsync(Access!, BoardId, 50);
        Shown = PrerenderState.Keep(view, RendererInfo);
        return view;
    }

    Task<CommandResult> IBoardActions.AddCardAsync(Guid columnId, CardContent content, Guid clientKey) => Boards.AddCardAsync(Access!, BoardId, columnId, content, clientKey);

    Task<CommandResult> IBoardActions.VoteAsync(Guid cardId) => Boards.VoteAsync(Access!, BoardId, cardId);

    Task<CommandResult> IBoardActions.WithdrawVoteAsync(Guid cardId) => Boards.WithdrawVoteAsync(Access!, BoardId, cardId);

    Task<CommandResult> IBoardActions.MoveCardAsync(Guid cardId, Guid columnId, int index) => Boards.MoveCardAsync(Access!, BoardId, cardId, columnId, index);

    Task<CommandResult> IBoardActions.DeleteCardAsync(Guid cardId) => Boards.DeleteCardAsync(Access!, BoardId, cardId);

    Task<CommandResult> IBoardActions.RestoreCardAsync(Guid cardId) => Boards.RestoreCardAsync(Access!, BoardId, cardId);

    Task<CardEditResult> IBoardActions.EditCardAsync(Guid cardId, CardContent yours, CardContent basis, int basisVersion) =>
        Boards.EditCardAsync(Access!, BoardId, cardId, yours, basis, basisVersion);

    // ---- facilitation ----

    private Task<bool> RunAsync(Func<CiteAccess, Task<CommandResult>> command, string? success = null) => _board.RunAsync(() => command(Access!), success);

    private async Task RemoveColumnAsync(ColumnView column)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Supprimer la colonne « {column.Title} » ?",
            $"La colonne « {column.Title} » et ses {column.Cards.Count} carte(s) disparaîtront du tableau. Vous pourrez la rétablir depuis « Animation du tableau ».",
            yesText: "Supprimer", cancelText: "Annuler");
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
        RunAsync(a => Boards.SetLockedAsync(a, BoardId, !_board.View!.IsLocked),
            _board.View!.IsLocked ? "Tableau déverrouillé." : "Tableau verrouillé : les participant·es ne peuvent plus déplacer, modifier ni supprimer les cartes des autres.");

    private Task ToggleRevealAsync() =>
        RunAsync(a => Boards.SetVotesRevealedAsync(a, BoardId, !_board.View!.VotesAreRevealed), _board.View!.VotesAreRevealed ? "Votes masqués." : "Votes révélés, cartes triées par votes.");

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
        _board.Say("Tout le monde est amené sur la colonne choisie.");
    }

    private Task ExportMarkdownAsync() => ExportAsync("md", "text/markdown", BoardExport.ToMarkdown);

    private Task ExportCsvAsync() => ExportAsync("csv", "text/csv", BoardExport.ToCsv);

    // Exports what the person sees now, freshly read: votes only once revealed, and then the cards in the page's order
    // (sorted by votes), so the exported results read as the room saw them.
    private async Task ExportAsync(string extension, string mime, Func<BoardView, string> write)
    {
        await _board.ReloadAsync();
        if (_board.View is { } view)
        {
            var shown = view with { Columns = [.. view.Columns.Select(c => c with { Cards = _board.Ordered(c) })] };
            await Js.InvokeVoidAsync("citeEmploi.download", $"{Domain.Common.Text.Slugify(view.Title, 60)}.{extension}", mime, write(shown));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _presence?.Dispose();
            _presence = null;
        }
        base.Dispose(disposing);
    }
}
