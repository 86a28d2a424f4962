using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace CiteEmploi.Web.Live;

/// <summary>
/// The room display's hub (a projector: no account, no Blazor circuit), at <see cref="Path"/>. The display connects
/// with its Cité and its code in the query string (<c>?cite=slug&amp;code=K7P4XM2Q</c>); a forged, withdrawn or
/// replaced code, and a code of another Cité, close the connection at once with <see cref="SessionDisplayService.RefusedMessage"/>
/// (a <see cref="HubException"/>, the server forbidding reconnection) and nothing else. Let in, the display reads the
/// session with <see cref="GetState"/> (on every connection and reconnection: after a reload, a network cut or a server
/// restart it shows the right item by itself), then gets <see cref="StateMethod"/> with the new state after every
/// stored change of that session (<see cref="SessionDisplays"/>). When its code is replaced or withdrawn it gets
/// <see cref="EndedMethod"/> and is closed. Refused codes count against the network address like refused guest codes
/// (<see cref="SignInThrottle"/>): guessing codes is stopped long before it could find one.
/// </summary>
public sealed class SessionDisplayHub(SessionDisplays displays, SessionDisplayService sessions, SignInThrottle throttle, PublicLinks links) : Hub
{
    public const string Path = "/hubs/affichage";

    /// <summary>The client method the session's state is pushed to (one <see cref="SessionDisplayState"/>).</summary>
    public const string StateMethod = "DisplayState";

    /// <summary>The client method told (French message) that the display's code no longer opens the session.</summary>
    public const string EndedMethod = "DisplayEnded";

    public const string CiteParameter = "cite";

    public const string CodeParameter = "code";

    public const string ThrottledMessage = "Trop de codes d'affichage refusés depuis cette connexion : réessayez dans quelques minutes.";

    private const string TicketKey = "citeemploi:affichage";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var address = http?.Connection.RemoteIpAddress?.ToString();
        var typed = http?.Request.Query[CodeParameter].ToString();
        var throttleKey = "code-affichage:" + typed;
        if (throttle.IsBlocked(address, throttleKey))
        {
            throw new HubException(ThrottledMessage);
        }
        var ticket = await sessions.ResolveAsync(http?.Request.Query[CiteParameter].ToString(), typed, Context.ConnectionAborted);
        if (ticket is null)
        {
            throttle.RecordFailure(address, throttleKey);
            // A protocol error: the connection is closed with this message and the client may not reconnect.
            throw new HubException(SessionDisplayService.RefusedMessage);
        }
        // the check-in QR code points to the app's public address (PublicLinks), never to the Host this display sent
        ticket = ticket with { BaseUri = links.BaseUri() };
        Context.Items[TicketKey] = ticket;
        displays.Join(Context, ticket);
        // withdrawn while being let in: the watch may have begun after the change was published
        if (await sessions.CurrentCodeAsync(ticket, Context.ConnectionAborted) != ticket.Code)
        {
            displays.Leave(Context.ConnectionId, ticket.SessionId);
            throw new HubException(SessionDisplayService.RefusedMessage);
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(TicketKey, out var value) && value is SessionDisplayTicket ticket)
        {
            displays.Leave(Context.ConnectionId, ticket.SessionId);
        }
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The session as the room shows it now; refused (and the display closed) once its code no longer stands.</summary>
    public async Task<SessionDisplayState> GetState()
    {
        if (!Context.Items.TryGetValue(TicketKey, out var value) || value is not SessionDisplayTicket ticket)
        {
            throw new HubException(SessionDisplayService.RefusedMessage);
        }
        if (await sessions.StateAsync(ticket, Context.ConnectionAborted) is { } state)
        {
            return state;
        }
        displays.Leave(Context.ConnectionId, ticket.SessionId);
        Context.Items.Remove(TicketKey);
        throw new HubException(SessionDisplayService.RefusedMessage);
    }
}

/// <summary>
/// The room displays connected now, by session: one live-bus subscription per session watched (not one per display);
/// after every stored change of that session the state is read once (from the copy the participants' pages share) and
/// sent to each of its displays, and the displays whose code no longer stands are told
/// (<see cref="SessionDisplayHub.EndedMethod"/>) and closed.
/// </summary>
public sealed class SessionDisplays(ILiveBus bus, IHubContext<SessionDisplayHub> hub, SessionDisplayService sessions, ILogger<SessionDisplays> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Watch> _watches = [];

    /// <summary>How many displays follow a session (tests, diagnostics).</summary>
    public int Count(Guid sessionId)
    {
        lock (_gate)
        {
            return _watches.TryGetValue(sessionId, out var watch) ? watch.Displays.Count : 0;
        }
    }

    internal void Join(HubCallerContext context, SessionDisplayTicket ticket)
    {
        lock (_gate)
        {
            if (!_watches.TryGetValue(ticket.SessionId, out var watch))
            {
                watch = new Watch();
                _watches[ticket.SessionId] = watch;
                // unbatched: a projector is one connection per room, and the room looks at it when « suivant » is pressed
                watch.Subscription = bus.SubscribeUnbatched(LiveTopics.Session(ticket.SessionId), _ => ChangedAsync(ticket.SessionId));
            }
            watch.Displays[context.ConnectionId] = (context, ticket);
        }
    }

    internal void Leave(string connectionId, Guid sessionId)
    {
        IDisposable? unsubscribe = null;
        lock (_gate)
        {
            if (!_watches.TryGetValue(sessionId, out var watch) || !watch.Displays.Remove(connectionId))
            {
                return;
            }
            if (watch.Displays.Count == 0)
            {
                _watches.Remove(sessionId);
                unsubscribe = watch.Subscription;
            }
        }
        unsubscribe?.Dispose();
    }

    // On the session's bus pump: changes come coalesced, and the state is read once for all its displays.
    private async Task ChangedAsync(Guid sessionId)
    {
        try
        {
            (HubCallerContext Context, SessionDisplayTicket Ticket)[] displays;
            lock (_gate)
            {
                if (!_watches.TryGetValue(sessionId, out var watch))
                {
                    return;
                }
                displays = [.. watch.Displays.Values];
            }
            if (displays.Length == 0)
            {
                return;
            }
            // one read for the code and the state, shared with the participants' pages (SessionSnapshots)
            var code = await sessions.CurrentCodeAsync(displays[0].Ticket);
            foreach (var (context, _) in displays.Where(d => d.Ticket.Code != code))
            {
                Leave(context.ConnectionId, sessionId);
                await hub.Clients.Client(context.ConnectionId).SendAsync(SessionDisplayHub.EndedMethod, SessionDisplayService.RefusedMessage);
                context.Abort();
            }
            var still = displays.Where(d => d.Ticket.Code == code).ToArray();
            if (still.Length == 0 || await sessions.StateAsync(still[0].Ticket) is not { } state)
            {
                return;
            }
            await hub.Clients.Clients([.. still.Select(d => d.Context.ConnectionId)]).SendAsync(SessionDisplayHub.StateMethod, state);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "L'envoi de l'état de la séance {SessionId} à ses affichages a échoué.", sessionId);
        }
    }

    private sealed class Watch
    {
        public IDisposable? Subscription { get; set; }

        public Dictionary<string, (HubCallerContext Context, SessionDisplayTicket Ticket)> Displays { get; } = new(StringComparer.Ordinal);
    }
}

public static class SessionDisplayHubExtensions
{
    public static IServiceCollection AddSessionDisplayHub(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<SessionDisplays>();
        return services;
    }

    /// <summary>
    /// Maps the display hub open to anonymous clients (the code is their proof, checked in the hub), with the same origin
    /// check as the board hub in front of it: a page of another site cannot open it.
    /// </summary>
    public static IEndpointRouteBuilder MapSessionDisplayHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<SessionDisplayHub>(SessionDisplayHub.Path)
            .AllowAnonymous()
            .Add(endpoint => endpoint.RequestDelegate = endpoint.RequestDelegate is { } next ? BoardHubOrigin.Guard(next) : null);
        return endpoints;
    }
}
