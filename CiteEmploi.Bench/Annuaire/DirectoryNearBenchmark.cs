using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CiteEmploi.Bench.Annuaire;

/// <summary>
/// Issue 14's figure: « près de » over 50,000 services of one Cité, server-side, p95 ≤ 10 ms, through the app's own
/// search (<see cref="DirectorySearch.SearchAsync"/>: the place resolved, the shared table of positions, the loop, the
/// page's services read from the database), beside two baselines in the same run: the same search without « près de »
/// (words and filters only), and a naive « near » (every service's distance computed from its stored position with
/// <see cref="GeoPoint.DistanceTo"/>, then a full sort). The services are synthetic (fixed seed) placed around real
/// communes of Seine-Saint-Denis and Paris (their shipped centres, jittered), never presented as real.
/// </summary>
public sealed class DirectoryNearBenchmark : IBenchmark
{
    private const int StructureCount = 1_000;
    private const int ServiceCount = 50_000;
    private const int Warmup = 20;
    private const int Runs = 200;
    private const int JitWarmup = 100;

    public string Name => "directory-near";

    public string Description =>
        $"« Près de » over {ServiceCount:N0} synthetic services in one Cité (80 % with coordinates, 12 % by their commune's centre, " +
        "4 % « à distance » only, 4 % without a position), through the app's search, beside the same search without « près de » and a naive full sort.";

    private sealed record Case(string Label, string? Text, SearchFilters Filters, string Pres, string? Rayon = null, int Page = 1);

    private static readonly Case[] Cases =
    [
        new("près de Saint-Denis (commune:93066)", null, SearchFilters.None, "commune:93066"),
        new("+ rayon 3 km", null, SearchFilters.None, "commune:93066", "3"),
        new("+ frein mobilité", null, new SearchFilters(Frein: "mobilite"), "commune:93066"),
        new("+ frein mobilité + gratuit + rayon 5 km", null, new SearchFilters(Frein: "mobilite", FreeOnly: true), "commune:93066", "5"),
        new("+ mot « atelier » (courant)", "atelier", SearchFilters.None, "commune:93066"),
        new("+ mots « permis conduire »", "permis conduire", SearchFilters.None, "commune:93066"),
        new("position du navigateur (geo:48.8566,2.3522)", null, SearchFilters.None, "geo:48.8566,2.3522"),
        new("page 10", null, SearchFilters.None, "commune:93066", null, 10),
    ];

    public async Task RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-near-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var structuresPath = Path.Combine(folder, "structures.json");
            var servicesPath = Path.Combine(folder, "services.json");
            WriteFiles(structuresPath, servicesPath);

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection([new("CiteEmploi:DataFolder", folder)]);
            builder.Logging.ClearProviders();
            builder.Services.AddCiteEmploiFeatures(builder.Configuration);
            builder.Services.AddCiteEmploiAccounts();
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var cites = host.Services.GetRequiredService<CiteService>();
            var created = await cites.CreateAsync(new CiteProfile { Name = "Cité du banc d'essai (près de)", TerritoryName = "Banc d'essai", BudgetYear = 2026 });
            var access = (await cites.OperatorAccessAsync(created.Value!))!;
            var importer = host.Services.GetRequiredService<DirectoryImporter>();
            var batch = await importer.ReadAsync(access, await DataInclusionInput.LoadFileAsync(structuresPath), await DataInclusionInput.LoadFileAsync(servicesPath));
            var report = await importer.ImportAsync(access, batch, ImportMode.AllOrNothing);
            output.WriteLine($"Import: {report.Outcome}, {report.Counts.New:N0} new records.");

            var search = host.Services.GetRequiredService<DirectorySearch>();
            var snapshots = host.Services.GetRequiredService<DirectoryPositionSnapshots>();
            var load = Stopwatch.StartNew();
            var table = await snapshots.GetAsync(access, CancellationToken.None);
            load.Stop();
            // the load again, in its two parts: the database read, then the layout
            var dbs = host.Services.GetRequiredService<CiteEmploi.Web.Features.Access.CiteDbContextFactory>();
            var read = Stopwatch.StartNew();
            List<Service> services;
            Dictionary<Guid, Structure> structures;
            await using (var db = await dbs.CreateAsync(access))
            {
                services = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Services).Where(s => s.Status == ServiceStatus.Publie));
                structures = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
                    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Structures), s => s.Id);
            }
            read.Stop();
            var layout = Stopwatch.StartNew();
            _ = CitePositions.Build(services, structures);
            layout.Stop();
            output.WriteLine($"The Cité's table of positions, read once per change of its directory: {load.Elapsed.TotalMilliseconds:N0} ms " +
                             $"(again: database read {read.Elapsed.TotalMilliseconds:N0} ms, layout {layout.Elapsed.TotalMilliseconds:N0} ms) for {table.Count:N0} " +
                             $"services ({table.Sources.Count(s => s == ServicePositionSource.Address):N0} by their coordinates, " +
                             $"{table.Sources.Count(s => s == ServicePositionSource.CommuneCentre):N0} by their commune's centre, " +
                             $"{table.ComesToPerson.Count(c => c):N0} « à distance » only).");
            output.WriteLine();

            // the naive baseline's data: every service's position as a GeoPoint, read from the same table
            var points = Enumerable.Range(0, table.Count)
                .Select(i => table.Sources[i] == ServicePositionSource.None ? (GeoPoint?)null
                    : new GeoPoint(table.LatitudeRadians[i] / Distance.Radians, table.LongitudeRadians[i] / Distance.Radians))
                .ToArray();

            var warming = Stopwatch.StartNew();
            for (var i = 0; i < JitWarmup && warming.Elapsed < TimeSpan.FromSeconds(60); i++)
            {
                foreach (var c in Cases)
                {
                    await search.SearchAsync(access, Query(c), c.Page);
                }
            }

            var loadAtStart = LoadAverage();
            var directory = host.Services.GetRequiredService<DirectoryService>();
            foreach (var analysed in new[] { false, true })
            {
                if (analysed)
                {
                    // the import already gathered the statistics (DatabaseStatistics): once more, as a check that the
                    // first table is the analysed one (without statistics SQLite read a page's 30 services through the
                    // Cité's index, every row of the Cité, instead of their primary keys: 48–87 ms, docs/benchmarks.md)
                    await using var connection = new SqliteConnection(host.Services.GetRequiredService<DatabaseOptions>().ConnectionString);
                    await connection.OpenAsync();
                    await using var analyse = connection.CreateCommand();
                    analyse.CommandText = "PRAGMA analysis_limit = 400; ANALYZE;";
                    var analysing = Stopwatch.StartNew();
                    await analyse.ExecuteNonQueryAsync();
                    output.WriteLine();
                    output.WriteLine($"### After `ANALYZE` run once more ({analysing.Elapsed.TotalMilliseconds:N0} ms with `analysis_limit = 400`)");
                }
                else
                {
                    output.WriteLine("### As the app stands (statistics gathered by the import: `DatabaseStatistics.AnalyzeAsync`)");
                }
                output.WriteLine();
                var results = new MarkdownTable(("Query", false), ("Within", true), ("« près de » median µs", true), ("p95 µs", true), ("CPU median µs", true),
                    ("loop alone median µs", true), ("p95 µs", true), ("page read median µs", true), ("without « près de » median µs", true), ("p95 µs", true),
                    ("naive near median µs", true), ("p95 µs", true), ("Nearest", false), ("≤ 10 ms", false));
                foreach (var c in Cases)
                {
                    var query = Query(c);
                    var first = await search.SearchAsync(access, query, c.Page);
                    var origin = first.Near!.Origin.Point;
                    var withoutNear = query with { Pres = null, Rayon = null };
                    var tokens = query.Filters.Tokens().Select(SearchQuery.Token).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                    var pageIds = first.Items.Select(r => r.View.Service.Id).Concat(first.Near.ComesToPerson.Select(r => r.View.Service.Id)).ToList();
                    var runs = await MeasureAsync(
                        () => search.SearchAsync(access, query, c.Page),
                        // the loop without words (with words the index's matches are measured in « without »)
                        c.Text is null ? () => Task.FromResult(NearSearch.Rank(table, first.Near.Origin, query.RadiusKm, table.Matching(tokens), null, c.Page * 20)) : null,
                        () => directory.GetPublishedAsync(access, pageIds),
                        withoutNear.IsEmpty ? null : () => search.SearchAsync(access, withoutNear, c.Page),
                        () => Task.FromResult(Naive(points, origin, c.Page)));
                    var nearest = first.Items.Count == 0 ? "—" : $"{first.Items[0].Distance!.Text} ({first.Items[0].View.Service.Name})";
                    results.AddRow(c.Label, first.Total.ToString("N0", CultureInfo.InvariantCulture),
                        F(runs[0].Wall?.MedianMicroseconds), F(runs[0].Wall?.P95Microseconds), F(runs[0].Cpu?.MedianMicroseconds),
                        F(runs[1].Wall?.MedianMicroseconds), F(runs[1].Wall?.P95Microseconds), F(runs[2].Wall?.MedianMicroseconds),
                        F(runs[3].Wall?.MedianMicroseconds), F(runs[3].Wall?.P95Microseconds), F(runs[4].Wall?.MedianMicroseconds), F(runs[4].Wall?.P95Microseconds),
                        nearest, runs[0].Wall is { P95Microseconds: <= 10_000 } ? "yes" : "**no**");
                }
                results.Write(output);
            }
            output.WriteLine();
            await WriteWordsSplitAsync(output, host.Services, access, search, directory, table);
            output.WriteLine();
            output.WriteLine($"Before measuring, every query ran {JitWarmup} times (at most 60 s). Each query: {Warmup} warm-up rounds, then {Runs} measured " +
                             "rounds, each running the columns in turn. Page of 20 results. « près de »: DirectorySearch.SearchAsync with pres " +
                             "(the Cité's table of positions already read, as it is between two changes of the directory); « without »: the same words and " +
                             "filters without pres (— where there are none: the search then has nothing to do); « naive near »: the distance to every " +
                             "placed service by GeoPoint.DistanceTo, then a full sort (in memory, no database read, no filter). CPU: the search thread's " +
                             "processor time (Linux). Loop alone: NearSearch.Rank over the Cité's table (filters as bits, the nearest kept in a heap); " +
                             "page read: DirectoryService.GetPublishedAsync of the page's services (shared with the search without « près de »).");
            output.WriteLine();
            output.WriteLine($"Load average when the measures started: {loadAtStart}; when they ended: {LoadAverage()} (on {Environment.ProcessorCount} logical cores).");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Where a « près de » search with words spends its time, part by part, each measured alone in the same rounds as
    /// the whole search: the index's connection, the vocabulary's plan, the FTS5 statement and its rowids, the rowids
    /// placed in the Cité's table, the loop over the matches, the page's read. The whole search is measured the first
    /// time its words are asked on the copy (the copy's word cache emptied before each run), again (the cache holds
    /// them), and as session 14 left it (its parts called in turn: the index's matches as a list of rowids, mapped to a
    /// list of places, the loop over that list, the page read).
    /// </summary>
    private static async Task WriteWordsSplitAsync(TextWriter output, IServiceProvider services, CiteEmploi.Web.Features.Access.CiteAccess access,
        DirectorySearch search, DirectoryService directory, CitePositions table)
    {
        var index = services.GetRequiredService<DirectorySearchIndex>();
        var rows = await table.RowsAsync(index, access.CiteId);
        var wordCases = Cases.Where(c => c.Text is not null).ToList();
        string[] parts =
        [
            "whole search, words asked again (their matches kept on the copy)",
            "whole search, words asked the first time on the copy",
            "whole search as before (session 14's path, its parts in turn)",
            "part: open the index's connection",
            "part: vocabulary plan (SearchPlan.ResolveAsync)",
            "part: FTS5 statement + its rowids as one text (group_concat, the app's)",
            "part: FTS5 statement + its rowids stepped by SQLite's own interface (tried)",
            "part: FTS5 statement + its rowids row by row (as before)",
            "part: FTS5 statement alone (count(*) of the same matches)",
            "part: rowids → places in the table",
            "part: loop over the matches (NearSearch.Rank)",
            "part: page read (DirectoryService.GetPublishedAsync)",
        ];
        var columns = new List<(string, bool)> { ("Part", false) };
        foreach (var c in wordCases)
        {
            columns.Add(($"« {c.Text} » median µs", true));
            columns.Add(("p95 µs", true));
            columns.Add(("CPU median µs", true));
        }
        var figures = parts.Select(_ => new List<string>()).ToList();
        var counts = new List<string>();
        await using var connection = await index.OpenAsync(CancellationToken.None);
        foreach (var c in wordCases)
        {
            var query = Query(c);
            var first = await search.SearchAsync(access, query, c.Page);
            var origin = first.Near!.Origin;
            var plan = (await index.MatchingPlanAsync(connection, access.CiteId, c.Text!, c.Filters, DirectorySynonyms.Of))!;
            var matches = DirectorySearchIndex.ReadMatches(connection, plan);
            var hits = NearSearch.Place(table, rows, matches);
            var tokens = query.Filters.Tokens().Select(SearchQuery.Token).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var filter = table.Matching(tokens) is { } f ? f.And(hits) : hits;
            var pageIds = first.Items.Select(r => r.View.Service.Id).Concat(first.Near.ComesToPerson.Select(r => r.View.Service.Id)).ToList();
            if (!RowByRow(connection, plan).Order().SequenceEqual(matches.Order()) || !Stepped(connection, plan).Order().SequenceEqual(matches.Order()))
            {
                throw new InvalidOperationException($"« {c.Text} »: the index's matches read in three ways differ.");
            }
            counts.Add($"« {c.Text} »: {matches.Count:N0} matches, FTS5 expression `{plan.Match}`");
            async Task Before()
            {
                // session 14's NearSearch with words: the index's matches read row by row, then a list of places, the loop over that list
                List<long> found;
                await using (var opened = await index.OpenAsync(CancellationToken.None))
                {
                    found = RowByRow(opened, (await index.MatchingPlanAsync(opened, access.CiteId, c.Text!, c.Filters, DirectorySynonyms.Of))!);
                }
                var map = await table.RowsAsync(index, access.CiteId);
                var candidates = new List<int>();
                var marked = new System.Collections.BitArray(table.Count);
                foreach (var row in found)
                {
                    if (map.TryGetValue(row, out var i))
                    {
                        candidates.Add(i);
                        marked[i] = true;
                    }
                }
                var ranked = NearSearch.Rank(table, origin, query.RadiusKm, table.Matching(tokens), candidates, c.Page * 20);
                var ids = ranked.Nearest.Skip((c.Page - 1) * 20).Select(n => table.ServiceIds[n.Index])
                    .Concat(ranked.ComesToPerson.Take(NearSearch.ComesToPersonShown).Select(i => table.ServiceIds[i])).ToList();
                await directory.GetPublishedAsync(access, ids);
            }
            var runs = await MeasureAsync(
                () => search.SearchAsync(access, query, c.Page),
                () =>
                {
                    table.Words.Clear();
                    return search.SearchAsync(access, query, c.Page);
                },
                Before,
                async () => { await using var opened = await index.OpenAsync(CancellationToken.None); },
                () => index.MatchingPlanAsync(connection, access.CiteId, c.Text!, c.Filters, DirectorySynonyms.Of),
                () => Task.FromResult(DirectorySearchIndex.ReadMatches(connection, plan)),
                () => Task.FromResult(Stepped(connection, plan)),
                () => Task.FromResult(RowByRow(connection, plan)),
                () => Task.FromResult(CountMatches(connection, plan)),
                () => Task.FromResult(NearSearch.Place(table, rows, matches)),
                () => Task.FromResult(NearSearch.Rank(table, origin, query.RadiusKm, filter, null, c.Page * 20)),
                () => directory.GetPublishedAsync(access, pageIds));
            for (var p = 0; p < parts.Length; p++)
            {
                figures[p].Add(F(runs[p].Wall?.MedianMicroseconds));
                figures[p].Add(F(runs[p].Wall?.P95Microseconds));
                figures[p].Add(F(runs[p].Cpu?.MedianMicroseconds));
            }
        }
        output.WriteLine($"### « près de » with words: the first time, again, as before, and where the time goes ({string.Join(", ", counts)})");
        output.WriteLine();
        var split = new MarkdownTable([.. columns]);
        for (var p = 0; p < parts.Length; p++)
        {
            split.AddRow([parts[p], .. figures[p]]);
        }
        split.Write(output);
    }

    /// <summary>Session 14's read of the index's matches: one row per match through the driver.</summary>
    private static List<long> RowByRow(SqliteConnection connection, SearchPlan plan)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid FROM DirectorySearch WHERE DirectorySearch MATCH $match AND rowid BETWEEN $lo AND $hi";
        plan.Bind(command);
        var rows = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }
        return rows;
    }

    /// <summary>The index's matches stepped through SQLite's own interface (SQLitePCLRaw), without Microsoft.Data.Sqlite's reader.</summary>
    private static List<long> Stepped(SqliteConnection connection, SearchPlan plan)
    {
        var db = connection.Handle!;
        var rows = new List<long>();
        var rc = SQLitePCL.raw.sqlite3_prepare_v2(db, "SELECT rowid FROM DirectorySearch WHERE DirectorySearch MATCH ?1 AND rowid BETWEEN ?2 AND ?3", out var statement);
        using (statement)
        {
            if (rc != SQLitePCL.raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
            SQLitePCL.raw.sqlite3_bind_text(statement, 1, plan.Match);
            SQLitePCL.raw.sqlite3_bind_int64(statement, 2, plan.Lo);
            SQLitePCL.raw.sqlite3_bind_int64(statement, 3, plan.Hi);
            while ((rc = SQLitePCL.raw.sqlite3_step(statement)) == SQLitePCL.raw.SQLITE_ROW)
            {
                rows.Add(SQLitePCL.raw.sqlite3_column_int64(statement, 0));
            }
            if (rc != SQLitePCL.raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
        return rows;
    }

    /// <summary>FTS5's own cost: the same statement counted, nothing returned.</summary>
    private static long CountMatches(SqliteConnection connection, SearchPlan plan)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM DirectorySearch WHERE DirectorySearch MATCH $match AND rowid BETWEEN $lo AND $hi";
        plan.Bind(command);
        return (long)command.ExecuteScalar()!;
    }

    private static DirectoryQuery Query(Case c) => new(c.Text, c.Filters, c.Pres, c.Rayon);

    private static int Naive(GeoPoint?[] points, GeoPoint origin, int page) =>
        points.Select((p, i) => (Index: i, Metres: p is { } point ? origin.DistanceTo(point) : double.NaN))
            .Where(x => !double.IsNaN(x.Metres))
            .OrderBy(x => x.Metres)
            .Skip((page - 1) * 20)
            .Take(20)
            .Count();

    private static string F(double? microseconds) => microseconds is { } m ? m.ToString("N0", CultureInfo.InvariantCulture) : "—";

    private static async Task<(LatencySummary? Wall, LatencySummary? Cpu)[]> MeasureAsync(params Func<Task>?[] runs)
    {
        var wall = runs.Select(_ => new List<long>()).ToArray();
        var cpu = runs.Select(_ => new List<long>()).ToArray();
        for (var round = -Warmup; round < Runs; round++)
        {
            for (var i = 0; i < runs.Length; i++)
            {
                if (runs[i] is not { } run)
                {
                    continue;
                }
                var thread = Environment.CurrentManagedThreadId;
                var cpuStart = ThreadCpu.Ticks();
                var start = Stopwatch.GetTimestamp();
                await run();
                var elapsed = Stopwatch.GetTimestamp() - start;
                var cpuEnd = ThreadCpu.Ticks();
                if (round >= 0)
                {
                    wall[i].Add(elapsed);
                    if (cpuStart is { } s && cpuEnd is { } e && thread == Environment.CurrentManagedThreadId)
                    {
                        cpu[i].Add(e - s);
                    }
                }
            }
        }
        return [.. runs.Select((r, i) => (r is null ? null : new LatencySummary([.. wall[i]]), cpu[i].Count == 0 ? null : new LatencySummary([.. cpu[i]])))];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Structures and services around the shipped centres of the communes of Paris and the inner suburbs (75, 92, 93, 94).</summary>
    private static void WriteFiles(string structuresPath, string servicesPath)
    {
        var random = new Random(42);
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var communes = Communes.All.Where(c => c.Position is not null && c.PositionSource == PlacePositionSource.CommuneCentre
            && (c.Code.StartsWith("751", StringComparison.Ordinal) || c.Code.StartsWith("92", StringComparison.Ordinal)
                || c.Code.StartsWith("93", StringComparison.Ordinal) || c.Code.StartsWith("94", StringComparison.Ordinal)))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToArray();
        var thematiques = Referentiels.Thematiques.Codes.ToArray();
        var publics = Referentiels.Publics.Codes.Where(c => c != Referentiels.TousPublics).ToArray();
        string[] words = ["accompagnement", "emploi", "insertion", "jeunes", "quartier", "démarches", "formation", "parcours", "orientation",
            "entretien", "collectif", "atelier", "familles", "qualification", "métiers", "entreprises", "mobilité", "numérique", "santé", "permis", "conduire"];

        SyntheticServices.WriteStructuresFile(structuresPath, "banc-essai", StructureCount, "2025-10-01");

        using (var stream = File.Create(servicesPath))
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartArray();
            for (var i = 0; i < ServiceCount; i++)
            {
                var commune = communes[random.Next(communes.Length)];
                var kind = random.Next(100);
                json.WriteStartObject();
                json.WriteString("source", "banc-essai");
                json.WriteString("structure_id", $"banc-essai--structure-{random.Next(StructureCount)}");
                json.WriteString("id", $"banc-essai--service-{i}");
                json.WriteString("nom", $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]} n° {i}");
                json.WriteString("description", string.Join(' ', Enumerable.Range(0, 30).Select(_ => words[random.Next(words.Length)])) + ".");
                json.WriteString("date_maj", "2025-10-01");
                json.WriteStartArray("thematiques");
                foreach (var code in thematiques.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                {
                    json.WriteStringValue(code);
                }
                json.WriteEndArray();
                json.WriteStartArray("publics");
                json.WriteStringValue(publics[random.Next(publics.Length)]);
                json.WriteEndArray();
                json.WriteString("frais", random.Next(3) == 0 ? "payant" : "gratuit");
                json.WriteStartArray("modes_accueil");
                json.WriteStringValue(kind < 4 ? "a-distance" : "en-presentiel");
                json.WriteEndArray();
                if (kind >= 8)
                {
                    json.WriteString("commune", commune.Name);
                    json.WriteString("code_insee", commune.Code);
                }
                if (kind >= 20)
                {
                    // within about a kilometre and a half of the commune's centre
                    var centre = commune.Position!.Value;
                    json.WriteNumber("latitude", Math.Round(centre.Latitude + ((random.NextDouble() - 0.5) * 0.027), 6));
                    json.WriteNumber("longitude", Math.Round(centre.Longitude + ((random.NextDouble() - 0.5) * 0.041), 6));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
    }
}
