using System.Collections.Concurrent;

namespace CiteEmploi.Web.Live;

/// <summary>A page open on a place (a board, later an agenda or an action plan) arrived, or came back after its connection dropped.</summary>
public sealed record PresenceJoined(string Place, Guid SessionId, string PersonKey, string Name, bool IsGuest, Guid? EditingId);

/// <summary>A page left its place: closed, navigated away, or its connection dropped.</summary>
public sealed record PresenceLeft(string Place, Guid SessionId);

/// <summary>A page started editing an item of its place (null: the edit ended).</summary>
public sealed record PresenceEditing(string Place, Guid SessionId, Guid? EditingId);

/// <summary>One person present on a place, however many pages (tabs, devices) they have open there.</summary>
/// <param name="SessionIds">Their pages there, oldest first.</param>
/// <param name="EditingId">What one of their pages is editing, if any.</param>
public sealed record PresentPerson(string PersonKey, string Name, bool IsGuest, Guid? EditingId, IReadOnlyList<Guid> SessionIds);

/// <summary>
/// Who is on each place right now, on every server. Nothing is stored: each page's arrival, edit and departure is a
/// message on the place's topic (the place is the topic), and every server — this one included — rebuilds the list
/// from those messages as the bus delivers them (<see cref="ILiveBus.Observe"/>), before any page is woken. A person
/// with several pages on a place is listed once.
/// A server that starts while people are already present learns of them when one of its own pages joins: every server
/// that has pages on that place announces them again on seeing a page it did not know.
/// </summary>
public sealed class LivePresence : IDisposable
{
    private readonly ILiveBus _bus;
    private readonly IDisposable _following;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Session>> _places = new(StringComparer.Ordinal);

    // this server's pages, whether their connection is up or not, so they can be announced again
    private readonly ConcurrentDictionary<Guid, Session> _local = new();
    private long _order;

    public LivePresence(ILiveBus bus)
    {
        _bus = bus;
        _following = bus.Observe(Apply);
    }

    /// <summary>Marks a page present on <paramref name="place"/>; returns its session id.</summary>
    public Guid Join(string place, string personKey, string name, bool isGuest)
    {
        var session = new Session(place, Guid.NewGuid(), personKey, name, isGuest, null);
        _local[session.Id] = session;
        _bus.Publish(place, session.Joined());
        return session.Id;
    }

    public void Editing(Guid sessionId, Guid? itemId)
    {
        if (_local.TryGetValue(sessionId, out var session) && session.EditingId != itemId)
        {
            _local[sessionId] = session with { EditingId = itemId };
            if (!session.Away)
            {
                _bus.Publish(session.Place, new PresenceEditing(session.Place, sessionId, itemId));
            }
        }
    }

    /// <summary>The page is gone for good.</summary>
    public void Leave(Guid sessionId)
    {
        if (_local.TryRemove(sessionId, out var session) && !session.Away)
        {
            _bus.Publish(session.Place, new PresenceLeft(session.Place, sessionId));
        }
    }

    /// <summary>The page's connection dropped: others stop seeing it now, not when its circuit is finally let go.</summary>
    public void Away(Guid sessionId)
    {
        if (_local.TryGetValue(sessionId, out var session) && !session.Away)
        {
            _local[sessionId] = session with { Away = true, EditingId = null };
            _bus.Publish(session.Place, new PresenceLeft(session.Place, sessionId));
        }
    }

    /// <summary>The page's connection is back: it is present again.</summary>
    public void Back(Guid sessionId)
    {
        if (_local.TryGetValue(sessionId, out var session) && session.Away)
        {
            var back = session with { Away = false };
            _local[sessionId] = back;
            _bus.Publish(session.Place, back.Joined());
        }
    }

    /// <summary>The people on a place, by name.</summary>
    public IReadOnlyList<PresentPerson> Here(string place) =>
        _places.TryGetValue(place, out var sessions)
            ? [.. sessions.Values
                .OrderBy(s => s.Order)
                .GroupBy(s => s.PersonKey, StringComparer.Ordinal)
                .Select(g => new PresentPerson(g.Key, g.First().Name, g.First().IsGuest, g.Select(s => s.EditingId).FirstOrDefault(id => id is not null), [.. g.Select(s => s.Id)]))
                .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)]
            : [];

    public void Dispose() => _following.Dispose();

    private void Apply(string topic, object message)
    {
        switch (message)
        {
            case PresenceJoined joined:
                var sessions = _places.GetOrAdd(joined.Place, _ => new());
                var known = sessions.TryGetValue(joined.SessionId, out var before);
                sessions[joined.SessionId] = new Session(joined.Place, joined.SessionId, joined.PersonKey, joined.Name, joined.IsGuest, joined.EditingId)
                {
                    Order = before?.Order ?? Interlocked.Increment(ref _order),
                };
                if (!known && !_local.ContainsKey(joined.SessionId))
                {
                    // a page of another server this one did not know: it may be new there, so tell it who is here
                    // (after this delivery: an observer does not publish)
                    _ = Task.Run(() => AnnounceLocal(joined.Place));
                }
                break;
            case PresenceEditing editing when _places.TryGetValue(editing.Place, out var onPlace) && onPlace.TryGetValue(editing.SessionId, out var session):
                onPlace[editing.SessionId] = session with { EditingId = editing.EditingId };
                break;
            case PresenceLeft left when _places.TryGetValue(left.Place, out var onPlace):
                onPlace.TryRemove(left.SessionId, out _);
                if (onPlace.IsEmpty)
                {
                    _places.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Guid, Session>>(left.Place, onPlace));
                }
                break;
        }
    }

    private void AnnounceLocal(string place)
    {
        foreach (var session in _local.Values.Where(s => s.Place == place && !s.Away))
        {
            _bus.Publish(place, session.Joined());
        }
    }

    private sealed record Session(string Place, Guid Id, string PersonKey, string Name, bool IsGuest, Guid? EditingId)
    {
        public bool Away { get; init; }

        public long Order { get; init; }

        public PresenceJoined Joined() => new(Place, Id, PersonKey, Name, IsGuest, EditingId);
    }
}
