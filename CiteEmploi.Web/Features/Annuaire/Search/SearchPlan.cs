using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// A search resolved against one Cité's vocabulary: each prefix replaced by the index's words that begin with it, the
/// FTS5 expression of exact words (read incrementally, so a scan stops at the page), an upper bound of the number of
/// matches and each group's weight — all from one read of the vocabulary, without counting matches.
/// </summary>
internal sealed class SearchPlan
{
    private SearchPlan(long lo, long hi, string match, long bound, IReadOnlyList<SearchGroup> groups, IReadOnlyList<double> idf, long? singleTermDocuments)
    {
        (Lo, Hi, Match, Bound, Groups, Idf, SingleTermDocuments) = (lo, hi, match, bound, groups, idf, singleTermDocuments);
    }

    /// <summary>The Cité's rowids.</summary>
    public long Lo { get; }

    public long Hi { get; }

    /// <summary>The FTS5 expression: every group (any of its alternatives) and every filter code.</summary>
    public string Match { get; }

    /// <summary>At most this many services match (the rarest required word's or code's count, or the Cité's size).</summary>
    public long Bound { get; }

    /// <summary>The groups that can match (alternatives without any indexed word removed).</summary>
    public IReadOnlyList<SearchGroup> Groups { get; }

    /// <summary>Each group's inverse document frequency, for the scoring.</summary>
    public IReadOnlyList<double> Idf { get; }

    /// <summary>When the whole search is one word of the index (a code alone, or a word with one form): its exact count.</summary>
    public long? SingleTermDocuments { get; }

    public void Bind(SqliteCommand command)
    {
        command.Parameters.AddWithValue("$match", Match);
        command.Parameters.AddWithValue("$lo", Lo);
        command.Parameters.AddWithValue("$hi", Hi);
    }

    /// <summary>The plan, or null when nothing can match (unknown Cité, a code or a word the Cité's index does not hold).</summary>
    public static async Task<SearchPlan?> ResolveAsync(SqliteConnection connection, Guid citeId, IReadOnlyList<SearchGroup> groups, IReadOnlyList<string> codes,
        CancellationToken cancellationToken)
    {
        var words = groups.SelectMany(g => g.Alternatives).SelectMany(a => a.Words).Distinct().ToList();
        var prefixes = words.Where(w => w.IsPrefix).ToList();
        var exactWords = words.Where(w => !w.IsPrefix).ToList();
        var exact = exactWords.Select(w => (Kind: 0, w.Text)).Concat(codes.Select(c => (Kind: 1, Text: c))).ToList();

        // One command, three statements whatever the number of words (each statement costs its preparation): the
        // Cité; the index's words beginning with each prefix; the count of each exact word and code. The JSON lists
        // drive the lookups (CROSS JOIN keeps them outside, so each is one seek in the vocabulary's primary key).
        await using var command = connection.CreateCommand();
        const string Cite = "(SELECT ordinal FROM DirectorySearchCites WHERE cite_id = $cite)";
        var sql = new StringBuilder("SELECT ordinal, documents FROM DirectorySearchCites WHERE cite_id = $cite;");
        if (prefixes.Count > 0)
        {
            sql.Append("SELECT p.key, t.term, t.documents FROM json_each($prefixes) p CROSS JOIN DirectorySearchTerms t " +
                       $"ON t.cite_ordinal = {Cite} AND t.kind = 0 AND t.term >= p.value ->> 0 AND t.term < p.value ->> 1;");
            command.Parameters.AddWithValue("$prefixes", JsonSerializer.Serialize(prefixes.Select(w => new[] { w.Text, Successor(w.Text) })));
        }
        if (exact.Count > 0)
        {
            sql.Append("SELECT e.key, t.term, t.documents FROM json_each($exact) e CROSS JOIN DirectorySearchTerms t " +
                       $"ON t.cite_ordinal = {Cite} AND t.kind = e.value ->> 0 AND t.term = e.value ->> 1;");
            command.Parameters.AddWithValue("$exact", JsonSerializer.Serialize(exact.Select(e => new object[] { e.Kind, e.Text })));
        }
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("$cite", citeId.ToString("N"));

        long ordinal, total;
        var terms = words.ToDictionary(w => w, _ => new List<(string Term, long Documents)>());
        var codeDocuments = new long[codes.Count];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            (ordinal, total) = (reader.GetInt64(0), reader.GetInt64(1));
            if (prefixes.Count > 0)
            {
                await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    terms[prefixes[reader.GetInt32(0)]].Add((reader.GetString(1), reader.GetInt64(2)));
                }
            }
            if (exact.Count > 0)
            {
                await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var key = reader.GetInt32(0);
                    if (key < exactWords.Count)
                    {
                        terms[exactWords[key]].Add((reader.GetString(1), reader.GetInt64(2)));
                    }
                    else
                    {
                        codeDocuments[key - exactWords.Count] = reader.GetInt64(2);
                    }
                }
            }
        }
        if (codeDocuments.Any(d => d <= 0))
        {
            return null;
        }
        foreach (var word in prefixes.Where(w => terms[w].Count > DirectorySearchIndex.PrefixWords))
        {
            terms[word] = [.. terms[word].OrderByDescending(t => t.Documents).ThenBy(t => t.Term, StringComparer.Ordinal).Take(DirectorySearchIndex.PrefixWords)];
        }

        // Each group: the alternatives whose every word is in the index; its bound sums theirs, each bounded by its
        // rarest word; alternatives that come to the same index words ("jeune", "jeunes") are searched once.
        var parts = new List<string>();
        var kept = new List<SearchGroup>();
        var bounds = new List<long>();
        foreach (var group in groups)
        {
            var alternatives = group.Alternatives.Where(a => a.Words.All(w => terms[w].Count > 0)).ToList();
            if (alternatives.Count == 0)
            {
                return null;
            }
            kept.Add(new SearchGroup(alternatives));
            var resolved = alternatives
                .Select(a => (Expression: All(a.Words.Select(w => Any(terms[w].Select(t => Quote(t.Term))))), Bound: a.Words.Min(w => terms[w].Sum(t => t.Documents))))
                .DistinctBy(r => r.Expression)
                .ToList();
            bounds.Add(Math.Min(total, resolved.Sum(r => r.Bound)));
            parts.Add(Any(resolved.Select(r => r.Expression)));
        }
        parts.AddRange(codes.Select(Quote));

        // The whole search is one index word (a code alone, a word with one form): the vocabulary's count is exact.
        long? single = null;
        if (parts is [var only] && !only.Contains(' ', StringComparison.Ordinal))
        {
            single = groups.Count == 0 ? codeDocuments[0] : terms.Values.SelectMany(t => t).First(t => Quote(t.Term) == only).Documents;
        }
        var idf = bounds.Select(b => SearchScoring.Idf(b, total)).ToList();
        var (lo, hi) = DirectorySearchIndex.Range(ordinal);
        return new SearchPlan(lo, hi, All(parts), bounds.Concat(codeDocuments).DefaultIfEmpty(total).Min(), kept, idf, single);
    }

    /// <summary>The first string after every string that begins with <paramref name="prefix"/> (ordinal order).</summary>
    private static string Successor(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string Quote(string term) => "\"" + term + "\"";

    private static string Any(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count == 1 ? list[0] : "(" + string.Join(" OR ", list) + ")";
    }

    private static string All(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count == 1 ? list[0] : "(" + string.Join(" AND ", list) + ")";
    }
}
