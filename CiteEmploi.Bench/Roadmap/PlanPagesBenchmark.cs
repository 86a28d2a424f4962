using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Bench.Live;
using Microsoft.Playwright;

namespace CiteEmploi.Bench.Roadmap;

/// <summary>
/// Issue 12's page figure: an action's title saved in one real Chromium page (the action's form, « Enregistrer »)
/// until every viewer's plan page (table view, 500 actions) shows it, viewers each signed in as a different partner
/// (target: 20 viewers, p95 ≤ 150 ms). Times are taken inside the pages with <c>Date.now()</c>: the form's submit in the
/// editor's page, its own heading showing the saved title (the save acknowledged and rendered back: the baseline, same
/// edit, no fan-out), and a MutationObserver in each viewer seeing the title in the action's link. All on one machine,
/// so one wall clock. The memory the pages and the server take is measured, since 20 Chromium pages on a small machine
/// are themselves a load.
/// </summary>
public sealed class PlanPagesBenchmark : IBenchmark
{
    private const int DefaultViewers = 20;
    private const int Edits = 35;
    private const int WarmUp = 5;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan EditTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    // In the editor: the submit of a form holding a token, and the first time the page's heading shows it.
    private const string EditorObserver = """
        (() => {
          const re = /banc-[0-9a-f]{8}-\d+/;
          const seen = new Set();
          new MutationObserver(() => {
            const at = Date.now();
            const h1 = document.querySelector('h1');
            const found = h1 ? (h1.textContent || '').match(re) : null;
            if (found && !seen.has(found[0])) { seen.add(found[0]); window.benchAck(found[0] + '|' + at); }
          }).observe(document, { childList: true, subtree: true, characterData: true });
          document.addEventListener('submit', e => {
            const at = Date.now();
            if (!(e.target instanceof HTMLFormElement)) return;
            for (const input of e.target.querySelectorAll('input')) {
              const found = (input.value || '').match(re);
              if (found) { window.benchSubmitted(found[0] + '|' + at); return; }
            }
          }, true);
        })();
        """;

    public string Name => "plan-pages";

    public string Description =>
        $"Plan pages in real Chromium: {Viewers} viewer pages (one headless Chromium, one context per partner, each its own circuit) on the table view "
        + $"of a plan of {PlanBenchSeed.Actions} actions, and a coordinator's page on one action's form; in turn the coordinator changes the action's title "
        + $"and saves, and every viewer's DOM shows it. {Edits} edits after {WarmUp} warm-up, closed loop, {Pause.TotalMilliseconds:0} ms apart, bounded at "
        + $"{Budget.TotalMinutes:0} min. Times from `Date.now()` inside the pages (submit → MutationObserver). Baseline, same edits: submit → the "
        + "editor's own page showing the saved title. `--pages N` runs N viewers instead.";

    private static int Viewers => BenchmarkArguments.Pages ?? DefaultViewers;

    public async Task RunAsync(TextWriter output)
    {
        var viewers = Viewers;
        var seed = new PlanBenchSeed();
        await using var server = await BoardBenchServer.StartAsync(members: viewers, forPages: true, seed: seed.SeedAsync);
        var availableBefore = ProcessMemory.AvailableBytes();
        var serverBefore = server.ResidentBytes();
        await using var browser = await BenchBrowser.LaunchAsync();
        var probe = new Probe();
        var planUrl = $"{server.BaseUrl}/c/{server.Slug}/feuille-de-route/{seed.PlanId}";
        var opening = Stopwatch.StartNew();
        for (var i = 0; i < viewers; i++)
        {
            var index = i;
            var cookies = await server.SignInAsync(BoardBenchServer.MemberEmail(i));
            var (context, page) = await browser.NewSignedInPageAsync(server.BaseUrl, cookies, 1280, 900);
            await context.ExposeFunctionAsync<string>("benchSeen", message => probe.Seen(index, message));
            await context.AddInitScriptAsync(BenchBrowser.TokenObserver("[data-action]"));
            await BenchBrowser.GotoInteractiveAsync(page, planUrl);
            await page.Locator($"a[data-action='{seed.TargetActionId}']").WaitForAsync();
        }
        var editorCookies = await server.SignInAsync(PlanBenchSeed.CoordinatorEmail);
        var (editorContext, editor) = await browser.NewSignedInPageAsync(server.BaseUrl, editorCookies, 1280, 900);
        await editorContext.ExposeFunctionAsync<string>("benchSubmitted", probe.Submitted);
        await editorContext.ExposeFunctionAsync<string>("benchAck", probe.Acknowledged);
        await editorContext.AddInitScriptAsync(EditorObserver);
        await BenchBrowser.GotoInteractiveAsync(editor, $"{planUrl}/actions/{seed.TargetActionId}");
        var openingTime = opening.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3)); // presence of everyone settles before the first edit
        var availableOpen = ProcessMemory.AvailableBytes();
        var serverOpen = server.ResidentBytes();
        var chromium = ProcessMemory.DescendantsProportionalBytes(exceptSubtreeOf: server.ProcessId);

        var prefix = Guid.NewGuid().ToString("N")[..8];
        var title = editor.GetByLabel("Intitulé *");
        var save = editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true });
        var started = Stopwatch.StartNew();
        var rounds = new List<Round>();
        var missed = 0;
        var attempted = 0;
        for (var k = 0; k < WarmUp + Edits && started.Elapsed < Budget; k++)
        {
            var round = probe.Begin($"banc-{prefix}-{k}", viewers);
            await title.FillAsync($"Action 1.1.1 : atelier emploi {round.Token}");
            await save.ClickAsync();
            var complete = await round.WaitAsync(EditTimeout);
            if (k >= WarmUp)
            {
                attempted++;
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
        var serverAfter = server.ResidentBytes();

        var table = new MarkdownTable(("Path", false), ("Edits", true), ("Samples", true), ("Median (ms)", true), ("p95 (ms)", true), ("Max (ms)", true));
        AddRow(table, $"viewers ({viewers} per edit): submit → new title in their DOM", rounds.Count,
            [.. rounds.SelectMany(r => r.ViewerAt.Select(at => at!.Value - r.SubmittedAt!.Value))]);
        AddRow(table, "last viewer, per edit: submit → new title", rounds.Count, [.. rounds.Select(r => r.ViewerAt.Max()!.Value - r.SubmittedAt!.Value)]);
        AddRow(table, "viewers after the acknowledgment: title in their DOM − editor's page showing it", rounds.Count,
            [.. rounds.SelectMany(r => r.ViewerAt.Select(at => at!.Value - r.AckAt!.Value))]);
        AddRow(table, "baseline: editor's page, submit → its heading shows the saved title (save acknowledged)", rounds.Count,
            [.. rounds.Select(r => r.AckAt!.Value - r.SubmittedAt!.Value)]);
        table.Write(output);
        output.WriteLine();
        output.WriteLine($"Measured edits: {rounds.Count} of {attempted} attempted (budget {Budget.TotalMinutes:0} min); edits that did not reach the editor's "
            + $"heading and all {viewers} viewers within {EditTimeout.TotalSeconds:0} s: {missed}. Viewers: {viewers} (target: 20). "
            + $"Opening the {viewers + 1} pages took {openingTime.TotalSeconds:0} s.");
        output.WriteLine();
        var memory = new MarkdownTable(("Memory", false), ("MiB", true));
        memory.AddRow("machine: available before the browser (MemAvailable)", Mib(availableBefore));
        memory.AddRow($"machine: available with {viewers + 1} pages open", Mib(availableOpen));
        memory.AddRow($"Chromium and its driver: proportional set (PSS) with {viewers + 1} pages", Mib(chromium));
        memory.AddRow($"Chromium per page (PSS / {viewers + 1})", Mib(chromium / (viewers + 1)));
        memory.AddRow("app server: resident before the pages / with them / after the edits", $"{Mib(serverBefore)} / {Mib(serverOpen)} / {Mib(serverAfter)}");
        memory.Write(output);
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture);

    private static void AddRow(MarkdownTable table, string path, int edits, List<double> milliseconds)
    {
        var summary = new LatencySummary([.. milliseconds.Select(ms => (long)(ms * Stopwatch.Frequency / 1000.0))]);
        table.AddRow(path, edits.ToString(CultureInfo.InvariantCulture), summary.Count.ToString(CultureInfo.InvariantCulture),
            Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)));
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Routes the pages' reports to the edit in flight; reports of other tokens are ignored.</summary>
    private sealed class Probe
    {
        private readonly Lock _gate = new();
        private Round? _round;

        public Round Begin(string token, int viewers)
        {
            lock (_gate)
            {
                _round = new Round(token, viewers);
                return _round;
            }
        }

        public void Seen(int page, string message) => WithRound(message, (round, at) => round.ViewerAt[page] ??= at);

        public void Submitted(string message) => WithRound(message, (round, at) => round.SubmittedAt ??= at);

        public void Acknowledged(string message) => WithRound(message, (round, at) => round.AckAt ??= at);

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

    private sealed class Round(string token, int viewers)
    {
        private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Token { get; } = token;

        public double? SubmittedAt { get; set; }

        public double? AckAt { get; set; }

        public double?[] ViewerAt { get; } = new double?[viewers];

        public void CheckComplete()
        {
            if (SubmittedAt is not null && AckAt is not null && ViewerAt.All(at => at is not null))
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

/// <summary>Memory as Linux reports it: the machine's available memory and the proportional set of this process's children.</summary>
internal static class ProcessMemory
{
    /// <summary>MemAvailable of /proc/meminfo, in bytes; 0 when unreadable.</summary>
    public static long AvailableBytes() => KibLine("/proc/meminfo", "MemAvailable:") * 1024;

    /// <summary>
    /// The summed PSS (shared pages split between their sharers, so Chromium's processes are not counted many times) of
    /// every descendant of this process except the subtree of <paramref name="exceptSubtreeOf"/> (the app server).
    /// </summary>
    public static long DescendantsProportionalBytes(int exceptSubtreeOf)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // gone, or not ours
            }
        }
        bool under(int pid, int ancestor)
        {
            for (var p = pid; parents.TryGetValue(p, out var parent) && p > 1; p = parent)
            {
                if (parent == ancestor)
                {
                    return true;
                }
            }
            return false;
        }
        var self = Environment.ProcessId;
        return parents.Keys.Where(pid => under(pid, self) && pid != exceptSubtreeOf && !under(pid, exceptSubtreeOf))
            .Sum(pid => KibLine($"/proc/{pid}/smaps_rollup", "Pss:") * 1024);
    }

    private static long KibLine(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(key, StringComparison.Ordinal)
                    && long.TryParse(line[key.Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture, out var kib))
                {
                    return kib;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // not Linux, or the process is gone
        }
        return 0;
    }
}
