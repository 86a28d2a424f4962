using System.Globalization;
using System.Text;
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

        // One command: the Cité, then the index's words for every typed word and the count of every code.
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT ordinal, documents FROM DirectorySearchCites WHERE cite_id = $cite;");
        var branches = new List<string>();
        const string Cite = "cite_ordinal = (SELECT ordinal FROM DirectorySearchCites WHERE cite_id = $cite)";
        for (var i = 0; i < words.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue("$w" + n, words[i].Text);
            if (words[i].IsPrefix)
            {
                command.Parameters.AddWithValue("$u" + n, Successor(words[i].Text));
                branches.Add($"SELECT * FROM (SELECT {n} AS k, term, documents FROM DirectorySearchTerms WHERE {Cite} AND kind = 0 " +
                             $"AND term >= $w{n} AND term < $u{n} ORDER BY documents DESC LIMIT {DirectorySearchIndex.PrefixWords})");
            }
            else
            {
                branches.Add($"SELECT {n}, term, documents FROM DirectorySearchTerms WHERE {Cite} AND kind = 0 AND term = $w{n}");
            }
        }
        for (var j = 0; j < codes.Count; j++)
        {
            var n = j.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue("$c" + n, codes[j]);
            branches.Add($"SELECT {-1 - j}, term, documents FROM DirectorySearchTerms WHERE {Cite} AND kind = 1 AND term = $c{n}");
        }
        sql.Append(string.Join(" UNION ALL ", branches)).Append(';');
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("$cite", citeId.ToString("N"));

        long ordinal, total;
        var terms = words.Select(_ => new List<(string Term, long Documents)>()).ToList();
        var codeDocuments = new long[codes.Count];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            (ordinal, total) = (reader.GetInt64(0), reader.GetInt64(1));
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var k = reader.GetInt32(0);
                if (k >= 0)
                {
                    terms[k].Add((reader.GetString(1), reader.GetInt64(2)));
                }
                else
                {
                    codeDocuments[-1 - k] = reader.GetInt64(2);
                }
            }
        }
        if (codeDocuments.Any(d => d <= 0))
        {
            return null;
        }

        // Each group: the alternatives whose every word is in the index; its bound sums theirs, each bounded by its rarest word.
        var parts = new List<string>();
        var kept = new List<SearchGroup>();
        var bounds = new List<long>();
        foreach (var group in groups)
        {
            var alternatives = group.Alternatives.Where(a => a.Words.All(w => terms[words.IndexOf(w)].Count > 0)).ToList();
            if (alternatives.Count == 0)
            {
                return null;
            }
            kept.Add(new SearchGroup(alternatives));
            bounds.Add(Math.Min(total, alternatives.Sum(a => a.Words.Min(w => terms[words.IndexOf(w)].Sum(t => t.Documents)))));
            parts.Add(Any(alternatives.Select(a => All(a.Words.Select(w => Any(terms[words.IndexOf(w)].Select(t => Quote(t.Term))))))));
        }
        parts.AddRange(codes.Select(Quote));

        long? single = null;
        if (codes.Count == 1 && groups.Count == 0)
        {
            single = codeDocuments[0];
        }
        else if (codes.Count == 0 && kept is [{ Alternatives: [{ Words: [var only] }] }] && terms[words.IndexOf(only)] is [var term])
        {
            single = term.Documents;
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
