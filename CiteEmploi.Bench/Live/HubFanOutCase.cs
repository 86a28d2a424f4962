using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// N subscribers of one board and one writer, over one or several servers' board hubs (subscribers spread evenly, the
/// writer on the first); each edit waits until every subscriber has it (bounded by <see cref="RoundTimeout"/>).
/// </summary>
internal sealed class HubFanOutCase : IAsyncDisposable
{
    private readonly List<HubConnection> _subscribers = [];
    private readonly ConcurrentDictionary<string, Probe> _inFlight = new(StringComparer.Ordinal);
    private readonly List<long> _deliveries = [];
    private readonly List<long> _last = [];
    private readonly List<long> _acks = [];
    private readonly List<long> _lastAfterAck = [];
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8];
    private HubConnection _writer = null!;
    private Func<HubConnection, string, Task> _edit = null!;
    private int _sequence;

    public int Done { get; private set; }

    /// <summary>Processor time of the app's process and of the bench's own process during the measured blocks.</summary>
    public TimeSpan AppCpu { get; set; }

    public TimeSpan BenchCpu { get; set; }

    public static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(10);

    public static Task<HubFanOutCase> CreateAsync(int n, string hubUrl, CookieContainer? cookies, Guid? subscribe,
        Func<HubConnection, string, Task> edit) =>
        CreateAsync(n, [hubUrl], cookies, subscribe, edit);

    public static async Task<HubFanOutCase> CreateAsync(int n, IReadOnlyList<string> hubUrls, CookieContainer? cookies, Guid? subscribe,
        Func<HubConnection, string, Task> edit)
    {
        var c = new HubFanOutCase { _edit = edit };
        for (var i = 0; i < n; i++)
        {
            var client = HubClients.Build(hubUrls[i % hubUrls.Count], cookies);
            client.On<JsonElement>(BoardHub.ChangeMethod, c.Arrived);
            await client.StartAsync();
            if (subscribe is { } boardId)
            {
                await client.InvokeAsync("Subscribe", boardId);
            }
            c._subscribers.Add(client);
        }
        c._writer = await HubClients.ConnectAsync(hubUrls[0], cookies);
        return c;
    }

    private void Arrived(JsonElement message)
    {
        var now = Stopwatch.GetTimestamp();
        if (!message.TryGetProperty("change", out var change) || !change.TryGetProperty("text", out var text)
            || !_inFlight.TryGetValue(text.GetString() ?? string.Empty, out var probe))
        {
            return;
        }
        lock (probe)
        {
            probe.Arrivals.Add(now - probe.Started);
        }
        if (Interlocked.Decrement(ref probe.Remaining) == 0)
        {
            probe.Received.TrySetResult();
        }
    }

    public async Task EditAsync(bool record)
    {
        var token = $"{_prefix}-{_sequence++}";
        var probe = new Probe(_subscribers.Count);
        _inFlight[token] = probe;
        probe.Started = Stopwatch.GetTimestamp();
        await _edit(_writer, token);
        var ack = Stopwatch.GetTimestamp() - probe.Started;
        await probe.Received.Task.WaitAsync(RoundTimeout);
        _inFlight.TryRemove(token, out _);
        if (record)
        {
            _deliveries.AddRange(probe.Arrivals);
            _last.Add(probe.Arrivals.Max());
            _acks.Add(ack);
            // the fan-out alone: the app publishes right after the commit it acknowledges, so this leaves the write out
            _lastAfterAck.Add(Math.Max(0, probe.Arrivals.Max() - ack));
            Done++;
        }
    }

    public LatencySummary Deliveries() => new([.. _deliveries]);

    public LatencySummary LastSubscriber() => new([.. _last]);

    public LatencySummary Acks() => new([.. _acks]);

    public LatencySummary LastAfterAck() => new([.. _lastAfterAck]);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _subscribers)
        {
            await client.DisposeAsync();
        }
        await _writer.DisposeAsync();
    }

    private sealed class Probe(int subscribers)
    {
        public long Started;
        public int Remaining = subscribers;
        public List<long> Arrivals { get; } = new(subscribers);
        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
