using System.Diagnostics;
using System.Globalization;
using System.Net;
using CiteEmploi.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Issue 5's propagation figure: a card added through the board hub (<c>AddCard</c>, stored in SQLite, then published)
/// until every subscriber of the board received its <c>BoardChanged</c> message, with 10, 50 and 200 subscribers,
/// beside a bare SignalR hub broadcasting the same payload to the same number of connections, in the same run.
/// <para>
/// Both paths use the same clients (the .NET SignalR client, <see cref="HubClients"/>), which run in this process on the
/// same cores as both servers: at 200 subscribers the clients cost as much processor time as a server. Until issue 11
/// the clients were a home-made JSON-protocol client over WebSockets (lighter per message); the client changed for both
/// paths alike, so the comparison stays fair, but absolute figures taken before and after are not comparable.
/// </para>
/// <para>
/// Besides latencies: <em>Last after ack</em>, per edit, the last subscriber's delivery counted from the writer's
/// acknowledgement, i.e. the fan-out without the write (the board hub publishes right after the commit it
/// acknowledges; the bare hub acknowledges once its sends are queued); and the processor time per measured edit of the
/// app's process and of this process (the clients, and for the baseline the bare hub too), read from /proc over each
/// block of edits.
/// </para>
/// </summary>
public sealed class BoardPropagationBenchmark : IBenchmark
{
    private static readonly int[] SubscriberCounts = [10, 50, 200];
    private const int Edits = 100;
    private const int WarmUp = 10;
    // A server that has run a while has its code compiled at the runtime's final tier; at first the JIT's background
    // thread takes a good share of the 2 cores (seen with perf: the « Tiered Compilation » threads of both processes
    // were the two busiest). Both paths are exercised this long, at the smallest count, before anything is measured.
    private const int ProcessWarmUpEdits = 400;
    private static readonly TimeSpan ProcessWarmUp = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan ProcessWarmUpLimit = TimeSpan.FromSeconds(25);
    private const int BlockSize = 25;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    public string Name => "board-propagation";

    public string Description =>
        $"Board hub propagation: `AddCard` through `/hubs/tableaux` (the real app as its own process, SQLite commit, live bus, hub) → "
        + $"`BoardChanged` received by every subscriber, {string.Join(", ", SubscriberCounts)} WebSocket subscribers on one board, "
        + $"{Edits} edits each after {WarmUp} warm-up edits (and, once at the start, both paths warmed for at least "
        + $"{ProcessWarmUp.TotalSeconds:0} s and {ProcessWarmUpEdits} edits each so the JIT has finished), closed loop, beside a bare SignalR hub (bench process, no "
        + $"authorisation, no database) broadcasting the same payload to as many connections, interleaved in blocks of {BlockSize}.";

    public async Task RunAsync(TextWriter output)
    {
        await using var server = await BoardBenchServer.StartAsync();
        await using var bare = await BareHubServer.StartAsync();
        var cookies = await server.SignInAsync();
        await WarmUpProcessesAsync(server, bare, cookies);
        var started = Stopwatch.StartNew();

        using var app = Process.GetProcessById(server.ProcessId);
        using var bench = Process.GetCurrentProcess();
        var table = new MarkdownTable(("Subscribers", true), ("Path", false), ("Edits", true), ("Deliveries", true),
            ("Median (ms)", true), ("p95 (ms)", true), ("p95 last subscriber (ms)", true), ("Ack median (ms)", true),
            ("Last after ack p95 (ms)", true), ("CPU/edit app (ms)", true), ("CPU/edit bench (ms)", true));
        foreach (var n in SubscriberCounts)
        {
            if (started.Elapsed > Budget)
            {
                output.WriteLine($"(stopped after {Budget.TotalSeconds:0} s, before {n} subscribers)");
                break;
            }
            await using var hubCase = await HubCaseAsync(n, server, cookies);
            await using var bareCase = await BareCaseAsync(n, bare, server.BoardId);
            var cases = new[] { hubCase, bareCase };
            foreach (var c in cases)
            {
                for (var i = 0; i < WarmUp; i++)
                {
                    await c.EditAsync(record: false);
                }
            }
            var deadline = started.Elapsed + (Budget / SubscriberCounts.Length);
            while (cases.Any(c => c.Done < Edits) && started.Elapsed < deadline)
            {
                foreach (var c in cases)
                {
                    var (appBefore, benchBefore) = (Cpu(app), Cpu(bench));
                    for (var i = 0; i < BlockSize && c.Done < Edits; i++)
                    {
                        await c.EditAsync(record: true);
                    }
                    c.AppCpu += Cpu(app) - appBefore;
                    c.BenchCpu += Cpu(bench) - benchBefore;
                }
            }
            AddRow(table, n, "board hub (`AddCard` → subscribers)", hubCase);
            AddRow(table, n, "baseline: bare hub broadcast", bareCase);
        }
        table.Write(output);
    }

    private static Task<HubFanOutCase> HubCaseAsync(int n, BoardBenchServer server, CookieContainer cookies) =>
        HubFanOutCase.CreateAsync(n, server.HubUrl, cookies, subscribe: server.BoardId,
            (client, token) => client.InvokeAsync<Guid>("AddCard", server.BoardId, server.ColumnId, token));

    private static Task<HubFanOutCase> BareCaseAsync(int n, BareHubServer bare, Guid boardId) =>
        HubFanOutCase.CreateAsync(n, bare.HubUrl, null, subscribe: null, (client, token) => client.InvokeAsync("Broadcast", Payload(boardId, token)));

    private static async Task WarmUpProcessesAsync(BoardBenchServer server, BareHubServer bare, CookieContainer cookies)
    {
        await using var hubCase = await HubCaseAsync(SubscriberCounts[0], server, cookies);
        await using var bareCase = await BareCaseAsync(SubscriberCounts[0], bare, server.BoardId);
        var clock = Stopwatch.StartNew();
        var edits = 0;
        while ((edits < ProcessWarmUpEdits || clock.Elapsed < ProcessWarmUp) && clock.Elapsed < ProcessWarmUpLimit)
        {
            await hubCase.EditAsync(record: false);
            await bareCase.EditAsync(record: false);
            edits++;
        }
    }

    private static void AddRow(MarkdownTable table, int n, string name, HubFanOutCase c)
    {
        var deliveries = c.Deliveries();
        var last = c.LastSubscriber();
        var ack = c.Acks();
        table.AddRow(n.ToString(CultureInfo.InvariantCulture), name, c.Done.ToString(CultureInfo.InvariantCulture),
            deliveries.Count.ToString("N0", CultureInfo.InvariantCulture),
            Ms(deliveries.MedianMicroseconds), Ms(deliveries.P95Microseconds), Ms(last.P95Microseconds), Ms(ack.MedianMicroseconds),
            Ms(c.LastAfterAck().P95Microseconds),
            Ms(c.AppCpu.TotalMicroseconds / c.Done), Ms(c.BenchCpu.TotalMicroseconds / c.Done));
    }

    // Processor time of a whole process, all threads (from /proc on Linux: 10 ms steps for another process, hence
    // summed over blocks of edits, never read per edit).
    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture);

    // The same shape as the board hub's message for a CardAdded, so both sides serialise and parse alike.
    private static object Payload(Guid boardId, string token) => new
    {
        type = "CardAdded",
        boardId,
        cardId = Guid.NewGuid(),
        change = new { citeId = Guid.NewGuid(), boardId, cardId = Guid.NewGuid(), columnId = Guid.NewGuid(), authorName = "Banc", text = token },
    };
}
