using System.Text;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// Turns what a field worker types into an SQLite FTS5 query: accents, case and punctuation ignored ("creche" finds
/// "Crèche"), every word a prefix ("mobil" finds "mobilité"), each word OR its synonyms ("permis" also finds
/// "auto-école"), all words required. Filters are extra required tokens of the indexed <c>codes</c> column.
/// </summary>
public static class SearchQuery
{
    /// <summary>Words too common to help; dropped unless they are the whole query.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "sur", "un", "une", "avec", "dans",
    };

    /// <summary>The FTS5 expression for the words, or null when nothing searchable was typed.</summary>
    /// <param name="synonyms">Folded equivalents of a folded word or phrase (may return nothing).</param>
    public static string? TextExpression(string? typed, Func<string, IEnumerable<string>> synonyms)
    {
        var folded = Text.Fold(typed);
        if (folded.Length == 0)
        {
            return null;
        }
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var kept = words.Where(w => !StopWords.Contains(w)).ToList();
        if (kept.Count == 0)
        {
            kept = words;
        }

        // Multi-word synonyms ("mode de garde", "auto ecole") are tried on the whole typed text first.
        var groups = new List<string>();
        var phraseSynonyms = synonyms(folded).ToList();
        if (phraseSynonyms.Count > 0 && words.Count > 1)
        {
            groups.Add(Any([folded, .. phraseSynonyms]));
            return string.Join(" AND ", groups);
        }
        foreach (var word in kept)
        {
            var singular = Singular(word);
            groups.Add(Any([singular, .. synonyms(word), .. synonyms(singular)]));
        }
        return string.Join(" AND ", groups);
    }

    /// <summary>
    /// Light French plural folding: "creches" → "creche", which as a prefix then finds the singular and the plural.
    /// Words of four letters or fewer, and words in -ss, are left alone.
    /// </summary>
    public static string Singular(string word) =>
        word.Length > 4 && (word.EndsWith('s') || word.EndsWith('x')) && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    /// <summary>A required token of the codes column, e.g. <c>codes : freinmobilite</c>.</summary>
    public static string Code(string token) => $"codes : {Token(token)}";

    /// <summary>Index tokens for codes: letters and digits only, so the tokenizer keeps each code whole.</summary>
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

    private static string Any(IEnumerable<string> alternatives)
    {
        var terms = alternatives.Select(Text.Fold).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Select(Prefix).ToList();
        return terms.Count == 1 ? terms[0] : "(" + string.Join(" OR ", terms) + ")";
    }

    // "auto ecole" → "auto ecole"* : a phrase whose last word is a prefix. Quotes cannot appear: Fold keeps letters and digits.
    private static string Prefix(string term) => $"\"{term}\"*";
}
