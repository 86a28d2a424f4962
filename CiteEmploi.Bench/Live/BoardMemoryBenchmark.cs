using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Issue 5's memory figure: what one more viewer costs the server. Chromium pages (one browser, one context per
/// person, each signed in as a different partner) are opened in steps on a board of 200 cards; after each step the app's
/// process runs a full GC (induced over EventPipe, see <see cref="ServerHeap"/>) and the bytes that survive are read;
/// the slope over the steps is the memory held per circuit. The same is measured, each on a fresh server process, for
/// an empty board and for the Cité's overview page, the "empty page" beside which the issue asks for the figure.
/// </summary>
public sealed class BoardMemoryBenchmark : IBenchmark
{
    private const int Cards = 200;
    private static readonly int[] Steps = [0, 5, 10, 15, 20];
    // Opening a 200-card page takes seconds on a loaded 2-core machine (8 min once cut the last series at 15 pages).
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(14);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private sealed record Series(string Name, int Cards, Func<BoardBenchServer, string> Url);

    private static readonly Series[] AllSeries =
    [
        new($"board page, {Cards} cards", Cards, s => s.BoardUrl),
        new("board page, empty board", 0, s => s.BoardUrl),
        new("empty page: Cité overview `/c/{slug}`", Cards, s => $"{s.BaseUrl}/c/{s.Slug}"),
    ];

    public string Name => "board-memory";

    public string Description =>
        $"Server memory per viewer circuit: the real app as its own process; {string.Join(", ", Steps)} Chromium pages "
        + $"(one headless Chromium, one context and one partner each, 800×600) open on a board of {Cards} cards; after each step "
        + "the app runs a full blocking GC induced over EventPipe and the surviving managed bytes are read (`GCHeapStats`), "
        + "beside the process's VmRSS. Same steps on an empty board and on the Cité's overview page (the empty-page comparison), "
        + "each series on a fresh server process. Bytes per circuit = least-squares slope over the steps, "
        + $"from {Steps[1]} pages on (one more viewer) and from 0 (with the app's first-use allocations).";

    public async Task RunAsync(TextWriter output)
    {
        var started = Stopwatch.StartNew();
        var steps = new MarkdownTable(("Series", false), ("Pages", true), ("Live managed heap (MiB)", true),
            ("Heap after GC (MiB)", true), ("VmRSS (MiB)", true), ("Open time (s)", true));
        var summary = new MarkdownTable(("Series", false), ("Pages", true), ($"Live heap per circuit, {Steps[1]}→{Steps[^1]} pages (KiB)", true),
            ($"Live heap per circuit, 0→{Steps[^1]} pages (KiB)", true), ($"VmRSS per circuit, {Steps[1]}→{Steps[^1]} pages (KiB)", true));
        await using var browser = await BenchBrowser.LaunchAsync();
        foreach (var series in AllSeries)
        {
            if (started.Elapsed > Budget)
            {
                output.WriteLine($"(stopped after {Budget.TotalMinutes:0} min, before « {series.Name} »)");
                break;
            }
            var points = await RunSeriesAsync(browser, series, steps, started);
            // The first pages also pay what the app allocates once, at its first use of a page (caches, pools, first
            // render): the slope from the first non-empty step on is the cost of one more viewer; 0→N is shown beside it.
            var warm = points.Where(p => p.Pages >= Steps[1]).ToList();
            if (warm.Count >= 2)
            {
                summary.AddRow(series.Name, points[^1].Pages.ToString(CultureInfo.InvariantCulture),
                    Kib(Slope(warm, p => p.Live)), Kib(Slope(points, p => p.Live)), Kib(Slope(warm, p => p.Resident)));
            }
        }
        steps.Write(output);
        output.WriteLine();
        summary.Write(output);
    }

    private sealed record Point(int Pages, double Live, double Heap, double Resident);

    private static async Task<List<Point>> RunSeriesAsync(BenchBrowser browser, Series series, MarkdownTable table, Stopwatch started)
    {
        await using var server = await BoardBenchServer.StartAsync(cards: series.Cards, members: Steps[^1], forPages: true);
        var url = series.Url(server);
        var points = new List<Point>();
        var contexts = new List<IBrowserContext>();
        try
        {
            foreach (var step in Steps)
            {
                if (started.Elapsed > Budget)
                {
                    table.AddRow(series.Name, $"(stopped: {Budget.TotalMinutes:0} min)", "", "", "", "");
                    break;
                }
                var opening = Stopwatch.StartNew();
                while (contexts.Count < step)
                {
                    var cookies = await server.SignInAsync(BoardBenchServer.MemberEmail(contexts.Count));
                    var (context, page) = await browser.NewSignedInPageAsync(server.BaseUrl, cookies);
                    contexts.Add(context);
                    await BenchBrowser.GotoInteractiveAsync(page, url);
                    if (contexts.Count == 1 && series.Cards > 0 && url == server.BoardUrl)
                    {
                        var shown = await page.Locator("[data-card]").CountAsync();
                        if (shown != series.Cards)
                        {
                            throw new InvalidOperationException($"the board shows {shown} cards, {series.Cards} expected");
                        }
                    }
                }
                var openSeconds = opening.Elapsed.TotalSeconds;
                await Task.Delay(Settle);
                // the first induced GC may leave finalizable objects for the second: the second one is read
                await ServerHeap.CollectAsync(server.ProcessId, TimeSpan.FromSeconds(30));
                var heap = await ServerHeap.CollectAsync(server.ProcessId, TimeSpan.FromSeconds(30));
                var point = new Point(step, heap.LiveBytes, heap.HeapBytes, server.ResidentBytes());
                points.Add(point);
                // progress on standard error, so a long run shows where it is without mixing into the Markdown
                await Console.Error.WriteLineAsync($"{series.Name}: {step} pages, live {Mib(point.Live)} MiB, heap {Mib(point.Heap)} MiB, "
                    + $"VmRSS {Mib(point.Resident)} MiB (full GC #{heap.GcIndex})");
                table.AddRow(series.Name, step.ToString(CultureInfo.InvariantCulture), Mib(point.Live), Mib(point.Heap),
                    Mib(point.Resident), openSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            foreach (var context in contexts)
            {
                await browser.CloseAsync(context);
            }
        }
        return points;
    }

    /// <summary>Least-squares slope of <paramref name="value"/> against the number of pages.</summary>
    private static double Slope(IReadOnlyList<Point> points, Func<Point, double> value)
    {
        var meanX = points.Average(p => (double)p.Pages);
        var meanY = points.Average(value);
        var num = points.Sum(p => (p.Pages - meanX) * (value(p) - meanY));
        var den = points.Sum(p => (p.Pages - meanX) * (p.Pages - meanX));
        return den == 0 ? double.NaN : num / den;
    }

    private static string Mib(double bytes) => (bytes / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Kib(double bytes) => (bytes / 1024).ToString("N0", CultureInfo.InvariantCulture);
}
