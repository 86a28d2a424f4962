using CiteEmploi.Domain.Boards;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Web.Live;

/// <summary>
/// The board hub's feeds: a board's topic, seen by the connections of one Cité (a board's events of another Cité
/// never reach them), each event sent as a <see cref="BoardChange"/> by <see cref="BoardHub.ChangeMethod"/>. The
/// fan-out itself — one bus subscription per board, each change serialised once, one backlog per connection — is
/// <see cref="TopicFeeds"/>'s.
/// </summary>
public sealed class BoardFeeds(ILiveBus bus, IOptions<JsonHubProtocolOptions> protocol, ILogger<BoardFeeds> logger)
{
    /// <summary>Changes an outlet holds for a client that does not keep up before that client is disconnected.</summary>
    public const int MaxBacklog = TopicFeeds.MaxBacklog;

    private readonly TopicFeeds _feeds = new(bus, protocol, logger);

    /// <summary>
    /// Starts sending the changes of <paramref name="boardId"/> (events of <paramref name="citeId"/> only) to
    /// <paramref name="client"/>; dispose the result to stop. <paramref name="abort"/> closes the connection when its
    /// backlog overflows.
    /// </summary>
    public IDisposable Join(Guid boardId, Guid citeId, IClientProxy client, Action abort) =>
        _feeds.Join(LiveTopics.Board(boardId), Scope(citeId), BoardHub.ChangeMethod,
            message => message is IBoardEvent change && change.CiteId == citeId ? BoardChange.Of(change) : null, client, abort);

    /// <summary>How many connections a board's feed serves (tests, diagnostics).</summary>
    public int Count(Guid boardId, Guid citeId) => _feeds.Count(LiveTopics.Board(boardId), Scope(citeId));

    /// <summary>The change as the hub's JSON protocol would write it, once for every connection.</summary>
    internal SerializedChange Serialize(BoardChange change) => _feeds.Serialize(change);

    private static string Scope(Guid citeId) => citeId.ToString("N");
}
