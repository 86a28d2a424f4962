using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Bench.Live;
using CiteEmploi.Domain.Annuaire;
using Microsoft.Playwright;

namespace CiteEmploi.Bench.Diagnostic;

/// <summary>
/// Issue 18's page figures in real Chromium (the full <c>/usr/bin/chromium</c>), the app started from its published
/// output on <see cref="DiagnosticPageSeed"/> (10 QPVs, 50,000 services), the coordinator's diagnostic page at 1280 px:
/// (a) a filter change — « Gratuits seulement » ticked and unticked, a public chosen, a distance typed and Enter — from
/// the person's click or key until the matrix's counts differ on screen (target &lt; 150 ms), and until the map below
/// is redrawn; (b) the map with 5,000 services of one barrier: the time from choosing the barrier to the layer drawn,
/// and the frames while the map pans and zooms (target: « fluid », p95 frame ≤ 33 ms), beside the same map without
/// services in the same run. Every time is taken in the page with <c>performance.now()</c> (a capture listener for the
/// action, a MutationObserver for the matrix and the map, <c>requestAnimationFrame</c> for frames), never from .NET.
/// </summary>
public sealed class DiagnosticPageBenchmark : IBenchmark
{
    private const int FilterRounds = 6;
    private const int FilterWarmUpRounds = 1;
    private const int MapRounds = 5;
    private const int Pans = 16;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(400);

    // Runs before the app's scripts (Playwright's init script, outside the CSP). Keeps the Leaflet maps the page creates
    // (an init hook set when Leaflet assigns window.L), arms a measure on the next click or Enter, and records when the
    // matrix's counts differ from those seen at arming, when the map's layer is drawn (its data-map-points attribute
    // set by coverage-map.js) and when its first marker or cluster enters the DOM.
    private const string Probe = """
        (() => {
          window.__benchMaps = [];
          let leaflet;
          Object.defineProperty(window, 'L', {
            configurable: true,
            get() { return leaflet; },
            set(value) {
              leaflet = value;
              if (value && value.Map && !value.Map.__benchHooked) {
                value.Map.__benchHooked = true;
                value.Map.addInitHook(function () { window.__benchMaps.push(this); });
              }
            },
          });
          const counts = () => Array.from(document.querySelectorAll('[data-testid=coverage-matrix] tbody td button > span:first-child'))
            .map(s => s.textContent).join(',');
          let state = null;
          window.benchArm = () => { state = { before: counts(), at: null, matrix: null, drawn: null, marker: null }; };
          window.benchState = () => state;
          const act = () => { if (state && state.at === null) state.at = performance.now(); };
          document.addEventListener('click', act, true);
          document.addEventListener('keydown', e => { if (e.key === 'Enter') act(); }, true);
          new MutationObserver(records => {
            if (!state || state.at === null) return;
            const now = performance.now();
            for (const r of records) {
              const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
              if (r.type === 'attributes' && r.attributeName === 'data-map-points' && state.drawn === null) state.drawn = now;
              if (r.type === 'childList' && state.marker === null && target && target.closest && target.closest('[data-testid=coverage-map]')) {
                for (const n of r.addedNodes) {
                  if (n.nodeType === 1 && (n.classList.contains('marker-cluster') || n.classList.contains('coverage-map__service'))) { state.marker = now; break; }
                }
              }
            }
            if (state.matrix === null && counts() !== state.before) state.matrix = now;
          }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-map-points'] });

          // frame times while the map pans and zooms: animated pans there and back, zooms in and out
          window.benchPanZoom = async (pans) => {
            const map = window.__benchMaps[window.__benchMaps.length - 1];
            const frames = [];
            let last = performance.now();
            let running = true;
            const tick = t => { frames.push(t - last); last = t; if (running) requestAnimationFrame(tick); };
            requestAnimationFrame(t => { last = t; requestAnimationFrame(tick); });
            const once = (event) => new Promise(resolve => {
              const timer = setTimeout(resolve, 3000);
              map.once(event, () => { clearTimeout(timer); resolve(); });
            });
            for (let i = 0; i < pans; i++) {
              const sign = i % 2 === 0 ? 1 : -1;
              let done = once('moveend');
              map.panBy([sign * 240, sign * 120], { animate: true, duration: 0.4 });
              await done;
              if (i % 4 === 1) {
                done = once('zoomend'); map.zoomIn(1); await done;
                await new Promise(r => setTimeout(r, 300));
                done = once('zoomend'); map.zoomOut(1); await done;
                await new Promise(r => setTimeout(r, 300));
              }
            }
            running = false;
            return frames;
          };
        })();
        """;

    public string Name => "diagnostic-page";

    public string Description =>
        $"The diagnostic page in real Chromium (1280×900), a Cité of {DiagnosticPageSeed.Qpvs} QPVs over {DiagnosticPageSeed.Services:N0} published services, "
        + $"signed in as the coordinator: (a) filter changes ({FilterRounds} rounds of 6 after {FilterWarmUpRounds} warm-up round: « Gratuits seulement » on and off, "
        + "« Jeunes » then « Femmes » chosen, a distance of 3 km typed then emptied, each with Enter), from the click or key to the matrix's new counts in the DOM, and to the "
        + $"map redrawn; (b) the map with {DiagnosticPageSeed.MapServices:N0} services of « {DiagnosticPageSeed.Shown.Label} » beside the same map with none "
        + $"(« {DiagnosticPageSeed.Empty.Label} »): the barrier chosen → its layer drawn ({MapRounds} times each), then frames during {Pans} animated pans "
        + $"and {Pans / 4} zooms in and out. Times in the page (performance.now, MutationObserver, requestAnimationFrame). Bounded at {Budget.TotalMinutes:0} min.";

    public async Task RunAsync(TextWriter output)
    {
        var seed = new DiagnosticPageSeed();
        var seeding = Stopwatch.StartNew();
        await using var server = await BoardBenchServer.StartAsync(forPages: true, seed: seed.SeedAsync);
        output.WriteLine($"Seeded and started in {seeding.Elapsed.TotalSeconds:0} s.");
        output.WriteLine();
        await using var browser = await BenchBrowser.LaunchAsync();
        var cookies = await server.SignInAsync(DiagnosticPageSeed.CoordinatorEmail);
        var (context, page) = await browser.NewSignedInPageAsync(server.BaseUrl, cookies, 1280, 900);
        await context.AddInitScriptAsync(Probe);
        var opening = Stopwatch.StartNew();
        await BenchBrowser.GotoInteractiveAsync(page, $"{server.BaseUrl}/c/{server.Slug}/diagnostic");
        var map = page.Locator("[data-testid=coverage-map]");
        await map.WaitForAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=coverage-map]').getAttribute('data-map-points') === '{DiagnosticPageSeed.MapServices}'",
            null, new() { Timeout = 60_000 });
        output.WriteLine($"The page opened with its matrix and its map of {DiagnosticPageSeed.MapServices:N0} services in {opening.Elapsed.TotalMilliseconds:N0} ms (from .NET, once).");
        output.WriteLine();
        var stopAt = Stopwatch.GetTimestamp() + (long)(Budget.TotalSeconds * Stopwatch.Frequency);

        // (a) filter changes
        var actions = FilterActions(page);
        var matrix = actions.ToDictionary(a => a.Label, _ => new List<double>());
        var redrawn = actions.ToDictionary(a => a.Label, _ => new List<double>());
        var missed = 0;
        for (var round = 0; round < FilterWarmUpRounds + FilterRounds && Stopwatch.GetTimestamp() < stopAt; round++)
        {
            foreach (var action in actions)
            {
                await action.Prepare();
                await page.EvaluateAsync("window.benchArm()");
                await action.Act();
                var state = await WaitStateAsync(page, "s => s.matrix !== null", TimeSpan.FromSeconds(15));
                if (state is null)
                {
                    missed += round >= FilterWarmUpRounds ? 1 : 0;
                    continue;
                }
                // then the map: redrawn when the action changes its services (or when the page redraws it anyway)
                var drawn = await WaitStateAsync(page, "s => s.drawn !== null", TimeSpan.FromSeconds(action.RedrawsMap ? 15 : 2));
                if (round >= FilterWarmUpRounds)
                {
                    matrix[action.Label].Add(state.Value.Matrix!.Value - state.Value.At!.Value);
                    if (drawn is { Drawn: { } at })
                    {
                        redrawn[action.Label].Add(at - drawn.Value.At!.Value);
                    }
                }
                await Task.Delay(Settle);
            }
        }
        var filters = new MarkdownTable(("Filter change", false), ("Samples", true), ("→ matrix median ms", true), ("p95 ms", true), ("max ms", true),
            ("< 150 ms", false), ("→ map redrawn: samples", true), ("median ms", true), ("p95 ms", true));
        var all = matrix.Values.SelectMany(v => v).ToList();
        foreach (var action in actions)
        {
            AddFilterRow(filters, action.Label, matrix[action.Label], redrawn[action.Label]);
        }
        AddFilterRow(filters, "**all filter changes**", all, [.. redrawn.Values.SelectMany(v => v)]);
        filters.Write(output);
        output.WriteLine();
        output.WriteLine($"Filter changes that did not reach the matrix within 15 s: {missed}.");
        output.WriteLine();

        // (b) the map: the barrier chosen → its layer drawn, then frames while panning and zooming, with and without services;
        // the page opened again without filters (the last public chosen above is still applied), so the map has all 5,000
        await BenchBrowser.GotoInteractiveAsync(page, $"{server.BaseUrl}/c/{server.Slug}/diagnostic");
        if (!await MapShowsAsync(page, DiagnosticPageSeed.Shown, DiagnosticPageSeed.MapServices, output))
        {
            return;
        }
        await map.ScrollIntoViewIfNeededAsync();
        var firstDisplay = new Dictionary<Frein, (List<double> Drawn, List<double> Marker)>
        {
            [DiagnosticPageSeed.Empty] = ([], []),
            [DiagnosticPageSeed.Shown] = ([], []),
        };
        for (var i = 0; i < MapRounds && Stopwatch.GetTimestamp() < stopAt; i++)
        {
            foreach (var frein in new[] { DiagnosticPageSeed.Empty, DiagnosticPageSeed.Shown })
            {
                await page.GetByLabel("Frein affiché sur la carte", new() { Exact = true }).ClickAsync();
                var option = page.GetByRole(AriaRole.Option, new() { Name = frein.Label, Exact = true });
                await option.WaitForAsync();
                await page.EvaluateAsync("window.benchArm()");
                await option.ClickAsync();
                var expected = frein == DiagnosticPageSeed.Shown ? DiagnosticPageSeed.MapServices : 0;
                if (!await MapShowsAsync(page, frein, expected, output))
                {
                    continue;
                }
                var state = expected == 0
                    ? await WaitStateAsync(page, "s => s.drawn !== null", TimeSpan.FromSeconds(15))
                    : await WaitStateAsync(page, "s => s.drawn !== null && s.marker !== null", TimeSpan.FromSeconds(15));
                if (state is { At: { } at } s)
                {
                    if (s.Drawn is { } drawn)
                    {
                        firstDisplay[frein].Drawn.Add(drawn - at);
                    }
                    if (s.Marker is { } marker)
                    {
                        firstDisplay[frein].Marker.Add(Math.Max(marker, s.Drawn ?? marker) - at);
                    }
                }
                await Task.Delay(Settle * 2);
            }
        }
        var display = new MarkdownTable(("Map: barrier chosen →", false), ("Samples", true), ("median ms", true), ("p95 ms", true), ("max ms", true));
        foreach (var (frein, (drawn, marker)) in firstDisplay)
        {
            var count = frein == DiagnosticPageSeed.Shown ? DiagnosticPageSeed.MapServices : 0;
            AddRow(display, $"{count:N0} services ({frein.Label}): layer drawn (draw() returned)", drawn);
            if (marker.Count > 0)
            {
                AddRow(display, $"{count:N0} services ({frein.Label}): first cluster or marker on screen", marker);
            }
        }
        display.Write(output);
        output.WriteLine();

        var frames = new MarkdownTable(("Map while panning and zooming", false), ("Frames", true), ("median ms", true), ("p95 ms", true), ("max ms", true),
            ("over 50 ms", true), ("fluid (p95 ≤ 33 ms)", false));
        foreach (var frein in new[] { DiagnosticPageSeed.Empty, DiagnosticPageSeed.Shown })
        {
            if (Stopwatch.GetTimestamp() >= stopAt)
            {
                break;
            }
            if (!await ShowOnMapAsync(page, frein, output))
            {
                continue;
            }
            await Task.Delay(Settle * 2);
            var deltas = await page.EvaluateAsync<double[]>($"window.benchPanZoom({Pans})");
            var count = frein == DiagnosticPageSeed.Shown ? DiagnosticPageSeed.MapServices : 0;
            var summary = Summary(deltas);
            frames.AddRow($"{(count == 0 ? "baseline: " : string.Empty)}{count:N0} services ({frein.Label})", deltas.Length.ToString(CultureInfo.InvariantCulture),
                Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)),
                deltas.Count(d => d > 50).ToString(CultureInfo.InvariantCulture), summary.P95Microseconds <= 33_000 ? "yes" : "**no**");
        }
        frames.Write(output);
        output.WriteLine();
        output.WriteLine("Frames: the time between two requestAnimationFrame callbacks while the page runs the pans and zooms (Leaflet's animated panBy, zoomIn, zoomOut), "
            + "the map scrolled into view; at 60 Hz a frame is 16.7 ms. Chromium runs headless without a GPU (software compositing), on the same 2 cores as the app.");
        output.WriteLine();
        output.WriteLine($"Load average at the end: {LoadAverage()} (on {Environment.ProcessorCount} logical cores).");
    }

    private static async Task<bool> ShowOnMapAsync(IPage page, Frein frein, TextWriter output)
    {
        await page.GetByLabel("Frein affiché sur la carte", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = frein.Label, Exact = true }).ClickAsync();
        return await MapShowsAsync(page, frein, frein == DiagnosticPageSeed.Shown ? DiagnosticPageSeed.MapServices : 0, output);
    }

    /// <summary>Waits (30 s at most) until the map shows the barrier with its count of services; says what it shows otherwise.</summary>
    private static async Task<bool> MapShowsAsync(IPage page, Frein frein, int expected, TextWriter output)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=coverage-map]').getAttribute('data-frein') === '{frein.Code}' "
                + $"&& document.querySelector('[data-testid=coverage-map]').getAttribute('data-map-points') === '{expected}'", null, new() { Timeout = 30_000 });
            return true;
        }
        catch (TimeoutException)
        {
            var shown = await page.EvaluateAsync<string>("() => { const m = document.querySelector('[data-testid=coverage-map]'); "
                + "return m ? m.getAttribute('data-frein') + ' / ' + m.getAttribute('data-map-points') + ' / ' + m.getAttribute('aria-label') : 'no map'; }");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "diagnostic-page-map-timeout.png") });
            output.WriteLine($"> The map did not show {expected} services of « {frein.Label} » within 30 s (it shows: {shown}).");
            output.WriteLine();
            return false;
        }
    }

    private sealed record FilterAction(string Label, bool RedrawsMap, Func<Task> Prepare, Func<Task> Act);

    /// <summary>Six changes that bring the page back where it started: each prepared (a list opened, a distance typed), then done by a click or Enter.</summary>
    private static List<FilterAction> FilterActions(IPage page)
    {
        var free = page.GetByText("Gratuits seulement", new() { Exact = true });
        var radius = page.Locator("#coverage-radius");
        static Task Nothing() => Task.CompletedTask;
        Func<Task> open(string label) => async () =>
        {
            await page.GetByLabel("Public", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = label, Exact = true }).WaitForAsync();
        };
        Func<Task> choose(string label) => () => page.GetByRole(AriaRole.Option, new() { Name = label, Exact = true }).ClickAsync();
        var jeunes = Referentiels.Publics.Label("jeunes");
        var femmes = Referentiels.Publics.Label("femmes");
        return
        [
            new("« Gratuits seulement » ticked", true, Nothing, () => free.ClickAsync()),
            new("« Gratuits seulement » unticked", true, Nothing, () => free.ClickAsync()),
            new($"public « {jeunes} » chosen", true, open(jeunes), choose(jeunes)),
            new($"public « {femmes} » chosen", true, open(femmes), choose(femmes)),
            new("distance 3 km + Enter", false, () => radius.FillAsync("3"), () => radius.PressAsync("Enter")),
            new("distance emptied + Enter (each place's 5 km)", false, () => radius.FillAsync(string.Empty), () => radius.PressAsync("Enter")),
        ];
    }

    private readonly record struct State(double? At, double? Matrix, double? Drawn, double? Marker);

    private static async Task<State?> WaitStateAsync(IPage page, string condition, TimeSpan timeout)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => {{ const s = window.benchState(); return !!s && ({condition})(s); }}", null,
                new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 20 });
        }
        catch (TimeoutException)
        {
            // what was seen so far is still read below
        }
        var s = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.benchState()");
        if (s.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return null;
        }
        static double? Read(System.Text.Json.JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetDouble() : null;
        var state = new State(Read(s, "at"), Read(s, "matrix"), Read(s, "drawn"), Read(s, "marker"));
        var met = condition.Contains("matrix", StringComparison.Ordinal) ? state.Matrix is not null : state.Drawn is not null;
        return met && state.At is not null ? state : null;
    }

    private static LatencySummary Summary(IEnumerable<double> milliseconds) =>
        new([.. milliseconds.Select(ms => (long)(ms * Stopwatch.Frequency / 1000.0))]);

    private static void AddRow(MarkdownTable table, string label, List<double> milliseconds)
    {
        var summary = Summary(milliseconds);
        table.AddRow(label, summary.Count.ToString(CultureInfo.InvariantCulture), Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)));
    }

    private static void AddFilterRow(MarkdownTable table, string label, List<double> matrix, List<double> redrawn)
    {
        var m = Summary(matrix);
        var r = Summary(redrawn);
        table.AddRow(label, m.Count.ToString(CultureInfo.InvariantCulture), Ms(m.MedianMicroseconds), Ms(m.P95Microseconds), Ms(m.PercentileMicroseconds(100)),
            m.Count == 0 ? "—" : m.P95Microseconds < 150_000 ? "yes" : "**no**", r.Count.ToString(CultureInfo.InvariantCulture),
            r.Count == 0 ? "—" : Ms(r.MedianMicroseconds), r.Count == 0 ? "—" : Ms(r.P95Microseconds));
    }

    private static string Ms(double microseconds) => double.IsNaN(microseconds) ? "—" : (microseconds / 1000).ToString("0", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
