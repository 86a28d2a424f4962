using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// The directory's small French synonym list, kept as data in the embedded <c>Directory/Data/synonymes.json</c>:
/// groups of equivalent words ("garde d'enfants" ↔ "crèche" ↔ "mode de garde"), compared folded.
/// </summary>
public static class Synonyms
{
    private static readonly Lazy<Catalogue> LazyCatalogue = new(Load);

    /// <summary>Every group, folded, as read from the data file.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Groups => LazyCatalogue.Value.Groups;

    /// <summary>
    /// The folded term followed by every folded term equivalent to it (a term in several groups gets all of them);
    /// a term without synonyms comes back alone, an empty term gives nothing.
    /// </summary>
    public static IReadOnlyList<string> Expand(string? foldedTerm)
    {
        var term = Text.Fold(foldedTerm); // idempotent: a term already folded is unchanged
        if (term.Length == 0)
        {
            return [];
        }
        return LazyCatalogue.Value.Index.TryGetValue(term, out var equivalents) ? equivalents : [term];
    }

    private static Catalogue Load()
    {
        var groups = EmbeddedData.Read<List<List<string>>>("CiteEmploi.Domain.Annuaire.Data.synonymes.json")
            .Select(g => (IReadOnlyList<string>)[.. g.Select(Text.Fold).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)])
            .Where(g => g.Count > 1)
            .ToList();
        var index = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var term in groups.SelectMany(g => g).Distinct(StringComparer.Ordinal))
        {
            var equivalents = groups.Where(g => g.Contains(term, StringComparer.Ordinal)).SelectMany(g => g).Where(t => t != term);
            index[term] = [term, .. equivalents.Distinct(StringComparer.Ordinal)];
        }
        return new Catalogue(groups, index);
    }

    private sealed record Catalogue(IReadOnlyList<IReadOnlyList<string>> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Index);
}
