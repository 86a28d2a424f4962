using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Bench.Roadmap;

/// <summary>
/// Issue 12's figures, from the service on a real SQLite file built by the migrations: the plan « as it was on » a
/// date rebuilt from 10,000 recorded changes (target &lt; 200 ms), and the tree of 500 actions on three levels read
/// (&lt; 100 ms) and filtered (&lt; 50 ms); each beside a baseline in the same run that reads the same rows without
/// rebuilding or building the view. The plan is synthetic (fixed seed).
/// </summary>
public sealed class PlanAsOfBenchmark : IBenchmark
{
    private const int Axes = 5;
    private const int ObjectivesPerAxis = 10;
    private const int ActionsPerObjective = 9;
    private const int Changes = 10_000;
    private const int Warmup = 5;
    private const int Runs = 40;

    public string Name => "plan-as-of";

    public string Description =>
        $"A feuille de route of {Axes + (Axes * ObjectivesPerAxis) + (Axes * ObjectivesPerAxis * ActionsPerObjective)} synthetic actions on three levels with " +
        $"{Changes:N0} recorded changes: the plan as of a date rebuilt from its history, the tree read and filtered through PlanService, " +
        "each beside reading the same rows without rebuilding.";

    public async Task RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bench.db"), Pooling = true }.ToString();
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).AddInterceptors(new TransactionEventsInterceptor()).Options;
        var factory = new Factory(options);
        try
        {
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
            }
            var (access, planId, middle, end) = await SeedAsync(factory);
            var service = new PlanService(new CiteDbContextFactory(factory), TimeProvider.System);
            var filter = new PlanFilter(StatusCode: "en-cours", LateOnly: true);
            var loaded = await service.GetAsync(access, planId) ?? throw new InvalidOperationException("plan absent");
            var matching = (await service.GetAsync(access, planId, filter))!.Matching.Count();
            var pastCount = (await service.AsOfAsync(access, planId, middle))!.Actions.Count;

            // the filter alone, in memory, on the snapshots a page holds (what a re-filter costs without a new read)
            var snapshots = await SnapshotsAsync(factory, access.CiteId, planId);

            var table = new MarkdownTable(("Measure", false), ("Rows", true), ("median ms", true), ("p95 ms", true), ("baseline: same rows read ms (median)", true), ("baseline p95 ms", true), ("Target", false));
            await RowAsync(table, $"as of the middle date ({pastCount} actions then)", $"{await CountChangesAsync(factory, planId, middle):N0} changes",
                () => service.AsOfAsync(access, planId, middle), () => ReadChangesAsync(factory, access.CiteId, planId, middle), "< 200 ms");
            await RowAsync(table, "as of now (all changes)", $"{await CountChangesAsync(factory, planId, end):N0} changes",
                () => service.AsOfAsync(access, planId, end), () => ReadChangesAsync(factory, access.CiteId, planId, end), "< 200 ms");
            await RowAsync(table, "tree read (GetAsync, no filter)", $"{loaded.Actions.Count} actions",
                () => service.GetAsync(access, planId), () => ReadActionsAsync(factory, access.CiteId, planId), "< 100 ms");
            await RowAsync(table, "filter: en cours + en retard (GetAsync with filter, read included)", $"{matching} match",
                () => service.GetAsync(access, planId, filter), () => ReadActionsAsync(factory, access.CiteId, planId), "< 50 ms");
            await RowAsync(table, "filter alone, in memory (same view on loaded snapshots)", $"{matching} match",
                () => Task.FromResult(PlanService.View(snapshots.Plan, 0, snapshots.Actions, _ => (0, null, null, true), snapshots.Names, access, filter,
                    DateOnly.FromDateTime(DateTime.UtcNow), null)),
                () => Task.FromResult(snapshots.Actions.Where(a => a.StatusCode == "en-cours").ToList()), "< 50 ms");
            table.Write(output);
            output.WriteLine();
            output.WriteLine($"Each measure: {Warmup} warm-up calls, then {Runs} measured rounds, each running the measure then its baseline in turn so a " +
                             "busy neighbour slows both alike. A call opens its own context, as the app does. The baseline of the history reads the same " +
                             "change rows (no replay); that of the tree reads the same action rows with their JSON lists (no tree, no progress, no view); " +
                             "that of the in-memory filter is a plain LINQ filter on one field.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RowAsync<T, TBase>(MarkdownTable table, string label, string rows, Func<Task<T>> measure, Func<Task<TBase>> baseline, string target)
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
        table.AddRow(label, rows, Ms(ms.MedianMicroseconds), Ms(ms.P95Microseconds), Ms(bs.MedianMicroseconds), Ms(bs.P95Microseconds), target);
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The plan built in memory through the domain (as the service would), then stored in one commit with its history.</summary>
    private static async Task<(CiteAccess Access, Guid PlanId, DateTimeOffset Middle, DateTimeOffset End)> SeedAsync(Factory factory)
    {
        var random = new Random(12);
        var start = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
        var cite = Cite.Create(new CiteProfile { Name = "Cité de démonstration du banc", TerritoryName = "Banc", BudgetYear = 2025, BudgetAmount = 100_000m }, null, start);
        var actor = new PlanActor(null, "Banc");
        var plan = Plan.Create(cite.Id, "Feuille de route 2025-2027", 2025, 2027, 100_000m, actor, start);
        var history = new List<PlanChange>(Changes);
        history.AddRange(PlanHistory.Diff(cite.Id, plan.Id, null, plan.Snapshot(), actor, start));
        var actions = new List<PlanAction>();
        var at = start;
        PlanAction add(Guid? parent, string title)
        {
            at = at.AddMinutes(1);
            var action = PlanAction.Add(plan, parent, (actions.Count + 1) * 1024d, new PlanActionContent
            {
                Title = title,
                StatusCode = plan.Statuses[random.Next(plan.Statuses.Count)].Code,
                DueDate = new DateOnly(2025, 1, 1).AddDays(random.Next(0, 1000)),
                BudgetLines = [new BudgetLine("Cité de l'emploi", BudgetKind.EnveloppeCite, 2025, random.Next(0, 50_000) / 100m, 0, 0)],
            }, PlanReferences.None, actions, null, actor, at);
            actions.Add(action);
            history.AddRange(PlanHistory.Diff(cite.Id, plan.Id, null, action.Snapshot(), actor, at));
            return action;
        }
        for (var a = 1; a <= Axes; a++)
        {
            var axis = add(null, $"Axe {a}");
            for (var o = 1; o <= ObjectivesPerAxis; o++)
            {
                var objective = add(axis.Id, $"Objectif {a}.{o}");
                for (var x = 1; x <= ActionsPerObjective; x++)
                {
                    add(objective.Id, $"Action {a}.{o}.{x}");
                }
            }
        }
        var objectives = actions.Where(a => a.Title.StartsWith("Objectif", StringComparison.Ordinal)).ToList();
        var leaves = actions.Where(a => a.Title.StartsWith("Action", StringComparison.Ordinal)).ToList();
        while (history.Count < Changes)
        {
            at = at.AddMinutes(7);
            var action = leaves[random.Next(leaves.Count)];
            var before = action.Snapshot();
            switch (random.Next(4))
            {
                case 0:
                    action.ChangeStatus(plan, plan.Statuses[random.Next(plan.Statuses.Count)].Code, actor, at);
                    break;
                case 1:
                    action.ChangeDates(null, new DateOnly(2025, 1, 1).AddDays(random.Next(0, 1000)), actor, at);
                    break;
                case 2:
                    action.Edit(plan, action.Content with { Title = $"{action.Title.Split(" (")[0]} ({random.Next(1000)})" }, action.Content, action.Version, PlanReferences.None, actor, at);
                    break;
                default:
                    action.Move(plan, objectives[random.Next(objectives.Count)].Id, random.Next(1, 100_000), actions, actor, at);
                    break;
            }
            history.AddRange(PlanHistory.Diff(cite.Id, plan.Id, before, action.Snapshot(), actor, at));
        }
        await using var db = factory.CreateDbContext();
        db.Cites.Add(cite);
        db.Plans.Add(plan);
        db.PlanActions.AddRange(actions);
        db.PlanChanges.AddRange(history);
        await db.SaveChangesAsync();
        var middle = history[history.Count / 2].At;
        return (CiteAccess.Operator(cite.Id, cite.Slug), plan.Id, middle, at);
    }

    private static async Task<int> CountChangesAsync(Factory factory, Guid planId, DateTimeOffset at)
    {
        await using var db = factory.CreateDbContext();
        return (await db.PlanChanges.IgnoreQueryFilters().Where(c => c.PlanId == planId && c.At <= at).Select(c => c.Id).ToListAsync()).Count;
    }

    private static async Task<List<PlanChange>> ReadChangesAsync(Factory factory, Guid citeId, Guid planId, DateTimeOffset at)
    {
        await using var db = factory.CreateDbContext();
        db.CiteScope = citeId;
        return await db.PlanChanges.AsNoTracking().Where(c => c.PlanId == planId && c.At <= at).ToListAsync();
    }

    private static async Task<List<PlanAction>> ReadActionsAsync(Factory factory, Guid citeId, Guid planId)
    {
        await using var db = factory.CreateDbContext();
        db.CiteScope = citeId;
        return await db.PlanActions.AsNoTracking().Where(a => a.PlanId == planId && a.DeletedAt == null).ToListAsync();
    }

    private static async Task<(PlanSnapshot Plan, List<PlanActionSnapshot> Actions, Dictionary<Guid, string> Names)> SnapshotsAsync(Factory factory, Guid citeId, Guid planId)
    {
        await using var db = factory.CreateDbContext();
        db.CiteScope = citeId;
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId);
        var actions = await ReadActionsAsync(factory, citeId, planId);
        return (plan.Snapshot(), [.. actions.Select(a => a.Snapshot())], []);
    }

    private sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
