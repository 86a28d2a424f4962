using System.Text.Json;
using System.Text.Json.Serialization;
using CiteEmploi.Domain.Boards;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Sends a board's changes to the hub connections watching it. One live-bus subscription per board (not one per
/// connection), and each change serialised once for all of them: with 200 connections on a board, 200 bus pumps and
/// 200 serialisations per change cost the server more than the sends themselves (issue 5).
/// <list type="bullet">
/// <item>Authorisation stays per connection, in <see cref="BoardHubConnections"/>: a connection is in a board's feed
/// only between its accepted <c>Subscribe</c> and its unsubscription, the end of its access or its disconnection.</item>
/// <item>Each connection has its own outlet: a change is written straight away when the connection's previous write
/// is done, and waits in the outlet's backlog otherwise, so a slow or dead client never delays the others and each
/// connection gets the changes in the bus's order. A client more than <see cref="MaxBacklog"/> changes behind is
/// disconnected (its client reconnects and reads the board again) instead of holding memory without end.</item>
/// </list>
/// </summary>
public sealed class BoardFeeds(ILiveBus bus, IOptions<JsonHubProtocolOptions> protocol, ILogger<BoardFeeds> logger)
{
    /// <summary>Changes an outlet holds for a client that does not keep up before that client is disconnected.</summary>
    public const int MaxBacklog = 1_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid BoardId, Guid CiteId), Feed> _feeds = [];
    private readonly JsonSerializerOptions _json = protocol.Value.PayloadSerializerOptions;

    /// <summary>
    /// Starts sending the changes of <paramref name="boardId"/> (events of <paramref name="citeId"/> only) to
    /// <paramref name="client"/>; dispose the result to stop. <paramref name="abort"/> closes the connection when its
    /// backlog overflows.
    /// </summary>
    public IDisposable Join(Guid boardId, Guid citeId, IClientProxy client, Action abort)
    {
        var key = (boardId, citeId);
        var outlet = new Outlet(this, boardId, client, abort);
        lock (_gate)
        {
            if (!_feeds.TryGetValue(key, out var feed))
            {
                feed = new Feed();
                feed.Subscription = bus.SubscribeUnbatched(LiveTopics.Board(boardId), messages => Deliver(feed, citeId, messages));
                _feeds[key] = feed;
            }
            feed.Outlets = [.. feed.Outlets, outlet];
        }
        return new Membership(() => Leave(key, outlet));
    }

    /// <summary>How many connections a board's feed serves (tests, diagnostics).</summary>
    public int Count(Guid boardId, Guid citeId)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue((boardId, citeId), out var feed) ? feed.Outlets.Length : 0;
        }
    }

    private void Leave((Guid BoardId, Guid CiteId) key, Outlet outlet)
    {
        outlet.Close();
        lock (_gate)
        {
            if (!_feeds.TryGetValue(key, out var feed))
            {
                return;
            }
            feed.Outlets = [.. feed.Outlets.Where(o => !ReferenceEquals(o, outlet))];
            if (feed.Outlets.Length == 0)
            {
                // the last watcher left: no pump left running for a board nobody watches
                _feeds.Remove(key);
                feed.Subscription?.Dispose();
            }
        }
    }

    // Runs on the feed's one bus pump, in publication order; never waits for a client.
    private Task Deliver(Feed feed, Guid citeId, IReadOnlyList<object> messages)
    {
        foreach (var message in messages)
        {
            if (message is not IBoardEvent change || change.CiteId != citeId)
            {
                continue;
            }
            var outlets = feed.Outlets;
            if (outlets.Length == 0)
            {
                continue;
            }
            var payload = Serialize(BoardChange.Of(change));
            foreach (var outlet in outlets)
            {
                outlet.Post(payload);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The change as the hub's JSON protocol would write it, once for every connection.</summary>
    internal SerializedChange Serialize(BoardChange change) => new(JsonSerializer.SerializeToUtf8Bytes(change, _json));

    private void Overflowed(Guid boardId, Action abort)
    {
        logger.LogWarning("Une connexion au hub des tableaux a plus de {Backlog} changements de retard sur le tableau {BoardId} : elle est fermée.", MaxBacklog, boardId);
        abort();
    }

    private void Failed(Exception ex, Guid boardId) =>
        logger.LogError(ex, "L'envoi d'un changement du tableau {BoardId} à une connexion a échoué.", boardId);

    private sealed class Feed
    {
        public IDisposable? Subscription;

        /// <summary>Replaced, never changed in place, under the registry's lock: the pump reads it without locking.</summary>
        public volatile Outlet[] Outlets = [];
    }

    private sealed class Membership(Action leave) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                leave();
            }
        }
    }

    /// <summary>One connection's end of a feed: at most one write in flight, the rest in order behind it.</summary>
    private sealed class Outlet(BoardFeeds feeds, Guid boardId, IClientProxy client, Action abort)
    {
        private readonly Lock _gate = new();
        private readonly Queue<SerializedChange> _backlog = new();
        private bool _writing;
        private bool _closed;

        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                _backlog.Clear();
            }
        }

        public void Post(SerializedChange change)
        {
            var overflowed = false;
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }
                if (!_writing)
                {
                    _writing = true;
                }
                else if (_backlog.Count < MaxBacklog)
                {
                    _backlog.Enqueue(change);
                    return;
                }
                else
                {
                    _closed = true;
                    _backlog.Clear();
                    overflowed = true;
                }
            }
            if (overflowed)
            {
                feeds.Overflowed(boardId, abort);
                return;
            }
            Write(change);
        }

        // Writes while each write completes at once (the usual case: SignalR hands the bytes to the transport's pipe);
        // a write that has to wait finishes on its own, then goes on with the backlog.
        private void Write(SerializedChange change)
        {
            while (true)
            {
                Task sent;
                try
                {
                    sent = client.SendAsync(BoardHub.ChangeMethod, change);
                }
                catch (Exception ex)
                {
                    sent = Task.FromException(ex);
                }
                if (!sent.IsCompleted)
                {
                    _ = WriteRestAsync(sent);
                    return;
                }
                Observe(sent);
                if (!TryNext(out change))
                {
                    return;
                }
            }
        }

        private async Task WriteRestAsync(Task sent)
        {
            try
            {
                await sent;
            }
            catch (Exception ex)
            {
                feeds.Failed(ex, boardId);
            }
            if (TryNext(out var change))
            {
                Write(change);
            }
        }

        private void Observe(Task sent)
        {
            if (sent.Exception is { } ex)
            {
                feeds.Failed(ex.InnerException ?? ex, boardId);
            }
        }

        private bool TryNext(out SerializedChange change)
        {
            lock (_gate)
            {
                if (!_closed && _backlog.TryDequeue(out change!))
                {
                    return true;
                }
                _writing = false;
                change = null!;
                return false;
            }
        }
    }
}

/// <summary>
/// A board change already serialised with the hub protocol's own options: written as is into each connection's
/// message. The hub speaks only the JSON protocol (<c>AddSignalR()</c> without MessagePack); adding another protocol
/// would need its own form of this.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class SerializedChange(byte[] utf8Json)
{
    public ReadOnlyMemory<byte> Utf8Json { get; } = utf8Json;

    private sealed class Converter : JsonConverter<SerializedChange>
    {
        public override SerializedChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Un changement de tableau ne se lit pas : il est seulement envoyé.");

        public override void Write(Utf8JsonWriter writer, SerializedChange value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
    }
}
