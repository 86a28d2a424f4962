using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CiteEmploi.Web.Components.Pages.Boards.Guests;

/// <summary>
/// The board as a guest sees it, on a phone: the columns, adding cards, voting, who is there. The guest comes from their
/// cookie, read while prerendering (the only moment this page has an HTTP request); the interactive page receives their
/// id through Blazor's persisted state, which the server protects with its data-protection keys. Every stored change on
/// the board re-reads it through <see cref="BoardService.GetAsync(BoardGuestAccess, CancellationToken)"/>, which answers
/// nothing once the code is closed or expired: the page then says the session is over.
/// </summary>
public partial class GuestBoardPage : IBoardCardHost
{
    /// <summary>Where a guest lands after joining.</summary>
    public const string Address = "/invite/tableau";

    private BoardGuestAccess? _guest;
    private BoardView? _view;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private IReadOnlyList<BoardViewer> _viewers = [];
    private readonly Dictionary<Guid, string> _drafts = [];
    private BoardPresence.Handle? _presence;
    private System.Threading.Timer? _expiry;
    private bool _ended;
    private string? _status;
    private string? _error;

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
        await ReloadAsync();
        if (_ended || !RendererInfo.IsInteractive)
        {
            return;
        }
        Watch(LiveTopics.Board(_guest.BoardId), _ => ReloadAsync(), immediate: true);
        Watch(LiveTopics.BoardPresence(_guest.BoardId), OnPresenceAsync);
        _presence = Presence.Join(_guest);
        _viewers = Presence.Viewers(_guest.BoardId);
        // the code's expiry publishes nothing: the page checks itself when it comes
        var due = _guest.ExpiresAt - Time.GetUtcNow() + TimeSpan.FromSeconds(1);
        _expiry = new System.Threading.Timer(_ => _ = InvokeAsync(async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }), null, due < TimeSpan.Zero ? TimeSpan.Zero : due > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : due, Timeout.InfiniteTimeSpan);
    }

    private async Task ReloadAsync()
    {
        if (_guest is null || _ended)
        {
            return;
        }
        // one read at a time, in the order asked: an older read finishing last must not overwrite a newer one
        await _reloadGate.WaitAsync();
        try
        {
            if (_ended)
            {
                return;
            }
            _view = await Boards.GetAsync(_guest);
            if (_view is null)
            {
                End();
            }
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    // Guests are part of « everyone » for « Suivez-moi »: their view goes to the column too.
    private async Task OnPresenceAsync(IReadOnlyList<object> messages)
    {
        if (_guest is null || _ended)
        {
            return;
        }
        _viewers = Presence.Viewers(_guest.BoardId);
        if (messages.OfType<FollowMeRequested>().LastOrDefault() is { } follow && _view?.Columns.FirstOrDefault(c => c.Id == follow.ColumnId) is { } column)
        {
            _status = $"{follow.ByName} vous amène sur la colonne « {column.Title} ».";
            await Js.InvokeVoidAsync("citeEmploi.focusElement", $"colonne-{column.Id}");
        }
    }

    // A countdown that freezes contributions hides the add forms: read the board again when it ends.
    private async Task OnTimerEndedAsync()
    {
        await ReloadAsync();
        _status = "Temps écoulé.";
    }

    private void End()
    {
        _ended = true;
        _view = null;
        _presence?.Dispose();
        _presence = null;
        if (_guest is not null)
        {
            Unwatch(LiveTopics.Board(_guest.BoardId));
            Unwatch(LiveTopics.BoardPresence(_guest.BoardId));
        }
    }

    private async Task RunAsync(Func<BoardGuestAccess, Task<CommandResult>> command, string success)
    {
        if (_guest is null || _ended)
        {
            return;
        }
        var result = await command(_guest);
        _error = result.Succeeded ? null : result.Describe();
        _status = result.Succeeded ? success : null;
        await ReloadAsync();
    }

    private async Task AddCardAsync(Guid columnId)
    {
        var text = _drafts.GetValueOrDefault(columnId) ?? string.Empty;
        await RunAsync(g => Boards.AddCardAsync(g, columnId, new CardContent(text)), "Carte ajoutée.");
        if (_error is null)
        {
            _drafts[columnId] = string.Empty;
        }
    }

    private Task VoteAsync(CardView card) => RunAsync(g => Boards.VoteAsync(g, card.Id), "Vote enregistré.");

    private Task WithdrawVoteAsync(CardView card) => RunAsync(g => Boards.WithdrawVoteAsync(g, card.Id), "Vote retiré.");

    private List<CardView> Ordered(ColumnView column) =>
        _view is { VotesAreRevealed: true } ? [.. column.Cards.OrderByDescending(c => c.Votes ?? 0)] : [.. column.Cards];

    // A guest only votes: the card shows no other command to them.
    Task IBoardCardHost.VoteAsync(CardView card) => VoteAsync(card);

    Task IBoardCardHost.WithdrawVoteAsync(CardView card) => WithdrawVoteAsync(card);

    void IBoardCardHost.StartEdit(CardView card)
    {
    }

    Task IBoardCardHost.DeleteAsync(CardView card) => Task.CompletedTask;

    Task IBoardCardHost.MoveByAsync(CardView card, int delta) => Task.CompletedTask;

    Task IBoardCardHost.MoveToAsync(CardView card, Guid columnId) => Task.CompletedTask;

    Task IBoardCardHost.SaveEditAsync() => Task.CompletedTask;

    Task IBoardCardHost.KeepMineAsync() => Task.CompletedTask;

    void IBoardCardHost.KeepTheirs()
    {
    }

    void IBoardCardHost.CancelEdit()
    {
    }

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
