using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace CiteEmploi.Web.Live;

/// <summary>
/// The <see cref="ILiveBus"/> of one server process: each subscription has its own queue and pump, so a slow subscriber
/// never delays the publisher or the others, order is kept per subscription, and whatever piled up while its handler ran
/// is delivered as one batch (a burst of 50 edits becomes one or two re-renders, not 50). Every message published here
/// also goes, in its envelope (<see cref="LiveMessage"/>), to the <see cref="ILiveBackplane"/>; what the backplane
/// receives from other servers is delivered here exactly like a local message. Without a message-kind registry (unit
/// tests of the bus itself) messages stay on this server.
/// </summary>
public sealed class InProcessLiveBus : ILiveBus, IDisposable
{
    private readonly ConcurrentDictionary<string, ImmutableSubscriptionList> _topics = new(StringComparer.Ordinal);
    private readonly ILogger<InProcessLiveBus> _logger;
    private readonly TimeSpan _coalesceWindow;
    private readonly ILiveBackplane? _backplane;
    private readonly LiveMessageKinds? _kinds;
    private readonly IDisposable? _fromOtherServers;
    private readonly Lock _observersGate = new();
    private volatile Observer[] _observers = [];

    public InProcessLiveBus(ILogger<InProcessLiveBus> logger, LiveBusOptions? options = null, ILiveBackplane? backplane = null, LiveMessageKinds? kinds = null)
    {
        _logger = logger;
        _coalesceWindow = options?.CoalesceWindow ?? TimeSpan.FromMilliseconds(30);
        if (backplane is not null && kinds is null)
        {
            throw new ArgumentException("Un fond de panier a besoin du registre des types de messages.", nameof(kinds));
        }
        _backplane = backplane;
        _kinds = kinds;
        _fromOtherServers = backplane?.Receive(message => Deliver(message.Topic, message.Payload, fromOtherServer: true));
    }

    public void Publish(string topic, object message)
    {
        // wrapped first: a message no other server could read is refused before anyone here sees it
        var envelope = _kinds?.Wrap(topic, message);
        Deliver(topic, message, fromOtherServer: false);
        if (envelope is not null)
        {
            _backplane?.Publish(envelope);
        }
    }

    private void Deliver(string topic, object message, bool fromOtherServer)
    {
        LiveTelemetry.Delivered(topic, message, fromOtherServer);
        // read once for every subscriber, and only when the delivery time is measured
        var published = LiveTelemetry.MeasuresDelivery ? Stopwatch.GetTimestamp() : 0;
        foreach (var observer in _observers)
        {
            try
            {
                observer.Action(topic, message);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Un observateur du bus a échoué sur un message du sujet {Topic}.", topic);
            }
        }
        if (_topics.TryGetValue(topic, out var list))
        {
            foreach (var subscription in list.Items)
            {
                subscription.Enqueue(message, published);
            }
        }
    }

    public IDisposable Subscribe(string topic, Func<IReadOnlyList<object>, Task> handler) => Add(topic, handler, _coalesceWindow);

    // Whatever piles up while the handler runs is still delivered as one batch; only the wait for a burst is skipped.
    public IDisposable SubscribeUnbatched(string topic, Func<IReadOnlyList<object>, Task> handler) => Add(topic, handler, TimeSpan.Zero);

    public IDisposable Observe(Action<string, object> observer)
    {
        var added = new Observer(this, observer);
        lock (_observersGate)
        {
            _observers = [.. _observers, added];
        }
        return added;
    }

    private void Remove(Observer observer)
    {
        lock (_observersGate)
        {
            _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
        }
    }

    public void Dispose() => _fromOtherServers?.Dispose();

    private Subscription Add(string topic, Func<IReadOnlyList<object>, Task> handler, TimeSpan coalesceWindow)
    {
        var subscription = new Subscription(this, topic, handler, coalesceWindow);
        _topics.AddOrUpdate(topic, _ => new([subscription]), (_, list) => list.With(subscription));
        subscription.Start();
        return subscription;
    }

    /// <summary>How many live subscriptions a topic has (diagnostics and tests).</summary>
    public int SubscriberCount(string topic) => _topics.TryGetValue(topic, out var list) ? list.Items.Length : 0;

    private void Remove(Subscription subscription)
    {
        while (_topics.TryGetValue(subscription.Topic, out var list))
        {
            var without = list.Without(subscription);
            var done = without.Items.Length == 0
                ? _topics.TryRemove(new KeyValuePair<string, ImmutableSubscriptionList>(subscription.Topic, list))
                : _topics.TryUpdate(subscription.Topic, without, list);
            if (done)
            {
                return;
            }
        }
    }

    private sealed record ImmutableSubscriptionList(Subscription[] Items)
    {
        public ImmutableSubscriptionList With(Subscription s) => new([.. Items, s]);

        public ImmutableSubscriptionList Without(Subscription s) => new([.. Items.Where(i => !ReferenceEquals(i, s))]);
    }

    private sealed class Subscription(InProcessLiveBus bus, string topic, Func<IReadOnlyList<object>, Task> handler, TimeSpan coalesceWindow) : IDisposable
    {
        private readonly Channel<(object Message, long Published)> _queue =
            Channel.CreateUnbounded<(object, long)>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _stop = new();
        private volatile bool _disposed;

        public string Topic { get; } = topic;

        public void Enqueue(object message, long published)
        {
            if (!_disposed)
            {
                _queue.Writer.TryWrite((message, published));
            }
        }

        // The token is taken before the subscription is handed out, so the pump never touches _stop itself.
        public void Start()
        {
            var stopping = _stop.Token;
            _ = Task.Run(() => PumpAsync(stopping));
        }

        private async Task PumpAsync(CancellationToken stopping)
        {
            var reader = _queue.Reader;
            var batch = new List<object>();
            try
            {
                while (await reader.WaitToReadAsync(stopping))
                {
                    if (coalesceWindow > TimeSpan.Zero)
                    {
                        await Task.Delay(coalesceWindow, stopping);
                    }
                    batch.Clear();
                    var oldest = 0L;
                    while (reader.TryRead(out var item))
                    {
                        batch.Add(item.Message);
                        oldest = oldest == 0 ? item.Published : oldest;
                    }
                    if (_disposed || batch.Count == 0)
                    {
                        continue;
                    }
                    if (oldest != 0)
                    {
                        LiveTelemetry.HandlerStarted(Topic, oldest);
                    }
                    using var span = LiveTelemetry.Handling(Topic, batch.Count);
                    try
                    {
                        await handler(batch.ToArray());
                    }
                    catch (Exception ex)
                    {
                        span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                        bus.LogHandlerFailure(ex, Topic);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // disposed
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            bus.Remove(this);
            _queue.Writer.TryComplete();
            // Cancelled but not disposed: the pump may still be reading the token while its handler returns.
            _stop.Cancel();
        }
    }

    private sealed class Observer(InProcessLiveBus bus, Action<string, object> action) : IDisposable
    {
        public Action<string, object> Action { get; } = action;

        public void Dispose() => bus.Remove(this);
    }

    private void LogHandlerFailure(Exception ex, string topic) =>
        _logger.LogError(ex, "Un abonné au sujet {Topic} a échoué.", topic);
}

/// <summary>Tuning of <see cref="InProcessLiveBus"/>.</summary>
public sealed class LiveBusOptions
{
    /// <summary>How long a pump waits after the first message of a burst before delivering the batch.</summary>
    public TimeSpan CoalesceWindow { get; init; } = TimeSpan.FromMilliseconds(30);
}
