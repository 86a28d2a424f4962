using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Board topics for clients other than the pages (room displays, integrations), over SignalR at <see cref="Path"/>,
/// with the pages' authorisation: a member's session cookie, or a board guest's secret (cookie, bearer token or
/// <c>access_token</c>, see <see cref="BoardGuestAuthenticationHandler"/>); anything else gets 401 before the hub, and
/// a page of another site gets 403 (<see cref="BoardHubOrigin"/>).
/// <c>Subscribe(boardId)</c> passes the same wall as the board page, then every stored change of that board is pushed
/// to the caller as one <see cref="ChangeMethod"/> message per event, in the order the pages see them (through the
/// board's <see cref="BoardFeeds"/>: a client more than <see cref="BoardFeeds.MaxBacklog"/> changes behind is
/// disconnected, and reads the board again when it reconnects). Commands answer
/// only once their change is committed (its live event follows), which is what the durability test and the
/// benchmarks lean on. A guest reaches their one board, and there only views, adds cards and votes. Every refusal is
/// a <see cref="HubException"/> with the French message the pages show, and changes nothing.
/// When access ends while connected (code closed or expired, member removed) the client gets
/// <see cref="AccessEndedMethod"/> (docs/decisions/0008-board-guests.md).
/// </summary>
public sealed class BoardHub(BoardHubConnections connections, BoardService boards) : Hub
{
    public const string Path = "/hubs/tableaux";

    /// <summary>The authorisation policy of the endpoint: a member or a board guest.</summary>
    public const string Policy = "BoardHub";

    /// <summary>The client method each board change is sent to.</summary>
    public const string ChangeMethod = "BoardChanged";

    /// <summary>
    /// The client method told that access ended: (boardId, French message). A guest's connection is then closed; a
    /// member removed from a Cité stops receiving that Cité's boards.
    /// </summary>
    public const string AccessEndedMethod = "AccessEnded";

    /// <summary>
    /// Sent (boardId, role, message) when the member's role in the board's Cité changed while connected: the client
    /// updates what it offers at once rather than meeting a refusal at the next command.
    /// </summary>
    public const string AccessChangedMethod = "AccessChanged";

    public const string RefusedMessage = "Ce tableau n'existe pas ou vous n'y avez pas accès.";

    public const string EmptyKeyMessage = "La clé de la carte est vide : envoyez un identifiant (Guid) créé pour cet ajout.";

    public const string GuestRefusedMessage = "En invité·e, vous pouvez voir le tableau, y ajouter des cartes et voter, rien d'autre.";

    public override async Task OnConnectedAsync()
    {
        var connection = connections.Open(Context);
        // A member session wins over a guest cookie in the same browser: the member path stays what it was.
        if (CiteAccessService.UserIdOf(Context.User!) is null && BoardGuestAuthenticationHandler.GuestOf(Context.User) is { } guest)
        {
            BoardGuestAccess? started = null;
            try
            {
                started = await connections.StartGuestAsync(connection, guest.GuestId, guest.BoardId, Context.ConnectionAborted);
            }
            finally
            {
                // SignalR does not call OnDisconnectedAsync when OnConnectedAsync fails: let go of the watch here.
                if (started is null)
                {
                    connections.Close(Context.ConnectionId);
                }
            }
            if (started is null)
            {
                // The code closed between the authentication and now: a protocol error closes the connection.
                throw new HubException(BoardHubConnections.GuestEndedMessage);
            }
        }
        else if (CiteAccessService.UserIdOf(Context.User!) is { } userId)
        {
            connections.WatchSignOut(connection, userId);
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Close(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts sending the board's changes to this connection; refused (nothing subscribed) outside the wall.</summary>
    public async Task Subscribe(Guid boardId)
    {
        var caller = await CallerAsync(boardId);
        var connection = Connection();
        connections.Subscribe(connection, boardId, caller.CiteId);
        // removed from the Cité while this was being set up: the re-check may have run before the subscription existed
        if (caller.Member is not null && !connections.StillMember(connection, boardId))
        {
            connection.Unsubscribe(boardId);
            throw new HubException(RefusedMessage);
        }
    }

    public Task Unsubscribe(Guid boardId)
    {
        connections.Find(Context.ConnectionId)?.Unsubscribe(boardId);
        return Task.CompletedTask;
    }

    /// <summary>The board as stored, as this person sees it on the page: what a client shows on (re)connecting.</summary>
    public async Task<BoardView> GetBoard(Guid boardId)
    {
        var caller = await CallerAsync(boardId);
        var view = caller.Guest is { } guest
            ? await boards.GetAsync(guest, Context.ConnectionAborted) ?? throw new HubException(BoardHubConnections.GuestEndedMessage)
            : await boards.GetAsync(caller.Member!, boardId, Context.ConnectionAborted);
        return view ?? throw new HubException(RefusedMessage);
    }

    /// <summary>
    /// Adds a card at the end of a column; returns the new card's id once it is stored. Kept for existing clients: a retry
    /// after a lost answer adds the card again; <see cref="AddCardWithKey"/> does not.
    /// </summary>
    public Task<Guid> AddCard(Guid boardId, Guid columnId, string text) => AddAsync(boardId, columnId, text, clientKey: null);

    /// <summary>
    /// Adds a card with a key the client made for this add (a new Guid per card, the same one when it sends the add
    /// again): a retry after a lost answer returns the card already stored and adds nothing. SignalR resolves hub methods
    /// by name only, hence a second name rather than an overload of <see cref="AddCard"/>.
    /// </summary>
    public Task<Guid> AddCardWithKey(Guid boardId, Guid columnId, string text, Guid clientKey) =>
        clientKey == Guid.Empty ? throw new HubException(EmptyKeyMessage) : AddAsync(boardId, columnId, text, clientKey);

    private async Task<Guid> AddAsync(Guid boardId, Guid columnId, string text, Guid? clientKey)
    {
        var caller = await CallerAsync(boardId);
        TakeTurn();
        var content = new CardContent(text ?? string.Empty);
        var result = caller.Guest is { } guest
            ? await boards.AddCardAsync(guest, columnId, content, clientKey, Context.ConnectionAborted)
            : await boards.AddCardAsync(caller.Member!, boardId, columnId, content, clientKey, Context.ConnectionAborted);
        return Guid.Parse(Succeeded(result).Value!);
    }

    /// <summary>Puts one of the caller's votes on a card; answers once stored.</summary>
    public async Task Vote(Guid boardId, Guid cardId)
    {
        var caller = await CallerAsync(boardId);
        TakeTurn();
        Succeeded(caller.Guest is { } guest
            ? await boards.VoteAsync(guest, cardId, Context.ConnectionAborted)
            : await boards.VoteAsync(caller.Member!, boardId, cardId, Context.ConnectionAborted));
    }

    /// <summary>Takes back one of the caller's votes on a card; answers once stored.</summary>
    public async Task WithdrawVote(Guid boardId, Guid cardId)
    {
        var caller = await CallerAsync(boardId);
        TakeTurn();
        Succeeded(caller.Guest is { } guest
            ? await boards.WithdrawVoteAsync(guest, cardId, Context.ConnectionAborted)
            : await boards.WithdrawVoteAsync(caller.Member!, boardId, cardId, Context.ConnectionAborted));
    }

    /// <summary>Moves a card to <paramref name="index"/> in <paramref name="columnId"/> (0 = top); members only, as on the page.</summary>
    public async Task MoveCard(Guid boardId, Guid cardId, Guid columnId, int index)
    {
        var caller = await CallerAsync(boardId);
        var member = caller.Member ?? throw new HubException(GuestRefusedMessage);
        TakeTurn();
        Succeeded(await boards.MoveCardAsync(member, boardId, cardId, columnId, index, Context.ConnectionAborted));
    }

    /// <summary>Refuses a command beyond this connection's pace (<see cref="BoardCommandRate"/>), before anything is read or written.</summary>
    private void TakeTurn()
    {
        if (!Connection().Rate.TryTake())
        {
            throw new HubException(BoardCommandRate.RefusedMessage);
        }
    }

    private static CommandResult Succeeded(CommandResult result) =>
        result.Succeeded ? result : throw new HubException(result.Describe());

    private BoardHubConnections.Connection Connection() =>
        connections.Find(Context.ConnectionId) ?? throw new HubException(RefusedMessage);

    /// <summary>
    /// The caller on this board: the member's access (resolved once per connection and board, like a page per circuit,
    /// and re-checked when the Cité's members change) or the guest of this very board. Refused alike for an unknown
    /// board, another Cité's board and another board than a guest's.
    /// </summary>
    private async Task<BoardHubCaller> CallerAsync(Guid boardId)
    {
        var connection = Connection();
        if (connection.GuestId is not null)
        {
            // BoardService checks the guest's code again in each command's own transaction.
            return connection.Guest is { } guest && guest.BoardId == boardId
                ? new BoardHubCaller(null, guest)
                : throw new HubException(connection.Guest is null ? BoardHubConnections.GuestEndedMessage : RefusedMessage);
        }
        var access = await connections.MemberAccessAsync(connection, boardId, Context.ConnectionAborted)
            ?? throw new HubException(RefusedMessage);
        return new BoardHubCaller(access, null);
    }
}

/// <summary>
/// One board change as sent to hub clients: the event's name (<c>CardAdded</c>, <c>CardMoved</c>…), the board, the
/// card when there is one, and the event's own fields under <see cref="Change"/>. Clients that need the whole board
/// read it again; nothing here is more than the pages already show.
/// </summary>
public sealed record BoardChange(string Type, Guid BoardId, Guid? CardId, object Change)
{
    public static BoardChange Of(IBoardEvent e) => new(e.GetType().Name, e.BoardId, CardOf(e), e);

    private static Guid? CardOf(IBoardEvent e) => e switch
    {
        CardAdded c => c.CardId,
        CardEdited c => c.CardId,
        CardMoved c => c.CardId,
        CardDeleted c => c.CardId,
        CardRestored c => c.CardId,
        CardLinkedToAction c => c.CardId,
        CardVoted c => c.CardId,
        CardVoteWithdrawn c => c.CardId,
        _ => null,
    };
}

public static class BoardHubExtensions
{
    public static IServiceCollection AddBoardHub(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<BoardHubAccess>();
        services.AddSingleton<BoardFeeds>();
        services.AddSingleton<BoardHubConnections>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BoardGuestAuthenticationHandler>(BoardGuestAuthenticationHandler.SchemeName, displayName: null, configureOptions: null);
        services.AddAuthorizationBuilder()
            // A member's session or a guest's secret. The guest scheme comes first so that, when both are present, the
            // member's identity is the principal's primary one (later schemes' identities are merged in front).
            .AddPolicy(BoardHub.Policy, policy => policy
                .AddAuthenticationSchemes(BoardGuestAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser());
        // A hub client is no browser to send to the sign-in page: without a session it gets a plain 401.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var redirect = options.Events.OnRedirectToLogin;
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments(BoardHub.Path, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    // …and not the French error page re-executed in its place (a POST there answers 400).
                    BoardHubOrigin.DisableStatusCodePages(context.HttpContext);
                    return Task.CompletedTask;
                }
                return redirect(context);
            };
        });
        return services;
    }

    /// <summary>
    /// Maps the hub behind its own policy (members and board guests, <see cref="BoardHub.Policy"/>) instead of the app's
    /// fallback (members only), with the origin check in front of the hub's endpoints (negotiate and connection).
    /// </summary>
    public static IEndpointRouteBuilder MapBoardHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<BoardHub>(BoardHub.Path)
            .RequireAuthorization(BoardHub.Policy)
            .Add(endpoint => endpoint.RequestDelegate = endpoint.RequestDelegate is { } next ? BoardHubOrigin.Guard(next) : null);
        return endpoints;
    }
}
