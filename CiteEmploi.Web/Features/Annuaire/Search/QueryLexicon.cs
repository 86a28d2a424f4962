using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// The field workers' lexicon (<see cref="Lexique"/>), the barriers' own words (<see cref="Freins"/>) and the thématiques'
/// labels, in the shape the search reads them: each word or phrase keyed by the light stems of its words without the
/// stop words (« faire garder mon enfant » and « garder mes enfants » have the same key), with the index's codes it
/// asks for; and the families of words, by stem.
/// </summary>
public static class QueryLexicon
{
    /// <summary>A phrase of the lexicon has at most this many words once the stop words are dropped.</summary>
    public const int LongestPhrase = 4;

    /// <summary>How much a service classed under an asked thématique, or under an asked barrier, counts (<see cref="SearchAlternative.Factor"/>).</summary>
    public const double ThematiqueFactor = 0.8;

    public const double FreinFactor = 0.5;

    private static readonly Lazy<Catalogue> LazyCatalogue = new(Load);

    /// <summary>Whether a folded word is too common to help.</summary>
    public static bool IsStopWord(string folded) => LazyCatalogue.Value.StopWords.Contains(folded);

    /// <summary>The key of folded words: their stems, stop words left out, joined by spaces.</summary>
    public static string Key(IEnumerable<string> foldedWords) =>
        string.Join(' ', foldedWords.Where(w => !IsStopWord(w)).Select(FrenchWords.Stem));

    /// <summary>What a word or phrase (by <see cref="Key"/>) asks for, or null when the lexicon does not know it.</summary>
    public static LexiconMeaning? Find(string key) => LazyCatalogue.Value.Meanings.GetValueOrDefault(key);

    /// <summary>The other words of a folded word's family (« creation » → creer, createur…), found by the word or its stem.</summary>
    public static IReadOnlyList<string> FamilyOf(string folded)
    {
        var families = LazyCatalogue.Value.Families;
        var members = families.GetValueOrDefault(folded) ?? families.GetValueOrDefault("~" + FrenchWords.Stem(folded));
        return members is null ? [] : [.. members.Where(m => m != folded)];
    }

    /// <summary>The lexicon's single words, folded: a mistyped word may be one of them (« nounoux »).</summary>
    public static IReadOnlyList<string> Words => LazyCatalogue.Value.Words;

    private static Catalogue Load()
    {
        var stopWords = Lexique.StopWords.ToHashSet(StringComparer.Ordinal);
        var meanings = new Dictionary<string, (HashSet<string> Freins, HashSet<string> Thematiques, HashSet<string> Also)>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);

        void Add(string term, IEnumerable<string> freins, IEnumerable<string> thematiques, IEnumerable<string> also)
        {
            var folded = Text.Fold(term).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var kept = folded.Where(w => !stopWords.Contains(w)).ToList();
            if (kept.Count == 0 || kept.Count > LongestPhrase)
            {
                return;
            }
            if (kept.Count == 1)
            {
                words.Add(kept[0]);
            }
            var key = string.Join(' ', kept.Select(FrenchWords.Stem));
            if (!meanings.TryGetValue(key, out var meaning))
            {
                meanings[key] = meaning = ([], [], []);
            }
            meaning.Freins.UnionWith(freins);
            meaning.Thematiques.UnionWith(thematiques);
            meaning.Also.UnionWith(also.Select(Text.Fold).Where(a => a.Length > 0));
        }

        foreach (var entry in Lexique.Entries)
        {
            foreach (var term in entry.Terms)
            {
                Add(term, entry.Freins, entry.Thematiques, entry.AlsoSearch);
            }
        }
        // The barriers' labels and synonyms (« Mobilité », « covoiturage ») ask for the barrier; a thématique's label for it.
        foreach (var frein in Freins.All)
        {
            foreach (var term in frein.Synonyms.Prepend(frein.Label))
            {
                Add(term, [frein.Code], [], []);
            }
        }
        foreach (var thematique in Referentiels.Thematiques.Entries)
        {
            Add(thematique.Label, [], [thematique.Code], []);
        }

        var families = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var family in Lexique.Families)
        {
            IReadOnlyList<string> members = [.. family.Select(Text.Fold).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];
            foreach (var member in members)
            {
                families[member] = members;
                families.TryAdd("~" + FrenchWords.Stem(member), members);
            }
        }
        return new Catalogue(
            stopWords,
            meanings.ToDictionary(m => m.Key, m => new LexiconMeaning([.. m.Value.Freins.Order(StringComparer.Ordinal)],
                [.. m.Value.Thematiques.Order(StringComparer.Ordinal)], [.. m.Value.Also.Order(StringComparer.Ordinal)]), StringComparer.Ordinal),
            families,
            [.. words.Order(StringComparer.Ordinal)]);
    }

    private sealed record Catalogue(HashSet<string> StopWords, Dictionary<string, LexiconMeaning> Meanings, Dictionary<string, IReadOnlyList<string>> Families,
        IReadOnlyList<string> Words);
}

/// <summary>What a word or phrase of the lexicon asks for: services classed under these barriers or thématiques, or holding these (folded) words.</summary>
public sealed record LexiconMeaning(IReadOnlyList<string> Freins, IReadOnlyList<string> Thematiques, IReadOnlyList<string> AlsoSearch);
