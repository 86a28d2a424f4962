using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Issue 15's page figure: what opening a board of <see cref="Cards"/> cards costs, as a browser first asks for it —
/// the time to the last byte of the server-rendered page and its size — beside, in the same run and on the same server
/// process, the Cité's overview page (a page with no board) as the baseline. The real app runs as its own process
/// (<see cref="BoardBenchServer"/>); the person is a partner signed in through the real form.
/// </summary>
public sealed class BoardOpenBenchmark : IBenchmark
{
    private const int Cards = 1_000;
    private const int WarmUp = 3;
    private const int Runs = 20;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    public string Name => "board-open";

    public string Description =>
        $"Opening a board page of {Cards:N0} cards (one column, workshop-sized Markdown texts): GET of the page as a signed-in partner, "
        + $"time to the last byte and HTML size, {Runs} runs after {WarmUp} warm-up, one at a time; baseline, same server and same runs: "
        + "the Cité's overview page `/c/{slug}`.";

    public async Task RunAsync(TextWriter output)
    {
        await using var server = await BoardBenchServer.StartAsync(cards: Cards);
        var cookies = await server.SignInAsync();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var stopAt = Stopwatch.GetTimestamp() + (long)(Budget.TotalSeconds * Stopwatch.Frequency);

        var table = new MarkdownTable(("Page", false), ("Runs", true), ("Median (ms)", true), ("p95 (ms)", true), ("Max (ms)", true), ("HTML (KiB)", true));
        foreach (var (name, url) in new[]
        {
            ($"board page, {Cards:N0} cards", server.BoardUrl),
            ("baseline: Cité overview page", $"{server.BaseUrl}/c/{server.Slug}"),
        })
        {
            long bytes = 0;
            var summary = LatencySummary.Measure(() =>
            {
                using var response = client.GetAsync(url).GetAwaiter().GetResult();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                }
                bytes = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult().LongLength;
            }, WarmUp, Runs, stopAt);
            table.AddRow(name, summary.Count.ToString(CultureInfo.InvariantCulture), Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds),
                Ms(summary.PercentileMicroseconds(100)), (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture));
        }
        table.Write(output);
        output.WriteLine();
        output.WriteLine($"Load average at the end: {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown")}.");
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0", CultureInfo.InvariantCulture);
}
