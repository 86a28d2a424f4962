using System.Globalization;
using System.Text;
using System.Text.Json;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Common;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// The directory's full-text index over SQLite FTS5, built for answers in a couple of milliseconds on a Cité of 50,000
/// services (docs/benchmarks.md, directory-search, says what each choice below bought):
/// <list type="bullet">
/// <item>Texts are folded in C# (accents, case, punctuation: <see cref="Text.Fold"/>) before they reach the index, so
/// the index's words are exactly the words the query is folded into.</item>
/// <item>Each Cité owns a range of rowids (its ordinal × 2³²): a search reads only its Cité's rows, by a rowid range
/// FTS5 applies itself, instead of a Cité token every match had to be joined with.</item>
/// <item>A vocabulary (<c>DirectorySearchTerms</c>, per Cité: each word and code with the number of services holding
/// it) turns each typed prefix into the index's words ("mobil" → mobilite): FTS5 reads exact words incrementally and
/// stops at the page, where a prefix query merges every matching word's whole list first. Its counts also bound the
/// number of matches, and weigh the words in the ranking, without counting anything at search time.</item>
/// <item>Three FTS5 tables with no word positions (<c>detail=none</c>): the name, the "what" (name, barriers, themes)
/// and everything; filter codes are words of all three. Up to <see cref="ExactRankingLimit"/> possible matches, every
/// match is scored (<see cref="SearchScoring"/>); beyond, matches come from the name table first, then the "what", then
/// the rest, each an FTS5 scan that stops early, and are scored by blocks of <see cref="RankingBlock"/>.</item>
/// <item>Only the page's rows are read for display, and the matched words are marked in C# (<see cref="SearchMarker"/>).</item>
/// <item>What is typed is read as French before the index is asked (<see cref="QueryUnderstanding"/>, decision 0018): stop
/// words, the lexicon's words and phrases as barrier and thématique codes, forms of a word with the same stem and
/// corrected words, all turned into the Cité's own words and codes by the vocabulary; nothing about it is indexed.</item>
/// </list>
/// </summary>
public sealed class DirectorySearchIndex(DatabaseOptions database, QueryUnderstanding? understanding = null)
{
    /// <summary>How much of the French query understanding the searches use (all of it unless told).</summary>
    public QueryUnderstanding Understanding { get; } = understanding ?? QueryUnderstanding.Full;

    /// <summary>When the vocabulary shows at most this many possible matches, all are scored; beyond, pages come by tiers (name, what, rest).</summary>
    public const int ExactRankingLimit = 200;

    /// <summary>Beyond <see cref="ExactRankingLimit"/>, matches are scored by blocks of this many, in tier order.</summary>
    public const int RankingBlock = 50;

    /// <summary>A typed prefix stands for at most this many of the index's words, the most frequent (a two-letter prefix can begin hundreds).</summary>
    public const int PrefixWords = 64;

    private const string FtsOptions = "tokenize = 'ascii', detail = none, content = '', contentless_delete = 1";

    /// <summary>
    /// The index's tables, as of the <c>DirectorySearchSpeed</c> migration (idempotent). <c>DirectorySearchKeys</c> holds one
    /// row per indexed service (its key, its Cité's ordinal, its texts as written and folded); deleting a row there
    /// removes the service from the FTS5 tables and from the vocabulary (trigger), whoever deletes it.
    /// The ascii tokenizer only splits on the spaces <see cref="Text.Fold"/> leaves: every folded word is one index word.
    /// </summary>
    public const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS DirectorySearchCites (cite_id TEXT NOT NULL PRIMARY KEY, ordinal INTEGER NOT NULL UNIQUE, documents INTEGER NOT NULL DEFAULT 0); " +
        "CREATE TABLE IF NOT EXISTS DirectorySearchKeys (fts_rowid INTEGER PRIMARY KEY, service_id TEXT NOT NULL UNIQUE, cite_ordinal INTEGER NOT NULL, " +
        "name TEXT NOT NULL, description TEXT NOT NULL, name_words TEXT NOT NULL, structure_words TEXT NOT NULL, barriers_words TEXT NOT NULL, " +
        "topics_words TEXT NOT NULL, publics_words TEXT NOT NULL, place_words TEXT NOT NULL, words TEXT NOT NULL, codes TEXT NOT NULL); " +
        "CREATE TABLE IF NOT EXISTS DirectorySearchTerms (cite_ordinal INTEGER NOT NULL, kind INTEGER NOT NULL, term TEXT NOT NULL, documents INTEGER NOT NULL, " +
        "PRIMARY KEY (cite_ordinal, kind, term)) WITHOUT ROWID; " +
        "CREATE VIRTUAL TABLE IF NOT EXISTS DirectorySearch USING fts5(words, " + FtsOptions + "); " +
        "CREATE VIRTUAL TABLE IF NOT EXISTS DirectorySearchName USING fts5(words, " + FtsOptions + "); " +
        "CREATE VIRTUAL TABLE IF NOT EXISTS DirectorySearchWhat USING fts5(words, " + FtsOptions + "); " +
        // ClearAsync zeroes the Cité's count first, so that clearing does not undo rows one by one.
        "CREATE TRIGGER IF NOT EXISTS DirectorySearchKeys_Deleted AFTER DELETE ON DirectorySearchKeys " +
        "WHEN (SELECT documents FROM DirectorySearchCites WHERE ordinal = OLD.cite_ordinal) > 0 BEGIN " +
        "DELETE FROM DirectorySearch WHERE rowid = OLD.fts_rowid; " +
        "DELETE FROM DirectorySearchName WHERE rowid = OLD.fts_rowid; " +
        "DELETE FROM DirectorySearchWhat WHERE rowid = OLD.fts_rowid; " +
        "UPDATE DirectorySearchTerms SET documents = documents - 1 WHERE cite_ordinal = OLD.cite_ordinal AND kind = 0 AND term IN (SELECT value FROM json_each(OLD.words)); " +
        "UPDATE DirectorySearchTerms SET documents = documents - 1 WHERE cite_ordinal = OLD.cite_ordinal AND kind = 1 AND term IN (SELECT value FROM json_each(OLD.codes)); " +
        "DELETE FROM DirectorySearchTerms WHERE cite_ordinal = OLD.cite_ordinal AND kind = 0 AND term IN (SELECT value FROM json_each(OLD.words)) AND documents <= 0; " +
        "DELETE FROM DirectorySearchTerms WHERE cite_ordinal = OLD.cite_ordinal AND kind = 1 AND term IN (SELECT value FROM json_each(OLD.codes)) AND documents <= 0; " +
        "UPDATE DirectorySearchCites SET documents = documents - 1 WHERE ordinal = OLD.cite_ordinal; " +
        "END;";

    private static long s_generation;

    /// <summary>
    /// Counts the changes written to the index by this process (every index, every Cité: a change elsewhere only costs a
    /// cache a miss). Read it before reading the index: what was read is current while the generation has not moved
    /// (<see cref="Near.NearWordsCache"/>). Each server writes its own index's changes (decision 0032), so a change
    /// committed by another server is counted when this one indexes it.
    /// </summary>
    public static long Generation => Interlocked.Read(ref s_generation);

    private static void Changed() => Interlocked.Increment(ref s_generation);

    private const int WordKind = 0;
    private const int CodeKind = 1;

    private static readonly string[] Tiers = ["DirectorySearchName", "DirectorySearchWhat", "DirectorySearch"];

    /// <summary>
    /// Adds or replaces the documents (one transaction for the batch; a service keeps its place in its Cité).
    /// A service whose index entry would not change is left alone, and a replaced one rewrites only the full-text rows
    /// whose text changed: the full-text tables are written in two passes, every deletion then every insertion in rowid
    /// order, because FTS5 writes its pending rows to disk each time a statement switches between deleting and inserting
    /// or goes back in rowid order (one switch per service made replacing entries four times dearer than adding them).
    /// </summary>
    /// <returns>How many entries were added or replaced (those already as given are not counted).</returns>
    public async Task<int> UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        // The last version of a service in the batch wins (its vocabulary is counted once).
        var batch = documents.GroupBy(d => d.ServiceId).Select(g => g.Last()).ToList();
        if (batch.Count == 0)
        {
            return 0;
        }
        // Folding, splitting and serialising are independent per document: done in parallel before the sequential writes.
        var entries = new Entry[batch.Count];
        Parallel.For(0, batch.Count, i => entries[i] = Entry.From(batch[i]));

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var ordinals = new Dictionary<Guid, long>();
        foreach (var citeId in batch.Select(d => d.CiteId).Distinct())
        {
            ordinals[citeId] = await CiteOrdinalAsync(connection, citeId, cancellationToken);
        }

        // What the index holds for these services, read in one statement.
        var previous = new Dictionary<Guid, Entry>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT service_id, fts_rowid, cite_ordinal, name, description, name_words, structure_words, barriers_words, topics_words, " +
                               "publics_words, place_words, words, codes FROM DirectorySearchKeys WHERE service_id IN (SELECT value FROM json_each($ids))";
            read.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(batch.Select(d => Id(d.ServiceId))));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                previous[Guid.ParseExact(reader.GetString(0), "N")] = Entry.Read(reader);
            }
        }

        // A service indexed under another Cité leaves through the deletion trigger (rare: it takes a new rowid).
        var moved = entries.Where(e => previous.TryGetValue(e.Document.ServiceId, out var p) && p.Ordinal != ordinals[e.Document.CiteId])
            .Select(e => Id(e.Document.ServiceId)).ToList();
        if (moved.Count > 0)
        {
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM DirectorySearchKeys WHERE service_id IN (SELECT value FROM json_each($ids))";
            delete.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(moved));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        // Each entry's rowid, what it replaces, and the vocabulary's change (old words out, new words in).
        var next = new Dictionary<long, long>();
        var vocabulary = new Dictionary<(long Ordinal, int Kind, string Term), int>();
        var written = new List<(Entry Entry, Entry? Before)>(entries.Length);
        foreach (var entry in entries)
        {
            entry.Ordinal = ordinals[entry.Document.CiteId];
            var before = previous.GetValueOrDefault(entry.Document.ServiceId);
            if (before is not null && before.Ordinal == entry.Ordinal)
            {
                if (entry.SameAs(before))
                {
                    continue;
                }
                entry.RowId = before.RowId;
                Count(vocabulary, before, -1);
            }
            else
            {
                before = null;
                if (!next.TryGetValue(entry.Ordinal, out var free))
                {
                    free = await NextRowIdAsync(connection, entry.Ordinal, cancellationToken);
                }
                entry.RowId = free;
                next[entry.Ordinal] = free + 1;
            }
            Count(vocabulary, entry, +1);
            written.Add((entry, before));
        }
        written.Sort((a, b) => a.Entry.RowId.CompareTo(b.Entry.RowId));

        // 1. Keys: replaced entries updated in place (no deletion trigger), new ones inserted.
        await using (var update = connection.CreateCommand())
        await using (var insert = connection.CreateCommand())
        {
            update.CommandText = "UPDATE DirectorySearchKeys SET name = $name, description = $description, name_words = $nameWords, structure_words = $structureWords, " +
                                 "barriers_words = $barriersWords, topics_words = $topicsWords, publics_words = $publicsWords, place_words = $placeWords, " +
                                 "words = $words, codes = $codes WHERE fts_rowid = $rowid";
            insert.CommandText = "INSERT INTO DirectorySearchKeys (fts_rowid, service_id, cite_ordinal, name, description, name_words, structure_words, barriers_words, " +
                                 "topics_words, publics_words, place_words, words, codes) VALUES ($rowid, $id, $ordinal, $name, $description, $nameWords, $structureWords, " +
                                 "$barriersWords, $topicsWords, $publicsWords, $placeWords, $words, $codes)";
            var u = KeyParameters(update, withIdentity: false);
            var i = KeyParameters(insert, withIdentity: true);
            foreach (var (entry, before) in written)
            {
                var command = before is null ? insert : update;
                entry.Bind(before is null ? i : u);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // 2. Full-text rows: the replaced texts deleted in one statement per table, then every new text inserted in rowid order.
        for (var tier = 0; tier < Tiers.Length; tier++)
        {
            var replaced = written.Where(w => w.Before is not null && !w.Entry.SameText(tier, w.Before)).Select(w => w.Entry.RowId).ToList();
            if (replaced.Count > 0)
            {
                await using var delete = connection.CreateCommand();
                delete.CommandText = $"DELETE FROM {Tiers[tier]} WHERE rowid IN (SELECT value FROM json_each($rowids))";
                delete.Parameters.AddWithValue("$rowids", JsonSerializer.Serialize(replaced));
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO {Tiers[tier]} (rowid, words) VALUES ($rowid, $text)";
            var rowid = insert.Parameters.Add("$rowid", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            foreach (var (entry, before) in written)
            {
                if (before is not null && entry.SameText(tier, before))
                {
                    continue;
                }
                (rowid.Value, text.Value) = (entry.RowId, entry.Text(tier));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // 3. The vocabulary and the Cités' counts, once per batch (one row per word whose count changed).
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "INSERT INTO DirectorySearchTerms (cite_ordinal, kind, term, documents) VALUES ($ordinal, $kind, $term, $documents) " +
                                "ON CONFLICT (cite_ordinal, kind, term) DO UPDATE SET documents = documents + excluded.documents; " +
                                "DELETE FROM DirectorySearchTerms WHERE $documents < 0 AND cite_ordinal = $ordinal AND kind = $kind AND term = $term AND documents <= 0;";
            var ordinal = count.Parameters.Add("$ordinal", SqliteType.Integer);
            var kind = count.Parameters.Add("$kind", SqliteType.Integer);
            var term = count.Parameters.Add("$term", SqliteType.Text);
            var number = count.Parameters.Add("$documents", SqliteType.Integer);
            foreach (var ((o, k, t), n) in vocabulary)
            {
                if (n == 0)
                {
                    continue;
                }
                (ordinal.Value, kind.Value, term.Value, number.Value) = (o, k, t, n);
                await count.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var cites = connection.CreateCommand())
        {
            cites.CommandText = "UPDATE DirectorySearchCites SET documents = (SELECT count(*) FROM DirectorySearchKeys WHERE fts_rowid BETWEEN $lo AND $hi) WHERE ordinal = $ordinal";
            var ordinal = cites.Parameters.Add("$ordinal", SqliteType.Integer);
            var lo = cites.Parameters.Add("$lo", SqliteType.Integer);
            var hi = cites.Parameters.Add("$hi", SqliteType.Integer);
            foreach (var o in ordinals.Values)
            {
                (ordinal.Value, lo.Value, hi.Value) = (o, Range(o).Lo, Range(o).Hi);
                await cites.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        if (written.Count > 0 || moved.Count > 0)
        {
            Changed();
        }
        return written.Count;
    }

    private static void Count(Dictionary<(long Ordinal, int Kind, string Term), int> vocabulary, Entry entry, int delta)
    {
        foreach (var word in entry.Words)
        {
            vocabulary[(entry.Ordinal, WordKind, word)] = vocabulary.GetValueOrDefault((entry.Ordinal, WordKind, word)) + delta;
        }
        foreach (var code in entry.Codes)
        {
            vocabulary[(entry.Ordinal, CodeKind, code)] = vocabulary.GetValueOrDefault((entry.Ordinal, CodeKind, code)) + delta;
        }
    }

    private static readonly string[] KeyColumns =
        ["$name", "$description", "$nameWords", "$structureWords", "$barriersWords", "$topicsWords", "$publicsWords", "$placeWords", "$words", "$codes", "$rowid"];

    private static Dictionary<string, SqliteParameter> KeyParameters(SqliteCommand command, bool withIdentity) =>
        (withIdentity ? [.. KeyColumns, "$id", "$ordinal"] : KeyColumns)
        .ToDictionary(n => n, n => command.Parameters.Add(n, n is "$rowid" or "$ordinal" ? SqliteType.Integer : SqliteType.Text));

    /// <summary>
    /// One service's index entry: its texts as written, its folded fields (name, structure, barriers, themes, publics,
    /// place; the folded description only for a new entry), its distinct words and codes, and the three full-text texts.
    /// </summary>
    private sealed class Entry
    {
        /// <summary>The document this entry was built from; <c>null</c> for an entry read from the index.</summary>
        public SearchDocument Document { get; private init; } = null!;

        public long RowId { get; set; }

        public long Ordinal { get; set; }

        public string Name { get; private init; } = "";

        public string Description { get; private init; } = "";

        /// <summary>Folded: name, structure, barriers, themes, publics, place.</summary>
        public string[] Fields { get; private init; } = [];

        public string[] Words { get; private init; } = [];

        public string[] Codes { get; private init; } = [];

        /// <summary>The words and codes as the index stores them (built entries).</summary>
        public string WordsJson { get; private init; } = "";

        public string CodesJson { get; private init; } = "";

        /// <summary>The folded description, known for a built entry only (an entry read back is compared by its description as written).</summary>
        private string? FoldedDescription { get; init; }

        public static Entry From(SearchDocument d)
        {
            var fields = new[] { d.Name, d.StructureName, d.Barriers, d.Topics, d.Publics, d.Place, d.Description }.Select(SearchText.Fold).ToArray();
            var codes = d.FilterCodes.Select(SearchQuery.Token).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            var words = fields.SelectMany(f => f.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToArray();
            return new Entry
            {
                Document = d,
                Name = d.Name,
                Description = d.Description,
                Fields = fields[..6],
                FoldedDescription = fields[6],
                Codes = codes,
                Words = words,
                WordsJson = JsonSerializer.Serialize(words),
                CodesJson = JsonSerializer.Serialize(codes),
            };
        }

        public static Entry Read(SqliteDataReader reader) => new()
        {
            RowId = reader.GetInt64(1),
            Ordinal = reader.GetInt64(2),
            Name = reader.GetString(3),
            Description = reader.GetString(4),
            Fields = [reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10)],
            Words = JsonSerializer.Deserialize<string[]>(reader.GetString(11)) ?? [],
            Codes = JsonSerializer.Deserialize<string[]>(reader.GetString(12)) ?? [],
        };

        /// <summary>Nothing of the entry would change (the words follow from the fields, the folded description from the description).</summary>
        public bool SameAs(Entry stored) =>
            Name == stored.Name && Description == stored.Description && Fields.AsSpan().SequenceEqual(stored.Fields) && Codes.AsSpan().SequenceEqual(stored.Codes);

        /// <summary>The text of a full-text table (built entries): 0 the name, 1 the "what" (name, barriers, themes), 2 everything; codes in all.</summary>
        public string Text(int tier)
        {
            var codeText = string.Join(' ', Codes);
            return tier switch
            {
                0 => Join(Fields[0], codeText),
                1 => Join(Fields[0], Fields[2], Fields[3], codeText),
                _ => Join([.. Fields, FoldedDescription!, codeText]),
            };
        }

        /// <summary>Whether the text of that full-text table would be the same as the stored entry's (compared by the fields it is made of).</summary>
        public bool SameText(int tier, Entry stored) =>
            Codes.AsSpan().SequenceEqual(stored.Codes) && tier switch
            {
                0 => Fields[0] == stored.Fields[0],
                1 => Fields[0] == stored.Fields[0] && Fields[2] == stored.Fields[2] && Fields[3] == stored.Fields[3],
                _ => Description == stored.Description && Fields.AsSpan().SequenceEqual(stored.Fields),
            };

        public void Bind(Dictionary<string, SqliteParameter> p)
        {
            p["$rowid"].Value = RowId;
            if (p.TryGetValue("$id", out var id))
            {
                id.Value = Id(Document.ServiceId);
                p["$ordinal"].Value = Ordinal;
            }
            p["$name"].Value = Name;
            p["$description"].Value = Description;
            for (var i = 0; i < Fields.Length; i++)
            {
                p[KeyColumns[2 + i]].Value = Fields[i];
            }
            p["$words"].Value = WordsJson;
            p["$codes"].Value = CodesJson;
        }
    }

    /// <returns>Whether the index held the service.</returns>
    public async Task<bool> RemoveAsync(Guid serviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The trigger removes it from the FTS5 tables and the vocabulary.
        command.CommandText = "DELETE FROM DirectorySearchKeys WHERE service_id = $id";
        command.Parameters.AddWithValue("$id", Id(serviceId));
        var removed = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        if (removed)
        {
            Changed();
        }
        return removed;
    }

    /// <summary>The services the index holds, every Cité together (to check them against the published services).</summary>
    public async Task<HashSet<Guid>> IndexedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT service_id FROM DirectorySearchKeys";
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Guid.ParseExact(reader.GetString(0), "N"));
        }
        return ids;
    }

    /// <summary>Empties the index, every Cité (before a rebuild).</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE DirectorySearchCites SET documents = 0; " +
                              string.Concat(Tiers.Select(t => $"INSERT INTO {t} ({t}) VALUES ('delete-all'); ")) +
                              "DELETE FROM DirectorySearchTerms; DELETE FROM DirectorySearchKeys;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Changed();
    }

    /// <summary>Services of one Cité matching the typed words and the filters, best first.</summary>
    /// <param name="anyWord">Services holding any of the words rather than all (the closest matches, ranked by the share of the query they hold).</param>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms,
        int skip = 0, int take = 20, bool anyWord = false, CancellationToken cancellationToken = default) =>
        (await FindAsync(citeId, typed, filters, synonyms, skip, take, anyWord, cancellationToken)).Hits;

    /// <summary>As <see cref="SearchAsync"/>, with what the search made of the words: corrections, words found nowhere.</summary>
    public async Task<SearchOutcome> FindAsync(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms,
        int skip = 0, int take = 20, bool anyWord = false, CancellationToken cancellationToken = default)
    {
        var groups = SearchQuery.Groups(typed, synonyms, Understanding);
        var codes = Codes(filters);
        if ((groups.Count == 0 && codes.Count == 0) || take <= 0)
        {
            return SearchOutcome.None;
        }
        skip = Math.Max(0, skip);
        await using var connection = await OpenAsync(cancellationToken);

        // 1. Which rows, in what order. Without words every match is as good as another: rowid order, and no need of
        //    the vocabulary (an unknown code simply matches nothing). With words: every match scored while the
        //    vocabulary allows at most ExactRankingLimit of them (a real Cité's directory, mostly); beyond, the tiers
        //    keep the answer fast whatever the number of matches.
        List<Candidate> page;
        SearchPlan? plan = null;
        if (groups.Count == 0)
        {
            page = await FilteredPageAsync(connection, citeId, codes, skip, take, cancellationToken);
        }
        else if ((plan = await SearchPlan.ResolveAsync(connection, citeId, groups, codes, synonyms, Understanding, anyWord, cancellationToken)) is null)
        {
            return SearchOutcome.None;
        }
        else if (plan.Bound <= ExactRankingLimit)
        {
            page = await ScoredPageAsync(connection, plan, skip, take, cancellationToken);
        }
        else
        {
            page = await TieredPageAsync(connection, plan, skip, take, cancellationToken);
        }
        if (page.Count == 0)
        {
            return new SearchOutcome([], plan?.CorrectedWords ?? [], plan?.Unmatched ?? []);
        }

        // 2. Read only the page's texts, and mark the matched words here. The excerpt is the description as read, not
        //    as written: a field worker would otherwise see « **jeunes** » or a link's brackets in the results.
        var texts = await ReadTextsAsync(connection, page.Select(c => c.RowId), cancellationToken);
        var prefixes = SearchMarker.Prefixes(plan?.Groups ?? groups);
        return new SearchOutcome(
            [.. page.Select(c => new SearchHit(texts[c.RowId].ServiceId, c.Rank,
                SearchMarker.Mark(texts[c.RowId].Name, prefixes), MarkedExcerpt(texts[c.RowId].Description, prefixes)))],
            plan?.CorrectedWords ?? [],
            plan?.Unmatched ?? []);
    }

    /// <summary>
    /// Every entry of the Cité that matches the typed words and the filters, unranked, by its number in the index (see
    /// <see cref="RowsAsync"/>), with the word beginnings to mark them by: for « près de », which orders the matches by
    /// distance and marks only the page it shows. One statement over the full-text index, no scoring, no text read.
    /// </summary>
    public async Task<SearchMatches> MatchingAsync(Guid citeId, string typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await MatchingPlanAsync(connection, citeId, typed, filters, synonyms, cancellationToken) is { } plan
            ? new SearchMatches(ReadMatches(connection, plan), SearchMarker.Prefixes(plan.Groups))
            : SearchMatches.None;
    }

    /// <summary>The plan <see cref="MatchingAsync"/> reads the matches by (null when nothing can match); apart, for the bench's split too.</summary>
    internal async Task<SearchPlan?> MatchingPlanAsync(SqliteConnection connection, Guid citeId, string typed, SearchFilters filters,
        Func<string, IEnumerable<string>> synonyms, CancellationToken cancellationToken = default)
    {
        var groups = SearchQuery.Groups(typed, synonyms, Understanding);
        return groups.Count == 0 ? null
            : await SearchPlan.ResolveAsync(connection, citeId, groups, Codes(filters), synonyms, Understanding, anyWord: false, cancellationToken);
    }

    /// <summary>
    /// Every match of the plan by its number in the index, unranked: one FTS5 statement, no scoring, no text. The numbers
    /// come as one text (<c>group_concat</c>, each less the Cité's first number): a common word's 30–40,000 rows read one
    /// by one cost 1.5–1.8 times as much, through Microsoft.Data.Sqlite's reader or stepped through SQLite's own
    /// interface alike (docs/benchmarks.md, directory-near, decision 0037).
    /// </summary>
    internal static List<long> ReadMatches(SqliteConnection connection, SearchPlan plan)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(rowid - $lo) FROM DirectorySearch WHERE DirectorySearch MATCH $match AND rowid BETWEEN $lo AND $hi";
        plan.Bind(command);
        return command.ExecuteScalar() is string numbers ? ParseRows(numbers, plan.Lo) : [];
    }

    /// <summary>Numbers written in decimal, separated by commas, each added to <paramref name="first"/>.</summary>
    internal static List<long> ParseRows(ReadOnlySpan<char> numbers, long first)
    {
        var rows = new List<long>((numbers.Length / 4) + 1);
        long number = 0;
        foreach (var c in numbers)
        {
            if (c == ',')
            {
                rows.Add(first + number);
                number = 0;
            }
            else
            {
                number = (number * 10) + (c - '0');
            }
        }
        rows.Add(first + number);
        return rows;
    }

    /// <summary>The Cité's entries: each one's number in the index and its service (a service keeps its number while it stays indexed).</summary>
    public async Task<Dictionary<long, Guid>> RowsAsync(Guid citeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT k.fts_rowid, k.service_id FROM DirectorySearchKeys k JOIN DirectorySearchCites c ON k.cite_ordinal = c.ordinal WHERE c.cite_id = $cite";
        command.Parameters.AddWithValue("$cite", Id(citeId));
        var rows = new Dictionary<long, Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (reader.Read())
        {
            rows[reader.GetInt64(0)] = Guid.ParseExact(reader.GetString(1), "N");
        }
        return rows;
    }

    /// <summary>How many services of the Cité match (for "N résultats" and pagination).</summary>
    public Task<int> CountAsync(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms, CancellationToken cancellationToken = default) =>
        CountAsync(citeId, typed, filters, synonyms, int.MaxValue, cancellationToken: cancellationToken);

    /// <summary>
    /// How many services of the Cité match, counting no further than <paramref name="atMost"/> ("plus de 200 résultats"):
    /// an exact count of thousands of matches costs a millisecond or two, a bounded one a fraction (docs/benchmarks.md).
    /// </summary>
    public async Task<int> CountAsync(Guid citeId, string? typed, SearchFilters filters, Func<string, IEnumerable<string>> synonyms, int atMost,
        bool anyWord = false, CancellationToken cancellationToken = default)
    {
        var groups = SearchQuery.Groups(typed, synonyms, Understanding);
        var codes = Codes(filters);
        if ((groups.Count == 0 && codes.Count == 0) || atMost <= 0)
        {
            return 0;
        }
        await using var connection = await OpenAsync(cancellationToken);
        if (await SearchPlan.ResolveAsync(connection, citeId, groups, codes, synonyms, Understanding, anyWord, cancellationToken) is not { } plan)
        {
            return 0;
        }
        // One word of the index (a barrier alone, a word with one form): the vocabulary knows the count.
        if (plan.SingleTermDocuments is { } documents)
        {
            return (int)Math.Min(documents, atMost);
        }
        await using var command = connection.CreateCommand();
        var table = groups.Count == 0 ? "DirectorySearchName" : "DirectorySearch";
        var matches = $"SELECT 1 FROM {table} WHERE {table} MATCH $match AND rowid BETWEEN $lo AND $hi";
        command.CommandText = atMost == int.MaxValue ? $"SELECT count(*) FROM ({matches})" : $"SELECT count(*) FROM ({matches} LIMIT $atMost)";
        plan.Bind(command);
        command.Parameters.AddWithValue("$atMost", atMost);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Filters alone: the Cité's matches in rowid order, in one statement.</summary>
    private static async Task<List<Candidate>> FilteredPageAsync(SqliteConnection connection, Guid citeId, IReadOnlyList<string> codes, int skip, int take,
        CancellationToken cancellationToken)
    {
        var page = new List<Candidate>();
        await using var command = connection.CreateCommand();
        const string Ordinal = "(SELECT ordinal FROM DirectorySearchCites WHERE cite_id = $cite)";
        command.CommandText = "SELECT rowid FROM DirectorySearchName WHERE DirectorySearchName MATCH $match " +
                              $"AND rowid BETWEEN {Ordinal} << 32 AND ({Ordinal} << 32) | 4294967295 LIMIT $take OFFSET $skip";
        command.Parameters.AddWithValue("$match", string.Join(" AND ", codes.Select(c => $"\"{c}\"")));
        command.Parameters.AddWithValue("$cite", Id(citeId));
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new Candidate(reader.GetInt64(0), 0));
        }
        return page;
    }

    /// <summary>Every match (at most <see cref="ExactRankingLimit"/>, the vocabulary says) given its tier and scored from its short fields.</summary>
    private static async Task<List<Candidate>> ScoredPageAsync(SqliteConnection connection, SearchPlan plan, int skip, int take, CancellationToken cancellationToken)
    {
        var all = new List<Candidate>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT k.fts_rowid, {FieldColumns(plan)} FROM DirectorySearch s JOIN DirectorySearchKeys k ON k.fts_rowid = s.rowid " +
                              "WHERE DirectorySearch MATCH $match AND s.rowid BETWEEN $lo AND $hi";
        plan.Bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var fields = Fields(reader, plan);
            var candidate = new Candidate(reader.GetInt64(0), SearchScoring.Tier(fields, plan.Groups, plan.AnyWord));
            candidate.Score(fields, plan);
            all.Add(candidate);
        }
        return [.. Order(all).Skip(skip).Take(take)];
    }

    /// <summary>
    /// Many matches: services whose name holds every group first, then those whose name, barriers or themes do, then the
    /// rest; each tier an FTS5 scan of exact words that stops early. Rows are scored by blocks of
    /// <see cref="RankingBlock"/> in that order: the first page is the best of the first fifty, and the pages of a
    /// block never overlap, whatever page is asked first.
    /// </summary>
    private static async Task<List<Candidate>> TieredPageAsync(SqliteConnection connection, SearchPlan plan, int skip, int take, CancellationToken cancellationToken)
    {
        var firstBlock = skip / RankingBlock * RankingBlock;
        var wanted = (skip + take + RankingBlock - 1) / RankingBlock * RankingBlock;
        var seen = new HashSet<long>();
        var collected = new List<Candidate>();
        for (var tier = 0; tier < Tiers.Length && collected.Count < wanted; tier++)
        {
            // A group asked only by barriers or thématiques cannot be in the name: that tier is skipped.
            if (plan.MatchFor(tier) is not { } match)
            {
                continue;
            }
            // The short fields come with the rows (one query per tier); rows of an earlier tier are read again, a few.
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT k.fts_rowid, {FieldColumns(plan)} FROM {Tiers[tier]} s JOIN DirectorySearchKeys k ON k.fts_rowid = s.rowid " +
                                  $"WHERE {Tiers[tier]} MATCH $match AND s.rowid BETWEEN $lo AND $hi LIMIT $limit";
            plan.Bind(command, match);
            command.Parameters.AddWithValue("$limit", wanted + seen.Count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (collected.Count < wanted && await reader.ReadAsync(cancellationToken))
            {
                var row = reader.GetInt64(0);
                if (!seen.Add(row))
                {
                    continue;
                }
                var candidate = new Candidate(row, tier);
                if (collected.Count >= firstBlock)
                {
                    candidate.Score(Fields(reader, plan), plan);
                }
                collected.Add(candidate);
            }
        }
        return [.. collected.Skip(firstBlock).Chunk(RankingBlock).SelectMany(Order).Skip(skip - firstBlock).Take(take)];
    }

    /// <summary>
    /// Scored candidates, best first: the share of the query found (when any word may match), tier, score, name
    /// coverage, then rowid (insertion order) so the order is stable.
    /// </summary>
    private static IEnumerable<Candidate> Order(IEnumerable<Candidate> candidates) =>
        candidates.OrderByDescending(c => c.Found).ThenBy(c => c.Tier).ThenByDescending(c => c.Points).ThenByDescending(c => c.NameCoverage).ThenBy(c => c.RowId);

    /// <summary>The short fields the scoring reads, in <see cref="SearchFields"/> order, the codes, and all the words when any word may match.</summary>
    private static string FieldColumns(SearchPlan plan) =>
        "k.name_words, k.barriers_words, k.structure_words, k.topics_words, k.publics_words, k.place_words, k.codes" + (plan.AnyWord ? ", k.words" : string.Empty);

    private static SearchFields Fields(SqliteDataReader reader, SearchPlan plan) =>
        new(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
            SearchFields.FromJsonTokens(reader.GetString(7)), plan.AnyWord ? SearchFields.FromJsonTokens(reader.GetString(8)) : string.Empty);

    private static async Task<Dictionary<long, (Guid ServiceId, string Name, string Description)>> ReadTextsAsync(SqliteConnection connection, IEnumerable<long> rowIds,
        CancellationToken cancellationToken)
    {
        var texts = new Dictionary<long, (Guid, string, string)>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT fts_rowid, service_id, name, description FROM DirectorySearchKeys WHERE fts_rowid IN ({RowIdList(rowIds)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts[reader.GetInt64(0)] = (Guid.ParseExact(reader.GetString(1), "N"), reader.GetString(2), reader.GetString(3));
        }
        return texts;
    }

    private static string RowIdList(IEnumerable<long> rowIds) => string.Join(',', rowIds.Select(r => r.ToString(CultureInfo.InvariantCulture)));

    private static async Task<long> CiteOrdinalAsync(SqliteConnection connection, Guid citeId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // A known Cité keeps its ordinal (the insert is ignored on its cite_id).
        command.CommandText = "INSERT OR IGNORE INTO DirectorySearchCites (cite_id, ordinal) SELECT $cite, coalesce(max(ordinal), 0) + 1 FROM DirectorySearchCites; " +
                              "SELECT ordinal FROM DirectorySearchCites WHERE cite_id = $cite;";
        command.Parameters.AddWithValue("$cite", Id(citeId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<long> NextRowIdAsync(SqliteConnection connection, long ordinal, CancellationToken cancellationToken)
    {
        var (lo, hi) = Range(ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(fts_rowid) + 1, $lo) FROM DirectorySearchKeys WHERE fts_rowid BETWEEN $lo AND $hi";
        command.Parameters.AddWithValue("$lo", lo);
        command.Parameters.AddWithValue("$hi", hi);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The rowids of a Cité: its ordinal in the high 32 bits.</summary>
    internal static (long Lo, long Hi) Range(long ordinal) => (ordinal << 32, (ordinal << 32) | 0xFFFF_FFFFL);

    private static List<string> Codes(SearchFilters filters) =>
        [.. filters.Tokens().Select(SearchQuery.Token).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];

    private static string Join(params string[] parts) => string.Join(' ', parts.Where(p => p.Length > 0));

    /// <summary>Escapes text then turns the index's marks into &lt;mark&gt; elements: safe to render as HTML.</summary>
    /// <summary>A description as a field worker reads it (Markdown turned to text), cut around the first matched word, marked.</summary>
    public static string MarkedExcerpt(string description, IReadOnlyList<string> prefixes) =>
        SearchMarker.Excerpt(SafeMarkdown.ToPlainText(description), prefixes);

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

    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(database.SearchIndexConnectionString);
        await connection.OpenAsync(cancellationToken);
        await database.ApplyToAsync(connection, cancellationToken);
        return connection;
    }

    private sealed class Candidate(long rowId, int tier)
    {
        public long RowId { get; } = rowId;

        public int Tier { get; } = tier;

        public double Points { get; private set; }

        public double NameCoverage { get; private set; }

        /// <summary>The share of the query's weight the service holds (1 when every word is required).</summary>
        public double Found { get; private set; } = 1;

        /// <summary>The rank a hit carries (lower is better): the share found, the tier, then the score.</summary>
        public double Rank => ((1 - Found) * 1e7) + (Tier * 1e6) - Points;

        public void Score(SearchFields fields, SearchPlan plan) => (Points, NameCoverage, Found) = SearchScoring.Score(fields, plan.Groups, plan.Idf, plan.AnyWord);
    }
}

/// <summary>A page of hits, with what the search made of the words: the typed words it read as others, and those found nowhere (left out).</summary>
/// <summary>Every match of a query by its number in the index, unranked, and the word beginnings to mark them by (<see cref="SearchMarker"/>).</summary>
public sealed record SearchMatches(IReadOnlyList<long> Rows, IReadOnlyList<string> Prefixes)
{
    public static SearchMatches None { get; } = new([], []);
}

public sealed record SearchOutcome(IReadOnlyList<SearchHit> Hits, IReadOnlyList<SearchCorrection> Corrections, IReadOnlyList<string> Unmatched)
{
    public static SearchOutcome None { get; } = new([], [], []);
}
