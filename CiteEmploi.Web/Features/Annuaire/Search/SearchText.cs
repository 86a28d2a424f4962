using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// <see cref="Text.Fold"/>'s result, computed character by character: ASCII directly, any other character through a
/// cache of what <see cref="Text.Fold"/> makes of it alone. Indexing folds every text of every service, and folding
/// whole strings (Unicode normalisation, then a second pass) took about a third of the indexing time.
/// The same result as <see cref="Text.Fold"/> (the tests compare them), so the index's words are the query's words.
/// </summary>
internal static class SearchText
{
    private static readonly ConcurrentDictionary<char, string> Folded = new();

    public static string Fold(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(value.Length);
        var separator = false;
        foreach (var c in value)
        {
            if (char.IsAscii(c))
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    Append(builder, ref separator, char.ToLowerInvariant(c));
                }
                else
                {
                    separator = true;
                }
                continue;
            }
            // A combining accent neither belongs to a word nor separates words: Text.Fold drops it.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var folded = Fold(c);
            if (folded.Length == 0)
            {
                separator = true;
                continue;
            }
            foreach (var f in folded)
            {
                Append(builder, ref separator, f);
            }
        }
        return builder.ToString();
    }

    /// <summary>What <see cref="Text.Fold"/> makes of one character alone (a surrogate half, never a letter here, folds to nothing).</summary>
    public static string Fold(char c) =>
        char.IsSurrogate(c) ? string.Empty : Folded.GetOrAdd(c, static k => Text.Fold(k.ToString()));

    private static void Append(StringBuilder builder, ref bool separator, char c)
    {
        if (separator && builder.Length > 0)
        {
            builder.Append(' ');
        }
        separator = false;
        builder.Append(c);
    }
}
