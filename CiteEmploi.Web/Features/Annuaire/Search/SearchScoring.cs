namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// How well a service answers the query, from its short fields (folded words): each group of the query counts for its
/// rarity (BM25's inverse document frequency) times the weight of the best field it is found in — the name weighs
/// most; a group found in none of the short fields was found in the description (weight 1). A word found through a
/// synonym, a form of the same stem or a correction counts a little less than the word typed ("creche" puts "Crèche"
/// before "Halte-garderie": <see cref="SearchAlternative.Factor"/>). A service classed under a thématique or a barrier
/// the words ask for (the lexicon's codes) counts as if the words were in its barriers: more than a service whose
/// description merely holds them. Ties go to the service whose name is most covered by the query ("Crèche" before
/// "Crèche et relais parents").
/// Before the score comes the tier, as the index's three tables see it: every group in the name, every group in the
/// name, barriers, themes or classification, or not — so that scoring every match and taking the tables' tiers agree.
/// When any word may match (<see cref="SearchPlan.AnyWord"/>), first comes the share of the query found.
/// Runs on every match of a small result set: plain loops and ordinal string searches, no allocation per field.
/// </summary>
internal static class SearchScoring
{
    /// <summary>Weights of the short fields, in <see cref="SearchFields"/> order (the description, not read here, weighs 1).</summary>
    private static readonly double[] Weights = [10, 6, 4, 3, 2, 2];

    public const double DescriptionWeight = 1;

    /// <summary>A code alternative's weight before its factor (a thématique: 8, more than the barriers' label; a barrier: 5).</summary>
    public const double CodeWeight = 10;

    /// <summary>In the closest matches, how much more a group naming a need counts in the share of the query found.</summary>
    public const double NeedFactor = 2;

    /// <summary>BM25's inverse document frequency of a group found in at most <paramref name="documents"/> of <paramref name="total"/> services.</summary>
    public static double Idf(long documents, long total)
    {
        var n = Math.Max(1, total);
        var df = Math.Clamp(documents, 0, n);
        return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }

    /// <summary>Fields of the "what" tier, in <see cref="SearchFields"/> order: name, barriers, themes (the DirectorySearchWhat table).</summary>
    private static readonly int[] WhatFields = [0, 1, 3];

    private static readonly int[] NameField = [0];

    /// <summary>
    /// 0 when every group is in the name, 1 when every group is in the name, barriers or themes (or the service is classed
    /// as the group asks), 2 otherwise. When any word may match, only the groups the service matches count.
    /// </summary>
    public static int Tier(SearchFields fields, IReadOnlyList<SearchGroup> groups, bool anyWord = false)
    {
        var counted = anyWord ? groups.Where(g => Matches(g, fields)).ToList() : groups;
        return counted.Count == 0 ? 2
            : counted.All(g => g.Alternatives.Any(a => !a.IsCode && IsIn(a, fields, NameField))) ? 0
            : counted.All(g => g.Alternatives.Any(a => a.IsCode ? a.IsIn(fields.Codes) : IsIn(a, fields, WhatFields))) ? 1
            : 2;
    }

    /// <summary>Every word of the alternative in one of these fields (as in the FTS5 table that holds them together).</summary>
    private static bool IsIn(SearchAlternative alternative, SearchFields fields, int[] indexes)
    {
        foreach (var word in alternative.Words)
        {
            if (!indexes.Any(i => word.IsIn(fields[i])))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether the service holds the group anywhere (its words, description included, or its codes).</summary>
    public static bool Matches(SearchGroup group, SearchFields fields)
    {
        foreach (var alternative in group.Alternatives)
        {
            if (alternative.IsIn(alternative.IsCode ? fields.Codes : fields.Words))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The score, the share of the name the query covers, and (when <paramref name="anyWord"/>) the share of the query's
    /// weight the service holds — 1 when every group must match.
    /// </summary>
    public static (double Score, double NameCoverage, double Found) Score(SearchFields fields, IReadOnlyList<SearchGroup> groups, IReadOnlyList<double> idf,
        bool anyWord = false)
    {
        double score = 0, found = 0, all = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            // When not every word can be found, a word that names a need (the lexicon gives it barriers or thématiques:
            // « garder mes enfants ») weighs more than one that only narrows it (« le soir », « samedi »).
            var groupWeight = idf[g] * (groups[g].Alternatives.Any(a => a.IsCode) ? NeedFactor : 1);
            all += groupWeight;
            if (anyWord && !Matches(groups[g], fields))
            {
                continue;
            }
            found += groupWeight;
            var best = DescriptionWeight;
            foreach (var alternative in groups[g].Alternatives)
            {
                if (alternative.IsCode)
                {
                    var weight = CodeWeight * alternative.Factor;
                    if (weight > best && alternative.IsIn(fields.Codes))
                    {
                        best = weight;
                    }
                    continue;
                }
                for (var f = 0; f < Weights.Length && Weights[f] * alternative.Factor > best; f++)
                {
                    if (alternative.IsIn(fields[f]))
                    {
                        best = Weights[f] * alternative.Factor;
                    }
                }
            }
            score += idf[g] * best;
        }
        return (score, NameCoverage(fields[0], groups), all == 0 ? 0 : found / all);
    }

    /// <summary>The share of the name's words that some word of the query matches.</summary>
    private static double NameCoverage(string name, IReadOnlyList<SearchGroup> groups)
    {
        int words = 0, covered = 0;
        for (var start = 0; start < name.Length;)
        {
            var end = name.IndexOf(' ', start);
            if (end < 0)
            {
                end = name.Length;
            }
            var word = name.AsSpan(start, end - start);
            words++;
            if (AnyMatches(word, groups))
            {
                covered++;
            }
            start = end + 1;
        }
        return words == 0 ? 0 : (double)covered / words;
    }

    private static bool AnyMatches(ReadOnlySpan<char> word, IReadOnlyList<SearchGroup> groups)
    {
        foreach (var group in groups)
        {
            foreach (var alternative in group.Alternatives)
            {
                foreach (var w in alternative.Words)
                {
                    if (!w.IsCode && w.Matches(word))
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

/// <summary>
/// A service's short fields, folded (words separated by one space): name, barriers, structure, topics, publics, place;
/// its codes (barriers, thématiques… as index tokens); and, only when any word may match, all its words.
/// </summary>
internal sealed class SearchFields(string name, string barriers, string structure, string topics, string publics, string place, string codes = "", string words = "")
{
    private readonly string[] _fields = [name, barriers, structure, topics, publics, place];

    public string this[int index] => _fields[index];

    public string Codes { get; } = codes;

    public string Words { get; } = words;

    /// <summary>A JSON list of index tokens (letters and digits only, as the index stores them) as words separated by spaces.</summary>
    public static string FromJsonTokens(string json) =>
        json.Length <= 4 ? string.Empty : json[2..^2].Replace("\",\"", " ", StringComparison.Ordinal);
}
