using System.Text;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// Marks, in a result's name and excerpt, the words the search matched: a word is marked when its folded form starts
/// with one of the folded query words (the same rule as the index: accents and case ignored, prefixes).
/// </summary>
public static class SearchMarker
{
    public const int ExcerptLength = 220;

    /// <summary>
    /// The folded words whose prefixes were searched: every word of the query and of its synonyms, as
    /// <see cref="SearchQuery.Groups"/> makes them (singular, stop words of a synonym left out: "mode de garde" does not
    /// mark every "de"), except single letters.
    /// </summary>
    public static IReadOnlyList<string> Prefixes(string? typed, Func<string, IEnumerable<string>> synonyms) => Prefixes(SearchQuery.Groups(typed, synonyms));

    /// <summary>The prefixes to mark for groups already made by <see cref="SearchQuery.Groups"/>.</summary>
    public static IReadOnlyList<string> Prefixes(IReadOnlyList<SearchGroup> groups) =>
        [.. groups.SelectMany(g => g.Alternatives).SelectMany(a => a.Words).Where(w => !w.IsCode).Select(w => w.Text).Where(w => w.Length >= 2).Distinct(StringComparer.Ordinal)];

    /// <summary>The text with matched words between <see cref="SearchHit.MarkStart"/> and <see cref="SearchHit.MarkEnd"/>.</summary>
    public static string Mark(string text, IReadOnlyList<string> prefixes)
    {
        if (prefixes.Count == 0 || text.Length == 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        Span<char> buffer = stackalloc char[128];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                builder.Append(text[i++]);
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }
            var word = text.AsSpan(start, i - start);
            if (Matches(word, prefixes, buffer))
            {
                builder.Append(SearchHit.MarkStart).Append(word).Append(SearchHit.MarkEnd);
            }
            else
            {
                builder.Append(word);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Whether the word, folded as <see cref="Text.Fold"/> folds it, starts with one of the prefixes. Folds character by
    /// character (ASCII directly, others through a cache of <see cref="Text.Fold"/>'s answer for that character): a
    /// page marks thousands of words, and folding each as a string cost a millisecond per search.
    /// </summary>
    private static bool Matches(ReadOnlySpan<char> word, IReadOnlyList<string> prefixes, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in word)
        {
            if (char.IsAscii(c))
            {
                if (length == buffer.Length)
                {
                    break;
                }
                buffer[length++] = char.ToLowerInvariant(c);
                continue;
            }
            var folded = SearchText.Fold(c);
            if (length + folded.Length > buffer.Length)
            {
                break;
            }
            folded.AsSpan().CopyTo(buffer[length..]);
            length += folded.Length;
        }
        var key = buffer[..length];
        foreach (var prefix in prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A short excerpt of a long text, around its first matched word, marked.</summary>
    public static string Excerpt(string text, IReadOnlyList<string> prefixes)
    {
        var marked = Mark(text, prefixes);
        if (text.Length <= ExcerptLength)
        {
            return marked;
        }
        var first = marked.IndexOf(SearchHit.MarkStart);
        var from = first < 0 ? 0 : Math.Max(0, first - (ExcerptLength / 3));
        while (from > 0 && !char.IsWhiteSpace(marked[from - 1]))
        {
            from--;
        }
        var length = Math.Min(ExcerptLength, marked.Length - from);
        var excerpt = marked.Substring(from, length);
        // Never cut a mark in two.
        if (excerpt.Count(c => c == SearchHit.MarkStart) > excerpt.Count(c => c == SearchHit.MarkEnd))
        {
            excerpt += SearchHit.MarkEnd;
        }
        return (from > 0 ? "…" : string.Empty) + excerpt + (from + length < marked.Length ? "…" : string.Empty);
    }
}
