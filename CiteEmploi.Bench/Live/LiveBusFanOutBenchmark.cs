using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Fan-out latency of <see cref="InProcessLiveBus"/>: one publish on a topic with N subscribers, timed until each
/// handler runs. Closed loop (the next publish waits for every delivery of the previous one), so each batch holds one
/// message and the figures are per-delivery latency, not queueing behind a backlog. Two baselines run in the same
/// process, interleaved: one <see cref="Channel{T}"/> and reader task per subscriber (the bus's mechanism
/// without the bus), and a bare <see cref="Task.Run(Action)"/> per handler.
/// </summary>
public sealed class LiveBusFanOutBenchmark : IBenchmark
{
    private static readonly int[] SubscriberCounts = [10, 50, 200];
    private const int Publishes = 2_000;
    private const int WarmUpPublishes = 200;
    private const int BlockSize = 250;
    private static readonly TimeSpan TotalBudget = TimeSpan.FromSeconds(60);

    /// <summary>A publish that is not fully delivered in this time means a hang, not a slow machine.</summary>
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(10);

    private const string Topic = "bench:fan-out";

    public string Name => "live-bus";

    public string Description =>
        $"Fan-out latency of `InProcessLiveBus` (CoalesceWindow = 0): publish → handler invoked, {string.Join(", ", SubscriberCounts)} "
        + $"subscribers on one topic, {Publishes:N0} publishes each after {WarmUpPublishes} warm-up publishes (closed loop: "
        + "the next publish waits for every delivery), beside a per-subscriber `Channel<T>` baseline and a `Task.Run` baseline "
        + $"measured in the same run, in interleaved blocks of {BlockSize} publishes. Latencies are per delivery.";

    public async Task RunAsync(TextWriter output)
    {
        var implementations = new (string Name, Func<int, Action<Probe, int>, IFanOut> Create)[]
        {
            ("`InProcessLiveBus`", (n, handler) => new BusFanOut(n, handler)),
            ("baseline: `Channel<T>` per subscriber", (n, handler) => new ChannelFanOut(n, handler)),
            ("baseline: `Task.Run` per handler", (n, handler) => new TaskRunFanOut(n, handler)),
        };
        // Every subscriber count gets an equal share of the total, so a slow case cannot starve the others.
        var sizeBudget = TotalBudget / SubscriberCounts.Length;

        var table = new MarkdownTable(
            ("Subscribers", true), ("Implementation", false), ("Publishes", true), ("Deliveries", true),
            ("Median (µs)", true), ("p95 (µs)", true), ("Deliveries/s", true), ("Median vs Channel", true));

        foreach (var subscribers in SubscriberCounts)
        {
            var results = await RunSizeAsync(subscribers, implementations.Select(i => i.Create).ToArray(), sizeBudget);
            var channelMedian = results[1].Latency.MedianMicroseconds;
            for (var i = 0; i < implementations.Length; i++)
            {
                var result = results[i];
                table.AddRow(
                    subscribers.ToString(CultureInfo.InvariantCulture),
                    implementations[i].Name,
                    result.Publishes.ToString("N0", CultureInfo.InvariantCulture),
                    result.Latency.Count.ToString("N0", CultureInfo.InvariantCulture),
                    result.Latency.MedianMicroseconds.ToString("0.0", CultureInfo.InvariantCulture),
                    result.Latency.P95Microseconds.ToString("0.0", CultureInfo.InvariantCulture),
                    result.DeliveriesPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    channelMedian > 0
                        ? (result.Latency.MedianMicroseconds / channelMedian).ToString("0.00", CultureInfo.InvariantCulture) + "×"
                        : "–");
            }
        }
        table.Write(output);
    }

    /// <summary>
    /// Runs every implementation for one subscriber count. Publishes are measured in interleaved blocks
    /// (bus, channel, Task.Run, bus, …) so a noisy neighbour or a frequency change on a shared machine hits all of
    /// them alike instead of whichever happened to run at that moment.
    /// </summary>
    private static async Task<CaseResult[]> RunSizeAsync(int subscribers, Func<int, Action<Probe, int>, IFanOut>[] creators, TimeSpan budget)
    {
        var cases = creators.Select(create => new Case(subscribers, create)).ToArray();
        try
        {
            using var timeout = new CancellationTokenSource(budget + RoundTimeout + RoundTimeout);
            foreach (var c in cases)
            {
                for (var i = 0; i < WarmUpPublishes; i++)
                {
                    await PublishAndWaitAsync(c.FanOut, new Probe(i, subscribers), timeout.Token);
                }
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
            while (cases.Any(c => c.Done < Publishes) && Stopwatch.GetTimestamp() < deadline)
            {
                foreach (var c in cases)
                {
                    var blockEnd = Math.Min(Publishes, c.Done + BlockSize);
                    c.Recording = true;
                    var started = Stopwatch.GetTimestamp();
                    while (c.Done < blockEnd && Stopwatch.GetTimestamp() < deadline)
                    {
                        await PublishAndWaitAsync(c.FanOut, new Probe(c.Done, subscribers), timeout.Token);
                        c.Done++;
                    }
                    c.ElapsedTicks += Stopwatch.GetTimestamp() - started;
                    c.Recording = false;
                }
            }
            return [.. cases.Select(c => c.Result())];
        }
        finally
        {
            foreach (var c in cases)
            {
                c.FanOut.Dispose();
            }
        }
    }

    /// <summary>One implementation at one subscriber count: its fan-out, its handler and what it measured.</summary>
    private sealed class Case
    {
        private readonly int _subscribers;
        private readonly long[] _latencies;

        public Case(int subscribers, Func<int, Action<Probe, int>, IFanOut> create)
        {
            _subscribers = subscribers;
            _latencies = new long[Publishes * subscribers];
            FanOut = create(subscribers, Handle);
        }

        public IFanOut FanOut { get; }

        /// <summary>Warm-up publishes are delivered but not recorded.</summary>
        public volatile bool Recording;

        public int Done { get; set; }

        public long ElapsedTicks { get; set; }

        private void Handle(Probe probe, int subscriber)
        {
            var now = Stopwatch.GetTimestamp();
            if (Recording)
            {
                _latencies[(probe.Index * _subscribers) + subscriber] = now - probe.PublishedAt;
            }
            if (Interlocked.Decrement(ref probe.Remaining) == 0)
            {
                probe.Delivered.TrySetResult();
            }
        }

        public CaseResult Result()
        {
            var deliveries = Done * _subscribers;
            var seconds = (double)ElapsedTicks / Stopwatch.Frequency;
            return new CaseResult(Done, new LatencySummary(_latencies.AsSpan(0, deliveries)), seconds > 0 ? deliveries / seconds : 0);
        }
    }

    private static async Task PublishAndWaitAsync(IFanOut fanOut, Probe probe, CancellationToken cancellationToken)
    {
        probe.PublishedAt = Stopwatch.GetTimestamp();
        fanOut.Publish(probe);
        try
        {
            await probe.Delivered.Task.WaitAsync(RoundTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Publish {probe.Index}: {probe.Remaining} of the deliveries never happened within {RoundTimeout.TotalSeconds} s.");
        }
    }

    private sealed record CaseResult(int Publishes, LatencySummary Latency, double DeliveriesPerSecond);

    /// <summary>The message carried: when it was published, and how many handlers have yet to see it.</summary>
    private sealed class Probe(int index, int subscribers)
    {
        public int Index { get; } = index;
        public long PublishedAt { get; set; }
        public int Remaining = subscribers;
        public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private interface IFanOut : IDisposable
    {
        void Publish(Probe probe);
    }

    private sealed class BusFanOut : IFanOut
    {
        private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
        private readonly List<IDisposable> _subscriptions = [];

        public BusFanOut(int subscribers, Action<Probe, int> handler)
        {
            for (var i = 0; i < subscribers; i++)
            {
                var subscriber = i;
                _subscriptions.Add(_bus.Subscribe(Topic, batch =>
                {
                    foreach (var message in batch)
                    {
                        handler((Probe)message, subscriber);
                    }
                    return Task.CompletedTask;
                }));
            }
        }

        public void Publish(Probe probe) => _bus.Publish(Topic, probe);

        public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
    }

    private sealed class ChannelFanOut : IFanOut
    {
        private readonly Channel<Probe>[] _channels;
        private readonly Task[] _readers;

        public ChannelFanOut(int subscribers, Action<Probe, int> handler)
        {
            _channels = new Channel<Probe>[subscribers];
            _readers = new Task[subscribers];
            for (var i = 0; i < subscribers; i++)
            {
                var channel = Channel.CreateUnbounded<Probe>(new UnboundedChannelOptions { SingleReader = true });
                var subscriber = i;
                _channels[i] = channel;
                _readers[i] = Task.Run(async () =>
                {
                    while (await channel.Reader.WaitToReadAsync())
                    {
                        while (channel.Reader.TryRead(out var probe))
                        {
                            handler(probe, subscriber);
                        }
                    }
                });
            }
        }

        public void Publish(Probe probe)
        {
            foreach (var channel in _channels)
            {
                channel.Writer.TryWrite(probe);
            }
        }

        public void Dispose()
        {
            foreach (var channel in _channels)
            {
                channel.Writer.TryComplete();
            }
            Task.WaitAll(_readers, TimeSpan.FromSeconds(5));
        }
    }

    private sealed class TaskRunFanOut(int subscribers, Action<Probe, int> handler) : IFanOut
    {
        public void Publish(Probe probe)
        {
            for (var i = 0; i < subscribers; i++)
            {
                var subscriber = i;
                _ = Task.Run(() => handler(probe, subscriber));
            }
        }

        public void Dispose()
        {
        }
    }
}
