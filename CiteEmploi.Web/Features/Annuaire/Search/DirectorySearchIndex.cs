using System.Globalization;
using System.Text;
using CiteEmploi.Web.Data;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// The directory's full-text index: an SQLite FTS5 table (<c>DirectorySearch</c>, created by a migration) with the
/// <c>unicode61 remove_diacritics 2</c> tokenizer, ranked by BM25 with the service's name weighing most. Filters and
/// the Cité are tokens of the indexed <c>codes</c> column, so one MATCH answers text, barrier, public, place and
/// Cité at once (docs/decisions: directory search).
/// </summary>
public sealed class DirectorySearchIndex(DatabaseOptions database)
{
    /// <summary>Column weights for bm25(): service_id, cite_id, name, structure, barriers, topics, publics, place, description, codes.</summary>
    private const string Bm25 = "bm25(DirectorySearch, 0, 0, 10.0, 4.0, 6.0, 3.0, 2.0, 2.0, 1.0, 0)";

    public const string CreateTableSql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS DirectorySearch USING fts5(" +
        "service_id UNINDEXED, cite_id UNINDEXED, name, structure, barriers, topics, publics, place, description, codes, " +
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')";

    /// <summary>Adds or replaces the documents (one transaction for the batch).</summary>
    public async Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM DirectorySearch WHERE service_id = $id";
        var deleteId = delete.Parameters.Add("$id", SqliteType.Text);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO DirectorySearch (service_id, cite_id, name, structure, barriers, topics, publics, place, description, codes) " +
                             "VALUES ($id, $cite, $name, $structure, $barriers, $topics, $publics, $place, $description, $codes)";
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
        command.CommandText = "DELETE FROM DirectorySearch WHERE service_id = $id";
        command.Parameters.AddWithValue("$id", Id(serviceId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Services of one Cité matching the typed words and the filters, best first.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms,
        int skip = 0, int take = 20, CancellationToken cancellationToken = default)
    {
        var parts = new List<string> { SearchQuery.Code(SearchIndexCodes.Cite(citeId)) };
        parts.AddRange(filters.Tokens().Select(SearchQuery.Code));
        var text = SearchQuery.TextExpression(typed, synonyms);
        if (text is not null)
        {
            parts.Add("{name structure barriers topics publics place description} : (" + text + ")");
        }
        var match = string.Join(" AND ", parts);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT service_id, {Bm25} AS rank, " +
            "highlight(DirectorySearch, 2, char(57344), char(57345)), " +
            "snippet(DirectorySearch, 8, char(57344), char(57345), '…', 24) " +
            "FROM DirectorySearch WHERE DirectorySearch MATCH $match " +
            (text is null ? "ORDER BY name " : "ORDER BY rank ") +
            "LIMIT $take OFFSET $skip";
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(Guid.Parse(reader.GetString(0)), reader.GetDouble(1), reader.GetString(2), reader.GetString(3)));
        }
        return hits;
    }

    /// <summary>How many services of the Cité match (for "N résultats" and pagination).</summary>
    public async Task<int> CountAsync(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms, CancellationToken cancellationToken = default)
    {
        var parts = new List<string> { SearchQuery.Code(SearchIndexCodes.Cite(citeId)) };
        parts.AddRange(filters.Tokens().Select(SearchQuery.Code));
        if (SearchQuery.TextExpression(typed, synonyms) is { } text)
        {
            parts.Add("{name structure barriers topics publics place description} : (" + text + ")");
        }
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM DirectorySearch WHERE DirectorySearch MATCH $match";
        command.Parameters.AddWithValue("$match", string.Join(" AND ", parts));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
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
