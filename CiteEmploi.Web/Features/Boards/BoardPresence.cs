using System.Collections.Concurrent;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>Who is looking at a board right now, and which card each is editing. Not stored: it lives as long as the page.</summary>
public sealed record BoardViewer(Guid Id, string Name, bool IsGuest, Guid? EditingCardId);

/// <summary>Published on <see cref="LiveTopics.BoardPresence"/> when someone arrives, leaves or starts/stops editing.</summary>
public sealed record BoardPresenceChanged(Guid BoardId);

/// <summary>« Suivez-moi » : the facilitator brings everyone's view to a column (their own page, <paramref name="ByViewerId"/>, stays put).</summary>
public sealed record FollowMeRequested(Guid BoardId, Guid ColumnId, string ByName, Guid? ByViewerId = null);

/// <summary>
/// In-memory presence on boards (one server's pages; each page publishes its own arrival and departure on the live bus,
/// so the list is what this server's circuits see). Transient by nature: nothing here needs to survive a restart, and
/// a page that reconnects joins again.
/// </summary>
public sealed class BoardPresence(ILiveBus bus)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, BoardViewer>> _boards = new();

    /// <summary>Marks a viewer present until the returned handle is disposed.</summary>
    public Handle Join(Guid boardId, string name, bool isGuest = false)
    {
        var viewer = new BoardViewer(Guid.NewGuid(), name, isGuest, null);
        _boards.GetOrAdd(boardId, _ => new())[viewer.Id] = viewer;
        Changed(boardId);
        return new Handle(this, boardId, viewer.Id);
    }

    /// <summary>The viewers of a board, by name (a person with two tabs appears once per tab).</summary>
    public IReadOnlyList<BoardViewer> Viewers(Guid boardId) =>
        _boards.TryGetValue(boardId, out var viewers)
            ? [.. viewers.Values.OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)]
            : [];

    public void FollowMe(Guid boardId, Guid columnId, string byName, Guid? byViewerId = null) =>
        bus.Publish(LiveTopics.BoardPresence(boardId), new FollowMeRequested(boardId, columnId, byName, byViewerId));

    private void SetEditing(Guid boardId, Guid viewerId, Guid? cardId)
    {
        if (_boards.TryGetValue(boardId, out var viewers) && viewers.TryGetValue(viewerId, out var viewer) && viewer.EditingCardId != cardId)
        {
            viewers[viewerId] = viewer with { EditingCardId = cardId };
            Changed(boardId);
        }
    }

    private void Leave(Guid boardId, Guid viewerId)
    {
        if (_boards.TryGetValue(boardId, out var viewers) && viewers.TryRemove(viewerId, out _))
        {
            if (viewers.IsEmpty)
            {
                _boards.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<Guid, BoardViewer>>(boardId, viewers));
            }
            Changed(boardId);
        }
    }

    private void Changed(Guid boardId) => bus.Publish(LiveTopics.BoardPresence(boardId), new BoardPresenceChanged(boardId));

    /// <summary>One viewer's presence; dispose it when the page goes away.</summary>
    public sealed class Handle(BoardPresence presence, Guid boardId, Guid viewerId) : IDisposable
    {
        public Guid ViewerId { get; } = viewerId;

        /// <summary>Shows others « X modifie cette carte » (null when the edit ends).</summary>
        public void Editing(Guid? cardId) => presence.SetEditing(boardId, ViewerId, cardId);

        public void Dispose() => presence.Leave(boardId, ViewerId);
    }
}
