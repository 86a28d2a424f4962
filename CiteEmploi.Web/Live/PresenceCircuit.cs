using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CiteEmploi.Web.Live;

/// <summary>
/// The presence sessions of one Blazor circuit (scoped). When the browser's connection drops — a closed tab, a
/// network cut — the circuit is kept for <c>CiteEmploi:CircuitRetention</c> (3 minutes) in case it comes back, and
/// its pages are disposed only then; until this handler, those pages stayed « present » all that time (and a person
/// who reloaded was listed twice). Now they are away as soon as the connection is down, back if it comes up again,
/// and gone when the circuit closes.
/// </summary>
public sealed class PresenceCircuit(LivePresence presence) : CircuitHandler
{
    private readonly LivePresence _presence = presence;
    private readonly ConcurrentDictionary<Guid, byte> _sessions = new();
    private volatile bool _down;

    /// <summary>Joins <paramref name="place"/> for a page of this circuit; dispose the result when the page goes.</summary>
    public Session Join(string place, string personKey, string name, bool isGuest)
    {
        var id = _presence.Join(place, personKey, name, isGuest);
        _sessions[id] = 0;
        if (_down)
        {
            _presence.Away(id);
        }
        return new Session(this, id);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _down = true;
        foreach (var id in _sessions.Keys)
        {
            _presence.Away(id);
        }
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _down = false;
        foreach (var id in _sessions.Keys)
        {
            _presence.Back(id);
        }
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        foreach (var id in _sessions.Keys)
        {
            Leave(id);
        }
        return Task.CompletedTask;
    }

    private void Leave(Guid id)
    {
        if (_sessions.TryRemove(id, out _))
        {
            _presence.Leave(id);
        }
    }

    /// <summary>One page's presence on its place.</summary>
    public sealed class Session(PresenceCircuit circuit, Guid id) : IDisposable
    {
        public Guid Id { get; } = id;

        /// <summary>Shows others what this page is editing (null when the edit ends).</summary>
        public void Editing(Guid? itemId) => circuit._presence.Editing(Id, itemId);

        public void Dispose() => circuit.Leave(Id);
    }
}
