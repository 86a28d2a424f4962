using System.Globalization;
using System.Text;
using CiteEmploi.Web.Data;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// The directory's full-text index: an SQLite FTS5 table (<c>DirectorySearch</c>, created by a migration) with the
/// <c>unicode61 remove_diacritics 2</c> tokenizer, ranked by BM25 with the service's name weighing most. Filters are
/// tokens of the indexed <c>codes</c> column, and so is the Cité, so one MATCH answers them all at once.
/// </summary>
public sealed class DirectorySearchIndex(DatabaseOptions database)
{
    /// <summary>Up to this many matches, results are ranked exactly by BM25; beyond, by tiers (name, barriers, rest).</summary>
    public const int ExactRankingLimit = 500;


    /// <summary>The FTS5 table, and the key table that finds a service's row without scanning (UNINDEXED columns are not indexed).</summary>
    public const string CreateTableSql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS DirectorySearch USING fts5(" +
        "service_id UNINDEXED, cite_id UNINDEXED, name, structure, barriers, topics, publics, place, description, codes, " +
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'); " +
        "CREATE TABLE IF NOT EXISTS DirectorySearchKeys (service_id TEXT NOT NULL PRIMARY KEY, fts_rowid INTEGER NOT NULL); " +
        // The built-in rank is BM25 with these column weights (service_id, cite_id, name, structure, barriers, topics,
        // publics, place, description, codes): the name weighs most. ORDER BY rank is FTS5's optimised path.
        "INSERT INTO DirectorySearch (DirectorySearch, rank) VALUES ('rank', 'bm25(0, 0, 10.0, 4.0, 6.0, 3.0, 2.0, 2.0, 1.0, 0)')";

    /// <summary>Adds or replaces the documents (one transaction for the batch).</summary>
    public async Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM DirectorySearch WHERE rowid = (SELECT fts_rowid FROM DirectorySearchKeys WHERE service_id = $id)";
        var deleteId = delete.Parameters.Add("$id", SqliteType.Text);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO DirectorySearch (service_id, cite_id, name, structure, barriers, topics, publics, place, description, codes) " +
                             "VALUES ($id, $cite, $name, $structure, $barriers, $topics, $publics, $place, $description, $codes); " +
                             "INSERT OR REPLACE INTO DirectorySearchKeys (service_id, fts_rowid) VALUES ($id, last_insert_rowid());";
        var p = new[] { "$id", "$cite", "$name", "$structure", "$barriers", "$topics", "$publics", "$place", "$description", "$codes" }
            .ToDictionary(n => n, n => insert.Parameters.Add(n, SqliteType.Text));
        foreach (var d in documents)
        {
            deleteId.Value = Id(d.ServiceId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
            p["$id"].Value = Id(d.ServiceId);
            p["$cite"].Value = Id(d.CiteId);
            p["$name"].Value = d.Name;
            p["$structure"].Value = d.StructureName;
            p["$barriers"].Value = d.Barriers;
            p["$topics"].Value = d.Topics;
            p["$publics"].Value = d.Publics;
            p["$place"].Value = d.Place;
            p["$description"].Value = d.Description;
            p["$codes"].Value = string.Join(' ', d.FilterCodes.Append(SearchIndexCodes.Cite(d.CiteId)));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemoveAsync(Guid serviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM DirectorySearch WHERE rowid = (SELECT fts_rowid FROM DirectorySearchKeys WHERE service_id = $id); " +
                              "DELETE FROM DirectorySearchKeys WHERE service_id = $id;";
        command.Parameters.AddWithValue("$id", Id(serviceId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Services of one Cité matching the typed words and the filters, best first.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms,
        int skip = 0, int take = 20, CancellationToken cancellationToken = default)
    {
        if (Match(citeId, typed, filters, synonyms) is not { } match)
        {
            return [];
        }
        var text = SearchQuery.TextExpression(typed, synonyms);
        await using var connection = await OpenAsync(cancellationToken);

        // 1. Rank and page. Without words, every match is as good as another: no ranking at all. With words, BM25 over
        //    every match while there are at most ExactRankingLimit of them (any real Cité's directory); beyond, the
        //    tiers below keep the answer fast (docs/benchmarks.md, directory-search).
        List<(long RowId, string ServiceId, double Rank)> page;
        if (text is null)
        {
            page = await PageAsync(connection, match, ranked: false, skip, take, tier: 0, cancellationToken);
        }
        else if (await CountAsync(connection, match, cancellationToken, atMost: ExactRankingLimit + 1) <= ExactRankingLimit)
        {
            page = await PageAsync(connection, match, ranked: true, skip, take, tier: 0, cancellationToken);
        }
        else
        {
            page = await TieredPageAsync(connection, filters, text, citeId, skip, take, cancellationToken);
        }
        if (page.Count == 0)
        {
            return [];
        }

        // 2. Read only the page's texts (by rowid, no MATCH) and mark the matched words here.
        var texts = new Dictionary<long, (string Name, string Description)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT rowid, name, description FROM DirectorySearch WHERE rowid IN (" +
                                  string.Join(',', page.Select(p => p.RowId.ToString(CultureInfo.InvariantCulture))) + ")";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                texts[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }
        var prefixes = SearchMarker.Prefixes(typed, synonyms);
        return [.. page.Select(p => new SearchHit(Guid.Parse(p.ServiceId), p.Rank,
            SearchMarker.Mark(texts[p.RowId].Name, prefixes), SearchMarker.Excerpt(texts[p.RowId].Description, prefixes)))];
    }

    /// <summary>How many services of the Cité match (for "N résultats" and pagination).</summary>
    public async Task<int> CountAsync(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms, CancellationToken cancellationToken = default)
    {
        if (Match(citeId, typed, filters, synonyms) is not { } match)
        {
            return 0;
        }
        await using var connection = await OpenAsync(cancellationToken);
        return await CountAsync(connection, match, cancellationToken);
    }

    /// <param name="atMost">Stop counting there (enough to choose how to rank, and much cheaper on common words).</param>
    private static async Task<int> CountAsync(SqliteConnection connection, string match, CancellationToken cancellationToken, int? atMost = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = atMost is { } limit
            ? $"SELECT count(*) FROM (SELECT 1 FROM DirectorySearch WHERE DirectorySearch MATCH $match LIMIT {limit.ToString(CultureInfo.InvariantCulture)})"
            : "SELECT count(*) FROM DirectorySearch WHERE DirectorySearch MATCH $match";
        command.Parameters.AddWithValue("$match", match);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<List<(long RowId, string ServiceId, double Rank)>> PageAsync(SqliteConnection connection, string match,
        bool ranked, int skip, int take, int tier, CancellationToken cancellationToken)
    {
        var page = new List<(long RowId, string ServiceId, double Rank)>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid, service_id, " + (ranked ? "rank" : "0.0") +
                              " FROM DirectorySearch WHERE DirectorySearch MATCH $match " +
                              (ranked ? "ORDER BY rank " : string.Empty) + "LIMIT $take OFFSET $skip";
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetInt64(0), reader.GetString(1), ranked ? reader.GetDouble(2) : tier));
        }
        return page;
    }

    /// <summary>
    /// For very common words: services whose name matches first, then those whose barriers or themes match, then the
    /// rest; unranked inside a tier. Each tier is a cheap FTS5 scan that stops at the page.
    /// </summary>
    private static async Task<List<(long RowId, string ServiceId, double Rank)>> TieredPageAsync(SqliteConnection connection, SearchFilters filters,
        string text, Guid citeId, int skip, int take, CancellationToken cancellationToken)
    {
        var wanted = skip + take;
        var seen = new HashSet<long>();
        var collected = new List<(long RowId, string ServiceId, double Rank)>();
        string[] tiers = ["{name}", "{name barriers topics}", TextColumns];
        for (var tier = 0; tier < tiers.Length && collected.Count < wanted; tier++)
        {
            var match = string.Join(" AND ", filters.Tokens().Prepend(SearchIndexCodes.Cite(citeId)).Select(SearchQuery.Code).Append($"{tiers[tier]} : ({text})"));
            foreach (var row in await PageAsync(connection, match, ranked: false, skip: 0, take: wanted + seen.Count, tier, cancellationToken))
            {
                if (seen.Add(row.RowId) && collected.Count < wanted)
                {
                    collected.Add(row);
                }
            }
        }
        return [.. collected.Skip(skip)];
    }

    private const string TextColumns = "{name structure barriers topics publics place description}";

    /// <summary>
    /// The MATCH expression: the Cité's token, filter tokens and typed words; null when there is nothing to search for.
    /// The Cité is a token too: checking the UNINDEXED cite_id column instead reads every matched row (18 ms for 5,000).
    /// </summary>
    private static string? Match(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms)
    {
        var parts = filters.Tokens().Select(SearchQuery.Code).ToList();
        if (SearchQuery.TextExpression(typed, synonyms) is { } text)
        {
            parts.Add(TextColumns + " : (" + text + ")");
        }
        return parts.Count == 0 ? null : string.Join(" AND ", parts.Prepend(SearchQuery.Code(SearchIndexCodes.Cite(citeId))));
    }

    /// <summary>Escapes text then turns the index's marks into &lt;mark&gt; elements: safe to render as HTML.</summary>
    public static string ToHtml(string marked)
    {
        var builder = new StringBuilder(marked.Length + 16);
        foreach (var c in marked)
        {
            builder.Append(c switch
            {
                SearchHit.MarkStart => "<mark>",
                SearchHit.MarkEnd => "</mark>",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    private static string Id(Guid id) => id.ToString("N");

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
