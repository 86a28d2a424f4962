using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Issue 5's sustained figure: 20 writers adding cards through the board hub at 200 edits per second in total for 60 s
/// (<c>--seconds N</c> shortens it), one watcher subscribed to the boards. Checked at the end: every acknowledged edit
/// is stored, the watcher received every one, and neither the stored order (positions in the column) nor the order
/// of arrival ever puts a writer's edit before one it made earlier. A board holds at most <see cref="Board.MaxCards"/>
/// cards (issue 15), so the writers share out as few boards as keep each one under it (60 s: 10 boards of 2 writers).
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
        + "one subscriber; lost and reordered edits counted against the stored boards and the subscriber's stream.";

    /// <summary>The fewest boards, a divisor of the writers, on which no board passes its cap over <paramref name="seconds"/>.</summary>
    private static int BoardsFor(int seconds) =>
        Enumerable.Range(1, Writers)
            .Where(n => Writers % n == 0)
            .FirstOrDefault(n => (long)(Writers / n) * (TargetPerSecond / Writers) * seconds <= Board.MaxCards, Writers);

    public async Task RunAsync(TextWriter output)
    {
        var seconds = BenchmarkArguments.Seconds ?? DefaultSeconds;
        var boardIds = new List<(Guid Board, Guid Column)>();
        await using var server = await BoardBenchServer.StartAsync(seed: async (services, access) =>
        {
            var boards = services.GetRequiredService<BoardService>();
            for (var b = 1; b < BoardsFor(seconds); b++)
            {
                var created = await boards.CreateAsync(access, BoardKind.Atelier, $"Tableau du banc {b + 1}", null, ["Idées"]);
                var board = (await boards.GetAsync(access, Guid.Parse(created.Value!)))!;
                boardIds.Add((board.Id, board.Columns[0].Id));
            }
        });
        boardIds.Insert(0, (server.BoardId, server.ColumnId));
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
        foreach (var (board, _) in boardIds)
        {
            await watcher.InvokeAsync("Subscribe", board);
        }

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
                    var (board, column) = boardIds[w % boardIds.Count];
                    await client.InvokeAsync<Guid>("AddCard", board, column, text);
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

        var stored = new List<string>();
        foreach (var (boardId, _) in boardIds)
        {
            var board = await writers[0].InvokeAsync<JsonElement>("GetBoard", boardId);
            stored.AddRange(board.GetProperty("columns")[0].GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("text").GetString()!));
        }
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
        table.AddRow("Boards (writers share them, each under its cap)", boardIds.Count.ToString(CultureInfo.InvariantCulture));
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
