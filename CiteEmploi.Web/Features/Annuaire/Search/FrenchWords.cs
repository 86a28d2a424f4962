using Lucene.Net.Analysis.Fr;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>
/// French word forms for the search, on folded words (<see cref="CiteEmploi.Domain.Common.Text.Fold"/>): Lucene's light
/// stemmer (J. Savoy's, as in Lucene's French analyser) to join the forms of a word (« enfants » / « enfant »,
/// « garder » / « garde », « logements » / « logement »), and the number of typing mistakes a word may carry.
/// </summary>
public static class FrenchWords
{
    /// <summary>Words shorter than this are never corrected: « bus » and « cv » have too many neighbours one letter away.</summary>
    public const int FirstCorrectedLength = 5;

    /// <summary>Words this long or longer may carry two mistakes.</summary>
    public const int TwoMistakesLength = 9;

    /// <summary>The light stem of a folded word (the word itself when it is too short to stem).</summary>
    public static string Stem(string folded)
    {
        if (folded.Length < 4)
        {
            return folded;
        }
        // The stemmer works in place on a buffer and keeps no state: one per call costs a small array.
        var buffer = folded.ToCharArray();
        var length = new FrenchLightStemmer().Stem(buffer, buffer.Length);
        return new string(buffer, 0, length);
    }

    /// <summary>How many typing mistakes a typed word may carry: none under five letters, one from five, two from nine.</summary>
    public static int AllowedMistakes(string folded) =>
        folded.Length >= TwoMistakesLength ? 2 : folded.Length >= FirstCorrectedLength ? 1 : 0;

    /// <summary>
    /// The number of mistakes between two words — a letter added, dropped, replaced, or two neighbours swapped
    /// (« nuonou ») — or <paramref name="limit"/> + 1 as soon as it is known to be more than <paramref name="limit"/>.
    /// </summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }
        // Optimal string alignment: three rows of the Levenshtein table, plus the transposition of two neighbours.
        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
            (before, previous, current) = (previous, current, before);
        }
        return Math.Min(previous[b.Length], limit + 1);
    }
}
