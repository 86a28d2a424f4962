using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// The live layer's own figures (OpenTelemetry reads them through System.Diagnostics.Metrics): each message delivered is
/// counted with its topic's family and its type, and each handler start records how long the oldest message of its
/// batch waited. Read here with a <see cref="MeterListener"/>, on topics of a family no other test uses (the meter is
/// the process's, shared with tests running alongside).
/// </summary>
public sealed class LiveTelemetryTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measured = new();

    public LiveTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value;
        }
        _measured.Enqueue((instrument.Name, value, copied));
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string family) =>
        [.. _measured.Where(m => Equals(m.Tags.GetValueOrDefault("citeemploi.live.topic"), family))];

    [Theory]
    [InlineData("cites", "cites")]
    [InlineData("board:0123456789abcdef0123456789abcdef", "board")]
    [InlineData("cite:0123456789abcdef0123456789abcdef:members", "cite.members")]
    [InlineData("plan:0123456789abcdef0123456789abcdef:presence", "plan.presence")]
    [InlineData("account:8d1c4c0e-1f6e-4f55-9b8e-2a2b2c2d2e2f", "account")]
    public void Family_LeavesTheIdsOut(string topic, string family) => Assert.Equal(family, LiveTelemetry.Family(topic));

    [Fact]
    public async Task EachMessage_IsCounted_WithItsFamilyAndType_AndEachHandlerStart_RecordsItsWait()
    {
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.FromMilliseconds(40) });
        var topic = $"telemetrie:{Guid.NewGuid():N}:essai";
        var received = new BusRecorder();
        using var subscription = bus.Subscribe(topic, received.Handle);

        bus.Publish(topic, 1);
        bus.Publish(topic, 2);
        bus.Publish(topic, "trois");
        await received.WaitForCountAsync(3);

        var counted = Of("telemetrie.essai").Where(m => m.Instrument == "citeemploi.live.messages").ToList();
        Assert.Equal(3, counted.Sum(m => m.Value));
        Assert.Equal(2, counted.Count(m => Equals(m.Tags["citeemploi.live.kind"], "Int32")));
        Assert.Single(counted, m => Equals(m.Tags["citeemploi.live.kind"], "String"));
        Assert.All(counted, m => Assert.Equal("local", m.Tags["citeemploi.live.origin"]));

        // one wait per handler start (the three may come as one batch or more), each at least the coalescing window
        var waits = Of("telemetrie.essai").Where(m => m.Instrument == "citeemploi.live.delivery.duration").ToList();
        Assert.Equal(received.Batches.Count, waits.Count);
        Assert.All(waits, w => Assert.InRange(w.Value, 0.035, 60));
    }

    [Fact]
    public async Task AMessageFromAnotherServer_IsCountedAsSuch()
    {
        var network = new FakeBackplaneNetwork();
        var kinds = new LiveMessageKinds([new LiveMessageKind("Texte", typeof(string))]);
        using var here = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero }, network.Join(kinds), kinds);
        using var there = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero }, network.Join(kinds), kinds);
        var topic = $"telemetrie:{Guid.NewGuid():N}:serveurs";
        var received = new BusRecorder();
        using var subscription = there.Subscribe(topic, received.Handle);

        here.Publish(topic, "bonjour");
        await received.WaitForCountAsync(1);

        var counted = Of("telemetrie.serveurs").Where(m => m.Instrument == "citeemploi.live.messages").ToList();
        Assert.Contains(counted, m => Equals(m.Tags["citeemploi.live.origin"], "local"));
        Assert.Contains(counted, m => Equals(m.Tags["citeemploi.live.origin"], "backplane"));
    }

    public void Dispose() => _listener.Dispose();
}
