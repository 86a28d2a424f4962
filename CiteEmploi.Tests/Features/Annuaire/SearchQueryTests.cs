using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>What the typed text becomes before it meets the index: groups of words, each a prefix or an exact word.</summary>
public sealed class SearchQueryTests
{
    private static readonly Dictionary<string, string[]> SynonymList = new(StringComparer.Ordinal)
    {
        ["permis"] = ["auto ecole"],
        ["garde d enfants"] = ["creche", "mode de garde"],
    };

    private static IEnumerable<string> Synonyms(string folded) => SynonymList.TryGetValue(folded, out var s) ? s : [];

    private static string Describe(IReadOnlyList<SearchGroup> groups) =>
        string.Join(" & ", groups.Select(g => string.Join(" | ", g.Alternatives.Select(a => string.Join(" + ", a.Words.Select(w => w.IsPrefix ? w.Text + "*" : w.Text))))));

    [Theory]
    [InlineData("Crèches", "creche*")]
    [InlineData("aide à domicile", "aide* & domicile*")]
    [InlineData("permis B", "permi* | auto + ecole* & b")] // the plural folding is blind ("permi" still finds "permis"), a letter alone is a word
    [InlineData("garde d'enfants", "garde + enfant* | creche* | mode + garde*")]
    [InlineData("de la", "de* & la*")]
    [InlineData("  «  »  ", "")]
    public void TypedText_BecomesGroupsOfPrefixesAndWords(string typed, string expected) =>
        Assert.Equal(expected, Describe(SearchQuery.Groups(typed, Synonyms)));

    [Fact]
    public void APrefixMatchesLongerWords_AnExactWordOnlyItself()
    {
        Assert.True(new SearchWord("mobil", IsPrefix: true).Matches("mobilite"));
        Assert.False(new SearchWord("b", IsPrefix: false).Matches("budget"));
        Assert.True(new SearchWord("b", IsPrefix: false).Matches("b"));
    }
}
