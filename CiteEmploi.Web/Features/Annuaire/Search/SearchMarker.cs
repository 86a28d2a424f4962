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

    /// <summary>The folded words whose prefixes were searched (typed words, their singular, and their synonyms' words).</summary>
    public static IReadOnlyList<string> Prefixes(string? typed, Func<string, IEnumerable<string>> synonyms)
    {
        var folded = Text.Fold(typed);
        if (folded.Length == 0)
        {
            return [];
        }
        var terms = new List<string> { folded };
        terms.AddRange(synonyms(folded));
        foreach (var word in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            terms.Add(SearchQuery.Singular(word));
            terms.AddRange(synonyms(word));
        }
        return [.. terms.SelectMany(t => Text.Fold(t).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 2)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The text with matched words between <see cref="SearchHit.MarkStart"/> and <see cref="SearchHit.MarkEnd"/>.</summary>
    public static string Mark(string text, IReadOnlyList<string> prefixes)
    {
        if (prefixes.Count == 0 || text.Length == 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
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
            var word = text[start..i];
            var folded = Text.Fold(word);
            if (prefixes.Any(p => folded.StartsWith(p, StringComparison.Ordinal)))
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
