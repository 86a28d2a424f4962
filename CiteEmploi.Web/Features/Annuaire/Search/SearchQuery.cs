using System.Text;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// Turns what a field worker types into groups of words to find: accents, case and punctuation ignored ("creche" finds
/// "Crèche"), every typed word a prefix ("mobil" finds "mobilité"), each word OR its synonyms ("permis" also finds
/// "auto-école"), all groups required. <see cref="DirectorySearchIndex"/> turns the prefixes into the index's words.
/// </summary>
public static class SearchQuery
{
    /// <summary>Words too common to help; dropped unless they are the whole query (or the whole synonym).</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "sur", "un", "une", "avec", "dans",
    };

    /// <summary>
    /// What must be found: every group, each by any of its alternatives. Empty when nothing searchable was typed.
    /// </summary>
    /// <param name="synonyms">Folded equivalents of a folded word or phrase (may return nothing).</param>
    public static IReadOnlyList<SearchGroup> Groups(string? typed, Func<string, IEnumerable<string>> synonyms)
    {
        var folded = Text.Fold(typed);
        if (folded.Length == 0)
        {
            return [];
        }
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var kept = words.Where(w => !StopWords.Contains(w)).ToList();
        if (kept.Count == 0)
        {
            kept = words;
        }

        // Multi-word synonyms ("mode de garde", "auto ecole") are tried on the whole typed text first.
        var phraseSynonyms = words.Count > 1 ? synonyms(folded).ToList() : [];
        if (phraseSynonyms.Count > 0)
        {
            return [Group([folded, .. phraseSynonyms])];
        }
        return [.. kept.Select(word => Group([Singular(word), .. synonyms(word), .. synonyms(Singular(word))]))];
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

    /// <summary>The typed word or phrase first, then its synonyms.</summary>
    private static SearchGroup Group(IEnumerable<string> alternatives) =>
        new([.. alternatives.Select(Text.Fold).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Select((a, i) => Alternative(a, isSynonym: i > 0))]);

    /// <summary>
    /// "auto ecole" → auto, then ecole as a prefix: like a phrase whose last word may go on. Stop words inside a
    /// multi-word alternative are dropped ("garde d enfants" → garde, enfants): the index keeps no word positions, so
    /// the words of an alternative are required anywhere in the service, not side by side.
    /// </summary>
    private static SearchAlternative Alternative(string folded, bool isSynonym)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var kept = words.Where(w => !StopWords.Contains(w)).ToList();
        if (kept.Count == 0)
        {
            kept = words;
        }
        return new SearchAlternative([.. kept.Select((w, i) => i == kept.Count - 1 && w.Length > 1
            ? new SearchWord(Singular(w), IsPrefix: true)
            // A single letter as a prefix would be most of the dictionary ("permis b"): it is matched as a word.
            : new SearchWord(w, IsPrefix: false))], isSynonym);
    }
}

/// <summary>A folded word to find: exactly, or as the beginning of the index's words.</summary>
public readonly record struct SearchWord(string Text, bool IsPrefix)
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

/// <summary>One way to satisfy a group: all its words present in the service; the word typed, or a synonym of it.</summary>
public sealed record SearchAlternative(IReadOnlyList<SearchWord> Words, bool IsSynonym = false)
{
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

/// <summary>What one typed word (or the whole typed phrase) may match: the word itself (first) or one of its synonyms.</summary>
public sealed record SearchGroup(IReadOnlyList<SearchAlternative> Alternatives);
