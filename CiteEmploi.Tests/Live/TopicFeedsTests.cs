using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Tests.Live;

/// <summary>The hub fan-out for any topic: what the action plan and the agendas will use beside the boards.</summary>
public sealed class TopicFeedsTests
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });

    private sealed record AgendaItemChanged(string Scope, int Order);

    [Fact]
    public async Task AnyTopic_IsSentToItsConnections_ThroughTheirScopesProjection_InOrder()
    {
        var feeds = new TopicFeeds(_bus, Options.Create(new JsonHubProtocolOptions()), NullLogger.Instance);
        var mine = new Client();
        var others = new Client();
        using var a = feeds.Join("agenda:1", "a", "AgendaChanged", m => m is AgendaItemChanged { Scope: "a" } c ? new { c.Order } : null, mine, () => { });
        using var b = feeds.Join("agenda:1", "b", "AgendaChanged", m => m is AgendaItemChanged { Scope: "b" } c ? new { c.Order } : null, others, () => { });

        for (var i = 0; i < 5; i++)
        {
            _bus.Publish("agenda:1", new AgendaItemChanged(i % 2 == 0 ? "a" : "b", i));
        }

        await mine.WaitForAsync(3);
        await others.WaitForAsync(2);
        Assert.Equal(["AgendaChanged:{\"order\":0}", "AgendaChanged:{\"order\":2}", "AgendaChanged:{\"order\":4}"], mine.Sent);
        Assert.Equal(["AgendaChanged:{\"order\":1}", "AgendaChanged:{\"order\":3}"], others.Sent);
        Assert.Equal(1, feeds.Count("agenda:1", "a"));
    }

    /// <summary>A connection that records what it is sent, as the JSON the hub protocol would write.</summary>
    private sealed class Client : IClientProxy
    {
        private readonly Lock _gate = new();
        private readonly List<string> _sent = [];

        public IReadOnlyList<string> Sent
        {
            get
            {
                lock (_gate)
                {
                    return [.. _sent];
                }
            }
        }

        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(args[0], new JsonHubProtocolOptions().PayloadSerializerOptions);
            lock (_gate)
            {
                _sent.Add($"{method}:{json}");
            }
            return Task.CompletedTask;
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow + BusRecorder.Arrival;
            while (Sent.Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
        }
    }
}
