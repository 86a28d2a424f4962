using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// A search resolved against one Cité's vocabulary: each prefix replaced by the index's words that begin with it (and,
/// with <see cref="QueryUnderstanding.Stems"/>, the words with the same light stem), each code of the lexicon checked,
/// a word found nowhere corrected (<see cref="QueryUnderstanding.Typos"/>), the FTS5 expression of exact words (read
/// incrementally, so a scan stops at the page), an upper bound of the number of matches and each group's weight — from
/// one read of the vocabulary (two when a word is corrected), without counting matches.
/// </summary>
internal sealed class SearchPlan
{
    /// <summary>A corrected word stands for at most this many of the Cité's words (the most frequent at the least distance).</summary>
    public const int Corrections = 3;

    private readonly IReadOnlyList<ResolvedGroup> _resolved;
    private readonly IReadOnlyList<string> _codes;

    private SearchPlan(long lo, long hi, IReadOnlyList<ResolvedGroup> resolved, IReadOnlyList<string> codes, bool anyWord, long bound, IReadOnlyList<double> idf,
        long? singleTermDocuments, IReadOnlyList<SearchCorrection> corrections, IReadOnlyList<string> unmatched)
    {
        (Lo, Hi, _resolved, _codes, AnyWord, Bound, Idf, SingleTermDocuments, CorrectedWords, Unmatched) =
            (lo, hi, resolved, codes, anyWord, bound, idf, singleTermDocuments, corrections, unmatched);
        Groups = [.. resolved.Select(r => r.Group)];
        Match = MatchFor(2)!;
    }

    /// <summary>The Cité's rowids.</summary>
    public long Lo { get; }

    public long Hi { get; }

    /// <summary>The FTS5 expression: every group (any of its alternatives), or any group when <see cref="AnyWord"/>; every filter code.</summary>
    public string Match { get; }

    /// <summary>A service may match any group rather than every one: the closest matches, when no service holds all the words.</summary>
    public bool AnyWord { get; }

    /// <summary>At most this many services match (the rarest required word's or code's count, or the Cité's size).</summary>
    public long Bound { get; }

    /// <summary>The groups that can match (alternatives without any indexed word removed, the forms of the same stem added).</summary>
    public IReadOnlyList<SearchGroup> Groups { get; }

    /// <summary>Each group's inverse document frequency, for the scoring.</summary>
    public IReadOnlyList<double> Idf { get; }

    /// <summary>When the whole search is one word of the index (a code alone, or a word with one form): its exact count.</summary>
    public long? SingleTermDocuments { get; }

    /// <summary>The typed words read as others (« mobilte » → mobilite).</summary>
    public IReadOnlyList<SearchCorrection> CorrectedWords { get; }

    /// <summary>With <see cref="AnyWord"/>: the typed words or phrases that no service holds, left out.</summary>
    public IReadOnlyList<string> Unmatched { get; }

    public void Bind(SqliteCommand command) => Bind(command, Match);

    public void Bind(SqliteCommand command, string match)
    {
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$lo", Lo);
        command.Parameters.AddWithValue("$hi", Hi);
    }

    /// <summary>
    /// The expression for one of the index's tables (0 the name, 1 the "what", 2 everything): a barrier's or thématique's
    /// code says nothing of a service's name, so the name table is searched without them. Null when that table cannot
    /// hold every group (a group asked only by codes).
    /// </summary>
    public string? MatchFor(int tier)
    {
        var parts = new List<string>();
        foreach (var group in _resolved)
        {
            var expressions = group.Parts.Where(p => tier > 0 || !p.IsCode).Select(p => p.Expression).Distinct(StringComparer.Ordinal).ToList();
            if (expressions.Count == 0)
            {
                if (!AnyWord)
                {
                    return null;
                }
                continue;
            }
            parts.Add(Any(expressions));
        }
        if (parts.Count == 0)
        {
            // Filters alone (no word was typed): the codes; words none of which this table can hold: nothing.
            return _resolved.Count == 0 && _codes.Count > 0 ? All(_codes.Select(Quote)) : null;
        }
        var words = AnyWord ? Any(parts) : All(parts);
        return _codes.Count == 0 ? words : All([words, .. _codes.Select(Quote)]);
    }

    /// <summary>
    /// The plan, or null when nothing can match (unknown Cité, a code the Cité's index does not hold, a word found nowhere
    /// — with <paramref name="anyWord"/>, every word found nowhere).
    /// </summary>
    public static async Task<SearchPlan?> ResolveAsync(SqliteConnection connection, Guid citeId, IReadOnlyList<SearchGroup> groups, IReadOnlyList<string> codes,
        Func<string, IEnumerable<string>> synonyms, QueryUnderstanding understanding, bool anyWord, CancellationToken cancellationToken)
    {
        var vocabulary = await Vocabulary.ReadAsync(connection, citeId, groups, codes, cancellationToken);
        if (vocabulary is null || vocabulary.CodeDocuments.Any(d => d <= 0))
        {
            return null;
        }
        var resolved = groups.Select(g => Resolve(g, vocabulary)).ToList();

        // A typed word found nowhere: the nearest words of the Cité's index or of the lexicon, read again.
        var corrections = new List<SearchCorrection>();
        if (understanding.Typos && resolved.Any(r => r is null))
        {
            var corrected = groups.ToList();
            for (var g = 0; g < groups.Count; g++)
            {
                if (resolved[g] is null && await CorrectAsync(connection, vocabulary.Ordinal, groups[g].Typed, cancellationToken) is { Count: > 0 } nearest)
                {
                    corrections.AddRange(nearest.Select(n => new SearchCorrection(groups[g].Typed, n)));
                    var alternatives = nearest.SelectMany(n => SearchQuery.WordGroup(n, synonyms, understanding, SearchQuery.CorrectionFactor).Alternatives);
                    corrected[g] = new SearchGroup([.. alternatives.DistinctBy(a => a.Key)], groups[g].Typed);
                }
            }
            if (corrections.Count > 0)
            {
                groups = corrected;
                vocabulary = await Vocabulary.ReadAsync(connection, citeId, groups, codes, cancellationToken);
                if (vocabulary is null)
                {
                    return null;
                }
                resolved = [.. groups.Select(g => Resolve(g, vocabulary))];
            }
        }

        var unmatched = groups.Where((_, g) => resolved[g] is null).Select(g => g.Typed).ToList();
        if (unmatched.Count > 0 && (!anyWord || unmatched.Count == groups.Count))
        {
            return null;
        }
        var kept = resolved.OfType<ResolvedGroup>().ToList();
        var total = vocabulary.Total;
        var bounds = kept.Select(r => Math.Min(total, r.Bound)).ToList();
        var wordsBound = kept.Count == 0 ? total : anyWord ? Math.Min(total, bounds.Sum()) : bounds.Min();
        var bound = vocabulary.CodeDocuments.Append(wordsBound).Min();

        // The whole search is one index word (a code alone, a word with one form): the vocabulary's count is exact.
        long? single = null;
        if (kept.Count == 0 && codes.Count == 1)
        {
            single = vocabulary.CodeDocuments[0];
        }
        else if (kept is [{ Parts: [{ Terms: [var term] }] } only] && codes.Count == 0 && only.Parts.Select(p => p.Expression).Distinct().Count() == 1)
        {
            single = term.Documents;
        }
        var idf = bounds.Select(b => SearchScoring.Idf(b, total)).ToList();
        var (lo, hi) = DirectorySearchIndex.Range(vocabulary.Ordinal);
        return new SearchPlan(lo, hi, kept, codes, anyWord, bound, idf, single, corrections, unmatched);
    }

    /// <summary>
    /// A group against the vocabulary: the alternatives whose every word is in the index, each one-word alternative with
    /// the Cité's other forms of the same stem; its bound sums theirs, each bounded by its rarest word; alternatives that
    /// come to the same index words ("jeune", "jeunes") are searched once. Null when no alternative can match.
    /// </summary>
    private static ResolvedGroup? Resolve(SearchGroup group, Vocabulary vocabulary)
    {
        var alternatives = new List<SearchAlternative>();
        var parts = new List<ResolvedPart>();
        // A thématique's services are among its barrier's: beside the barrier's code, its own adds nothing to the bound.
        var barriers = group.Alternatives.Where(a => a.IsCode && vocabulary.TermsOf(a.Words[0]).Count > 0).Select(a => a.Words[0].Text).ToHashSet(StringComparer.Ordinal);
        foreach (var alternative in group.Alternatives)
        {
            var terms = alternative.Words.Select(vocabulary.TermsOf).ToList();
            if (terms.All(t => t.Count > 0))
            {
                alternatives.Add(alternative);
                parts.Add(new ResolvedPart(
                    All(terms.Select(t => Any(t.Select(x => Quote(x.Term))))),
                    alternative.Within.Any(barriers.Contains) ? 0 : terms.Min(t => t.Sum(x => x.Documents)),
                    alternative.IsCode,
                    terms.Count == 1 ? terms[0] : []));
            }
            if (alternative.Stemmed && alternative.Words is [var word])
            {
                foreach (var form in vocabulary.FormsOf(word))
                {
                    alternatives.Add(new SearchAlternative([new SearchWord(form.Term, IsPrefix: false)], alternative.Factor * SearchQuery.StemFactor));
                    parts.Add(new ResolvedPart(Quote(form.Term), form.Documents, false, [form]));
                }
            }
        }
        if (alternatives.Count == 0)
        {
            return null;
        }
        var distinct = parts.DistinctBy(p => p.Expression).ToList();
        return new ResolvedGroup(new SearchGroup([.. alternatives.DistinctBy(a => a.Key)], group.Typed), distinct, distinct.Sum(p => p.Bound));
    }

    /// <summary>
    /// The nearest words to a typed word found nowhere: among the Cité's words that begin with the same letter and the
    /// lexicon's words, those at the least distance within <see cref="FrenchWords.AllowedMistakes"/>, the most frequent first.
    /// </summary>
    private static async Task<IReadOnlyList<string>> CorrectAsync(SqliteConnection connection, long ordinal, string typed, CancellationToken cancellationToken)
    {
        if (typed.Contains(' ', StringComparison.Ordinal) || FrenchWords.AllowedMistakes(typed) is not (> 0 and var limit))
        {
            return [];
        }
        var candidates = new List<(string Term, int Distance, long Documents)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT term, documents FROM DirectorySearchTerms WHERE cite_ordinal = $ordinal AND kind = 0 " +
                                  "AND term >= $from AND term < $to AND length(term) BETWEEN $shortest AND $longest";
            command.Parameters.AddWithValue("$ordinal", ordinal);
            command.Parameters.AddWithValue("$from", typed[..1]);
            command.Parameters.AddWithValue("$to", Successor(typed[..1]));
            command.Parameters.AddWithValue("$shortest", typed.Length - limit);
            command.Parameters.AddWithValue("$longest", typed.Length + limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var term = reader.GetString(0);
                var distance = FrenchWords.Distance(typed, term, limit);
                if (distance <= limit)
                {
                    candidates.Add((term, distance, reader.GetInt64(1)));
                }
            }
        }
        foreach (var word in QueryLexicon.Words)
        {
            var distance = FrenchWords.Distance(typed, word, limit);
            if (distance <= limit && !candidates.Any(c => c.Term == word))
            {
                candidates.Add((word, distance, 0));
            }
        }
        if (candidates.Count == 0)
        {
            return [];
        }
        var best = candidates.Min(c => c.Distance);
        return [.. candidates.Where(c => c.Distance == best).OrderByDescending(c => c.Documents).ThenBy(c => c.Term, StringComparer.Ordinal).Take(Corrections).Select(c => c.Term)];
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

    /// <summary>One alternative as the index reads it: its expression, its bound, whether it is a code, and its term when it is one word.</summary>
    private sealed record ResolvedPart(string Expression, long Bound, bool IsCode, IReadOnlyList<(string Term, long Documents)> Terms);

    private sealed record ResolvedGroup(SearchGroup Group, IReadOnlyList<ResolvedPart> Parts, long Bound);

    /// <summary>What the Cité's vocabulary holds for the words and codes of a search: one command, four statements at most.</summary>
    private sealed class Vocabulary
    {
        private readonly Dictionary<SearchWord, List<(string Term, long Documents)>> _terms = [];
        private readonly Dictionary<string, List<(string Term, long Documents)>> _forms = new(StringComparer.Ordinal);

        public long Ordinal { get; private init; }

        public long Total { get; private init; }

        public long[] CodeDocuments { get; private init; } = [];

        public IReadOnlyList<(string Term, long Documents)> TermsOf(SearchWord word) => _terms.GetValueOrDefault(word) ?? [];

        /// <summary>The Cité's words with the same light stem as a prefix word, that do not begin with it (those are its terms already).</summary>
        public IReadOnlyList<(string Term, long Documents)> FormsOf(SearchWord word) => _forms.GetValueOrDefault(word.Text) ?? [];

        public static async Task<Vocabulary?> ReadAsync(SqliteConnection connection, Guid citeId, IReadOnlyList<SearchGroup> groups, IReadOnlyList<string> codes,
            CancellationToken cancellationToken)
        {
            var alternatives = groups.SelectMany(g => g.Alternatives).ToList();
            var words = alternatives.SelectMany(a => a.Words).Distinct().ToList();
            var stemmed = alternatives.Where(a => a.Stemmed).Select(a => a.Words[0].Text).ToHashSet(StringComparer.Ordinal);
            // A prefix word is looked up by the beginning it shares with its stem when it is stemmed (« logements » by
            // « loge », to meet « loger »), then sorted: the words it begins, and the other forms of its stem.
            var prefixes = words.Where(w => w.IsPrefix).ToList();
            var lookups = prefixes.Select(w => stemmed.Contains(w.Text) ? StemLookup(w.Text) : w.Text).ToList();
            var exactWords = words.Where(w => !w.IsPrefix).ToList();
            var exact = exactWords.Select(w => (Kind: w.IsCode ? 1 : 0, w.Text)).Concat(codes.Select(c => (Kind: 1, Text: c))).ToList();

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
                command.Parameters.AddWithValue("$prefixes", JsonSerializer.Serialize(lookups.Select(l => new[] { l, Successor(l) })));
            }
            if (exact.Count > 0)
            {
                sql.Append("SELECT e.key, t.term, t.documents FROM json_each($exact) e CROSS JOIN DirectorySearchTerms t " +
                           $"ON t.cite_ordinal = {Cite} AND t.kind = e.value ->> 0 AND t.term = e.value ->> 1;");
                command.Parameters.AddWithValue("$exact", JsonSerializer.Serialize(exact.Select(e => new object[] { e.Kind, e.Text })));
            }
            command.CommandText = sql.ToString();
            command.Parameters.AddWithValue("$cite", citeId.ToString("N"));

            var terms = words.ToDictionary(w => w, _ => new List<(string Term, long Documents)>());
            var forms = new Dictionary<string, List<(string Term, long Documents)>>(StringComparer.Ordinal);
            var codeDocuments = new long[codes.Count];
            long ordinal, total;
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
                    var stems = new Dictionary<string, string>(StringComparer.Ordinal);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var word = prefixes[reader.GetInt32(0)];
                        var found = (reader.GetString(1), reader.GetInt64(2));
                        if (found.Item1.StartsWith(word.Text, StringComparison.Ordinal))
                        {
                            terms[word].Add(found);
                        }
                        else if (stemmed.Contains(word.Text) && Stem(stems, found.Item1) == Stem(stems, word.Text))
                        {
                            (forms.TryGetValue(word.Text, out var list) ? list : forms[word.Text] = []).Add(found);
                        }
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
            foreach (var word in prefixes.Where(w => terms[w].Count > DirectorySearchIndex.PrefixWords))
            {
                terms[word] = [.. terms[word].OrderByDescending(t => t.Documents).ThenBy(t => t.Term, StringComparer.Ordinal).Take(DirectorySearchIndex.PrefixWords)];
            }
            foreach (var (text, list) in forms.Where(f => f.Value.Count > DirectorySearchIndex.PrefixWords).ToList())
            {
                forms[text] = [.. list.OrderByDescending(t => t.Documents).ThenBy(t => t.Term, StringComparer.Ordinal).Take(DirectorySearchIndex.PrefixWords)];
            }
            var vocabulary = new Vocabulary { Ordinal = ordinal, Total = total, CodeDocuments = codeDocuments };
            foreach (var (word, list) in terms)
            {
                vocabulary._terms[word] = list;
            }
            foreach (var (text, list) in forms)
            {
                vocabulary._forms[text] = list;
            }
            return vocabulary;
        }

        /// <summary>
        /// What a stemmed prefix word is looked up by: the beginning it shares with its stem, at least four letters
        /// (« logements » → loge), never longer than the word.
        /// </summary>
        private static string StemLookup(string word)
        {
            var stem = FrenchWords.Stem(word);
            var common = 0;
            while (common < stem.Length && common < word.Length && stem[common] == word[common])
            {
                common++;
            }
            return word[..Math.Min(word.Length, Math.Max(4, common))];
        }

        private static string Stem(Dictionary<string, string> cache, string word) =>
            cache.TryGetValue(word, out var stem) ? stem : cache[word] = FrenchWords.Stem(word);
    }
}

/// <summary>A typed word read as another, nearer the Cité's words (« mobilte » → mobilite).</summary>
public sealed record SearchCorrection(string Typed, string Corrected);
