using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Annuaire.Search;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Bench.Annuaire;

/// <summary>
/// Issue 4's figure: search over 50,000 services of one Cité, server-side (median ≤ 2 ms, p95 ≤ 5 ms), beside two
/// baselines on the same data in the same run: a plain LIKE query, and the raw FTS5 query the index is built on.
/// The services are synthetic (generated with a fixed seed), never presented as real.
/// </summary>
public sealed class DirectorySearchBenchmark : IBenchmark
{
    private const int ServiceCount = 50_000;
    private const int Warmup = 20;
    private const int Runs = 200;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(120);

    public string Name => "directory-search";

    public string Description =>
        $"Directory search over {ServiceCount:N0} synthetic services in one Cité (SQLite FTS5, BM25, synonyms, filters, highlighting), " +
        "beside a plain LIKE query and the raw FTS5 MATCH on the same data.";

    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["permis"] = ["auto ecole"],
        ["creche"] = ["garde d enfants", "mode de garde"],
        ["logement"] = ["hebergement"],
        ["numerique"] = ["informatique"],
    };

    private static readonly (string Label, string? Text, SearchFilters Filters, string LikeTerm, string FtsTerm)[] Queries =
    [
        ("un mot : « creche »", "creche", SearchFilters.None, "creche", "creche"),
        ("un mot : « permis »", "permis", SearchFilters.None, "permis", "permis"),
        ("deux mots : « logement jeune »", "logement jeune", SearchFilters.None, "logement", "logement jeune"),
        ("préfixe : « mobil »", "mobil", SearchFilters.None, "mobil", "mobil*"),
        ("mot + filtres : « atelier » + numérique + gratuit", "atelier", new SearchFilters(Frein: "numerique", FreeOnly: true), "atelier", "atelier"),
        ("frein seul : mobilité", null, new SearchFilters(Frein: "mobilite"), "Mobilité", "mobilite"),
    ];

    public async Task RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bench.db"), Pooling = true }.ToString();
        var index = new DirectorySearchIndex(new DatabaseOptions(connectionString, folder));
        var started = Stopwatch.StartNew();
        try
        {
            var citeId = Guid.NewGuid();
            await CreateTablesAsync(connectionString);
            var documents = SyntheticServices.Generate(citeId, ServiceCount, seed: 42);

            var indexing = Stopwatch.StartNew();
            foreach (var batch in documents.Chunk(5_000))
            {
                await index.UpsertAsync(batch);
            }
            indexing.Stop();
            await FillPlainTableAsync(connectionString, documents);

            output.WriteLine($"Indexing {ServiceCount:N0} services (FTS5, batches of 5,000): {indexing.Elapsed.TotalSeconds:0.0} s " +
                             "(index only; the data·inclusion import pipeline is not built yet).");
            output.WriteLine();
            var table = new MarkdownTable(("Query", false), ("Hits", true), ("CiteEmploi median µs", true), ("CiteEmploi p95 µs", true),
                ("raw FTS5 median µs", true), ("raw FTS5 p95 µs", true), ("raw FTS5 ranked median µs", true), ("raw FTS5 ranked p95 µs", true),
                ("LIKE median µs", true), ("LIKE p95 µs", true));

            await using var raw = new SqliteConnection(connectionString);
            await raw.OpenAsync();
            foreach (var query in Queries)
            {
                if (started.Elapsed > TimeLimit)
                {
                    output.WriteLine($"(stopped after {TimeLimit.TotalSeconds:0} s)");
                    break;
                }
                Func<string, IEnumerable<string>> synonyms = t => Synonyms.TryGetValue(t, out var s) ? s : [];
                var hits = await index.CountAsync(citeId, query.Text, query.Filters, synonyms);
                var ours = await MeasureAsync(() => index.SearchAsync(citeId, query.Text, query.Filters, synonyms));
                var fts = await MeasureAsync(() => RawFtsAsync(raw, query.FtsTerm, ranked: false));
                var ranked = await MeasureAsync(() => RawFtsAsync(raw, query.FtsTerm, ranked: true));
                var like = await MeasureAsync(() => LikeAsync(raw, citeId, query.LikeTerm));
                table.AddRow(query.Label, hits.ToString("N0", CultureInfo.InvariantCulture),
                    F(ours.MedianMicroseconds), F(ours.P95Microseconds), F(fts.MedianMicroseconds), F(fts.P95Microseconds),
                    F(ranked.MedianMicroseconds), F(ranked.P95Microseconds),
                    F(like.MedianMicroseconds), F(like.P95Microseconds));
            }
            table.Write(output);
            output.WriteLine();
            output.WriteLine($"Each query: {Warmup} warm-up runs, then {Runs} measured runs, first page of 20 results, one connection per search " +
                             "(as the app does). LIKE is accent-sensitive and unranked: it is the naive baseline, not an equivalent.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string F(double microseconds) => microseconds.ToString("N0", CultureInfo.InvariantCulture);

    private static async Task<LatencySummary> MeasureAsync<T>(Func<Task<T>> run)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await run();
        }
        var ticks = new long[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        return new LatencySummary(ticks);
    }

    private static async Task<int> RawFtsAsync(SqliteConnection connection, string term, bool ranked)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT service_id FROM DirectorySearch WHERE DirectorySearch MATCH $q " + (ranked ? "ORDER BY rank " : "") + "LIMIT 20";
        command.Parameters.AddWithValue("$q", term);
        return await CountRowsAsync(command);
    }

    private static async Task<int> LikeAsync(SqliteConnection connection, Guid citeId, string term)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM PlainServices WHERE cite = $cite AND (name LIKE $t OR structure LIKE $t OR barriers LIKE $t OR description LIKE $t) LIMIT 20";
        command.Parameters.AddWithValue("$cite", citeId.ToString("N"));
        command.Parameters.AddWithValue("$t", $"%{term}%");
        return await CountRowsAsync(command);
    }

    private static async Task<int> CountRowsAsync(SqliteCommand command)
    {
        var n = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            n++;
        }
        return n;
    }

    private static async Task CreateTablesAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; " + DirectorySearchIndex.CreateTableSql + "; " +
                              "CREATE TABLE PlainServices (id TEXT PRIMARY KEY, cite TEXT, name TEXT, structure TEXT, barriers TEXT, description TEXT); " +
                              "CREATE INDEX IX_PlainServices_cite ON PlainServices (cite);";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task FillPlainTableAsync(string connectionString, IReadOnlyList<SearchDocument> documents)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO PlainServices VALUES ($id, $cite, $name, $structure, $barriers, $description)";
        var p = new[] { "$id", "$cite", "$name", "$structure", "$barriers", "$description" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        foreach (var d in documents)
        {
            p[0].Value = d.ServiceId.ToString("N");
            p[1].Value = d.CiteId.ToString("N");
            p[2].Value = d.Name;
            p[3].Value = d.StructureName;
            p[4].Value = d.Barriers;
            p[5].Value = d.Description;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
