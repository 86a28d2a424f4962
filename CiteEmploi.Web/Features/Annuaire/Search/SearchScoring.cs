namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// How well a service answers the query, from its short fields (folded words): each group of the query counts for the
/// rarest of its words (inverse document frequency, as in BM25) times the weight of the best field it is found in —
/// the name weighs most. A group found in none of the short fields was found in the description (weight 1).
/// Ties go to the service whose name is most covered by the query ("Crèche" before "Crèche et relais parents").
/// </summary>
internal static class SearchScoring
{
    /// <summary>Weights of the short fields, best first (the description, not read here, weighs 1).</summary>
    public static readonly (SearchField Field, double Weight)[] Weights =
    [
        (SearchField.Name, 10), (SearchField.Barriers, 6), (SearchField.Structure, 4), (SearchField.Topics, 3), (SearchField.Publics, 2), (SearchField.Place, 2),
    ];

    public const double DescriptionWeight = 1;

    /// <summary>BM25's inverse document frequency of a group found in at most <paramref name="documents"/> of <paramref name="total"/> services.</summary>
    public static double Idf(long documents, long total)
    {
        var n = Math.Max(1, total);
        var df = Math.Clamp(documents, 0, n);
        return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }

    public static (double Score, double NameCoverage) Score(SearchFields fields, IReadOnlyList<SearchGroup> groups, IReadOnlyList<double> idf)
    {
        var score = 0.0;
        for (var g = 0; g < groups.Count; g++)
        {
            var best = DescriptionWeight;
            foreach (var (field, weight) in Weights)
            {
                var words = fields[field];
                if (groups[g].Alternatives.Any(a => a.IsIn(words)))
                {
                    best = weight;
                    break;
                }
            }
            score += idf[g] * best;
        }
        var name = fields[SearchField.Name];
        var covered = name.Count(w => groups.Any(g => g.Alternatives.Any(a => a.Words.Any(x => x.Matches(w)))));
        return (score, name.Count == 0 ? 0 : (double)covered / name.Count);
    }
}

/// <summary>The short fields of an indexed service that the scoring reads.</summary>
internal enum SearchField
{
    Name,
    Structure,
    Barriers,
    Topics,
    Publics,
    Place,
}

/// <summary>A service's short fields, folded and split into words.</summary>
internal sealed class SearchFields(string[][] words)
{
    public IReadOnlyList<string> this[SearchField field] => words[(int)field];

    public static SearchFields From(string name, string structure, string barriers, string topics, string publics, string place) =>
        new([Split(name), Split(structure), Split(barriers), Split(topics), Split(publics), Split(place)]);

    private static string[] Split(string folded) => folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
