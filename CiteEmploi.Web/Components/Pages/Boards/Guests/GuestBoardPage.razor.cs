using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CiteEmploi.Web.Components.Pages.Boards.Guests;

/// <summary>
/// The board as a guest sees it, on a phone: the shared <see cref="BoardSurface"/> (columns, adding cards, voting, who is
/// there, the countdown, « Suivez-moi », the lock notice), with their name. The guest comes from their cookie, read while
/// prerendering (the only moment this page has an HTTP request); the interactive page receives their id through Blazor's
/// persisted state, which the server protects with its data-protection keys. Every stored change on the board re-reads it
/// through <see cref="BoardService.GetAsync(BoardGuestAccess, CancellationToken)"/>, which answers nothing once the code is
/// closed or expired: the page then says the session is over.
/// </summary>
public partial class GuestBoardPage : IBoardActions
{
    /// <summary>Where a guest lands after joining.</summary>
    public const string Address = "/invite/tableau";

    private BoardGuestAccess? _guest;
    private BoardSurfaceModel? _board;
    private BoardPresence.Handle? _presence;
    private System.Threading.Timer? _expiry;
    private bool _ended;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    /// <summary>The guest found from the cookie while prerendering, handed to the interactive page.</summary>
    [PersistentState]
    public Guid? GuestId { get; set; }

    [Inject]
    private BoardGuestService Guests { get; set; } = default!;

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
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (HttpContext is not null)
        {
            if (!HttpContext.Request.Cookies.TryGetValue(BoardGuestService.CookieName, out var secret))
            {
                // never joined (or the cookie expired with its code): the way in is the join page
                Navigation.NavigateTo("/rejoindre");
                return;
            }
            _guest = await Guests.ResolveAsync(secret);
            GuestId = _guest?.GuestId;
        }
        else if (GuestId is { } id)
        {
            _guest = await Guests.ResolveByIdAsync(id);
        }
        if (_guest is null)
        {
            _ended = true;
            return;
        }
        _board = new BoardSurfaceModel(this, this, Js, rate: Rate);
        await _board.ReloadAsync();
        if (_ended || !RendererInfo.IsInteractive)
        {
            return;
        }
        Watch(LiveTopics.Board(_guest.BoardId), _ => _board.ReloadAsync(), immediate: true);
        // guests are part of « everyone » for « Suivez-moi »: their view goes to the column too
        Watch(LiveTopics.BoardPresence(_guest.BoardId), messages => _ended ? Task.CompletedTask : _board.ReceivePresenceAsync(messages, Presence.Viewers(_guest.BoardId)));
        _presence = Presence.Join(_guest);
        _board.Presence = _presence;
        _board.Viewers = Presence.Viewers(_guest.BoardId);
        // the code's expiry publishes nothing: the page checks itself when it comes
        var due = _guest.ExpiresAt - Time.GetUtcNow() + TimeSpan.FromSeconds(1);
        _expiry = new System.Threading.Timer(_ => _ = InvokeAsync(async () =>
        {
            await _board.ReloadAsync();
            StateHasChanged();
        }), null, due < TimeSpan.Zero ? TimeSpan.Zero : due > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : due, Timeout.InfiniteTimeSpan);
    }

    // ---- the board as this guest sees it (IBoardActions) ----

    async Task<BoardView?> IBoardActions.LoadAsync()
    {
        if (_guest is null || _ended)
        {
            return null;
        }
        var view = await Boards.GetAsync(_guest);
        if (view is null)
        {
            End();
        }
        return view;
    }

    private void End()
    {
        _ended = true;
        _presence?.Dispose();
        _presence = null;
        if (_board is not null)
        {
            _board.Presence = null;
            _board.Clear();
        }
        if (_guest is not null)
        {
            Unwatch(LiveTopics.Board(_guest.BoardId));
            Unwatch(LiveTopics.BoardPresence(_guest.BoardId));
        }
    }

    private Task<CommandResult> AsGuest(Func<BoardGuestAccess, Task<CommandResult>> command) =>
        _guest is null || _ended ? Task.FromResult(BoardService.GuestSessionEnded) : command(_guest);

    Task<CommandResult> IBoardActions.AddCardAsync(Guid columnId, CardContent content, Guid clientKey) => AsGuest(g => Boards.AddCardAsync(g, columnId, content, clientKey));

    Task<CommandResult> IBoardActions.VoteAsync(Guid cardId) => AsGuest(g => Boards.VoteAsync(g, cardId));

    Task<CommandResult> IBoardActions.WithdrawVoteAsync(Guid cardId) => AsGuest(g => Boards.WithdrawVoteAsync(g, cardId));

    // A guest adds and votes, nothing else: the surface shows them no other command.
    private static CommandResult GuestsOnlyAddAndVote => CommandResult.Invalid("Guest", "Un·e invité·e ajoute des cartes et vote ; les autres changements sont réservés aux membres.");

    Task<CommandResult> IBoardActions.MoveCardAsync(Guid cardId, Guid columnId, int index) => Task.FromResult(GuestsOnlyAddAndVote);

    Task<CommandResult> IBoardActions.DeleteCardAsync(Guid cardId) => Task.FromResult(GuestsOnlyAddAndVote);

    Task<CommandResult> IBoardActions.RestoreCardAsync(Guid cardId) => Task.FromResult(GuestsOnlyAddAndVote);

    Task<CardEditResult> IBoardActions.EditCardAsync(Guid cardId, CardContent yours, CardContent basis, int basisVersion) =>
        Task.FromResult(new CardEditResult(GuestsOnlyAddAndVote));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _presence?.Dispose();
            _presence = null;
            _expiry?.Dispose();
            _expiry = null;
        }
        base.Dispose(disposing);
    }
}
