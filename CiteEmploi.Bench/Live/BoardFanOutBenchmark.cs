using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// The board hub's server-side fan-out alone, in this process, without sockets nor database: a board event published
/// on the live bus until N connections have had their SignalR message written (each stand-in connection writes the
/// invocation with the hub's JSON protocol into its own buffer, which is what SignalR does before handing the bytes to
/// the transport). <see cref="BoardFeeds"/> (one bus subscription per board, each change serialised once) beside the
/// design it replaced (one bus subscription per connection, each sending the <see cref="BoardChange"/> itself),
/// interleaved in blocks. The processor time per event is the figure that matters on a shared 2-core machine, where
/// board-propagation's wall-clock latencies swing with the neighbours' load.
/// </summary>
public sealed class BoardFanOutBenchmark : IBenchmark
{
    private static readonly int[] ConnectionCounts = [10, 50, 200];
    private const int Events = 2_000;
    private const int WarmUp = 200;
    private const int BlockSize = 250;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(10);

    public string Name => "board-fanout";

    public string Description =>
        $"Board hub fan-out in process: a `CardAdded` published on `InProcessLiveBus` → the SignalR JSON invocation written for each of "
        + $"{string.Join(", ", ConnectionCounts)} connections, `BoardFeeds` beside one bus subscription per connection (the design before "
        + $"it), {Events:N0} events each after {WarmUp} warm-up events, closed loop, interleaved in blocks of {BlockSize}.";

    public async Task RunAsync(TextWriter output)
    {
        var table = new MarkdownTable(("Connections", true), ("Fan-out", false), ("Events", true), ("Median (µs)", true),
            ("p95 (µs)", true), ("CPU per event (µs)", true));
        var protocol = new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions()));
        using var self = Process.GetCurrentProcess();
        foreach (var n in ConnectionCounts)
        {
            var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
            var feeds = new BoardFeeds(bus, Options.Create(new JsonHubProtocolOptions()), NullLogger<BoardFeeds>.Instance);
            var cases = new[]
            {
                new Case("`BoardFeeds` (one per board)", n, protocol, bus, (board, cite, client) => feeds.Join(board, cite, client, () => { })),
                new Case("before: one subscription per connection", n, protocol, bus, (board, cite, client) =>
                    bus.SubscribeUnbatched(LiveTopics.Board(board), async messages =>
                    {
                        foreach (var message in messages)
                        {
                            if (message is IBoardEvent change && change.CiteId == cite)
                            {
                                await client.SendAsync(BoardHub.ChangeMethod, BoardChange.Of(change));
                            }
                        }
                    })),
            };
            foreach (var c in cases)
            {
                for (var i = 0; i < WarmUp; i++)
                {
                    await c.PublishAsync(record: false);
                }
            }
            while (cases.Any(c => c.Done < Events))
            {
                foreach (var c in cases)
                {
                    self.Refresh();
                    var before = self.TotalProcessorTime;
                    for (var i = 0; i < BlockSize && c.Done < Events; i++)
                    {
                        await c.PublishAsync(record: true);
                    }
                    self.Refresh();
                    c.Cpu += self.TotalProcessorTime - before;
                }
            }
            foreach (var c in cases)
            {
                var latency = new LatencySummary([.. c.Latencies]);
                table.AddRow(n.ToString(CultureInfo.InvariantCulture), c.Name, c.Done.ToString("N0", CultureInfo.InvariantCulture),
                    latency.MedianMicroseconds.ToString("0.0", CultureInfo.InvariantCulture),
                    latency.P95Microseconds.ToString("0.0", CultureInfo.InvariantCulture),
                    (c.Cpu.TotalMicroseconds / c.Done).ToString("0.0", CultureInfo.InvariantCulture));
                c.Dispose();
            }
        }
        table.Write(output);
    }

    /// <summary>One fan-out with its N stand-in connections on its own board; each event waits until all were written.</summary>
    private sealed class Case : IDisposable
    {
        private readonly Guid _cite = Guid.NewGuid();
        private readonly Guid _board = Guid.NewGuid();
        private readonly InProcessLiveBus _bus;
        private readonly List<IDisposable> _joined = [];
        private readonly int _connections;
        private int _remaining;
        private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Case(string name, int connections, IHubProtocol protocol, InProcessLiveBus bus, Func<Guid, Guid, IClientProxy, IDisposable> join)
        {
            Name = name;
            _bus = bus;
            _connections = connections;
            for (var i = 0; i < connections; i++)
            {
                _joined.Add(join(_board, _cite, new Connection(protocol, this)));
            }
        }

        public string Name { get; }

        public int Done { get; private set; }

        public List<long> Latencies { get; } = [];

        public TimeSpan Cpu { get; set; }

        public async Task PublishAsync(bool record)
        {
            _remaining = _connections;
            _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            _bus.Publish(LiveTopics.Board(_board), new CardAdded(_cite, _board, Guid.NewGuid(), Guid.NewGuid(), "Banc", $"carte {Done}"));
            await _written.Task.WaitAsync(RoundTimeout);
            if (record)
            {
                Latencies.Add(Stopwatch.GetTimestamp() - started);
                Done++;
            }
        }

        private void Written()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _written.TrySetResult();
            }
        }

        public void Dispose()
        {
            foreach (var joined in _joined)
            {
                joined.Dispose();
            }
        }

        /// <summary>What SignalR does for one connection before the transport: the invocation written with the protocol.</summary>
        private sealed class Connection(IHubProtocol protocol, Case owner) : IClientProxy
        {
            private readonly ArrayBufferWriter<byte> _buffer = new(1024);

            public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
            {
                _buffer.ResetWrittenCount();
                protocol.WriteMessage(new InvocationMessage(method, args), _buffer);
                owner.Written();
                return Task.CompletedTask;
            }
        }
    }
}
