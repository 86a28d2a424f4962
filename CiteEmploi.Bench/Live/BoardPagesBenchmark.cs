using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Issue 5's page figure: a card added in one real Chromium page (text typed in the column's field, « Ajouter »
/// clicked) until it is in the DOM of every other page on the board, 10 pages each signed in as a different partner.
/// Times are taken inside the pages with <c>Date.now()</c> (the submit event, then a MutationObserver seeing the card),
/// all on one machine so one wall clock. Beside it, in the same run and for the same edit, the arrival of the card's
/// <c>BoardChanged</c> at a plain WebSocket subscriber of the board hub: the server's part of the path (circuit →
/// service → SQLite commit → live bus → hub), so the difference is what the pages add (coalescing, reload, render, DOM).
/// </summary>
public sealed class BoardPagesBenchmark : IBenchmark
{
    private const int Pages = 10;
    private const int Edits = 40;
    private const int WarmUp = 5;
    private const string Column = "Idées";
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan EditTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    public string Name => "board-pages";

    public string Description =>
        $"Board pages in real Chromium: {Pages} pages (one headless Chromium, one context per partner, each its own circuit) on one board "
        + $"of the real app (its own process, published output); in turn, one page adds a card through its form (text filled, « Ajouter » clicked) "
        + $"and every other page's DOM shows it. {Edits} edits after {WarmUp} warm-up, closed loop, {Pause.TotalMilliseconds:0} ms apart. "
        + "Times from `Date.now()` inside the pages (submit event → MutationObserver). Baseline, same edits: arrival at a WebSocket "
        + "subscriber of the board hub (bench process, same wall clock).";

    public async Task RunAsync(TextWriter output)
    {
        await using var server = await BoardBenchServer.StartAsync(members: Pages, forPages: true);
        await using var browser = await BenchBrowser.LaunchAsync();
        var probe = new Probe();
        var pages = new List<IPage>();
        for (var i = 0; i < Pages; i++)
        {
            var index = i;
            var cookies = await server.SignInAsync(BoardBenchServer.MemberEmail(i));
            var (context, page) = await browser.NewSignedInPageAsync(server.BaseUrl, cookies);
            await context.ExposeFunctionAsync<string>("benchSeen", message => probe.Seen(index, message));
            await context.ExposeFunctionAsync<string>("benchSubmitted", probe.Submitted);
            await context.AddInitScriptAsync(BenchBrowser.TokenObserver("[data-card]", reportSubmits: true));
            await BenchBrowser.GotoInteractiveAsync(page, server.BoardUrl);
            pages.Add(page);
        }
        await using var hub = HubClients.Build(server.HubUrl, await server.SignInAsync());
        hub.On<JsonElement>(BoardHub.ChangeMethod, message =>
        {
            var now = WallClockMs();
            if (message.TryGetProperty("change", out var change) && change.TryGetProperty("text", out var text)
                && text.ValueKind == JsonValueKind.String)
            {
                probe.HubArrived(text.GetString()!, now);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", server.BoardId);
        await Task.Delay(TimeSpan.FromSeconds(2)); // presence of ten people settles before the first edit

        var prefix = Guid.NewGuid().ToString("N")[..8];
        var started = Stopwatch.StartNew();
        var rounds = new List<Round>();
        var missed = 0;
        for (var k = 0; k < WarmUp + Edits && started.Elapsed < Budget; k++)
        {
            var writer = k % Pages;
            var round = probe.Begin($"banc-{prefix}-{k}", writer, Pages);
            var page = pages[writer];
            await page.GetByLabel($"Nouvelle carte dans « {Column} »").FillAsync(round.Token);
            await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
            var complete = await round.WaitAsync(EditTimeout);
            if (k >= WarmUp)
            {
                if (complete)
                {
                    rounds.Add(round);
                }
                else
                {
                    missed++;
                }
            }
            await Task.Delay(Pause);
        }

        var table = new MarkdownTable(("Path", false), ("Edits", true), ("Samples", true), ("Median (ms)", true),
            ("p95 (ms)", true), ("Max (ms)", true));
        var others = rounds.SelectMany(r => r.Others().Select(at => at - r.SubmittedAt!.Value)).ToList();
        AddRow(table, $"other pages ({Pages - 1} per edit): submit → card in DOM", rounds.Count, others);
        AddRow(table, "last of the other pages, per edit", rounds.Count, rounds.Select(r => r.Others().Max() - r.SubmittedAt!.Value).ToList());
        AddRow(table, "author's page: submit → own card in DOM", rounds.Count, rounds.Select(r => r.PageAt[r.Writer]!.Value - r.SubmittedAt!.Value).ToList());
        AddRow(table, "baseline: hub WebSocket subscriber, same edit: submit → `BoardChanged`", rounds.Count,
            rounds.Select(r => r.HubAt!.Value - r.SubmittedAt!.Value).ToList());
        AddRow(table, "pages after the hub: card in DOM − hub arrival, same edit", rounds.Count,
            rounds.SelectMany(r => r.Others().Select(at => at - r.HubAt!.Value)).ToList());
        table.Write(output);
        output.WriteLine();
        output.WriteLine($"Measured edits: {rounds.Count}; edits that did not reach every page and the hub within {EditTimeout.TotalSeconds:0} s: {missed}.");
    }

    private static void AddRow(MarkdownTable table, string path, int edits, List<double> milliseconds)
    {
        var summary = new LatencySummary([.. milliseconds.Select(ms => (long)(ms * Stopwatch.Frequency / 1000.0))]);
        table.AddRow(path, edits.ToString(CultureInfo.InvariantCulture), summary.Count.ToString(CultureInfo.InvariantCulture),
            Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)));
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds since 1970 on the system clock, the clock <c>Date.now()</c> reads in the pages.</summary>
    private static double WallClockMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>Routes the pages' and the hub's reports to the edit in flight; reports of other tokens are ignored.</summary>
    private sealed class Probe
    {
        private readonly Lock _gate = new();
        private Round? _round;

        public Round Begin(string token, int writer, int pages)
        {
            lock (_gate)
            {
                _round = new Round(token, writer, pages);
                return _round;
            }
        }

        public void Seen(int page, string message) => WithRound(message, (round, at) => round.PageAt[page] ??= at);

        public void Submitted(string message) => WithRound(message, (round, at) => round.SubmittedAt ??= at);

        public void HubArrived(string token, double at) => WithRound($"{token}|{at.ToString(CultureInfo.InvariantCulture)}", (round, ms) => round.HubAt ??= ms);

        private void WithRound(string message, Action<Round, double> record)
        {
            var bar = message.LastIndexOf('|');
            if (bar <= 0 || !double.TryParse(message[(bar + 1)..], CultureInfo.InvariantCulture, out var at))
            {
                return;
            }
            var token = message[..bar];
            lock (_gate)
            {
                if (_round is { } round && round.Token == token)
                {
                    record(round, at);
                    round.CheckComplete();
                }
            }
        }
    }

    private sealed class Round(string token, int writer, int pages)
    {
        private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Token { get; } = token;

        public int Writer { get; } = writer;

        public double? SubmittedAt { get; set; }

        public double? HubAt { get; set; }

        public double?[] PageAt { get; } = new double?[pages];

        public IEnumerable<double> Others() => PageAt.Where((_, i) => i != Writer).Select(at => at!.Value);

        public void CheckComplete()
        {
            if (SubmittedAt is not null && HubAt is not null && PageAt.All(at => at is not null))
            {
                _complete.TrySetResult();
            }
        }

        public async Task<bool> WaitAsync(TimeSpan timeout)
        {
            try
            {
                await _complete.Task.WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }
}
