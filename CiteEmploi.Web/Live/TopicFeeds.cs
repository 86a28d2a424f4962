using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Sends a topic's messages to the hub connections watching it, for any hub and any topic (a board today; an agenda or
/// an action plan next). A feed is one topic seen through one projection (<c>scope</c> names it: the Cité whose events
/// a connection may see, for instance): one live-bus subscription per feed (not one per connection), and each message
/// projected and serialised once for all of them: with 200 connections on a board, 200 bus pumps and 200
/// serialisations per change cost the server more than the sends themselves (issue 5).
/// <list type="bullet">
/// <item>Authorisation stays per connection, with the hub (<see cref="BoardHubConnections"/>): a connection is in a feed
/// only between its accepted subscription and its unsubscription, the end of its access or its disconnection.</item>
/// <item>Each connection has its own outlet: a change is written straight away when the connection's previous write
/// is done, and waits in the outlet's backlog otherwise, so a slow or dead client never delays the others and each
/// connection gets the changes in the bus's order. A client more than <see cref="MaxBacklog"/> changes behind is
/// disconnected (its client reconnects and reads the board again) instead of holding memory without end.</item>
/// </list>
/// </summary>
public sealed class TopicFeeds(ILiveBus bus, IOptions<JsonHubProtocolOptions> protocol, ILogger logger)
{
    /// <summary>Changes an outlet holds for a client that does not keep up before that client is disconnected.</summary>
    public const int MaxBacklog = 1_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Topic, string Scope), Feed> _feeds = [];
    private readonly JsonSerializerOptions _json = protocol.Value.PayloadSerializerOptions;

    /// <summary>
    /// Starts sending the messages of <paramref name="topic"/>, as <paramref name="project"/> turns them into what the
    /// client receives (null: not for these connections), to <paramref name="client"/> by <paramref name="method"/>;
    /// dispose the result to stop. Connections of one <paramref name="scope"/> share one feed, so its projection must
    /// depend on the topic and the scope only. <paramref name="abort"/> closes the connection when its backlog overflows.
    /// </summary>
    public IDisposable Join(string topic, string scope, string method, Func<object, object?> project, IClientProxy client, Action abort)
    {
        var key = (topic, scope);
        var outlet = new Outlet(this, topic, method, client, abort);
        lock (_gate)
        {
            if (!_feeds.TryGetValue(key, out var feed))
            {
                feed = new Feed();
                feed.Subscription = bus.SubscribeUnbatched(topic, messages => Deliver(feed, project, messages));
                _feeds[key] = feed;
            }
            feed.Outlets = [.. feed.Outlets, outlet];
        }
        return new Membership(() => Leave(key, outlet));
    }

    /// <summary>How many connections a feed serves (tests, diagnostics).</summary>
    public int Count(string topic, string scope)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue((topic, scope), out var feed) ? feed.Outlets.Length : 0;
        }
    }

    private void Leave((string Topic, string Scope) key, Outlet outlet)
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
                // the last watcher left: no pump left running for a topic nobody watches
                _feeds.Remove(key);
                feed.Subscription?.Dispose();
            }
        }
    }

    // Runs on the feed's one bus pump, in publication order; never waits for a client.
    private Task Deliver(Feed feed, Func<object, object?> project, IReadOnlyList<object> messages)
    {
        foreach (var message in messages)
        {
            var outlets = feed.Outlets;
            if (outlets.Length == 0 || project(message) is not { } change)
            {
                continue;
            }
            var payload = Serialize(change);
            foreach (var outlet in outlets)
            {
                outlet.Post(payload);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The message as the hub's JSON protocol would write it, once for every connection.</summary>
    internal SerializedChange Serialize(object change) => new(JsonSerializer.SerializeToUtf8Bytes(change, change.GetType(), _json));

    private void Overflowed(string topic, Action abort)
    {
        logger.LogWarning("Une connexion à un hub a plus de {Backlog} messages de retard sur le sujet {Topic} : elle est fermée.", MaxBacklog, topic);
        abort();
    }

    private void Failed(Exception ex, string topic) =>
        logger.LogError(ex, "L'envoi d'un message du sujet {Topic} à une connexion a échoué.", topic);

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
    private sealed class Outlet(TopicFeeds feeds, string topic, string method, IClientProxy client, Action abort)
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
                feeds.Overflowed(topic, abort);
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
                    sent = client.SendAsync(method, change);
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
                feeds.Failed(ex, topic);
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
                feeds.Failed(ex.InnerException ?? ex, topic);
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
/// A message already serialised with the hub protocol's own options: written as is into each connection's
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
