using System.Buffers;
using System.Text;
using System.Text.Json;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// The board hub's fan-out (<see cref="BoardFeeds"/>) with the real in-process bus and stand-in clients whose writes a
/// test can hold: the properties the per-connection subscriptions had must still hold with one feed per board.
/// </summary>
public sealed class BoardFeedsTests
{
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);

    private static readonly Guid Cite = Guid.NewGuid();

    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance);
    private readonly BoardFeeds _feeds;

    public BoardFeedsTests() =>
        _feeds = new BoardFeeds(_bus, Options.Create(new JsonHubProtocolOptions()), NullLogger<BoardFeeds>.Instance);

    private static CardAdded Card(Guid boardId, int n, Guid? citeId = null) =>
        new(citeId ?? Cite, boardId, Guid.NewGuid(), Guid.NewGuid(), "Banc", $"carte {n}");

    [Fact]
    public void AChange_IsWrittenByteForByte_AsTheHubWouldWriteTheBoardChange()
    {
        var protocol = new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions()));
        var change = BoardChange.Of(new CardMoved(Cite, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1.5, "Élodie « la facilitatrice » <b>&</b>"));

        string Written(object argument)
        {
            var buffer = new ArrayBufferWriter<byte>();
            protocol.WriteMessage(new InvocationMessage(BoardHub.ChangeMethod, [argument]), buffer);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        Assert.Equal(Written(change), Written(_feeds.Serialize(change)));
    }

    [Fact]
    public async Task OneBusSubscriptionPerBoard_GoneWithItsLastConnection()
    {
        var board = Guid.NewGuid();
        var first = _feeds.Join(board, Cite, new Client(), () => { });
        var second = _feeds.Join(board, Cite, new Client(), () => { });
        Assert.Equal(1, _bus.SubscriberCount(LiveTopics.Board(board)));
        Assert.Equal(2, _feeds.Count(board, Cite));

        first.Dispose();
        first.Dispose();
        Assert.Equal(1, _bus.SubscriberCount(LiveTopics.Board(board)));
        second.Dispose();
        Assert.Equal(0, _bus.SubscriberCount(LiveTopics.Board(board)));
        Assert.Equal(0, _feeds.Count(board, Cite));

        // a board watched again gets a feed again
        var watcher = new Client();
        using var again = _feeds.Join(board, Cite, watcher, () => { });
        _bus.Publish(LiveTopics.Board(board), Card(board, 1));
        Assert.Equal(["carte 1"], await watcher.WaitForAsync(1));
    }

    [Fact]
    public async Task ASlowClient_DelaysNobodyElse_AndGetsEveryChangeInOrderOnceItCatchesUp()
    {
        var board = Guid.NewGuid();
        var slow = new Client { Held = true };
        var fast = new Client();
        var other = new Client();
        using var a = _feeds.Join(board, Cite, slow, () => { });
        using var b = _feeds.Join(board, Cite, fast, () => { });
        using var c = _feeds.Join(board, Cite, other, () => { });

        for (var i = 1; i <= 5; i++)
        {
            _bus.Publish(LiveTopics.Board(board), Card(board, i));
        }

        var expected = Enumerable.Range(1, 5).Select(i => $"carte {i}").ToArray();
        Assert.Equal(expected, await fast.WaitForAsync(5));
        Assert.Equal(expected, await other.WaitForAsync(5));
        // the slow client's first write is still pending: nothing else was written to it meanwhile
        Assert.Equal(["carte 1"], slow.Texts);

        slow.Release();
        Assert.Equal(expected, await slow.WaitForAsync(5));
    }

    [Fact]
    public async Task AClientTooFarBehind_IsDisconnected_OthersKeepReceiving()
    {
        var board = Guid.NewGuid();
        var stuck = new Client { Held = true };
        var fast = new Client();
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = _feeds.Join(board, Cite, stuck, aborted.SetResult);
        var fastAborted = false;
        using var b = _feeds.Join(board, Cite, fast, () => fastAborted = true);

        // one write in flight, a full backlog, then one more
        var total = BoardFeeds.MaxBacklog + 2;
        for (var i = 1; i <= total; i++)
        {
            _bus.Publish(LiveTopics.Board(board), Card(board, i));
        }

        await aborted.Task.WaitAsync(BusRecorder.Arrival);
        Assert.Equal(total, (await fast.WaitForAsync(total)).Count);
        Assert.False(fastAborted);
        // what it still held is dropped with the connection
        stuck.Release();
        await Task.Delay(Silence);
        Assert.Single(stuck.Texts);
    }

    [Fact]
    public async Task Leaving_StopsTheChanges_AndAnotherCitesEventIsNeverSent()
    {
        var board = Guid.NewGuid();
        var leaving = new Client();
        var staying = new Client();
        var membership = _feeds.Join(board, Cite, leaving, () => { });
        using var stays = _feeds.Join(board, Cite, staying, () => { });

        _bus.Publish(LiveTopics.Board(board), Card(board, 1, citeId: Guid.NewGuid()));
        _bus.Publish(LiveTopics.Board(board), Card(board, 2));
        Assert.Equal(["carte 2"], await staying.WaitForAsync(1));
        Assert.Equal(["carte 2"], await leaving.WaitForAsync(1));

        membership.Dispose();
        _bus.Publish(LiveTopics.Board(board), Card(board, 3));
        Assert.Equal(["carte 2", "carte 3"], await staying.WaitForAsync(2));
        await Task.Delay(Silence);
        Assert.Equal(["carte 2"], leaving.Texts);
    }

    /// <summary>
    /// A connection as <see cref="BoardFeeds"/> sees it; while <see cref="Held"/>, its first write does not complete
    /// (a client whose socket is full) until <see cref="Release"/>.
    /// </summary>
    private sealed class Client : IClientProxy
    {
        private readonly Lock _gate = new();
        private readonly List<string> _texts = [];
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Held { get; init; }

        public IReadOnlyList<string> Texts
        {
            get
            {
                lock (_gate)
                {
                    return [.. _texts];
                }
            }
        }

        public void Release() => _released.TrySetResult();

        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            Assert.Equal(BoardHub.ChangeMethod, method);
            var json = ((SerializedChange)args[0]!).Utf8Json;
            using var document = JsonDocument.Parse(json);
            TaskCompletionSource changed;
            lock (_gate)
            {
                _texts.Add(document.RootElement.GetProperty("change").GetProperty("text").GetString()!);
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            changed.SetResult();
            return Held ? _released.Task : Task.CompletedTask;
        }

        public async Task<IReadOnlyList<string>> WaitForAsync(int count)
        {
            using var timeout = new CancellationTokenSource(BusRecorder.Arrival);
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (_texts.Count >= count)
                    {
                        return [.. _texts];
                    }
                    changed = _changed.Task;
                }
                await changed.WaitAsync(timeout.Token);
            }
        }
    }
}
