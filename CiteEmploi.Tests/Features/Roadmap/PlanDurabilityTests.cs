using System.Collections.Concurrent;
using System.Text.Json;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace CiteEmploi.Tests.Features.Roadmap;

/// <summary>
/// Issue 12's durability promise: « killing the server mid-edit loses nothing acknowledged ». The real app runs as a
/// separate process (<see cref="AppProcess"/>); three people edit three actions of one plan the way they do, in
/// Chromium on the action page: fill a field, « Enregistrer », and the page's acknowledgment, the snackbar « Action
/// enregistrée. ». The process is killed (SIGKILL) right after an acknowledgment, while the other pages are saving,
/// started again on the same data folder, and every value a page acknowledged must be stored: the action holds the
/// last one (or a later one whose save was cut off) and the history holds each of them.
/// </summary>
public sealed class PlanDurabilityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Acknowledgment = "Action enregistrée.";
    private const int KillAfterAcknowledged = 9;
    // two app starts and three browser pages on a 2-core machine that other work may load; normally well under a minute
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);

    // One writer per action, each on its own field.
    private static readonly (string Label, string Json, string Prefix)[] Fields =
    [
        ("Contact (nom, fonction)", "contact", "Contact"),
        ("Intitulé *", "title", "Intitulé"),
        ("Description (Markdown)", "description", "Description"),
    ];

    [Fact]
    public async Task KilledWhileSavesAreInFlight_EveryAcknowledgedValueIsStoredAfterRestart()
    {
        using var budget = new CancellationTokenSource(Budget);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var folder = TestFolders.Create("durabilite-plan");
        var email = $"coordination-{Guid.NewGuid():N}@tests.invalid";
        var (slug, planId, actionIds) = await SeedAsync(folder, email);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s : données prêtes");

        // writer → the values its page acknowledged, in order
        var acknowledged = Enumerable.Range(0, Fields.Length).Select(_ => new ConcurrentQueue<(int N, string Value)>()).ToArray();
        var acknowledgedCount = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cutOff = 0;
        var killed = 0;
        using (var server = await AppProcess.StartAsync(folder, budget.Token, environment: "Development"))
        {
            var contexts = new List<IBrowserContext>();
            try
            {
                var pages = new List<IPage>();
                for (var w = 0; w < Fields.Length; w++)
                {
                    var context = await Browser.NewContextAsync();
                    contexts.Add(context);
                    var page = await SignInAsync(context, server.BaseUrl, email);
                    // a click before the circuit is up would be lost
                    await page.GotoInteractiveAsync($"{server.BaseUrl}/c/{slug}/feuille-de-route/{planId}/actions/{actionIds[w]}");
                    await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true })).ToBeEnabledAsync();
                    await page.EvaluateAsync(CountAcknowledgments, Acknowledgment);
                    pages.Add(page);
                }

                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s : trois pages ouvertes");
                var inFlight = new int[pages.Count];
                var writers = pages.Select((page, w) => Task.Run(async () =>
                {
                    var (label, _, prefix) = Fields[w];
                    var field = page.GetByLabel(label, new() { Exact = true });
                    var save = page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true });
                    // each writer saves again and again until the server dies under one of its saves (bounded by the budget)
                    var clicked = false;
                    for (var n = 0; !budget.IsCancellationRequested && !killNow.Task.IsCompleted; n++)
                    {
                        var value = $"{prefix} {w}-{n}";
                        try
                        {
                            var before = await page.EvaluateAsync<int>("() => window.__acks");
                            await field.FillAsync(value, new() { Timeout = 10_000 });
                            await save.ClickAsync(new() { Timeout = 10_000 });
                            clicked = true;
                            Volatile.Write(ref inFlight[w], 1);
                            await page.WaitForFunctionAsync("n => window.__acks > n", before, new() { Timeout = 15_000 });
                            acknowledged[w].Enqueue((n, value));
                            clicked = false;
                            Volatile.Write(ref inFlight[w], 0);
                            // the kill follows an acknowledgment at once (had the page acknowledged before the commit, that
                            // value would be lost), at a moment another page's save is sent and not yet acknowledged
                            if (Interlocked.Increment(ref acknowledgedCount) >= KillAfterAcknowledged && Interlocked.Exchange(ref killed, 1) == 0)
                            {
                                var waited = System.Diagnostics.Stopwatch.StartNew();
                                while (!inFlight.Where((_, o) => o != w).Any(f => f == 1) && waited.Elapsed < TimeSpan.FromSeconds(5))
                                {
                                    await Task.Delay(5);
                                }
                                killNow.TrySetResult(); // first: a page the kill cuts off then counts as cut off, not as failing
                                server.Kill();
                            }
                        }
                        catch (Exception e) when (e is TimeoutException or PlaywrightException)
                        {
                            if (killNow.Task.IsCompleted)
                            {
                                if (clicked)
                                {
                                    // the server died under this save, sent and not acknowledged
                                    Interlocked.Increment(ref cutOff);
                                }
                                return;
                            }
                            throw new InvalidOperationException(
                                $"page {w}, « {value} » ({Volatile.Read(ref acknowledgedCount)} enregistrements confirmés jusque-là) : {e.Message}", e);
                        }
                    }
                }, budget.Token)).ToArray();

                // a writer that fails before the kill (no acknowledgment while the server was up) fails the test with its reason
                var all = Task.WhenAll(writers);
                var first = await Task.WhenAny(killNow.Task, all, Task.Delay(Timeout.Infinite, budget.Token));
                Assert.True(first != null && !budget.IsCancellationRequested,
                    $"temps écoulé avant l'arrêt : {acknowledgedCount} enregistrements confirmés par les pages");
                if (first != killNow.Task)
                {
                    await all;
                    Assert.Fail($"les pages ont cessé d'écrire avant l'arrêt du serveur ({acknowledgedCount} enregistrements confirmés)\n{server.Output}");
                }
                server.Kill();
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s : serveur tué pendant un enregistrement, {acknowledgedCount} confirmés");
                await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(40), budget.Token);
            }
            finally
            {
                foreach (var context in contexts)
                {
                    await context.CloseAsync();
                }
            }
        }
        // What proves the promise is the kill right after an acknowledgment (a page acknowledging before its commit
        // loses that value: checked below). Saves cut off in flight are what a real kill also meets, but on a fast
        // machine the other pages' saves may all be committed and acknowledged by the time the process dies: said, not required.
        output.WriteLine(cutOff > 0 ? $"{cutOff} enregistrement(s) interrompu(s) par l'arrêt" : "aucun enregistrement n'était en cours à l'arrêt");
        Assert.True(Volatile.Read(ref acknowledgedCount) >= KillAfterAcknowledged);

        using var restarted = await AppProcess.StartAsync(folder, budget.Token);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s : redémarré ; confirmés par page : {string.Join(", ", acknowledged.Select(a => a.Count))}, interrompus : {cutOff}");
        var cookies = await HubClients.SignInAsync(restarted.BaseUrl, email, AppFixture.Password, budget.Token);
        using var handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true };
        using var http = new HttpClient(handler);
        using var plan = JsonDocument.Parse(await http.GetStringAsync($"{restarted.BaseUrl}/api/cites/{slug}/feuilles-de-route/{planId}", budget.Token));
        var stored = plan.RootElement.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetGuid());
        var history = ReadHistory(folder);

        var lost = new List<string>();
        for (var w = 0; w < Fields.Length; w++)
        {
            var (_, json, prefix) = Fields[w];
            var mine = acknowledged[w].ToList();
            var values = json == "title" ? "titre" : json;
            var now = stored[actionIds[w]].GetProperty(values).GetString();
            // the action holds its last acknowledged value, or a later one whose save committed just before the kill
            if (mine.Count > 0 && !(now is not null && now.StartsWith($"{prefix} {w}-", StringComparison.Ordinal)
                    && int.Parse(now[$"{prefix} {w}-".Length..], System.Globalization.CultureInfo.InvariantCulture) >= mine[^1].N))
            {
                lost.Add($"{mine[^1].Value} (l'action porte « {now} »)");
            }
            // and each acknowledged value was committed, with its history row
            lost.AddRange(mine.Where(a => !history.Contains((actionIds[w], json, a.Value))).Select(a => $"{a.Value} (absent de l'historique)"));
        }
        Assert.True(lost.Count == 0, $"{lost.Count} valeurs confirmées perdues sur {acknowledgedCount} : {string.Join(", ", lost.Take(10))}");
    }

    // Counts, as the DOM changes, each snackbar « Action enregistrée. » that appears (once: a WeakSet, since a node may be
    // reported with its parent). A snackbar is counted even if it is gone before the test looks.
    private const string CountAcknowledgments = """
        acknowledgment => {
          window.__acks = 0;
          const seen = new WeakSet();
          new MutationObserver(records => {
            for (const record of records) {
              for (const node of record.addedNodes) {
                if (node.nodeType !== 1) continue;
                const bars = [...(node.matches('.mud-snackbar') ? [node] : []), ...node.querySelectorAll('.mud-snackbar')];
                for (const bar of bars) {
                  if (!seen.has(bar) && bar.textContent.includes(acknowledgment)) { seen.add(bar); window.__acks++; }
                }
              }
            }
          }).observe(document.body, { childList: true, subtree: true });
        }
        """;

    /// <summary>The history rows of the stored database: (action, field, value after), read straight from the file.</summary>
    private static HashSet<(Guid Action, string Field, string Value)> ReadHistory(string folder)
    {
        var rows = new HashSet<(Guid, string, string)>();
        using (var connection = TestDatabases.OpenFolderDatabase(folder))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"ActionId\", \"Field\", \"After\" FROM \"PlanChanges\" WHERE \"ActionId\" IS NOT NULL AND \"After\" IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var after = JsonDocument.Parse(reader.GetString(2)).RootElement;
                if (after.ValueKind == JsonValueKind.String)
                {
                    rows.Add((Guid.Parse(reader.GetValue(0).ToString()!), reader.GetString(1), after.GetString()!));
                }
            }
        }
        return rows;
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string baseUrl, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(AppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/connexion", StringComparison.Ordinal));
        return page;
    }

    /// <summary>An installed app (a coordinator, a plan of three actions) in the folder, then stopped.</summary>
    private static async Task<(string Slug, Guid Plan, Guid[] Actions)> SeedAsync(string folder, string email)
    {
        var fixture = new FolderAppFixture(folder);
        await fixture.InitializeAsync();
        try
        {
            var slug = await fixture.CreateCiteAsync($"Cité durable {Guid.NewGuid():N}"[..24]);
            await fixture.CreatePersonAsync(email, slug, CiteRole.Coordinateur, "Camille Coordination");
            var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
            var plans = fixture.App.Get<PlanService>();
            var created = await plans.CreateAsync(access, "Plan d'action 2026", 2026, 2026, 100_000m);
            Assert.True(created.Succeeded, created.Describe());
            var planId = Guid.Parse(created.Value!);
            var ids = new Guid[Fields.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                var added = await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = $"Axe {i + 1}" });
                Assert.True(added.Succeeded, added.Describe());
                ids[i] = Guid.Parse(added.Value!);
            }
            return (slug, planId, ids);
        }
        finally
        {
            await fixture.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }
}
