using System.Diagnostics;
using System.Globalization;
using System.Net;
using CiteEmploi.Bench.Live;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CiteEmploi.Bench.Roadmap;

/// <summary>
/// Issue 12's render figures on the real app (its own process, published output): the plan page of a feuille de route of
/// 500 actions on three levels as served to a signed-in partner (an HTTP GET of the prerendered page on loopback, the
/// whole HTML read), unfiltered (target &lt; 100 ms) and with a status, axis or pilot filter in its address (&lt; 50 ms);
/// beside each, in the same run and interleaved, the same address for an empty plan (what the shell costs). Then, in
/// the bench process on the same SQLite file, the service calls the page makes (<see cref="PlanService.GetAsync"/>,
/// filtered and not, and the budget), the rows read alone and the view built alone, so one sees where the time goes.
/// </summary>
public sealed class PlanRenderBenchmark : IBenchmark
{
    private const int Warmup = 5;
    private const int Runs = 40;

    public string Name => "plan-render";

    public string Description =>
        $"The plan page of a feuille de route of {PlanBenchSeed.Actions} actions on three levels ({PlanBenchSeed.Axes} axes × {PlanBenchSeed.ObjectivesPerAxis} objectives × 15–16 actions, "
        + "pilots, partners, dates, budget lines, barriers, milestones) served by the real app to a signed-in partner: HTTP GET of the prerendered page "
        + "on loopback, unfiltered and filtered by status, axis and pilot, each beside the same address for an empty plan; then the service calls "
        + "behind it (PlanService.GetAsync with and without a PlanFilter, BudgetAsync), the rows read alone and the view built alone.";

    public async Task RunAsync(TextWriter output)
    {
        var seed = new PlanBenchSeed();
        await using var server = await BoardBenchServer.StartAsync(forPages: true, seed: seed.SeedAsync);
        var cookies = await server.SignInAsync();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.BaseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var page = $"/c/{server.Slug}/feuille-de-route/{seed.PlanId}";
        var emptyPage = $"/c/{server.Slug}/feuille-de-route/{seed.EmptyPlanId}";
        var firstPage = await GetAsync(http, page);
        if (!firstPage.Contains("Action 1.1.1 ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the plan page did not render the plan's actions (not signed in, or not prerendered?)");
        }
        var emptyHtml = await GetAsync(http, emptyPage);

        var filters = new (string Label, string Query, PlanFilter Filter)[]
        {
            ("status « en cours »", "?statut=en-cours", new PlanFilter(StatusCode: "en-cours")),
            ("first axis", $"?axe={seed.AxisId}", new PlanFilter(AxisId: seed.AxisId)),
            ("pilot (the structure piloting most actions)", $"?pilote={seed.PilotId}", new PlanFilter(PilotStructureId: seed.PilotId)),
        };

        var table = new MarkdownTable(("Measure", false), ("Shown", true), ("median ms", true), ("p95 ms", true), ("max ms", true),
            ("baseline: empty plan, median ms", true), ("baseline p95 ms", true), ("Target", false));
        await RowAsync(table, "GET plan page, table, no filter (prerendered HTML)", $"{firstPage.Length / 1024} KB",
            () => GetAsync(http, page), () => GetAsync(http, emptyPage), "< 100 ms");
        foreach (var (label, query, _) in filters)
        {
            await RowAsync(table, $"GET plan page, filter: {label}", $"{(await GetAsync(http, page + query)).Length / 1024} KB",
                () => GetAsync(http, page + query), () => GetAsync(http, emptyPage + query), "< 50 ms");
        }

        // the same calls in the bench process, on the app's file (the server is idle meanwhile)
        using var host = ReaderHost(server.DataFolder);
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var plans = services.GetRequiredService<PlanService>();
        var operatorAccess = (await services.GetRequiredService<CiteService>().OperatorAccessAsync(server.Slug))!;
        var partner = await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(BoardBenchServer.Email)
            ?? throw new InvalidOperationException("partner missing");
        var access = new CiteAccess(operatorAccess.CiteId, server.Slug, partner.Id, CiteRole.Partenaire);
        var full = (await plans.GetAsync(access, seed.PlanId))!;
        await RowAsync(table, "GetAsync, no filter (service read + tree + view)", $"{full.Actions.Count}",
            () => plans.GetAsync(access, seed.PlanId), () => plans.GetAsync(access, seed.EmptyPlanId), "< 100 ms");
        foreach (var (label, _, filter) in filters)
        {
            var shown = (await plans.GetAsync(access, seed.PlanId, filter))!;
            await RowAsync(table, $"GetAsync, PlanFilter: {label}", $"{shown.Matching.Count()} (+{shown.Actions.Count - shown.Matching.Count()} ancestors)",
                () => plans.GetAsync(access, seed.PlanId, filter), () => plans.GetAsync(access, seed.EmptyPlanId, filter), "< 50 ms");
        }
        await RowAsync(table, "BudgetAsync (alone)", "—",
            () => plans.BudgetAsync(access, seed.PlanId), () => plans.BudgetAsync(access, seed.EmptyPlanId), "—");
        var filtered = filters[0].Filter;
        await RowAsync(table, "the page's read now, no filter: GetPageAsync (one read: view, filters' choices, budget)", "—",
            () => plans.GetPageAsync(access, seed.PlanId, new PlanFilter()), () => plans.GetPageAsync(access, seed.EmptyPlanId, new PlanFilter()), "< 100 ms");
        await RowAsync(table, "the page's read now, status filter: GetPageAsync", "—",
            () => plans.GetPageAsync(access, seed.PlanId, filtered), () => plans.GetPageAsync(access, seed.EmptyPlanId, filtered), "< 50 ms");
        await RowAsync(table, "the page's reads before GetPageAsync, status filter: GetAsync(filter) + GetAsync() + BudgetAsync", "—",
            async () => (await plans.GetAsync(access, seed.PlanId, filtered), await plans.GetAsync(access, seed.PlanId), await plans.BudgetAsync(access, seed.PlanId)),
            async () => (await plans.GetAsync(access, seed.EmptyPlanId, filtered), await plans.GetAsync(access, seed.EmptyPlanId), await plans.BudgetAsync(access, seed.EmptyPlanId)),
            "—");

        // where GetAsync's time goes: the rows read (no tree, no view) and the view built from loaded snapshots (no read)
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var (planSnapshot, snapshots) = await SnapshotsAsync(factory, access.CiteId, seed.PlanId);
        var (emptySnapshot, noSnapshots) = await SnapshotsAsync(factory, access.CiteId, seed.EmptyPlanId);
        var names = new Dictionary<Guid, string>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await RowAsync(table, "  part: the plan's action rows read (EF, no tracking)", $"{snapshots.Count}",
            () => ReadActionsAsync(factory, access.CiteId, seed.PlanId), () => ReadActionsAsync(factory, access.CiteId, seed.EmptyPlanId), "—");
        await RowAsync(table, "  part: tree + view records built in memory (no filter)", $"{snapshots.Count}",
            () => Task.FromResult(PlanService.View(planSnapshot, 0, snapshots, _ => (0, null, null, false), names, access, null, today, null)),
            () => Task.FromResult(PlanService.View(emptySnapshot, 0, noSnapshots, _ => (0, null, null, false), names, access, null, today, null)), "—");
        await RowAsync(table, "  part: tree + view records built in memory (status filter)", "—",
            () => Task.FromResult(PlanService.View(planSnapshot, 0, snapshots, _ => (0, null, null, false), names, access, filtered, today, null)),
            () => Task.FromResult(PlanService.View(emptySnapshot, 0, noSnapshots, _ => (0, null, null, false), names, access, filtered, today, null)), "—");
        table.Write(output);
        output.WriteLine();
        output.WriteLine($"Plan: {seed.ActionCount} actions; the page's HTML {firstPage.Length / 1024} KB (the table shows its first 50 rows), "
            + $"the empty plan's {emptyHtml.Length / 1024} KB. Each row: {Warmup} warm-up rounds, then {Runs} rounds each running the measure then its "
            + "baseline in turn, so a busy neighbour slows both alike. A GET is one request on a kept-alive loopback connection, the response read whole "
            + "(signed in as a partner, the cookie of a real login); a service call opens its own context, as the app does.");
    }

    private static async Task<string> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
        }
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task RowAsync<T, TBase>(MarkdownTable table, string label, string shown, Func<Task<T>> measure, Func<Task<TBase>> baseline, string target)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await measure();
            await baseline();
        }
        var m = new long[Runs];
        var b = new long[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await measure();
            m[i] = Stopwatch.GetTimestamp() - start;
            start = Stopwatch.GetTimestamp();
            await baseline();
            b[i] = Stopwatch.GetTimestamp() - start;
        }
        var ms = new LatencySummary(m);
        var bs = new LatencySummary(b);
        table.AddRow(label, shown, Ms(ms.MedianMicroseconds), Ms(ms.P95Microseconds), Ms(ms.PercentileMicroseconds(100)),
            Ms(bs.MedianMicroseconds), Ms(bs.P95Microseconds), target);
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The app's services in the bench process on the server's data folder (reads only).</summary>
    internal static IHost ReaderHost(string dataFolder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration["CiteEmploi:DataFolder"] = dataFolder;
        builder.Services.AddCiteEmploiFeatures(builder.Configuration);
        builder.Services.AddCiteEmploiAccounts();
        return builder.Build();
    }

    private static async Task<List<PlanAction>> ReadActionsAsync(IDbContextFactory<AppDbContext> factory, Guid citeId, Guid planId)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.CiteScope = citeId;
        return await db.PlanActions.AsNoTracking().Where(a => a.PlanId == planId && a.DeletedAt == null).ToListAsync();
    }

    private static async Task<(PlanSnapshot Plan, List<PlanActionSnapshot> Actions)> SnapshotsAsync(
        IDbContextFactory<AppDbContext> factory, Guid citeId, Guid planId)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.CiteScope = citeId;
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId);
        return (plan.Snapshot(), [.. (await ReadActionsAsync(factory, citeId, planId)).Select(a => a.Snapshot())]);
    }
}
