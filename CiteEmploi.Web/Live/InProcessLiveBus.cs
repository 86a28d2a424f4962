using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CiteEmploi.Web.Live;

/// <summary>
/// The single-server <see cref="ILiveBus"/>: each subscription has its own queue and pump, so a slow subscriber never
/// delays the publisher or the others, order is kept per subscription, and whatever piled up while its handler ran is
/// delivered as one batch (a burst of 50 edits becomes one or two re-renders, not 50).
/// </summary>
public sealed class InProcessLiveBus(ILogger<InProcessLiveBus> logger, LiveBusOptions? options = null) : ILiveBus
{
    private readonly ConcurrentDictionary<string, ImmutableSubscriptionList> _topics = new(StringComparer.Ordinal);
    private readonly TimeSpan _coalesceWindow = options?.CoalesceWindow ?? TimeSpan.FromMilliseconds(30);

    public void Publish(string topic, object message)
    {
        if (_topics.TryGetValue(topic, out var list))
        {
            foreach (var subscription in list.Items)
            {
                subscription.Enqueue(message);
            }
        }
    }

    public IDisposable Subscribe(string topic, Func<IReadOnlyList<object>, Task> handler) => Add(topic, handler, _coalesceWindow);

    // Whatever piles up while the handler runs is still delivered as one batch; only the wait for a burst is skipped.
    public IDisposable SubscribeUnbatched(string topic, Func<IReadOnlyList<object>, Task> handler) => Add(topic, handler, TimeSpan.Zero);

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
        private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _stop = new();
        private volatile bool _disposed;

        public string Topic { get; } = topic;

        public void Enqueue(object message)
        {
            if (!_disposed)
            {
                _queue.Writer.TryWrite(message);
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
                    while (reader.TryRead(out var message))
                    {
                        batch.Add(message);
                    }
                    if (_disposed || batch.Count == 0)
                    {
                        continue;
                    }
                    try
                    {
                        await handler(batch.ToArray());
                    }
                    catch (Exception ex)
                    {
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

    private void LogHandlerFailure(Exception ex, string topic) =>
        logger.LogError(ex, "Un abonné au sujet {Topic} a échoué.", topic);
}

/// <summary>Tuning of <see cref="InProcessLiveBus"/>.</summary>
public sealed class LiveBusOptions
{
    /// <summary>How long a pump waits after the first message of a burst before delivering the batch.</summary>
    public TimeSpan CoalesceWindow { get; init; } = TimeSpan.FromMilliseconds(30);
}
