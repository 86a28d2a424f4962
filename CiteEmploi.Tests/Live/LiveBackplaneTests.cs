using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Live;

/// <summary>Two "servers" (two buses) joined by a fake backplane that, like a real one, carries only serialised envelopes.</summary>
public sealed class LiveBackplaneTests : IDisposable
{
    private readonly LiveMessageKinds _kinds = new([
        .. LiveMessageKinds.DomainEvents(),
        new LiveMessageKind("presence.joined", typeof(PresenceJoined)),
        new LiveMessageKind("presence.left", typeof(PresenceLeft)),
        new LiveMessageKind("presence.editing", typeof(PresenceEditing))]);

    private readonly FakeBackplaneNetwork _network = new();
    private readonly InProcessLiveBus _a;
    private readonly InProcessLiveBus _b;

    public LiveBackplaneTests()
    {
        _a = NewServer();
        _b = NewServer();
    }

    private InProcessLiveBus NewServer() =>
        new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.FromMilliseconds(5) }, _network.Join(_kinds), _kinds);

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task AMessagePublishedOnServerA_ReachesASubscriberOfServerB_OnceAndInOrder()
    {
        var board = Guid.NewGuid();
        var onB = new BusRecorder();
        var onA = new BusRecorder();
        using var subscriptionB = _b.Subscribe(LiveTopics.Board(board), onB.Handle);
        using var subscriptionA = _a.Subscribe(LiveTopics.Board(board), onA.Handle);
        var sent = Enumerable.Range(0, 200)
            .Select(i => new CardMoved(Guid.NewGuid(), board, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), i, "Samia"))
            .ToList();

        foreach (var message in sent)
        {
            _a.Publish(LiveTopics.Board(board), message);
        }

        await onB.WaitForCountAsync(sent.Count);
        await onA.WaitForCountAsync(sent.Count);
        await Task.Delay(200); // nothing more may come: no echo back to A, no second copy on B
        Assert.Equal(sent, onB.All.Cast<CardMoved>());
        Assert.Equal(sent, onA.All.Cast<CardMoved>());
        Assert.Equal(sent.Count, _network.Carried);
    }

    [Fact]
    public async Task ABoardChangeCommittedOnServerA_MakesServerBsCopyStale_BeforeBsPagesAreWoken()
    {
        var snapshots = new BoardSnapshots(TimeProvider.System, _b);
        var citeId = Guid.NewGuid();
        var board = Board.Create(citeId, BoardKind.Atelier, "Atelier", null, ["Idées"], new BoardActor("k", "Camille", true), DateTimeOffset.UtcNow);
        var old = new BoardSnapshot(board, [], []);
        await snapshots.GetAsync(citeId, board.Id, _ => Task.FromResult<BoardSnapshot?>(old), CancellationToken.None);
        var readWhenWoken = new TaskCompletionSource<BoardSnapshot?>();
        var fresh = old with { Activity = [] };
        using var page = _b.Subscribe(LiveTopics.Board(board.Id), async _ =>
            readWhenWoken.TrySetResult(await snapshots.GetAsync(citeId, board.Id, _ => Task.FromResult<BoardSnapshot?>(fresh), CancellationToken.None)));

        _a.Publish(LiveTopics.Board(board.Id), new CardAdded(citeId, board.Id, Guid.NewGuid(), board.Columns[0].Id, "Samia", "Permis"));

        Assert.Same(fresh, await readWhenWoken.Task.WaitAsync(BusRecorder.Arrival));
        snapshots.Dispose();
    }
}
