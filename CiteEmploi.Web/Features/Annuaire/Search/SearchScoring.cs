namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// How well a service answers the query, from its short fields (folded words): each group of the query counts for its
/// rarity (BM25's inverse document frequency) times the weight of the best field it is found in — the name weighs
/// most; a group found in none of the short fields was found in the description (weight 1). A word found through a
/// synonym counts a little less than the word typed ("creche" puts "Crèche" before "Halte-garderie"). Ties go to
/// the service whose name is most covered by the query ("Crèche" before "Crèche et relais parents").
/// Before the score comes the tier, as the index's three tables see it: every group in the name, every group in the
/// name, barriers or themes, or not — so that scoring every match and taking the tables' tiers agree.
/// Runs on every match of a small result set: plain loops and ordinal string searches, no allocation per field.
/// </summary>
internal static class SearchScoring
{
    /// <summary>Weights of the short fields, in <see cref="SearchFields"/> order (the description, not read here, weighs 1).</summary>
    private static readonly double[] Weights = [10, 6, 4, 3, 2, 2];

    public const double DescriptionWeight = 1;

    /// <summary>A synonym's match counts this much of the typed word's.</summary>
    public const double SynonymFactor = 0.8;

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

    /// <summary>0 when every group is in the name, 1 when every group is in the name, barriers or themes, 2 otherwise.</summary>
    public static int Tier(SearchFields fields, IReadOnlyList<SearchGroup> groups) =>
        groups.All(g => g.Alternatives.Any(a => IsIn(a, fields, NameField))) ? 0
        : groups.All(g => g.Alternatives.Any(a => IsIn(a, fields, WhatFields))) ? 1
        : 2;

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

    public static (double Score, double NameCoverage) Score(SearchFields fields, IReadOnlyList<SearchGroup> groups, IReadOnlyList<double> idf)
    {
        var score = 0.0;
        for (var g = 0; g < groups.Count; g++)
        {
            var best = DescriptionWeight;
            for (var f = 0; f < Weights.Length && Weights[f] > best; f++)
            {
                foreach (var alternative in groups[g].Alternatives)
                {
                    var weight = Weights[f] * (alternative.IsSynonym ? SynonymFactor : 1);
                    if (weight > best && alternative.IsIn(fields[f]))
                    {
                        best = weight;
                    }
                }
            }
            score += idf[g] * best;
        }
        return (score, NameCoverage(fields[0], groups));
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
                    if (w.Matches(word))
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

/// <summary>A service's short fields, folded (words separated by one space): name, barriers, structure, topics, publics, place.</summary>
internal sealed class SearchFields(string name, string barriers, string structure, string topics, string publics, string place)
{
    private readonly string[] _fields = [name, barriers, structure, topics, publics, place];

    public string this[int index] => _fields[index];
}
