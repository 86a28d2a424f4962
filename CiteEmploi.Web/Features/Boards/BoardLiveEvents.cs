using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>
/// Every board event goes to its board's topic; those that change the Cité's list of boards (a new board, a title, the
/// card count) to that list too. The shared board copies (<see cref="BoardSnapshots"/>) follow the board topics on the
/// bus, so they are not invalidated here.
/// </summary>
public sealed class BoardLiveEvents : CommittedEventHandler
{
    public BoardLiveEvents() =>
        OnEvery<IBoardEvent>(e => e is BoardCreated or BoardDetailsChanged or CardAdded or CardDeleted or CardRestored
            ? [LiveTopics.Board(e.BoardId), LiveTopics.CiteBoards(e.CiteId)]
            : [LiveTopics.Board(e.BoardId)]);
}
