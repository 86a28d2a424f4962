using System.Text;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>How much of the French query understanding a search uses (docs/decisions/0018-directory-query-understanding.md).</summary>
/// <param name="Lexicon">Stop words of the lexicon, its words and phrases (« nounou » → garde d'enfants), families of words.</param>
/// <param name="Stems">Forms of a word with the same light stem (« logements » → logement, loger).</param>
/// <param name="Typos">A word found nowhere is read as the nearest word of the Cité's index or of the lexicon (« mobilté »).</param>
public sealed record QueryUnderstanding(bool Lexicon, bool Stems, bool Typos)
{
    /// <summary>Everything on: the app's search.</summary>
    public static QueryUnderstanding Full { get; } = new(true, true, true);

    /// <summary>The words as typed, their prefixes and the synonym list only (the search before issue 14; a baseline for the benchmark).</summary>
    public static QueryUnderstanding WordsOnly { get; } = new(false, false, false);
}

/// <summary>
/// Turns what a field worker types into groups of words to find: accents, case and punctuation ignored ("creche" finds
/// "Crèche"), every typed word a prefix ("mobil" finds "mobilité"), each word OR its synonyms ("permis" also finds
/// "auto-école"), all groups required. With the lexicon (<see cref="QueryUnderstanding"/>): stop words dropped
/// (« faire garder mon enfant » → garder, enfant), the lexicon's phrases read as one group, and each group also found by
/// the barriers and thématiques it asks for (« nounou » → services classed under garde d'enfants) and by its family of
/// words. <see cref="SearchPlan"/> adds the forms of a word with the same stem and corrects typing mistakes against the
/// Cité's own words; <see cref="DirectorySearchIndex"/> turns the prefixes into the index's words.
/// </summary>
public static class SearchQuery
{
    /// <summary>The stop words of the search before the lexicon; dropped unless they are the whole query (or the whole synonym).</summary>
    private static readonly HashSet<string> BasicStopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "sur", "un", "une", "avec", "dans",
    };

    /// <summary>A word of the lexicon's family counts this much of the typed word; a form with the same stem, <see cref="StemFactor"/>.</summary>
    public const double FamilyFactor = 0.9;

    public const double StemFactor = 0.9;

    /// <summary>A synonym's or lexicon word's match counts this much of the typed word's.</summary>
    public const double SynonymFactor = 0.8;

    /// <summary>A corrected word's match counts this much of its own.</summary>
    public const double CorrectionFactor = 0.7;

    /// <summary>
    /// What must be found: every group, each by any of its alternatives. Empty when nothing searchable was typed — with
    /// the lexicon, also when only stop words were (« de la »: see <see cref="OnlyStopWords"/>).
    /// </summary>
    /// <param name="synonyms">Folded equivalents of a folded word or phrase (may return nothing).</param>
    public static IReadOnlyList<SearchGroup> Groups(string? typed, Func<string, IEnumerable<string>> synonyms, QueryUnderstanding? understanding = null)
    {
        understanding ??= QueryUnderstanding.Full;
        var folded = Text.Fold(typed);
        if (folded.Length == 0)
        {
            return [];
        }
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        return understanding.Lexicon ? LexiconGroups(words, synonyms, understanding) : WordsOnlyGroups(folded, words, synonyms);
    }

    /// <summary>Whether the text holds words, all of them too common to search (« de la », « pour mon »).</summary>
    public static bool OnlyStopWords(string? typed)
    {
        var words = Text.Fold(typed).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(QueryLexicon.IsStopWord);
    }

    /// <summary>One typed word's group, as <see cref="Groups"/> makes it (also for a corrected word).</summary>
    internal static SearchGroup WordGroup(string word, Func<string, IEnumerable<string>> synonyms, QueryUnderstanding understanding, double factor = 1)
    {
        var alternatives = new List<SearchAlternative> { Alternative(word, factor, understanding.Stems) };
        if (understanding.Lexicon)
        {
            alternatives.AddRange(QueryLexicon.FamilyOf(word).Select(f => Alternative(f, FamilyFactor * factor)));
        }
        alternatives.AddRange(synonyms(word).Concat(synonyms(Singular(word))).Select(s => Alternative(Text.Fold(s), SynonymFactor * factor)));
        if (understanding.Lexicon && QueryLexicon.Find(QueryLexicon.Key([word])) is { } meaning)
        {
            alternatives.AddRange(Meaning(meaning, factor));
        }
        return Group(alternatives, word);
    }

    private static List<SearchGroup> LexiconGroups(List<string> words, Func<string, IEnumerable<string>> synonyms, QueryUnderstanding understanding)
    {
        // Positions of the words that count; the phrases are looked for among them, the stop words between kept for the synonyms' keys.
        var kept = Enumerable.Range(0, words.Count).Where(i => !QueryLexicon.IsStopWord(words[i])).ToList();
        var groups = new List<SearchGroup>();
        for (var k = 0; k < kept.Count;)
        {
            var taken = 0;
            for (var length = Math.Min(QueryLexicon.LongestPhrase, kept.Count - k); length >= 2 && taken == 0; length--)
            {
                var span = kept.GetRange(k, length);
                var phrase = string.Join(' ', words.Skip(span[0]).Take(span[^1] - span[0] + 1));
                var meaning = QueryLexicon.Find(QueryLexicon.Key(span.Select(i => words[i])));
                var equivalents = synonyms(phrase).ToList();
                if (meaning is null && equivalents.Count == 0)
                {
                    continue;
                }
                var alternatives = new List<SearchAlternative> { Alternative(string.Join(' ', span.Select(i => words[i])), 1) };
                alternatives.AddRange(equivalents.Select(s => Alternative(Text.Fold(s), SynonymFactor)));
                if (meaning is not null)
                {
                    alternatives.AddRange(Meaning(meaning, 1));
                }
                groups.Add(Group(alternatives, phrase));
                taken = length;
            }
            if (taken == 0)
            {
                groups.Add(WordGroup(words[kept[k]], synonyms, understanding));
                taken = 1;
            }
            k += taken;
        }
        return groups;
    }

    /// <summary>The search before the lexicon: stop words dropped unless they are all that was typed, whole-text synonyms first.</summary>
    private static List<SearchGroup> WordsOnlyGroups(string folded, List<string> words, Func<string, IEnumerable<string>> synonyms)
    {
        var kept = words.Where(w => !BasicStopWords.Contains(w)).ToList();
        if (kept.Count == 0)
        {
            kept = words;
        }

        // Multi-word synonyms ("mode de garde", "auto ecole") are tried on the whole typed text first.
        var phraseSynonyms = words.Count > 1 ? synonyms(folded).ToList() : [];
        if (phraseSynonyms.Count > 0)
        {
            return [Group([Alternative(folded, 1), .. phraseSynonyms.Select(s => Alternative(Text.Fold(s), SynonymFactor))], folded)];
        }
        return [.. kept.Select(word => Group(
            [Alternative(word, 1), .. synonyms(word).Concat(synonyms(Singular(word))).Select(s => Alternative(Text.Fold(s), SynonymFactor))], word))];
    }

    /// <summary>The lexicon's codes and words for a meaning: a service classed under the thématique counts more than one under the barrier.</summary>
    private static IEnumerable<SearchAlternative> Meaning(LexiconMeaning meaning, double factor)
    {
        foreach (var thematique in meaning.Thematiques)
        {
            yield return new SearchAlternative([new SearchWord(SearchIndexCodes.Thematique(thematique), IsPrefix: false, IsCode: true)], QueryLexicon.ThematiqueFactor * factor)
            {
                Within = [.. Freins.Matching(thematique).Select(f => SearchIndexCodes.Frein(f.Code))],
            };
        }
        foreach (var frein in meaning.Freins)
        {
            yield return new SearchAlternative([new SearchWord(SearchIndexCodes.Frein(frein), IsPrefix: false, IsCode: true)], QueryLexicon.FreinFactor * factor);
        }
        foreach (var word in meaning.AlsoSearch)
        {
            yield return Alternative(word, SynonymFactor * factor);
        }
    }

    /// <summary>
    /// Light French plural folding: "creches" → "creche", which as a prefix then finds the singular and the plural.
    /// Words of four letters or fewer, and words in -ss, are left alone.
    /// </summary>
    public static string Singular(string word) =>
        word.Length > 4 && (word.EndsWith('s') || word.EndsWith('x')) && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    /// <summary>Index tokens for codes: letters and digits only, so every code is one word of the index.</summary>
    public static string Token(string code)
    {
        var builder = new StringBuilder(code.Length);
        foreach (var c in Text.Fold(code))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The alternatives in order, the first of each set of words kept (the typed word or phrase comes first).</summary>
    private static SearchGroup Group(IEnumerable<SearchAlternative> alternatives, string typed) =>
        new([.. alternatives.Where(a => a.Words.Count > 0).DistinctBy(a => a.Key)], typed);

    /// <summary>
    /// "auto ecole" → auto, then ecole as a prefix: like a phrase whose last word may go on. Stop words inside a
    /// multi-word alternative are dropped ("garde d enfants" → garde, enfants): the index keeps no word positions, so
    /// the words of an alternative are required anywhere in the service, not side by side.
    /// </summary>
    /// <param name="stems">Whether the plan may add the forms of a one-word alternative with the same stem.</param>
    private static SearchAlternative Alternative(string folded, double factor, bool stems = false)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var kept = words.Where(w => !BasicStopWords.Contains(w)).ToList();
        if (kept.Count == 0)
        {
            kept = words;
        }
        return new SearchAlternative([.. kept.Select((w, i) => i == kept.Count - 1 && w.Length > 1
            ? new SearchWord(Singular(w), IsPrefix: true)
            // A single letter as a prefix would be most of the dictionary ("permis b"): it is matched as a word.
            : new SearchWord(w, IsPrefix: false))], factor, Stemmed: stems && kept.Count == 1 && kept[0].Length > 1);
    }
}

/// <summary>A folded word to find: exactly, or as the beginning of the index's words; or a code of the index (a barrier, a thématique).</summary>
public readonly record struct SearchWord(string Text, bool IsPrefix, bool IsCode = false)
{
    /// <summary>Whether an indexed (folded) word matches this one.</summary>
    public bool Matches(ReadOnlySpan<char> indexed) =>
        IsPrefix ? indexed.StartsWith(Text, StringComparison.Ordinal) : indexed.SequenceEqual(Text);

    /// <summary>Whether a folded text (words separated by single spaces) holds a word matching this one.</summary>
    public bool IsIn(string folded)
    {
        for (var at = folded.IndexOf(Text, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(Text, at + 1, StringComparison.Ordinal))
        {
            var end = at + Text.Length;
            if ((at == 0 || folded[at - 1] == ' ') && (IsPrefix || end == folded.Length || folded[end] == ' '))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// One way to satisfy a group: all its words present in the service. <paramref name="Factor"/>: how much it counts
/// beside the word typed (1): a synonym, a corrected word or a barrier less.
/// </summary>
/// <param name="Stemmed">The plan adds, as alternatives, the Cité's words with the same light stem as this one-word alternative.</param>
public sealed record SearchAlternative(IReadOnlyList<SearchWord> Words, double Factor = 1, bool Stemmed = false)
{
    /// <summary>A code alternative: the service is classed under a barrier or thématique the words ask for.</summary>
    public bool IsCode => Words is [{ IsCode: true }];

    /// <summary>
    /// For a thématique's code: the codes of the barriers it belongs to. A service classed under the thématique is
    /// classed under them too, so beside one of them it adds no match to the plan's bound.
    /// </summary>
    public IReadOnlyList<string> Within { get; init; } = [];

    /// <summary>The words, to tell two alternatives that search the same thing.</summary>
    public string Key => string.Join(' ', Words.Select(w => (w.IsCode ? "#" : "") + w.Text + (w.IsPrefix ? "*" : "")));

    /// <summary>Whether one folded field holds every word of the alternative.</summary>
    public bool IsIn(string folded)
    {
        foreach (var word in Words)
        {
            if (!word.IsIn(folded))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>What one typed word (or typed phrase, <paramref name="Typed"/>, folded) may match: the words typed (first), or another of its alternatives.</summary>
public sealed record SearchGroup(IReadOnlyList<SearchAlternative> Alternatives, string Typed = "");
