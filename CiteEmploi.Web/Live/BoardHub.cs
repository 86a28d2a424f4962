using System.Collections.Concurrent;
using System.Security.Claims;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Board topics for clients other than the pages (room displays, integrations), over SignalR at <see cref="Path"/>.
/// <c>Subscribe(boardId)</c> passes the same wall as the board page, then every stored change of that board is pushed
/// to the caller as one <see cref="ChangeMethod"/> message per event, in the order the pages see them.
/// <c>AddCard</c> answers only once the card is committed (its live event follows), which is what the durability test
/// and the benchmarks lean on. The endpoint itself requires a signed-in person (the app's fallback policy).
/// </summary>
public sealed class BoardHub(BoardHubAccess gate, BoardHubSubscriptions subscriptions, BoardService boards) : Hub
{
    public const string Path = "/hubs/tableaux";

    /// <summary>The client method each board change is sent to.</summary>
    public const string ChangeMethod = "BoardChanged";

    public const string RefusedMessage = "Ce tableau n'existe pas ou vous n'y avez pas accès.";

    /// <summary>Starts sending the board's changes to this connection; refused (nothing subscribed) outside the wall.</summary>
    public async Task Subscribe(Guid boardId)
    {
        var access = await AccessAsync(boardId);
        subscriptions.Add(Context.ConnectionId, boardId, access);
    }

    public Task Unsubscribe(Guid boardId)
    {
        subscriptions.Remove(Context.ConnectionId, boardId);
        return Task.CompletedTask;
    }

    /// <summary>The board as stored, as this person sees it on the page: what a client shows on (re)connecting.</summary>
    public async Task<BoardView> GetBoard(Guid boardId)
    {
        var access = await AccessAsync(boardId);
        return await boards.GetAsync(access, boardId, Context.ConnectionAborted) ?? throw new HubException(RefusedMessage);
    }

    /// <summary>Adds a card at the end of a column; returns the new card's id once it is stored.</summary>
    public async Task<Guid> AddCard(Guid boardId, Guid columnId, string text)
    {
        var access = await AccessAsync(boardId);
        var result = await boards.AddCardAsync(access, boardId, columnId, new CardContent(text ?? string.Empty), Context.ConnectionAborted);
        if (!result.Succeeded)
        {
            throw new HubException(result.Describe());
        }
        return Guid.Parse(result.Value!);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    // The access is resolved once per connection and board, like a page resolves it once per circuit.
    private async Task<CiteAccess> AccessAsync(Guid boardId)
    {
        var key = "board:" + boardId.ToString("N");
        if (Context.Items.TryGetValue(key, out var known) && known is CiteAccess cached)
        {
            return cached;
        }
        var access = await gate.ResolveAsync(Context.User, boardId, Context.ConnectionAborted) ?? throw new HubException(RefusedMessage);
        Context.Items[key] = access;
        return access;
    }
}

/// <summary>
/// Who may watch a board through the hub: the same answer as the board page (a member of the board's Cité who may read).
/// An unknown board and another Cité's board look the same: no access.
/// </summary>
public sealed class BoardHubAccess(IDbContextFactory<AppDbContext> dbFactory, CiteAccessService citeAccess)
{
    public async Task<CiteAccess?> ResolveAsync(ClaimsPrincipal? user, Guid boardId, CancellationToken cancellationToken = default)
    {
        if (user is null)
        {
            return null;
        }
        // Guests (join codes) plug in here: a guest credential on the connection resolves to an access limited to
        // its one board; the endpoint then needs to let guests in (see MapBoardHub).
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var slug = await (
                from board in db.Boards.IgnoreQueryFilters()
                join cite in db.Cites on board.CiteId equals cite.Id
                where board.Id == boardId
                select cite.Slug)
            .SingleOrDefaultAsync(cancellationToken);
        if (slug is null)
        {
            return null;
        }
        var access = await citeAccess.ResolveAsync(user, slug, cancellationToken);
        return access is not null && access.Can(CitePermission.Read) ? access : null;
    }
}

/// <summary>
/// The live-bus subscriptions of hub connections, one per connection and board, disposed on unsubscribe and on
/// disconnect. Pushes go through <see cref="IHubContext{THub}"/>, never through a hub instance (hubs are transient).
/// </summary>
public sealed class BoardHubSubscriptions(ILiveBus bus, IHubContext<BoardHub> hub)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, IDisposable>> _connections = new(StringComparer.Ordinal);

    public void Add(string connectionId, Guid boardId, CiteAccess access)
    {
        var boardsOfConnection = _connections.GetOrAdd(connectionId, _ => new());
        if (boardsOfConnection.ContainsKey(boardId))
        {
            return;
        }
        var client = hub.Clients.Client(connectionId);
        var subscription = bus.SubscribeUnbatched(LiveTopics.Board(boardId), async messages =>
        {
            foreach (var message in messages)
            {
                if (message is IBoardEvent change && change.CiteId == access.CiteId)
                {
                    await client.SendAsync(BoardHub.ChangeMethod, BoardChange.Of(change));
                }
            }
        });
        if (!boardsOfConnection.TryAdd(boardId, subscription))
        {
            subscription.Dispose();
        }
    }

    public void Remove(string connectionId, Guid boardId)
    {
        if (_connections.TryGetValue(connectionId, out var boardsOfConnection) && boardsOfConnection.TryRemove(boardId, out var subscription))
        {
            subscription.Dispose();
        }
    }

    public void RemoveConnection(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var boardsOfConnection))
        {
            foreach (var subscription in boardsOfConnection.Values)
            {
                subscription.Dispose();
            }
        }
    }

    /// <summary>How many boards a connection watches (tests, diagnostics).</summary>
    public int Count(string connectionId) => _connections.TryGetValue(connectionId, out var boardsOfConnection) ? boardsOfConnection.Count : 0;
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
        services.AddSingleton<BoardHubSubscriptions>();
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
                    if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages)
                    {
                        pages.Enabled = false;
                    }
                    return Task.CompletedTask;
                }
                return redirect(context);
            };
        });
        return services;
    }

    /// <summary>Maps the hub; signed-in people only, through the app's fallback authorisation policy.</summary>
    public static IEndpointRouteBuilder MapBoardHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<BoardHub>(BoardHub.Path);
        return endpoints;
    }
}
