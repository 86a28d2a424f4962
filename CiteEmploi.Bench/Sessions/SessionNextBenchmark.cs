using System.Diagnostics;
using System.Globalization;
using System.Net;
using CiteEmploi.Bench.Live;
using CiteEmploi.Bench.Roadmap;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Members;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CiteEmploi.Bench.Sessions;

/// <summary>
/// Issue 13's figure « Coordinator presses « suivant » → room display and 50 participant pages updated, p95 &lt; 500 ms
/// (Chromium, measured from the click to the DOM); a reloaded display shows the right item within 5 s ». The real app in
/// its own process, one headless Chromium: 50 members of the Cité each in their own context (their own circuit) on the
/// session's run page, one room display (no account, no circuit: the display hub) and the coordinator's run page. In
/// turn the coordinator clicks « Suivant » (or « Précédent » back at the end of the agenda); init scripts take
/// <c>Date.now()</c> at the click and when a MutationObserver sees the new current item's title in each page's DOM
/// (<c>#run-current-title</c> on the run pages, <c>#display-current</c> on the display). Baseline, same presses: the
/// coordinator's own page showing the new item (the command acknowledged and rendered back, no fan-out). Then the
/// display is reloaded a few times and timed from the navigation's start until it shows the current item.
/// </summary>
public sealed class SessionNextBenchmark : IBenchmark
{
    private const int DefaultParticipants = 50;
    private const int Presses = 30;
    private const int WarmUp = 5;
    private const int Reloads = 5;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan PressTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    // Reports, through window.benchSeen, each new text of the element #id (the current item's title) with the time the
    // observer ran and the document's navigation start (a reload's beginning).
    private static string TitleObserver(string id) => $$"""
        (() => {
          let last = null;
          const check = () => {
            const at = Date.now();
            const element = document.getElementById('{{id}}');
            const text = element ? (element.textContent || '').trim() : '';
            if (text && text !== last) { last = text; window.benchSeen(text + '|' + at + '|' + Math.round(performance.timeOrigin)); }
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
        })();
        """;

    // In the coordinator's page: the click on « Suivant » or « Précédent » (capture phase, before Blazor's handler).
    private const string ClickListener = """
        document.addEventListener('click', e => {
          const at = Date.now();
          const button = e.target instanceof Element ? e.target.closest('button') : null;
          const label = button ? (button.textContent || '').trim() : '';
          if (label === 'Suivant' || label === 'Précédent') window.benchClicked(label + '|' + at);
        }, true);
        """;

    public string Name => "session-next";

    public string Description =>
        $"Séance run live in real Chromium: {Participants} participant pages (members of the Cité, one context each, each its own circuit) on the run "
        + $"page of a started session of {SessionBenchSeed.ItemCount} agenda items, one room display (`/affichage/…`, no account, display hub) and the "
        + $"coordinator's run page; in turn the coordinator clicks « Suivant » (« Précédent » back from the last item), and every page's DOM shows the "
        + $"new current item's title. {Presses} presses after {WarmUp} warm-up, closed loop, {Pause.TotalMilliseconds:0} ms apart, bounded at "
        + $"{Budget.TotalMinutes:0} min ({PressTimeout.TotalSeconds:0} s per press). Times from `Date.now()` inside the pages (click → MutationObserver). "
        + $"Baseline, same presses: the coordinator's own page showing the new item. Then {Reloads} reloads of the display, navigation start → "
        + "current item shown. `--pages N` runs N participants instead.";

    private static int Participants => BenchmarkArguments.Pages ?? DefaultParticipants;

    public async Task RunAsync(TextWriter output)
    {
        var participants = Participants;
        var seed = new SessionBenchSeed();
        await using var server = await BoardBenchServer.StartAsync(members: participants, forPages: true, seed: seed.SeedAsync);
        var availableBefore = ProcessMemory.AvailableBytes();
        var serverBefore = server.ResidentBytes();
        await using var browser = await BenchBrowser.LaunchAsync();
        var probe = new Probe(participants);
        var runUrl = $"{server.BaseUrl}/c/{server.Slug}/seances/{seed.SessionId}/direct";
        var firstTitle = seed.Titles[0];
        var opening = Stopwatch.StartNew();

        // participants, a few at a time: each signs in through the login form and opens the run page in its own context
        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(Enumerable.Range(0, participants).Select(async index =>
            {
                await gate.WaitAsync();
                try
                {
                    var cookies = await server.SignInAsync(BoardBenchServer.MemberEmail(index));
                    var (context, page) = await browser.NewSignedInPageAsync(server.BaseUrl, cookies, 1280, 900);
                    await context.ExposeFunctionAsync<string>("benchSeen", message => probe.Seen(index, message));
                    await context.AddInitScriptAsync(TitleObserver("run-current-title"));
                    await BenchBrowser.GotoInteractiveAsync(page, runUrl);
                    await page.Locator("#run-current-title").WaitForAsync();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        // the room display: no account
        var (displayContext, display) = await browser.NewSignedInPageAsync(server.BaseUrl, new CookieContainer(), 1280, 720);
        await displayContext.ExposeFunctionAsync<string>("benchSeen", probe.DisplaySeen);
        await displayContext.AddInitScriptAsync(TitleObserver("display-current"));
        var displayUrl = server.BaseUrl + SessionDisplayPage.PathFor(server.Slug, seed.DisplayCode);
        await display.GotoAsync(displayUrl);
        await display.Locator("#display-current", new() { HasText = firstTitle }).WaitForAsync();

        // the coordinator
        var coordinatorCookies = await server.SignInAsync(SessionBenchSeed.CoordinatorEmail);
        var (coordinatorContext, coordinator) = await browser.NewSignedInPageAsync(server.BaseUrl, coordinatorCookies, 1280, 900);
        await coordinatorContext.ExposeFunctionAsync<string>("benchSeen", probe.CoordinatorSeen);
        await coordinatorContext.ExposeFunctionAsync<string>("benchClicked", probe.Clicked);
        await coordinatorContext.AddInitScriptAsync(TitleObserver("run-current-title"));
        await coordinatorContext.AddInitScriptAsync(ClickListener);
        await BenchBrowser.GotoInteractiveAsync(coordinator, runUrl);
        await coordinator.Locator("#run-current-title", new() { HasText = firstTitle }).WaitForAsync();
        var openingTime = opening.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3)); // circuits and presence settle before the first press
        var availableOpen = ProcessMemory.AvailableBytes();
        var serverOpen = server.ResidentBytes();
        var chromium = ProcessMemory.DescendantsProportionalBytes(exceptSubtreeOf: server.ProcessId);

        var next = coordinator.GetByRole(AriaRole.Button, new() { Name = "Suivant", Exact = true });
        var previous = coordinator.GetByRole(AriaRole.Button, new() { Name = "Précédent", Exact = true });
        var started = Stopwatch.StartNew();
        var rounds = new List<Round>();
        var missed = 0;
        var attempted = 0;
        var position = 0; // index of the current item in seed.Titles
        var forward = true;
        for (var k = 0; k < WarmUp + Presses && started.Elapsed < Budget; k++)
        {
            if (forward && position == seed.Titles.Count - 1)
            {
                forward = false;
            }
            else if (!forward && position == 0)
            {
                forward = true;
            }
            position += forward ? 1 : -1;
            var round = probe.Begin(seed.Titles[position], forward ? "Suivant" : "Précédent");
            await (forward ? next : previous).ClickAsync();
            var complete = await round.WaitAsync(PressTimeout);
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
            if (!complete)
            {
                // let the coordinator's page catch up before the next press names the item it sees as current
                await coordinator.Locator("#run-current-title", new() { HasText = seed.Titles[position] }).WaitForAsync(new() { Timeout = 30_000 });
            }
            await Task.Delay(Pause);
        }
        var serverAfter = server.ResidentBytes();

        // reloads of the display: navigation start → the current item's title in its DOM
        var reloads = new List<double>();
        var current = seed.Titles[position];
        for (var r = 0; r < Reloads; r++)
        {
            var reload = probe.BeginReload(current);
            await display.ReloadAsync();
            if (await reload.WaitAsync(PressTimeout))
            {
                reloads.Add(reload.SeenAt!.Value - reload.OriginAt!.Value);
            }
            await Task.Delay(Pause);
        }

        var table = new MarkdownTable(("Path", false), ("Presses", true), ("Samples", true), ("Median (ms)", true), ("p95 (ms)", true), ("Max (ms)", true), ("Target", false));
        AddRow(table, $"participants ({participants} per press): click → new item in their DOM", rounds.Count,
            [.. rounds.SelectMany(r => r.ParticipantAt.Select(at => at!.Value - r.ClickedAt!.Value))], "p95 < 500 ms");
        AddRow(table, "last participant, per press: click → new item", rounds.Count, [.. rounds.Select(r => r.ParticipantAt.Max()!.Value - r.ClickedAt!.Value)], "—");
        AddRow(table, "room display: click → new item in its DOM", rounds.Count, [.. rounds.Select(r => r.DisplayAt!.Value - r.ClickedAt!.Value)], "p95 < 500 ms");
        AddRow(table, "baseline: coordinator's page, click → its own page shows the new item", rounds.Count,
            [.. rounds.Select(r => r.CoordinatorAt!.Value - r.ClickedAt!.Value)], "—");
        AddRow(table, "« Suivant » only: participants, click → new item", rounds.Count(r => r.Label == "Suivant"),
            [.. rounds.Where(r => r.Label == "Suivant").SelectMany(r => r.ParticipantAt.Select(at => at!.Value - r.ClickedAt!.Value))], "—");
        AddRow(table, "reloaded display: navigation start → current item shown", reloads.Count, reloads, "< 5 s");
        table.Write(output);
        output.WriteLine();
        output.WriteLine($"Measured presses: {rounds.Count} of {attempted} attempted (budget {Budget.TotalMinutes:0} min), "
            + $"{rounds.Count(r => r.Label == "Suivant")} « Suivant » and {rounds.Count(r => r.Label == "Précédent")} « Précédent »; presses that did not reach "
            + $"the coordinator's page, the display and all {participants} participants within {PressTimeout.TotalSeconds:0} s: {missed}. "
            + $"Reloads of the display that showed the current item within {PressTimeout.TotalSeconds:0} s: {reloads.Count} of {Reloads}. "
            + $"Participants: {participants} (target: 50). Opening the {participants + 2} pages took {openingTime.TotalSeconds:0} s.");
        output.WriteLine();
        var memory = new MarkdownTable(("Memory", false), ("MiB", true));
        memory.AddRow("machine: available before the browser (MemAvailable)", Mib(availableBefore));
        memory.AddRow($"machine: available with {participants + 2} pages open", Mib(availableOpen));
        memory.AddRow($"Chromium and its driver: proportional set (PSS) with {participants + 2} pages", Mib(chromium));
        memory.AddRow($"Chromium per page (PSS / {participants + 2})", Mib(chromium / (participants + 2)));
        memory.AddRow("app server: resident before the pages / with them / after the presses", $"{Mib(serverBefore)} / {Mib(serverOpen)} / {Mib(serverAfter)}");
        memory.Write(output);
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture);

    private static void AddRow(MarkdownTable table, string path, int presses, List<double> milliseconds, string target)
    {
        var summary = new LatencySummary([.. milliseconds.Select(ms => (long)(ms * Stopwatch.Frequency / 1000.0))]);
        table.AddRow(path, presses.ToString(CultureInfo.InvariantCulture), summary.Count.ToString(CultureInfo.InvariantCulture),
            Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)), target);
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Routes the pages' reports to the press (or reload) in flight; reports of another title are ignored.</summary>
    private sealed class Probe(int participants)
    {
        private readonly Lock _gate = new();
        private Round? _round;
        private Reload? _reload;

        public Round Begin(string title, string label)
        {
            lock (_gate)
            {
                _round = new Round(title, label, participants);
                return _round;
            }
        }

        public Reload BeginReload(string title)
        {
            lock (_gate)
            {
                _round = null;
                _reload = new Reload(title);
                return _reload;
            }
        }

        public void Seen(int page, string message) => WithRound(message, (round, at) => round.ParticipantAt[page] ??= at);

        public void CoordinatorSeen(string message) => WithRound(message, (round, at) => round.CoordinatorAt ??= at);

        public void DisplaySeen(string message)
        {
            WithRound(message, (round, at) => round.DisplayAt ??= at);
            if (Parse(message) is not { } report)
            {
                return;
            }
            lock (_gate)
            {
                if (_reload is { } reload && reload.Title == report.Text)
                {
                    reload.Saw(report.At, report.Origin);
                }
            }
        }

        public void Clicked(string message)
        {
            if (Parse(message) is not { } report)
            {
                return;
            }
            lock (_gate)
            {
                if (_round is { } round && round.Label == report.Text)
                {
                    round.ClickedAt ??= report.At;
                    round.CheckComplete();
                }
            }
        }

        private void WithRound(string message, Action<Round, double> record)
        {
            if (Parse(message) is not { } report)
            {
                return;
            }
            lock (_gate)
            {
                if (_round is { } round && round.Title == report.Text)
                {
                    record(round, report.At);
                    round.CheckComplete();
                }
            }
        }

        // « text|at » or « text|at|origin » (milliseconds since the epoch)
        private static (string Text, double At, double Origin)? Parse(string message)
        {
            var parts = message.Split('|');
            if (parts.Length < 2)
            {
                return null;
            }
            var timed = parts.Length >= 3 ? 2 : 1;
            var text = string.Join('|', parts[..^timed]);
            if (!double.TryParse(parts[^timed], CultureInfo.InvariantCulture, out var at))
            {
                return null;
            }
            var origin = timed == 2 && double.TryParse(parts[^1], CultureInfo.InvariantCulture, out var o) ? o : at;
            return (text, at, origin);
        }
    }

    private sealed class Round(string title, string label, int participants)
    {
        private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Title { get; } = title;

        public string Label { get; } = label;

        public double? ClickedAt { get; set; }

        public double? CoordinatorAt { get; set; }

        public double? DisplayAt { get; set; }

        public double?[] ParticipantAt { get; } = new double?[participants];

        public void CheckComplete()
        {
            if (ClickedAt is not null && CoordinatorAt is not null && DisplayAt is not null && ParticipantAt.All(at => at is not null))
            {
                _complete.TrySetResult();
            }
        }

        public Task<bool> WaitAsync(TimeSpan timeout) => Wait(_complete.Task, timeout);
    }

    private sealed class Reload(string title)
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Title { get; } = title;

        public double? SeenAt { get; private set; }

        public double? OriginAt { get; private set; }

        public void Saw(double at, double origin)
        {
            if (SeenAt is null)
            {
                SeenAt = at;
                OriginAt = origin;
                _seen.TrySetResult();
            }
        }

        public Task<bool> WaitAsync(TimeSpan timeout) => Wait(_seen.Task, timeout);
    }

    private static async Task<bool> Wait(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

/// <summary>
/// A session of the bench's Cité for today, with <see cref="ItemCount"/> agenda items, started (the first item current)
/// and opened to room displays, through <see cref="SessionService"/>; a coordinator account who runs it. Run inside
/// <see cref="BoardBenchServer.StartAsync"/>'s seed, before the app starts.
/// </summary>
public sealed class SessionBenchSeed
{
    public const int ItemCount = 10;
    public const string CoordinatorEmail = "coordination-seance@bench.invalid";

    private static readonly string[] Subjects =
    [
        "Accueil et tour de table", "Bilan des permanences emploi", "Mobilité : la ligne de bus du matin", "Garde d'enfants et horaires décalés",
        "Recrutements de la zone d'activité", "Parcours des jeunes suivis", "Ateliers numériques", "Forum de l'emploi de juin",
        "Budget de la Cité", "Prochaines étapes et date du prochain comité",
    ];

    public Guid SessionId { get; private set; }

    public string DisplayCode { get; private set; } = string.Empty;

    /// <summary>The items' titles in agenda order (each one unique).</summary>
    public IReadOnlyList<string> Titles { get; private set; } = [];

    public async Task SeedAsync(IServiceProvider services, CiteAccess access)
    {
        var sessions = services.GetRequiredService<SessionService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = await sessions.CreateAsync(access, new SessionDetails(SessionKind.ComitePilotage, "Comité de pilotage (banc)", today,
            new TimeOnly(8, 0), new TimeOnly(18, 0), "Salle polyvalente du centre social"));
        Check(created.Succeeded, created.Describe());
        SessionId = Guid.Parse(created.Value!);
        var titles = new List<string>();
        for (var i = 0; i < ItemCount; i++)
        {
            var title = $"Point {i + 1} : {Subjects[i % Subjects.Length]}";
            var added = await sessions.AddItemAsync(access, SessionId, null, new AgendaItemContent(title, 10,
                $"{title} : point d'étape avec les partenaires, chiffres du trimestre et décisions à prendre.", $"Intervenant·e {i + 1}"));
            Check(added.Succeeded, added.Describe());
            titles.Add(title);
        }
        Titles = titles;
        var start = await sessions.StartAsync(access, SessionId);
        Check(start.Succeeded, start.Describe());
        var display = await sessions.OpenDisplayAsync(access, SessionId);
        Check(display.Succeeded, display.Describe());
        DisplayCode = display.Value!;

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var coordinator = new AppUser
        {
            UserName = CoordinatorEmail, Email = CoordinatorEmail, EmailConfirmed = true, DisplayName = "Coordination de la séance", CreatedAt = DateTimeOffset.UtcNow,
        };
        Check((await users.CreateAsync(coordinator, BoardBenchServer.Password)).Succeeded, "compte de coordination");
        await services.GetRequiredService<MemberService>().AddAsync(access, coordinator.Id, CiteRole.Coordinateur);
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("préparation du banc : " + what);
        }
    }
}
