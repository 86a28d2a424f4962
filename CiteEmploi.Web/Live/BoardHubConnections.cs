using System.Collections.Concurrent;
using System.Security.Claims;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using Microsoft.AspNetCore.SignalR;

namespace CiteEmploi.Web.Live;

/// <summary>
/// The state of each hub connection, kept outside the hub (hubs are transient): the boards it watches (its place in
/// each board's <see cref="BoardFeeds"/>), the member's access per board, and what takes that access away while the
/// connection stays open.
/// <list type="bullet">
/// <item>A member's access is resolved once per connection and board (like a page per circuit) and read again when the
/// Cité's members or the Cité itself change (the topics <see cref="LiveTopics.CiteMembers"/> and
/// <see cref="LiveTopics.Cite"/>, the ones <c>CitePageBase</c> watches): nothing is read per delivered change, which
/// keeps propagation as fast as before. A member who lost the Cité stops receiving its boards and gets
/// <see cref="BoardHub.AccessEndedMethod"/>; a changed role is told at once with <see cref="BoardHub.AccessChangedMethod"/>
/// (and applies to the next command). A member who signs out has their connections ended.</item>
/// <item>A guest connection watches its board for <see cref="GuestAccessClosed"/>/<see cref="GuestAccessOpened"/> and
/// has a timer at the code's expiry; when the code no longer admits the guest, the connection gets
/// <see cref="BoardHub.AccessEndedMethod"/> and is closed without reconnection.</item>
/// </list>
/// </summary>
public sealed class BoardHubConnections(
    ILiveBus bus,
    BoardFeeds feeds,
    IHubContext<BoardHub> hub,
    BoardHubAccess gate,
    BoardGuestService guests,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<BoardCommandRateSettings> rate,
    ILogger<BoardHubConnections> logger)
{
    public const string GuestEndedMessage = "La session invité est terminée : l'accès au tableau a été fermé ou a expiré.";

    public const string MemberEndedMessage = "Vous n'avez plus accès à ce tableau : vous ne faites plus partie de cette Cité.";

    public const string SignedOutMessage = "Vous vous êtes déconnecté·e : ce tableau n'est plus suivi ici.";

    private static readonly System.Text.CompositeFormat RoleChangedMessage =
        System.Text.CompositeFormat.Parse("Votre rôle dans cette Cité a changé : vous êtes maintenant « {0} ».");

    // A system timer may fire a little before its due time; the code must be past its expiry when read again.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    /// <summary>How many boards a connection watches (tests, diagnostics).</summary>
    public int Count(string connectionId) => _connections.TryGetValue(connectionId, out var c) ? c.BoardCount : 0;

    internal Connection Open(HubCallerContext context) => _connections.GetOrAdd(context.ConnectionId, _ => new Connection(context, new BoardCommandRate(rate.Value)));

    internal Connection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    /// <summary>Disposes everything of a connection (on disconnect).</summary>
    internal void Close(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection))
        {
            connection.Dispose();
        }
    }

    // ---- members ----

    /// <summary>The member's access to a board, cached per connection until the Cité's members change.</summary>
    internal async Task<CiteAccess?> MemberAccessAsync(Connection connection, Guid boardId, CancellationToken cancellationToken)
    {
        if (connection.Members.TryGetValue(boardId, out var cached))
        {
            return cached;
        }
        while (true)
        {
            var generation = Volatile.Read(ref connection.Generation);
            var access = await gate.ResolveAsync(connection.User, boardId, cancellationToken);
            if (access is null)
            {
                connection.Members.TryRemove(boardId, out _);
                return null;
            }
            // First board of this Cité on the connection: watch its members, then read again, so that a removal
            // committed before the watch began is not missed.
            if (WatchCite(connection, access.CiteId))
            {
                continue;
            }
            connection.Members[boardId] = access;
            // A re-check that began while this was read may not have seen it: read once more.
            if (Volatile.Read(ref connection.Generation) == generation)
            {
                return access;
            }
        }
    }

    /// <summary>Forgets a member's cached access when it no longer stands (after a refusal in the middle of a subscription).</summary>
    internal bool StillMember(Connection connection, Guid boardId) => connection.Members.ContainsKey(boardId);

    private bool WatchCite(Connection connection, Guid citeId)
    {
        lock (connection.Gate)
        {
            if (connection.Closed || connection.CiteWatches.ContainsKey(citeId))
            {
                return false;
            }
            Task Recheck(IReadOnlyList<object> _) => RecheckMemberAsync(connection, citeId);
            connection.CiteWatches[citeId] = [bus.Subscribe(LiveTopics.CiteMembers(citeId), Recheck), bus.Subscribe(LiveTopics.Cite(citeId), Recheck)];
            return true;
        }
    }

    private async Task RecheckMemberAsync(Connection connection, Guid citeId)
    {
        Interlocked.Increment(ref connection.Generation);
        var ended = new List<Guid>();
        var changed = new List<(Guid BoardId, CiteAccess Access)>();
        foreach (var (boardId, access) in connection.Members.ToArray())
        {
            if (access.CiteId != citeId)
            {
                continue;
            }
            var fresh = await gate.ResolveAsync(connection.User, boardId, CancellationToken.None);
            if (fresh is null)
            {
                connection.Members.TryRemove(boardId, out _);
                connection.Unsubscribe(boardId);
                ended.Add(boardId);
            }
            else
            {
                connection.Members[boardId] = fresh;
                if (fresh.Role != access.Role)
                {
                    changed.Add((boardId, fresh));
                }
            }
        }
        foreach (var boardId in ended)
        {
            await hub.Clients.Client(connection.Id).SendAsync(BoardHub.AccessEndedMethod, boardId, MemberEndedMessage);
        }
        // A lowered (or raised) role is told at once, not discovered at the next refused command.
        foreach (var (boardId, access) in changed)
        {
            await hub.Clients.Client(connection.Id).SendAsync(BoardHub.AccessChangedMethod, boardId, access.Role.ToString(),
                string.Format(System.Globalization.CultureInfo.InvariantCulture, RoleChangedMessage, access.Role.Label()));
        }
    }

    /// <summary>Ends the connection when its member signs out (« Se déconnecter », on any server).</summary>
    internal void WatchSignOut(Connection connection, string userId)
    {
        lock (connection.Gate)
        {
            if (connection.Closed || connection.SignOutWatch is not null)
            {
                return;
            }
            connection.SignOutWatch = bus.Subscribe(LiveTopics.Account(userId), _ => EndSignedOutAsync(connection));
        }
    }

    private async Task EndSignedOutAsync(Connection connection)
    {
        Guid[] boards;
        lock (connection.Gate)
        {
            boards = [.. connection.Boards.Keys];
        }
        foreach (var boardId in boards)
        {
            await hub.Clients.Client(connection.Id).SendAsync(BoardHub.AccessEndedMethod, boardId, SignedOutMessage);
        }
        logger.LogInformation("Connexion au hub {ConnectionId} fermée : déconnexion de son compte.", connection.Id);
        connection.Context.Abort();
    }

    // ---- guests ----

    /// <summary>
    /// Binds a guest to the connection: watches the board for the code's closing and arms the expiry timer, then reads
    /// the code (after the watch began, so a closing in between is not missed). Null when the code no longer admits them.
    /// </summary>
    internal async Task<BoardGuestAccess?> StartGuestAsync(Connection connection, Guid guestId, Guid boardId, CancellationToken cancellationToken)
    {
        lock (connection.Gate)
        {
            connection.GuestId = guestId;
            connection.GuestWatch ??= bus.Subscribe(LiveTopics.Board(boardId), messages =>
                messages.Any(m => m is GuestAccessClosed or GuestAccessOpened) ? RecheckGuestAsync(connection) : Task.CompletedTask);
        }
        var guest = await guests.ResolveByIdAsync(guestId, cancellationToken);
        if (guest is null || guest.BoardId != boardId)
        {
            return null;
        }
        lock (connection.Gate)
        {
            connection.Guest = guest;
            if (!connection.Closed)
            {
                connection.Expiry ??= time.CreateTimer(_ => _ = RecheckGuestAsync(connection), null, DueIn(guest), Timeout.InfiniteTimeSpan);
            }
        }
        return guest;
    }

    private async Task RecheckGuestAsync(Connection connection)
    {
        try
        {
            if (connection.Closed || connection.GuestId is not { } guestId)
            {
                return;
            }
            if (await guests.ResolveByIdAsync(guestId, CancellationToken.None) is { } guest)
            {
                // still open (a timer that fired early, or another board event): wait for the expiry again
                lock (connection.Gate)
                {
                    connection.Guest = guest;
                    connection.Expiry?.Change(DueIn(guest), Timeout.InfiniteTimeSpan);
                }
                return;
            }
            connection.Guest = null;
            await hub.Clients.Client(connection.Id).SendAsync(BoardHub.AccessEndedMethod, connection.GuestBoardId, GuestEndedMessage);
            // Closes with a close message that forbids automatic reconnection; a new negotiation would get 401 anyway.
            connection.Context.Abort();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "La vérification de la session invité de la connexion {ConnectionId} a échoué.", connection.Id);
            connection.Context.Abort();
        }
    }

    private TimeSpan DueIn(BoardGuestAccess guest)
    {
        var left = guest.ExpiresAt - time.GetUtcNow();
        return (left > TimeSpan.Zero ? left : TimeSpan.Zero) + ExpiryMargin;
    }

    // ---- subscriptions ----

    /// <summary>Starts sending a board's changes to the connection (once per board).</summary>
    internal void Subscribe(Connection connection, Guid boardId, Guid citeId)
    {
        lock (connection.Gate)
        {
            if (connection.Closed || connection.Boards.ContainsKey(boardId))
            {
                return;
            }
            // the board's one feed for all its connections; this connection's place in it ends with its access
            var context = connection.Context;
            connection.Boards[boardId] = feeds.Join(boardId, citeId, hub.Clients.Client(connection.Id), context.Abort);
        }
    }

    /// <summary>One hub connection's state; every field but the concurrent dictionaries is changed under <see cref="Gate"/>.</summary>
    internal sealed class Connection(HubCallerContext context, BoardCommandRate rate) : IDisposable
    {
        public readonly Lock Gate = new();

        /// <summary>Incremented when a member re-check starts (see <see cref="MemberAccessAsync"/>).</summary>
        public int Generation;

        public HubCallerContext Context { get; } = context;

        public string Id => Context.ConnectionId;

        public ClaimsPrincipal? User => Context.User;

        public ConcurrentDictionary<Guid, CiteAccess> Members { get; } = new();

        public Dictionary<Guid, IDisposable> Boards { get; } = [];

        /// <summary>This connection's pace of board commands (issue 15: one client must not flood a board).</summary>
        public BoardCommandRate Rate { get; } = rate;

        public Dictionary<Guid, IDisposable[]> CiteWatches { get; } = [];

        public Guid? GuestId { get; set; }

        public BoardGuestAccess? Guest { get; set; }

        public Guid? GuestBoardId => Guest?.BoardId ?? BoardGuestAuthenticationHandler.GuestOf(User)?.BoardId;

        public IDisposable? GuestWatch { get; set; }

        public IDisposable? SignOutWatch { get; set; }

        public ITimer? Expiry { get; set; }

        public bool Closed { get; private set; }

        public int BoardCount
        {
            get
            {
                lock (Gate)
                {
                    return Boards.Count;
                }
            }
        }

        public bool Unsubscribe(Guid boardId)
        {
            IDisposable? subscription;
            lock (Gate)
            {
                if (!Boards.Remove(boardId, out subscription))
                {
                    return false;
                }
            }
            subscription.Dispose();
            return true;
        }

        public void Dispose()
        {
            List<IDisposable> all;
            lock (Gate)
            {
                Closed = true;
                all = [.. Boards.Values, .. CiteWatches.Values.SelectMany(w => w)];
                if (GuestWatch is not null)
                {
                    all.Add(GuestWatch);
                }
                if (SignOutWatch is not null)
                {
                    all.Add(SignOutWatch);
                }
                if (Expiry is not null)
                {
                    all.Add(Expiry);
                }
                all.Add(Rate);
                Boards.Clear();
                CiteWatches.Clear();
                GuestWatch = null;
                SignOutWatch = null;
                Expiry = null;
            }
            foreach (var disposable in all)
            {
                disposable.Dispose();
            }
        }
    }
}
