using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Annuaire.Search;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Bench.Annuaire;

/// <summary>
/// Issue 4's figure: search over 50,000 services of one Cité, server-side (median ≤ 2 ms, p95 ≤ 5 ms), beside two
/// baselines on the same data in the same run: a plain LIKE query, and the raw FTS5 query the index is built on; and,
/// for reference, the textbook FTS5 table (accent-folding tokenizer, prefix queries, BM25) the first version used.
/// Issue 14: the app's search understands French (lexicon, stems, typing mistakes, the closest matches); beside it, the
/// same index searched with the words as typed only (<see cref="QueryUnderstanding.WordsOnly"/>), in the same rounds.
/// A second, smaller Cité (650 services, a large real directory) shares the database: there every match is scored.
/// The services are synthetic (generated with a fixed seed), never presented as real.
/// </summary>
public sealed class DirectorySearchBenchmark : IBenchmark
{
    private const int ServiceCount = 50_000;
    private const int SmallCiteCount = 650;
    private const int Warmup = 20;
    private const int Runs = 200;

    /// <summary>The slow baselines (LIKE, textbook BM25: tens of milliseconds) run every this many rounds only.</summary>
    private const int SlowStride = 4;

    /// <summary>Calls of the app's search before measuring, so tiered compilation has optimised it as in a running server.</summary>
    private const int JitWarmup = 300;

    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(480);

    public string Name => "directory-search";

    public string Description =>
        $"Directory search over {ServiceCount:N0} synthetic services in one Cité (and {SmallCiteCount} in another), with the app's synonym list, " +
        "filters and highlighting, beside a plain LIKE query and the raw FTS5 MATCH on the same data.";

    /// <param name="Fts">The raw FTS5 query on the index's table: the typed words, exact (as folded), and filter codes; prefixes only where the query is about one.</param>
    /// <param name="Textbook">The same words on the textbook table: prefixes, BM25 (null: not measured).</param>
    /// <param name="AnyWord">The closest matches (the page's fallback when no service holds every word).</param>
    private sealed record Query(string Label, bool Small, string? Text, SearchFilters Filters, string Like, string Fts, string? Textbook, bool AnyWord = false);

    private static readonly Query[] Queries =
    [
        new("un mot : « creche »", false, "creche", SearchFilters.None, "creche", "creche", "\"creche\"*"),
        new("un mot : « permis »", false, "permis", SearchFilters.None, "permis", "permis", "\"permis\"*"),
        new("un mot : « addiction »", false, "addiction", SearchFilters.None, "addiction", "addictions", "\"addiction\"*"),
        new("deux mots : « logement jeune »", false, "logement jeune", SearchFilters.None, "logement", "logement jeunes", "\"logement\"* \"jeune\"*"),
        new("préfixe : « mobil »", false, "mobil", SearchFilters.None, "mobil", "mobil*", "\"mobil\"*"),
        new("mot + filtres : « atelier » + numérique + gratuit", false, "atelier", new SearchFilters(Frein: "numerique", FreeOnly: true), "atelier",
            "atelier freinnumerique fraisgratuit", "\"atelier\"* codes:freinnumerique codes:fraisgratuit"),
        new("frein seul : mobilité", false, null, new SearchFilters(Frein: "mobilite"), "Mobilité", "freinmobilite", "codes:freinmobilite"),
        // issue 14: the words field workers type — the lexicon (barriers and thématiques as codes), stems, typing mistakes, the closest matches
        new("lexique : « voiture »", false, "voiture", SearchFilters.None, "voiture", "voiture", "\"voiture\"*"),
        new("lexique, expression : « faire garder mon enfant »", false, "faire garder mon enfant", SearchFilters.None, "garder", "garder enfant", "\"garder\"* \"enfant\"*"),
        new("faute de frappe : « mobilté »", false, "mobilté", SearchFilters.None, "mobilté", "mobilte", "\"mobilte\"*"),
        new("faute de frappe : « acompagnement »", false, "acompagnement", SearchFilters.None, "acompagnement", "acompagnement", "\"acompagnement\"*"),
        new("formes d'un mot : « logements »", false, "logements", SearchFilters.None, "logements", "logements", "\"logements\"*"),
        new("plus proches : « crèche samedi »", false, "crèche samedi", SearchFilters.None, "samedi", "creche OR samedi", "\"creche\"* OR \"samedi\"*", AnyWord: true),
        new("650 services : « creche »", true, "creche", SearchFilters.None, "creche", "creche", null),
        new("650 services : « logement jeune »", true, "logement jeune", SearchFilters.None, "logement", "logement jeunes", null),
        new("650 services : « accompagnement » (mot très courant)", true, "accompagnement", SearchFilters.None, "accompagnement", "accompagnement", null),
        new("650 services : « nounou »", true, "nounou", SearchFilters.None, "nounou", "nounou", null),
        new("650 services : « mobilté »", true, "mobilté", SearchFilters.None, "mobilté", "mobilte", null),
    ];

    public async Task RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bench.db"), Pooling = true }.ToString();
        var index = new DirectorySearchIndex(new DatabaseOptions(connectionString, folder));
        // The same index searched with the words as typed only (the search before issue 14): the baseline of the understanding.
        var wordsOnly = new DirectorySearchIndex(new DatabaseOptions(connectionString, folder), QueryUnderstanding.WordsOnly);
        var started = Stopwatch.StartNew();
        try
        {
            var citeId = Guid.NewGuid();
            var smallCiteId = Guid.NewGuid();
            await CreateTablesAsync(connectionString);
            var documents = SyntheticServices.Generate(citeId, ServiceCount, seed: 42);
            var small = SyntheticServices.Generate(smallCiteId, SmallCiteCount, seed: 7);

            var indexing = Stopwatch.StartNew();
            foreach (var batch in documents.Chunk(5_000))
            {
                await index.UpsertAsync(batch);
            }
            indexing.Stop();
            var reindexing = Stopwatch.StartNew();
            await index.UpsertAsync(documents.Take(5_000).ToList());
            reindexing.Stop();
            await index.UpsertAsync(small);
            await FillBaselineTablesAsync(connectionString, [.. documents, .. small]);

            output.WriteLine($"Indexing {ServiceCount:N0} services (batches of 5,000): {indexing.Elapsed.TotalSeconds:0.0} s; " +
                             $"indexing again 5,000 already indexed: {reindexing.Elapsed.TotalSeconds:0.0} s " +
                             "(index only; the data·inclusion import itself is measured apart).");
            output.WriteLine();
            var table = new MarkdownTable(("Query", false), ("Hits", true), ("CiteEmploi median µs", true), ("CiteEmploi p95 µs", true),
                ("CPU median µs", true), ("words only median µs", true), ("words only p95 µs", true), ("words only hits", true), ("count median µs", true), ("count p95 µs", true), ("count ≤ 200 median µs", true), ("raw FTS5 median µs", true), ("raw FTS5 p95 µs", true),
                ("textbook FTS5 + BM25 median µs", true), ("textbook p95 µs", true), ("LIKE median µs", true), ("LIKE p95 µs", true), ("First result", false));

            // Tiered compilation first runs every method unoptimised; a server that has answered a few hundred searches
            // runs optimised code, and so must the figures (under load the optimising compiler lags behind).
            var warming = Stopwatch.StartNew();
            for (var i = 0; i < JitWarmup && warming.Elapsed < TimeSpan.FromSeconds(60); i++)
            {
                foreach (var query in Queries)
                {
                    var cite = query.Small ? smallCiteId : citeId;
                    await index.SearchAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, anyWord: query.AnyWord);
                    await index.CountAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, int.MaxValue, query.AnyWord);
                    await wordsOnly.SearchAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, anyWord: query.AnyWord);
                }
            }

            await using var raw = new SqliteConnection(connectionString);
            await raw.OpenAsync();
            foreach (var query in Queries)
            {
                if (started.Elapsed > TimeLimit)
                {
                    output.WriteLine($"(stopped after {TimeLimit.TotalSeconds:0} s)");
                    break;
                }
                var cite = query.Small ? smallCiteId : citeId;
                var range = await RangeAsync(raw, cite);
                var hits = await index.CountAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, int.MaxValue, query.AnyWord);
                var plainHits = await wordsOnly.CountAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, int.MaxValue, query.AnyWord);
                var first = await index.SearchAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, take: 1, anyWord: query.AnyWord);
                var firstName = first.Count == 0 ? "—" : first[0].MarkedName.Replace(SearchHit.MarkStart.ToString(), "**", StringComparison.Ordinal)
                    .Replace(SearchHit.MarkEnd.ToString(), "**", StringComparison.Ordinal);
                var runs = await MeasureAsync(
                    (1, () => index.SearchAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, anyWord: query.AnyWord)),
                    (1, () => index.CountAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, int.MaxValue, query.AnyWord)),
                    (1, () => index.CountAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, 200, query.AnyWord)),
                    (1, () => RawFtsAsync(raw, query.Fts, range)),
                    (SlowStride, query.Textbook is { } textbook ? () => TextbookAsync(raw, textbook) : null),
                    (SlowStride, () => LikeAsync(raw, cite, query.Like)),
                    (1, () => wordsOnly.SearchAsync(cite, query.Text, query.Filters, DirectorySynonyms.Of, anyWord: query.AnyWord)));
                table.AddRow(query.Label, hits.ToString("N0", CultureInfo.InvariantCulture),
                    F(runs[0].Wall?.MedianMicroseconds), F(runs[0].Wall?.P95Microseconds), F(runs[0].Cpu?.MedianMicroseconds),
                    F(runs[6].Wall?.MedianMicroseconds), F(runs[6].Wall?.P95Microseconds), plainHits.ToString("N0", CultureInfo.InvariantCulture),
                    F(runs[1].Wall?.MedianMicroseconds), F(runs[1].Wall?.P95Microseconds), F(runs[2].Wall?.MedianMicroseconds),
                    F(runs[3].Wall?.MedianMicroseconds), F(runs[3].Wall?.P95Microseconds), F(runs[4].Wall?.MedianMicroseconds), F(runs[4].Wall?.P95Microseconds),
                    F(runs[5].Wall?.MedianMicroseconds), F(runs[5].Wall?.P95Microseconds), firstName);
            }
            table.Write(output);
            output.WriteLine();
            output.WriteLine($"Before measuring, every query's search and count ran {JitWarmup} times (at most 60 s) so the code is optimised as in a " +
                             $"running server. Each query: {Warmup} warm-up rounds, then {Runs} measured rounds; each round runs every column once in turn " +
                             $"(LIKE and the textbook table every {SlowStride} rounds only: they take tens of milliseconds), so a busy neighbour slows " +
                             "them alike. First page of 20 results, one connection per search and per count (as the app does). *CPU* is the search " +
                             "thread's processor time (Linux), which a busy neighbour inflates less than the wall-clock time. LIKE is accent-sensitive " +
                             "and unranked: it is the naive baseline, not an equivalent. *words only*: the same index searched with the words as " +
                             "typed, their prefixes and the synonym list (no lexicon, stems or corrections: the search before issue 14). The rows « plus " +
                             "proches » search services holding any of the words (the page's fallback when none holds them all).");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string F(double? microseconds) => microseconds is { } m ? m.ToString("N0", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// Runs each non-null function every <c>stride</c> rounds, in turn; returns per function the wall-clock summary and,
    /// where the thread's processor time could be read around the call, the processor time summary (null where none).
    /// </summary>
    private static async Task<(LatencySummary? Wall, LatencySummary? Cpu)[]> MeasureAsync(params (int Stride, Func<Task>? Run)[] runs)
    {
        var wall = runs.Select(_ => new List<long>()).ToArray();
        var cpu = runs.Select(_ => new List<long>()).ToArray();
        for (var round = -Warmup; round < Runs; round++)
        {
            for (var i = 0; i < runs.Length; i++)
            {
                if (runs[i].Run is not { } run || ((round % runs[i].Stride) + runs[i].Stride) % runs[i].Stride != 0)
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
                    // Only when the call stayed on one thread (SQLite calls complete synchronously; a hop would mix two threads' clocks).
                    if (cpuStart is { } s && cpuEnd is { } e && thread == Environment.CurrentManagedThreadId)
                    {
                        cpu[i].Add(e - s);
                    }
                }
            }
        }
        return [.. runs.Select((r, i) => (r.Run is null ? null : new LatencySummary([.. wall[i]]), cpu[i].Count == 0 ? null : new LatencySummary([.. cpu[i]])))];
    }

    /// <summary>The Cité's rowids in the index (its ordinal in the high 32 bits, as the index lays them out).</summary>
    private static async Task<(long Lo, long Hi)> RangeAsync(SqliteConnection connection, Guid citeId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ordinal FROM DirectorySearchCites WHERE cite_id = $cite";
        command.Parameters.AddWithValue("$cite", citeId.ToString("N"));
        var ordinal = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return (ordinal << 32, (ordinal << 32) | 0xFFFF_FFFFL);
    }

    private static async Task<int> RawFtsAsync(SqliteConnection connection, string query, (long Lo, long Hi) range)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid FROM DirectorySearch WHERE DirectorySearch MATCH $q AND rowid BETWEEN $lo AND $hi LIMIT 20";
        command.Parameters.AddWithValue("$q", query);
        command.Parameters.AddWithValue("$lo", range.Lo);
        command.Parameters.AddWithValue("$hi", range.Hi);
        return await CountRowsAsync(command);
    }

    private static async Task<int> TextbookAsync(SqliteConnection connection, string query)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT service_id FROM TextbookSearch WHERE TextbookSearch MATCH $q ORDER BY rank LIMIT 20";
        command.Parameters.AddWithValue("$q", query);
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
                              "CREATE INDEX IX_PlainServices_cite ON PlainServices (cite); " +
                              // The first version's table: FTS5 as its documentation shows it (only the 50,000 services' Cité).
                              "CREATE VIRTUAL TABLE TextbookSearch USING fts5(service_id UNINDEXED, name, structure, barriers, topics, publics, place, description, codes, " +
                              "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'); " +
                              "INSERT INTO TextbookSearch (TextbookSearch, rank) VALUES ('rank', 'bm25(0, 10.0, 4.0, 6.0, 3.0, 2.0, 2.0, 1.0, 0)');";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task FillBaselineTablesAsync(string connectionString, IReadOnlyList<SearchDocument> documents)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO PlainServices VALUES ($id, $cite, $name, $structure, $barriers, $description)";
        var p = new[] { "$id", "$cite", "$name", "$structure", "$barriers", "$description" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        await using var textbook = connection.CreateCommand();
        textbook.CommandText = "INSERT INTO TextbookSearch VALUES ($id, $name, $structure, $barriers, $topics, $publics, $place, $description, $codes)";
        var t = new[] { "$id", "$name", "$structure", "$barriers", "$topics", "$publics", "$place", "$description", "$codes" }
            .Select(n => textbook.Parameters.Add(n, SqliteType.Text)).ToArray();
        var mainCite = documents[0].CiteId;
        foreach (var d in documents)
        {
            p[0].Value = d.ServiceId.ToString("N");
            p[1].Value = d.CiteId.ToString("N");
            p[2].Value = d.Name;
            p[3].Value = d.StructureName;
            p[4].Value = d.Barriers;
            p[5].Value = d.Description;
            await insert.ExecuteNonQueryAsync();
            if (d.CiteId == mainCite)
            {
                (t[0].Value, t[1].Value, t[2].Value, t[3].Value, t[4].Value) = (d.ServiceId.ToString("N"), d.Name, d.StructureName, d.Barriers, d.Topics);
                (t[5].Value, t[6].Value, t[7].Value, t[8].Value) = (d.Publics, d.Place, d.Description, string.Join(' ', d.FilterCodes));
                await textbook.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }
}
