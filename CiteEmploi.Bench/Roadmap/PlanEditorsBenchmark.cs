using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Bench.Roadmap;

/// <summary>
/// Issue 12's « lose nothing » figure: ten writers each owning one field of the same action, for 60 s, through
/// <see cref="PlanService.EditActionAsync"/> on a real SQLite file built by the migrations (temp folder). Each writer
/// reads the action, changes its field to a new value, saves with what it read as the basis (the field-by-field merge
/// of principle 7), and on a conflict or a refusal reads again and retries. At the end, checked and not assumed:
/// every writer's last acknowledged value is the stored one, the history holds exactly one row per acknowledged change
/// of each field, in order, with the acknowledged values, and the action's version moved once per acknowledged save.
/// Anything missing throws after the figures are printed. Baseline in the same run: one writer alone on the same action
/// for a few seconds (save latency without contention).
/// </summary>
public sealed class PlanEditorsBenchmark : IBenchmark
{
    private const int Writers = 10;
    private const int Siblings = 40;
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BaselineDuration = TimeSpan.FromSeconds(5);

    public string Name => "plan-editors";

    public string Description =>
        $"{Writers} writers editing different fields of one action (title, description, contact, start, due date, status, progress, budget line, "
        + $"barriers, external id) for {DefaultDuration.TotalSeconds:0} s through PlanService.EditActionAsync on a real SQLite file: each reads, changes "
        + "its field, saves with its basis, re-reads and retries on a conflict. Then every acknowledged value is checked against the stored action and "
        + "its history. Baseline: one writer alone, same action, same file.";

    public async Task RunAsync(TextWriter output)
    {
        var duration = BenchmarkArguments.Seconds is { } s ? TimeSpan.FromSeconds(s) : DefaultDuration;
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
            var (access, planId, actionId) = await SeedAsync(factory);
            var service = new PlanService(new CiteDbContextFactory(factory), TimeProvider.System);
            var statuses = (await service.GetAsync(access, planId))!.Statuses;
            var fields = Fields(statuses);
            var firstChange = await MaxChangeIdAsync(factory, planId);
            var versionBefore = await VersionAsync(service, access, planId, actionId);

            // baseline first: one writer alone (the external id), so its saves meet nobody
            var alone = new Writer(fields[^1] with { Next = n => $"SEUL-{n:D6}" });
            await RunWritersAsync(service, access, planId, actionId, [alone], BaselineDuration);

            var writers = fields.Select(f => new Writer(f)).ToList();
            var clock = Stopwatch.StartNew();
            await RunWritersAsync(service, access, planId, actionId, writers, duration);
            var elapsed = clock.Elapsed;

            // the checks: the stored action, its history, its version
            var stored = (await service.GetAsync(access, planId))!.Actions.Single(a => a.Id == actionId);
            var changes = await ChangesAsync(factory, planId, actionId, firstChange);
            var problems = new List<string>();
            foreach (var w in writers.Where(w => w.Acknowledged.Count > 0))
            {
                if (!w.Field.Same(w.Field.Read(stored.Content), w.Acknowledged[^1]))
                {
                    problems.Add($"{w.Field.Name}: stored {Show(w.Field.Read(stored.Content))}, last acknowledged {Show(w.Acknowledged[^1])}");
                }
            }
            // the history, field by field: the external id field carries the baseline's saves then the writer's
            foreach (var field in fields)
            {
                var expected = field.HistoryName == alone.Field.HistoryName
                    ? [.. alone.Acknowledged, .. writers.Single(w => w.Field == field).Acknowledged]
                    : writers.Single(w => w.Field == field).Acknowledged;
                var recorded = changes.Where(c => c.Field == field.HistoryName).Select(c => c.After).ToList();
                if (recorded.Count != expected.Count)
                {
                    problems.Add($"{field.Name}: {expected.Count} acknowledged changes, {recorded.Count} in the history");
                    continue;
                }
                // compared as values (the app stores amounts with two decimals: 0.00 is 0)
                for (var i = 0; i < recorded.Count; i++)
                {
                    var value = recorded[i] is { } json ? JsonSerializer.Deserialize(json, field.Type, PlanHistory.Json) : null;
                    if (value is null || !field.Same(value, expected[i]))
                    {
                        problems.Add($"{field.Name}: the history's value n° {i + 1} is {recorded[i]}, the acknowledged one {Show(expected[i])}");
                        break;
                    }
                }
            }
            var unexpected = changes.Where(c => fields.All(f => f.HistoryName != c.Field)).Select(c => c.Field).Distinct().ToList();
            if (unexpected.Count > 0)
            {
                problems.Add($"history rows for fields nobody changed: {string.Join(", ", unexpected)}");
            }
            var acknowledgedSaves = writers.Sum(w => w.Acknowledged.Count) + alone.Acknowledged.Count;
            var versionAfter = stored.Version;
            if (versionAfter - versionBefore != acknowledgedSaves)
            {
                problems.Add($"version moved by {versionAfter - versionBefore}, {acknowledgedSaves} saves acknowledged");
            }

            var table = new MarkdownTable(("Writers", false), ("Seconds", true), ("Saves acknowledged", true), ("Saves/s", true), ("Conflicts", true),
                ("Other refusals", true), ("Retries", true), ("Save median ms", true), ("Save p95 ms", true), ("Save max ms", true));
            var all = writers.SelectMany(w => w.SaveTicks).ToArray();
            AddRow(table, $"{Writers} together, one field each", elapsed, writers.Sum(w => w.Acknowledged.Count), writers.Sum(w => w.Conflicts),
                writers.Sum(w => w.Refusals), writers.Sum(w => w.Retries), all);
            AddRow(table, "baseline: 1 writer alone", BaselineDuration, alone.Acknowledged.Count, alone.Conflicts, alone.Refusals, alone.Retries, [.. alone.SaveTicks]);
            table.Write(output);
            output.WriteLine();
            var perField = new MarkdownTable(("Field", false), ("History name", false), ("Acknowledged", true), ("History rows", true), ("Conflicts", true), ("Retries", true));
            foreach (var w in writers)
            {
                perField.AddRow(w.Field.Name, $"`{w.Field.HistoryName}`", w.Acknowledged.Count.ToString(CultureInfo.InvariantCulture),
                    changes.Count(c => c.Field == w.Field.HistoryName).ToString(CultureInfo.InvariantCulture) + (w.Field.HistoryName == alone.Field.HistoryName ? $" (incl. {alone.Acknowledged.Count} of the baseline)" : string.Empty),
                    w.Conflicts.ToString(CultureInfo.InvariantCulture), w.Retries.ToString(CultureInfo.InvariantCulture));
            }
            perField.Write(output);
            output.WriteLine();
            output.WriteLine($"A save's latency is one EditActionAsync call (its own context, BEGIN IMMEDIATE, the merge, the commit with its history rows), "
                + "retries counted as separate saves. A conflict is the merge refusing (two changed the same field: should not happen here); "
                + "another refusal is any result neither acknowledged nor conflicted. The action sits among "
                + $"{Siblings} siblings; each read is GetAsync of the whole plan, as a page does.");
            output.WriteLine();
            if (problems.Count > 0)
            {
                output.WriteLine($"**PERDU : {problems.Count} écart(s)**");
                foreach (var p in problems)
                {
                    output.WriteLine($"- {p}");
                }
                throw new InvalidOperationException("plan-editors: acknowledged changes lost: " + string.Join("; ", problems));
            }
            output.WriteLine($"**perdu : 0** — {acknowledgedSaves} acknowledged saves, each found in the stored action (last value of each field), "
                + $"in the history (one row per save and field, same values, same order) and in the version (+{versionAfter - versionBefore}).");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AddRow(MarkdownTable table, string label, TimeSpan elapsed, int acknowledged, int conflicts, int refusals, int retries, long[] ticks)
    {
        var summary = new LatencySummary(ticks);
        table.AddRow(label, elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), acknowledged.ToString(CultureInfo.InvariantCulture),
            (acknowledged / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture), conflicts.ToString(CultureInfo.InvariantCulture),
            refusals.ToString(CultureInfo.InvariantCulture), retries.ToString(CultureInfo.InvariantCulture),
            Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)));
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Show(object? value) => JsonSerializer.Serialize(value, PlanHistory.Json);

    private static async Task RunWritersAsync(PlanService service, CiteAccess access, Guid planId, Guid actionId, IReadOnlyList<Writer> writers, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(writers.Select(w => Task.Run(() => w.RunAsync(service, access, planId, actionId, stop.Token))));
    }

    /// <summary>One person owning one field: read, change, save with the basis read; on anything but an acknowledgment, read again and retry.</summary>
    private sealed class Writer(Field field)
    {
        public Field Field { get; } = field;

        public List<object> Acknowledged { get; } = [];

        public List<long> SaveTicks { get; } = [];

        public int Conflicts { get; private set; }

        public int Refusals { get; private set; }

        public int Retries { get; private set; }

        public async Task RunAsync(PlanService service, CiteAccess access, Guid planId, Guid actionId, CancellationToken stop)
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                n++;
                var value = Field.Next(n);
                var retry = false;
                while (!stop.IsCancellationRequested)
                {
                    if (retry)
                    {
                        Retries++;
                    }
                    var seen = (await service.GetAsync(access, planId, cancellationToken: CancellationToken.None))!.Actions.Single(a => a.Id == actionId);
                    var yours = Field.Write(seen.Content, value);
                    var start = Stopwatch.GetTimestamp();
                    // no cancellation token: a save begun is finished, so the last acknowledgment is known
                    var edit = await service.EditActionAsync(access, planId, actionId, yours, seen.Content, seen.Version, CancellationToken.None);
                    SaveTicks.Add(Stopwatch.GetTimestamp() - start);
                    if (edit.Result.Succeeded)
                    {
                        Acknowledged.Add(value);
                        break;
                    }
                    if (edit.Conflict is not null)
                    {
                        Conflicts++;
                    }
                    else
                    {
                        Refusals++;
                    }
                    retry = true;
                }
            }
        }
    }

    /// <summary>A field of an action: its name, its name in the history, how to read it, write it, and the n-th new value.</summary>
    private sealed record Field(string Name, string HistoryName, Func<PlanActionContent, object> Read, Func<PlanActionContent, object, PlanActionContent> Write,
        Func<int, object> Next, Func<object, object, bool> Same, Type Type);

    private static bool Equal(object a, object b) => Equals(a, b);

    private static bool SameSequence<T>(object a, object b) => ((IEnumerable<T>)a).SequenceEqual((IEnumerable<T>)b);

    private static List<Field> Fields(IReadOnlyList<PlanStatus> statuses)
    {
        var freins = Freins.All;
        return
        [
            new("intitulé", "title", c => c.Title, (c, v) => c with { Title = (string)v }, n => $"Permanence emploi du quartier — version {n}", Equal, typeof(string)),
            new("description", "description", c => c.Description, (c, v) => c with { Description = (string)v },
                n => $"Compte rendu n° {n} : **12 personnes** reçues, 4 orientées vers la Mission Locale.", Equal, typeof(string)),
            new("contact", "contact", c => c.Contact, (c, v) => c with { Contact = (string)v }, n => $"Référente n° {n}", Equal, typeof(string)),
            // the start stays in 2025 and the due date in 2026: both always valid together, whatever the merge
            new("début", "startDate", c => c.StartDate!, (c, v) => c with { StartDate = (DateOnly)v }, n => new DateOnly(2025, 1, 1).AddDays(n % 360), Equal, typeof(DateOnly)),
            new("échéance", "dueDate", c => c.DueDate!, (c, v) => c with { DueDate = (DateOnly)v }, n => new DateOnly(2026, 1, 1).AddDays(n % 360), Equal, typeof(DateOnly)),
            new("statut", "statusCode", c => c.StatusCode, (c, v) => c with { StatusCode = (string)v }, n => statuses[n % statuses.Count].Code, Equal, typeof(string)),
            new("avancement", "manualProgress", c => c.ManualProgress, (c, v) => c with { ManualProgress = (int)v }, n => n % 101, Equal, typeof(int)),
            new("ligne de budget", "budgetLines", c => c.BudgetLines, (c, v) => c with { BudgetLines = (IReadOnlyList<BudgetLine>)v },
                n => (IReadOnlyList<BudgetLine>)[new BudgetLine("Cité de l'emploi", BudgetKind.EnveloppeCite, 2025, n + 0.25m, 0, 0)], SameSequence<BudgetLine>, typeof(List<BudgetLine>)),
            new("freins", "freinCodes", c => c.FreinCodes, (c, v) => c with { FreinCodes = (IReadOnlyList<string>)v },
                n => (IReadOnlyList<string>)[freins[n % freins.Count].Code], SameSequence<string>, typeof(List<string>)),
            new("identifiant externe", "externalId", c => c.ExternalId!, (c, v) => c with { ExternalId = (string)v }, n => $"EXT-{n:D6}", Equal, typeof(string)),
        ];
    }

    private static async Task<(CiteAccess Access, Guid PlanId, Guid ActionId)> SeedAsync(Factory factory)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        var cite = Cite.Create(new CiteProfile { Name = "Cité du banc des éditeurs", TerritoryName = "Banc", BudgetYear = 2025, BudgetAmount = 100_000m }, null, at);
        var actor = new PlanActor(null, "Banc");
        var plan = Plan.Create(cite.Id, "Feuille de route 2025-2027", 2025, 2027, 100_000m, actor, at);
        var actions = new List<PlanAction>();
        var history = new List<PlanChange>(PlanHistory.Diff(cite.Id, plan.Id, null, plan.Snapshot(), actor, at));
        PlanAction add(Guid? parent, PlanActionContent content)
        {
            var action = PlanAction.Add(plan, parent, (actions.Count + 1) * 1024d, content, PlanReferences.None, actions, null, actor, at);
            actions.Add(action);
            history.AddRange(PlanHistory.Diff(cite.Id, plan.Id, null, action.Snapshot(), actor, at));
            return action;
        }
        var axis = add(null, new PlanActionContent { Title = "Axe 1 : aller vers les habitants" });
        var objective = add(axis.Id, new PlanActionContent { Title = "Objectif 1.1 : permanences de proximité" });
        var target = add(objective.Id, new PlanActionContent
        {
            Title = "Permanence emploi du quartier",
            Description = "À préciser.",
            Contact = "À désigner",
            StartDate = new DateOnly(2024, 12, 1),
            DueDate = new DateOnly(2027, 6, 30),
            ProgressMode = ProgressMode.Manuel,
            ManualProgress = 0,
            ExternalId = "EXT-INITIAL",
        });
        for (var i = 1; i <= Siblings; i++)
        {
            add(objective.Id, new PlanActionContent { Title = $"Action voisine {i}", DueDate = new DateOnly(2026, 1, 1).AddDays(i) });
        }
        await using var db = factory.CreateDbContext();
        db.Cites.Add(cite);
        db.Plans.Add(plan);
        db.PlanActions.AddRange(actions);
        db.PlanChanges.AddRange(history);
        await db.SaveChangesAsync();
        return (CiteAccess.Operator(cite.Id, cite.Slug), plan.Id, target.Id);
    }

    private static async Task<int> VersionAsync(PlanService service, CiteAccess access, Guid planId, Guid actionId) =>
        (await service.GetAsync(access, planId))!.Actions.Single(a => a.Id == actionId).Version;

    private static async Task<long> MaxChangeIdAsync(Factory factory, Guid planId)
    {
        await using var db = factory.CreateDbContext();
        return await db.PlanChanges.IgnoreQueryFilters().Where(c => c.PlanId == planId).MaxAsync(c => c.Id);
    }

    private static async Task<List<PlanChange>> ChangesAsync(Factory factory, Guid planId, Guid actionId, long after)
    {
        await using var db = factory.CreateDbContext();
        return await db.PlanChanges.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.PlanId == planId && c.ActionId == actionId && c.Id > after).OrderBy(c => c.Id).ToListAsync();
    }

    private sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
