using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>
/// The last stored state of each open board, read once per change and shared by everyone viewing it: the others build
/// their own view (their votes, their rights) from the same copy (<see cref="SharedSnapshots{T}"/>). A copy is stale
/// once one of the board's events reaches its topic.
/// </summary>
/// <param name="bus">The bus whose board events make copies stale; null for a copy store nobody changes (tests of the store itself).</param>
public sealed class BoardSnapshots(TimeProvider time, ILiveBus? bus = null) : SharedSnapshots<BoardSnapshot>(time, bus,
    // a board event reaches its board's topic and sometimes the Cité's list of boards: one bump is enough
    (topic, message) => message is IBoardEvent change && topic.StartsWith(LiveTopics.BoardPrefix, StringComparison.Ordinal) ? change.BoardId : null);

/// <summary>A board, its cards that are not deleted and its latest activity lines (newest first), as stored at one moment; read-only.</summary>
public sealed record BoardSnapshot(Board Board, IReadOnlyList<Card> Cards, IReadOnlyList<ActivityView> Activity)
{
    /// <summary>How many activity lines a copy keeps: what the board page shows.</summary>
    public const int ActivityLines = 50;

    /// <summary>
    /// Each card's text made ready for pages (HTML, excerpt), once for all viewers. Texts unchanged since
    /// <see cref="WithTexts"/>'s previous copy are taken from it: one change renders one card, not the whole board.
    /// </summary>
    public IReadOnlyDictionary<Guid, CardText> Texts { get; private init; } = new Dictionary<Guid, CardText>();

    /// <summary>This copy with its cards' texts rendered, reusing those of <paramref name="previous"/> whose text is the same.</summary>
    public BoardSnapshot WithTexts(BoardSnapshot? previous)
    {
        var before = previous?.Cards.ToDictionary(c => c.Id, c => c.Text);
        var texts = new Dictionary<Guid, CardText>(Cards.Count);
        foreach (var card in Cards)
        {
            texts[card.Id] = before is not null && before.TryGetValue(card.Id, out var text) && text == card.Text
                && previous!.Texts.TryGetValue(card.Id, out var known)
                ? known
                : CardText.Of(card.Text);
        }
        return this with { Texts = texts };
    }
}
