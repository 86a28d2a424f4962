using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Issue 15's capacity in Blazor circuits on this machine: real Chromium pages (one context, one partner and one circuit
/// each) raised step by step until the propagation p95 passes 200 ms — an <c>AddCard</c> sent by a hub client until the
/// card is in each page's DOM (<c>Date.now()</c> in the pages against the same wall clock in this process).
/// Three series: every circuit on the busy board, one server on SQLite; the same with two servers on one PostgreSQL
/// database (pages split between them, the writer on the first); and idle circuits (the Cité's overview page) beside
/// five board pages, whose propagation is what is measured. Memory per circuit: the servers' resident set and their
/// live managed heap after a full GC, per circuit added since before the first page. The pages, the servers and
/// PostgreSQL share the two cores: the figure is the whole machine's, Chromium's share included.
/// </summary>
public sealed class CircuitCapacityBenchmark : IBenchmark
{
    private static readonly int[] Steps = [10, 25, 50, 75, 100, 150];
    /// <summary>The steps, up to <c>--pages</c> when given (a short run).</summary>
    private static int[] ActiveSteps => BenchmarkArguments.Pages is { } most ? [.. Steps.Where(n => n <= most)] : Steps;
    private const int Watchers = 5;
    private const int Edits = 20;
    private const int WarmUp = 3;
    private const double LimitMs = 200;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan EditTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(25);

    public string Name => "circuit-capacity";

    public string Description =>
        $"Capacity in Blazor circuits: Chromium pages ({string.Join(", ", ActiveSteps)}), each its own context, partner and circuit, "
        + $"800×600; per step {Edits} cards added by a hub client after {WarmUp} warm-up, {Pause.TotalMilliseconds:0} ms apart (a busy board), "
        + $"propagation = send → card in each watching page's DOM; steps stop once the p95 passes {LimitMs:0} ms. Series: all pages on "
        + $"the board (1 server, SQLite; then 2 servers on PostgreSQL, pages split, writer on the first); idle pages on the Cité's "
        + $"overview beside {Watchers} board pages (1 server). Memory: servers' VmRSS and live managed heap after a full GC, per circuit.";

    public async Task RunAsync(TextWriter output)
    {
        var started = Stopwatch.StartNew();
        var table = new MarkdownTable(("Series", false), ("Circuits", true), ("Samples", true), ("Median (ms)", true), ("p95 (ms)", true),
            ("Max (ms)", true), ("Missed", true), ("VmRSS per circuit (KiB)", true), ("Live heap per circuit (KiB)", true), ("Open (s)", true));
        var members = ActiveSteps[^1] + Watchers;
        await using (var browser = await BenchBrowser.LaunchAsync())
        await using (var single = await BoardBenchServer.StartAsync(members: members, forPages: true))
        {
            await RampAsync(table, "busy board, 1 server (SQLite)", [single], idle: false, browser, started, output);
        }
        await using (var browser = await BenchBrowser.LaunchAsync())
        await using (var single = await BoardBenchServer.StartAsync(members: members, forPages: true))
        {
            await RampAsync(table, $"idle overview + {Watchers} board pages, 1 server", [single], idle: true, browser, started, output);
        }
        await using (var postgres = await BenchPostgres.StartAsync())
        await using (var browser = await BenchBrowser.LaunchAsync())
        await using (var first = await BoardBenchServer.StartAsync(members: members, forPages: true, postgreSql: postgres.NewDatabase("circuits")))
        await using (var second = await first.StartAnotherAsync(forPages: true))
        {
            await RampAsync(table, "busy board, 2 servers (PostgreSQL)", [first, second], idle: false, browser, started, output);
        }
        table.Write(output);
    }

    private static async Task RampAsync(MarkdownTable table, string series, IReadOnlyList<BoardBenchServer> servers, bool idle,
        BenchBrowser browser, Stopwatch started, TextWriter output)
    {
        var seen = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var residentBefore = servers.Sum(s => s.ResidentBytes());
        var heapBefore = await LiveHeapAsync(servers);
        var opened = 0;
        var watching = 0;

        async Task OpenAsync(string url, bool watch)
        {
            var server = servers[opened % servers.Count];
            var cookies = await server.SignInAsync(BoardBenchServer.MemberEmail(opened));
            var (context, page) = await browser.NewSignedInPageAsync(server.BaseUrl, cookies);
            if (watch)
            {
                await context.ExposeFunctionAsync<string>("benchSeen", message =>
                {
                    var bar = message.LastIndexOf('|');
                    if (bar > 0 && double.TryParse(message[(bar + 1)..], CultureInfo.InvariantCulture, out var at))
                    {
                        seen.GetOrAdd(message[..bar], _ => []).Add(at);
                    }
                });
                await context.AddInitScriptAsync(BenchBrowser.TokenObserver("[data-card]"));
                watching++;
            }
            await BenchBrowser.GotoInteractiveAsync(page, url.Replace(servers[0].BaseUrl, server.BaseUrl, StringComparison.Ordinal));
            opened++;
        }

        if (idle)
        {
            for (var i = 0; i < Watchers; i++)
            {
                await OpenAsync(servers[0].BoardUrl, watch: true);
            }
        }
        await using var writer = HubClients.Build(servers[0].HubUrl, await servers[0].SignInAsync());
        await writer.StartAsync();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var k = 0;
        foreach (var n in ActiveSteps)
        {
            if (started.Elapsed > Budget)
            {
                output.WriteLine($"({series} : arrêté après {Budget.TotalMinutes:0} min, avant {n} circuits)");
                return;
            }
            var opening = Stopwatch.StartNew();
            try
            {
                while (opened - (idle ? Watchers : 0) < n)
                {
                    await OpenAsync(idle ? $"{servers[0].BaseUrl}/c/{servers[0].Slug}" : servers[0].BoardUrl, watch: !idle);
                }
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or PlaywrightException or HttpRequestException)
            {
                table.AddRow(series, n.ToString(CultureInfo.InvariantCulture), "—", "—", "—", "—", "—", "—", "—", $"échec à l'ouverture : {ex.GetType().Name}");
                output.WriteLine($"({series}, {n} circuits : {ex.Message.Split('\n')[0]})");
                return;
            }
            var openSeconds = opening.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2)); // presence settles
            var circuits = opened;
            var resident = (servers.Sum(s => s.ResidentBytes()) - residentBefore) / 1024.0 / circuits;
            var heap = (await LiveHeapAsync(servers) - heapBefore) / 1024.0 / circuits;

            var samples = new List<double>();
            var missed = 0;
            for (var e = 0; e < WarmUp + Edits; e++, k++)
            {
                var token = $"banc-{prefix}-{k}";
                var sentAt = WallClockMs();
                await writer.InvokeAsync<Guid>("AddCard", servers[0].BoardId, servers[0].ColumnId, token);
                var until = Stopwatch.StartNew();
                while ((seen.TryGetValue(token, out var bag) ? bag.Count : 0) < watching && until.Elapsed < EditTimeout)
                {
                    await Task.Delay(10);
                }
                if (e >= WarmUp)
                {
                    var times = seen.TryGetValue(token, out var arrived) ? arrived.ToList() : [];
                    samples.AddRange(times.Select(at => at - sentAt));
                    missed += watching - times.Count;
                }
                await Task.Delay(Pause);
            }
            var summary = new LatencySummary([.. samples.Select(ms => (long)(ms * Stopwatch.Frequency / 1000.0))]);
            table.AddRow(series, circuits.ToString(CultureInfo.InvariantCulture), summary.Count.ToString(CultureInfo.InvariantCulture),
                Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)),
                missed.ToString(CultureInfo.InvariantCulture), resident.ToString("N0", CultureInfo.InvariantCulture),
                heap.ToString("N0", CultureInfo.InvariantCulture), openSeconds.ToString("0", CultureInfo.InvariantCulture));
            output.WriteLine($"  {series} : {circuits} circuits, p95 {Ms(summary.P95Microseconds)} ms ({started.Elapsed.TotalMinutes:0.0} min)");
            if (summary.P95Microseconds / 1000 > LimitMs || missed > 0)
            {
                return; // the capacity is the step before
            }
        }
    }

    private static async Task<long> LiveHeapAsync(IReadOnlyList<BoardBenchServer> servers)
    {
        long total = 0;
        foreach (var server in servers)
        {
            total += (await ServerHeap.CollectAsync(server.ProcessId, TimeSpan.FromSeconds(60))).LiveBytes;
        }
        return total;
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds since 1970 on the system clock, the clock <c>Date.now()</c> reads in the pages.</summary>
    private static double WallClockMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
}
