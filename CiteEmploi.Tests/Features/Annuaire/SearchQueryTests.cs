using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>What the typed text becomes before it meets the index: groups of words, each a prefix or an exact word, or a code of the lexicon.</summary>
public sealed class SearchQueryTests
{
    private static readonly Dictionary<string, string[]> SynonymList = new(StringComparer.Ordinal)
    {
        ["permis"] = ["auto ecole"],
        ["garde d enfants"] = ["creche", "mode de garde"],
    };

    private static IEnumerable<string> Synonyms(string folded) => SynonymList.TryGetValue(folded, out var s) ? s : [];

    private static IEnumerable<string> NoSynonyms(string folded) => [];

    private static string Describe(IReadOnlyList<SearchGroup> groups) =>
        string.Join(" & ", groups.Select(g => string.Join(" | ", g.Alternatives.Select(a => string.Join(" + ", a.Words.Select(w => (w.IsCode ? "#" : "") + (w.IsPrefix ? w.Text + "*" : w.Text)))))));

    [Theory]
    [InlineData("Crèches", "creche*")]
    [InlineData("aide à domicile", "aide* & domicile*")]
    [InlineData("permis B", "permi* | auto + ecole* & b")] // the plural folding is blind ("permi" still finds "permis"), a letter alone is a word
    [InlineData("garde d'enfants", "garde + enfant* | creche* | mode + garde*")]
    [InlineData("de la", "de* & la*")]
    [InlineData("  «  »  ", "")]
    public void WordsOnly_TypedText_BecomesGroupsOfPrefixesAndWords(string typed, string expected) =>
        Assert.Equal(expected, Describe(SearchQuery.Groups(typed, Synonyms, QueryUnderstanding.WordsOnly)));

    [Theory]
    [InlineData("faire garder mon enfant", 1, "#themfamillegardedenfants")]  // stop words dropped, the lexicon's phrase one group
    [InlineData("réparer ma voiture", 1, "#themmobiliteentretenirreparersonvehicule")]
    [InlineData("nounou", 1, "#freingardedenfants")]
    [InlineData("médecin", 1, "#themsanteaccesauxsoins")]
    [InlineData("dettes", 1, "#freinbudget")]
    [InlineData("créer mon entreprise", 1, "#themcreeruneentreprisedefinirsonprojetdecreationdentreprise")]
    [InlineData("CV", 1, "#thempreparersacandidaturerealiseruncvetouunelettredemotivation")]
    [InlineData("crèche samedi", 2, "#themfamillegardedenfants")]
    [InlineData("creation", 1, "creer*")]  // the lexicon's family of words
    [InlineData("alimentaire", 1, "alimentation*")]
    public void WithTheLexicon_EverydayWords_AlsoAskForTheirBarriersAndThematiques(string typed, int groups, string expectedAlternative)
    {
        var made = SearchQuery.Groups(typed, NoSynonyms);
        Assert.Equal(groups, made.Count);
        Assert.Contains(expectedAlternative, Describe(made).Split([" | ", " & "], StringSplitOptions.None));
    }

    [Fact]
    public void WithTheLexicon_TheTypedWordsComeFirst_AndOneWordMayTakeItsOtherForms()
    {
        var group = Assert.Single(SearchQuery.Groups("Logements", NoSynonyms));
        var typed = group.Alternatives[0];
        Assert.Equal((new SearchWord("logement", IsPrefix: true), 1.0, true), (Assert.Single(typed.Words), typed.Factor, typed.Stemmed));
        Assert.All(group.Alternatives.Skip(1), a => Assert.True(a.Factor < 1));
    }

    [Theory]
    [InlineData("de la")]
    [InlineData("pour mon")]
    [InlineData("Je cherche pour ma")]
    public void OnlyStopWords_GiveNothingToSearch(string typed)
    {
        Assert.Empty(SearchQuery.Groups(typed, NoSynonyms));
        Assert.True(SearchQuery.OnlyStopWords(typed));
    }

    [Theory]
    [InlineData("crèche")]
    [InlineData("«  »")]
    [InlineData("")]
    public void AWordOrNoWordAtAll_IsNotOnlyStopWords(string typed) => Assert.False(SearchQuery.OnlyStopWords(typed));

    [Fact]
    public void APrefixMatchesLongerWords_AnExactWordOnlyItself()
    {
        Assert.True(new SearchWord("mobil", IsPrefix: true).Matches("mobilite"));
        Assert.False(new SearchWord("b", IsPrefix: false).Matches("budget"));
        Assert.True(new SearchWord("b", IsPrefix: false).Matches("b"));
    }
}
