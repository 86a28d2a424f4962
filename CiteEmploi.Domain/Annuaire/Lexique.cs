using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// The field workers' lexicon, kept as data in the embedded <c>Annuaire/Data/lexique.json</c>: the everyday words they type
/// (« nounou », « dettes », « réparer ma voiture ») tied to the barriers and data·inclusion thématiques services are
/// classed under, the words too common to help (« mon », « pour »), and families of words a stemmer does not join
/// (« création » / « créer »). Read as written: the search folds and stems the words itself.
/// </summary>
public static class Lexique
{
    private static readonly Lazy<Catalogue> LazyCatalogue = new(Load);

    /// <summary>Words dropped from a search, folded (<see cref="Text.Fold"/>).</summary>
    public static IReadOnlySet<string> StopWords => LazyCatalogue.Value.StopWords;

    /// <summary>Families of words that mean the same thing for a search, as written.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Families => LazyCatalogue.Value.Families;

    /// <summary>Every entry: everyday words or phrases and the barriers and thématiques they ask for.</summary>
    public static IReadOnlyList<LexiqueEntry> Entries => LazyCatalogue.Value.Entries;

    private static Catalogue Load()
    {
        var file = EmbeddedData.Read<LexiqueFile>("CiteEmploi.Domain.Annuaire.Data.lexique.json");
        var stopWords = (file.MotsVides ?? []).Select(Text.Fold).Where(w => w.Length > 0).ToHashSet(StringComparer.Ordinal);
        var families = (file.Familles ?? []).Where(f => f.Count > 1).Select(f => (IReadOnlyList<string>)[.. f]).ToList();
        var entries = (file.Entrees ?? [])
            .Select(e => new LexiqueEntry(e.Mots ?? [], e.Freins ?? [], e.Thematiques ?? [], e.Aussi ?? []))
            .ToList();
        return new Catalogue(stopWords, families, entries);
    }

    private sealed record Catalogue(IReadOnlySet<string> StopWords, IReadOnlyList<IReadOnlyList<string>> Families, IReadOnlyList<LexiqueEntry> Entries);

    private sealed record LexiqueFile(List<string>? MotsVides, List<List<string>>? Familles, List<EntryRow>? Entrees);

    private sealed record EntryRow(List<string>? Mots, List<string>? Freins, List<string>? Thematiques, List<string>? Aussi);
}

/// <summary>
/// Everyday words (<paramref name="Terms"/>) and what they ask for: services classed under one of the barriers
/// (<see cref="Frein.Code"/>) or thématiques, or whose texts hold one of the <paramref name="AlsoSearch"/> words.
/// </summary>
public sealed record LexiqueEntry(IReadOnlyList<string> Terms, IReadOnlyList<string> Freins, IReadOnlyList<string> Thematiques, IReadOnlyList<string> AlsoSearch);
