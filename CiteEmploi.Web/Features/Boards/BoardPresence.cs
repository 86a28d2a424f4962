using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>Who is looking at a board right now, and which card they are editing. One entry per person, whatever their number of tabs.</summary>
/// <param name="Id">One of the person's pages on the board (their oldest).</param>
public sealed record BoardViewer(Guid Id, string Name, bool IsGuest, Guid? EditingCardId)
{
    /// <summary>All the person's pages on the board.</summary>
    public IReadOnlyList<Guid> PageIds { get; init; } = [Id];
}

/// <summary>« Suivez-moi » : the facilitator brings everyone's view to a column (their own page, <paramref name="ByViewerId"/>, stays put).</summary>
public sealed record FollowMeRequested(Guid BoardId, Guid ColumnId, string ByName, Guid? ByViewerId = null);

/// <summary>
/// Presence on boards, for one circuit's pages (scoped): the board's place in <see cref="LivePresence"/> is its presence
/// topic, so arrivals, edits and departures are messages every server sees, and the circuit
/// (<see cref="PresenceCircuit"/>) takes its pages away as soon as its connection drops.
/// </summary>
public sealed class BoardPresence(LivePresence presence, PresenceCircuit circuit, ILiveBus bus)
{
    /// <summary>Marks a member's page present until the returned handle is disposed.</summary>
    public Handle Join(Guid boardId, CiteAccess access, string name) =>
        new(circuit.Join(LiveTopics.BoardPresence(boardId), BoardService.KeyOf(access), name, isGuest: false));

    /// <summary>Marks a guest's page present until the returned handle is disposed.</summary>
    public Handle Join(BoardGuestAccess guest) =>
        new(circuit.Join(LiveTopics.BoardPresence(guest.BoardId), BoardGuest.KeyPrefix + guest.GuestId.ToString("N"), guest.Name, isGuest: true));

    /// <summary>The people on a board, by name, each once.</summary>
    public IReadOnlyList<BoardViewer> Viewers(Guid boardId) =>
        [.. presence.Here(LiveTopics.BoardPresence(boardId))
            .Select(p => new BoardViewer(p.SessionIds[0], p.Name, p.IsGuest, p.EditingId) { PageIds = p.SessionIds })];

    public void FollowMe(Guid boardId, Guid columnId, string byName, Guid? byViewerId = null) =>
        bus.Publish(LiveTopics.BoardPresence(boardId), new FollowMeRequested(boardId, columnId, byName, byViewerId));

    /// <summary>One page's presence; dispose it when the page goes away.</summary>
    public sealed class Handle(PresenceCircuit.Session session) : IDisposable
    {
        public Guid ViewerId => session.Id;

        /// <summary>Shows others « X modifie cette carte » (null when the edit ends).</summary>
        public void Editing(Guid? cardId) => session.Editing(cardId);

        public void Dispose() => session.Dispose();
    }
}
