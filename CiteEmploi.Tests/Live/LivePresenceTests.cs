using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// Presence on a board, kept in memory on each server but fed only by messages: one entry per person, gone as soon as
/// their page or its connection is, and the same on every server.
/// </summary>
public sealed class LivePresenceTests : IDisposable
{
    private static readonly Guid CiteId = Guid.NewGuid();
    private readonly Guid _board = Guid.NewGuid();
    private readonly FakeBackplaneNetwork _network = new();
    private readonly List<IDisposable> _owned = [];
    private readonly LiveMessageKinds _kinds = new([
        new LiveMessageKind("presence.joined", typeof(PresenceJoined)),
        new LiveMessageKind("presence.left", typeof(PresenceLeft)),
        new LiveMessageKind("presence.editing", typeof(PresenceEditing)),
        new LiveMessageKind("board.follow-me", typeof(FollowMeRequested))]);

    private sealed record Server(ILiveBus Bus, LivePresence Presence);

    private Server NewServer()
    {
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero }, _network.Join(_kinds), _kinds);
        var presence = new LivePresence(bus);
        _owned.Add(presence);
        _owned.Add(bus);
        return new Server(bus, presence);
    }

    /// <summary>A browser tab: its own circuit, its own scoped board presence.</summary>
    private static (PresenceCircuit Circuit, BoardPresence Boards) NewTab(Server server)
    {
        var circuit = new PresenceCircuit(server.Presence);
        return (circuit, new BoardPresence(server.Presence, circuit, server.Bus));
    }

    private static CiteAccess Member(string userId) => new(CiteId, "cite", userId, CiteRole.Partenaire);

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    [Fact]
    public void APersonWithThreeTabs_IsListedOnce_UntilTheirLastTabLeaves()
    {
        var server = NewServer();
        var tabs = Enumerable.Range(0, 3).Select(_ => NewTab(server)).ToList();
        var handles = tabs.Select(t => t.Boards.Join(_board, Member("samia"), "Samia")).ToList();
        var other = NewTab(server).Boards.Join(_board, Member("jules"), "Jules");

        var viewers = tabs[0].Boards.Viewers(_board);
        Assert.Equal(["Jules", "Samia"], viewers.Select(v => v.Name));
        Assert.Equal(3, viewers.Single(v => v.Name == "Samia").PageIds.Count);

        handles[0].Dispose();
        handles[1].Dispose();
        Assert.Equal(["Jules", "Samia"], tabs[2].Boards.Viewers(_board).Select(v => v.Name));
        handles[2].Dispose();
        Assert.Equal(["Jules"], tabs[2].Boards.Viewers(_board).Select(v => v.Name));
        other.Dispose();
        Assert.Empty(tabs[2].Boards.Viewers(_board));
    }

    [Fact]
    public void AGuestAndAMemberOfTheSameName_AreTwoPeople()
    {
        var server = NewTab(NewServer()).Boards;
        server.Join(_board, Member("camille"), "Camille");
        server.Join(new BoardGuestAccess(CiteId, _board, Guid.NewGuid(), "Camille", DateTimeOffset.UtcNow.AddHours(1)));

        Assert.Equal([false, true], server.Viewers(_board).Select(v => v.IsGuest).Order());
    }

    [Fact]
    public async Task WhenAPagesConnectionDrops_ThePersonDisappearsAtOnce_AndComesBackWithTheConnection()
    {
        var server = NewServer();
        var (circuit, tab) = NewTab(server);
        var watcher = NewTab(server).Boards;
        tab.Join(_board, Member("samia"), "Samia");
        watcher.Join(_board, Member("jules"), "Jules");

        // a closed tab or a cut network: the circuit is kept for minutes in case the browser comes back
        await circuit.OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.Equal(["Jules"], watcher.Viewers(_board).Select(v => v.Name));

        await circuit.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(["Jules", "Samia"], watcher.Viewers(_board).Select(v => v.Name));

        await circuit.OnCircuitClosedAsync(null!, CancellationToken.None);
        Assert.Equal(["Jules"], watcher.Viewers(_board).Select(v => v.Name));
    }

    [Fact]
    public void WhatAPageEdits_IsShownOnEveryServer_AndAnEndedEditOrADepartureClearsIt()
    {
        var (a, b) = (NewServer(), NewServer());
        var samia = NewTab(a).Boards.Join(_board, Member("samia"), "Samia");
        var jules = NewTab(b).Boards;
        jules.Join(_board, Member("jules"), "Jules");
        var card = Guid.NewGuid();

        samia.Editing(card);
        Assert.Equal(card, jules.Viewers(_board).Single(v => v.Name == "Samia").EditingCardId);
        Assert.Equal(["Jules", "Samia"], NewTab(a).Boards.Viewers(_board).Select(v => v.Name));

        samia.Editing(null);
        Assert.Null(jules.Viewers(_board).Single(v => v.Name == "Samia").EditingCardId);
        samia.Dispose();
        Assert.Equal(["Jules"], jules.Viewers(_board).Select(v => v.Name));
        Assert.Equal(["Jules"], NewTab(a).Boards.Viewers(_board).Select(v => v.Name));
    }

    [Fact]
    public async Task AServerStartedLater_LearnsWhoIsAlreadyThere_WhenOneOfItsPagesJoins()
    {
        var a = NewServer();
        NewTab(a).Boards.Join(_board, Member("samia"), "Samia");
        var b = NewServer();
        var latecomer = NewTab(b).Boards;
        Assert.Empty(latecomer.Viewers(_board));

        latecomer.Join(_board, Member("jules"), "Jules");

        var deadline = DateTime.UtcNow + BusRecorder.Arrival;
        while (latecomer.Viewers(_board).Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Equal(["Jules", "Samia"], latecomer.Viewers(_board).Select(v => v.Name));
        Assert.Equal(["Jules", "Samia"], NewTab(a).Boards.Viewers(_board).Select(v => v.Name));
    }

    [Fact]
    public async Task FollowMe_ReachesThePagesOfTheOtherServer()
    {
        var (a, b) = (NewServer(), NewServer());
        var received = new BusRecorder();
        using var page = b.Bus.Subscribe(LiveTopics.BoardPresence(_board), received.Handle);
        var column = Guid.NewGuid();

        NewTab(a).Boards.FollowMe(_board, column, "Camille");

        await received.WaitForCountAsync(1);
        Assert.Equal(column, Assert.IsType<FollowMeRequested>(Assert.Single(received.All)).ColumnId);
    }
}
