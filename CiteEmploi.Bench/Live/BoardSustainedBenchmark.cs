using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Issue 5's sustained figure: 20 writers adding cards through the board hub at 200 edits per second in total for 60 s
/// (<c>--seconds N</c> shortens it), one watcher subscribed to the board. Checked at the end: every acknowledged edit
/// is stored, the watcher received every one, and neither the stored order (positions in the column) nor the order
/// of arrival ever puts a writer's edit before one it made earlier.
/// </summary>
public sealed class BoardSustainedBenchmark : IBenchmark
{
    private const int Writers = 20;
    private const int TargetPerSecond = 200;
    private const int DefaultSeconds = 60;

    public string Name => "board-sustained";

    public string Description =>
        $"Sustained board edits: {Writers} writers × {TargetPerSecond / Writers} `AddCard`/s each ({TargetPerSecond}/s in total) through "
        + $"`/hubs/tableaux` for {DefaultSeconds} s (or `--seconds N`), paced open-loop per writer (one edit in flight per writer), "
        + "one subscriber; lost and reordered edits counted against the stored board and the subscriber's stream.";

    public async Task RunAsync(TextWriter output)
    {
        var seconds = BenchmarkArguments.Seconds ?? DefaultSeconds;
        await using var server = await BoardBenchServer.StartAsync();
        var cookies = await server.SignInAsync();

        var received = new ConcurrentQueue<string>();
        await using var watcher = HubClients.Build(server.HubUrl, cookies);
        watcher.On<JsonElement>(BoardHub.ChangeMethod, change =>
        {
            if (change.GetProperty("type").GetString() == "CardAdded")
            {
                received.Enqueue(change.GetProperty("change").GetProperty("text").GetString()!);
            }
        });
        await watcher.StartAsync();
        await watcher.InvokeAsync("Subscribe", server.BoardId);

        var writers = new List<HubConnection>();
        for (var i = 0; i < Writers; i++)
        {
            writers.Add(await HubClients.ConnectAsync(server.HubUrl, cookies));
        }

        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var ackTicks = new ConcurrentBag<long>();
        var failures = 0;
        var interval = TimeSpan.FromSeconds((double)Writers / TargetPerSecond);
        var memoryBefore = server.WorkingSet();
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        var tasks = writers.Select((client, w) => Task.Run(async () =>
        {
            // Writer w's k-th edit is due at k × interval (staggered by writer); a late writer does not catch up in a rush.
            var offset = interval * w / Writers;
            for (var k = 0; ; k++)
            {
                var due = offset + (interval * k);
                if (due >= duration)
                {
                    return;
                }
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                var text = $"w{w:00}-{k:000000}";
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await client.InvokeAsync<Guid>("AddCard", server.BoardId, server.ColumnId, text);
                    ackTicks.Add(Stopwatch.GetTimestamp() - sent);
                    acknowledged[text] = w;
                }
                catch (HubException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks).WaitAsync(duration + TimeSpan.FromSeconds(60));
        var elapsed = clock.Elapsed;
        var memoryAfter = server.WorkingSet();

        // let the last messages arrive (bounded)
        var settle = Stopwatch.StartNew();
        while (received.Count < acknowledged.Count && settle.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        var board = await writers[0].InvokeAsync<JsonElement>("GetBoard", server.BoardId);
        var stored = board.GetProperty("columns")[0].GetProperty("cards").EnumerateArray()
            .Select(c => c.GetProperty("text").GetString()!).ToList();
        var storedSet = stored.ToHashSet(StringComparer.Ordinal);
        var lost = acknowledged.Keys.Count(t => !storedSet.Contains(t));
        var receivedList = received.ToList();
        var notReceived = acknowledged.Keys.Except(receivedList, StringComparer.Ordinal).Count();
        var storedReordered = Reordered(stored);
        var receivedReordered = Reordered(receivedList);
        var acks = new LatencySummary([.. ackTicks]);

        foreach (var client in writers)
        {
            await client.DisposeAsync();
        }

        var table = new MarkdownTable(("Measure", false), ("Value", true));
        table.AddRow("Duration asked (s)", seconds.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Writing time (s)", elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("Edits asked", (seconds * TargetPerSecond).ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Edits acknowledged", acknowledged.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Acknowledged per second", (acknowledged.Count / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("Refused by the server", failures.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Ack median / p95 / p99 (ms)", string.Create(CultureInfo.InvariantCulture,
            $"{acks.MedianMicroseconds / 1000:0.0} / {acks.P95Microseconds / 1000:0.0} / {acks.PercentileMicroseconds(99) / 1000:0.0}"));
        table.AddRow("Acknowledged but not stored (lost)", lost.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Acknowledged but never received by the subscriber", notReceived.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Stored out of a writer's order", storedReordered.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Received out of a writer's order", receivedReordered.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Server working set before → after (MiB)", string.Create(CultureInfo.InvariantCulture,
            $"{memoryBefore / 1048576.0:0} → {memoryAfter / 1048576.0:0}"));
        table.Write(output);
    }

    /// <summary>How many texts come after a later one of the same writer ("wNN-kkkkkk": writer, then sequence).</summary>
    private static int Reordered(IEnumerable<string> texts)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        foreach (var text in texts)
        {
            if (text.Length < 4 || text[0] != 'w' || !int.TryParse(text.AsSpan(4), CultureInfo.InvariantCulture, out var k))
            {
                continue;
            }
            var writer = text[..3];
            if (last.TryGetValue(writer, out var previous) && k < previous)
            {
                count++;
            }
            else
            {
                last[writer] = k;
            }
        }
        return count;
    }
}
