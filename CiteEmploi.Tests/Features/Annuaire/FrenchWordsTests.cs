using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>The French word forms the search relies on: Lucene's light stemmer on folded words, and the typing mistakes allowed.</summary>
public sealed class FrenchWordsTests
{
    [Theory]
    [InlineData("enfants", "enfant")]
    [InlineData("logements", "logement")]
    [InlineData("garder", "garde")]
    [InlineData("garderie", "garde")]
    [InlineData("dettes", "dette")]
    [InlineData("voitures", "voiture")]
    public void FormsOfOneWord_HaveOneStem(string a, string b) => Assert.Equal(FrenchWords.Stem(a), FrenchWords.Stem(b));

    [Theory]
    [InlineData("creche", "permis")]
    [InlineData("sante", "santon")]
    public void DifferentWords_KeepDifferentStems(string a, string b) => Assert.NotEqual(FrenchWords.Stem(a), FrenchWords.Stem(b));

    [Theory]
    [InlineData("cv", 0)]
    [InlineData("bus", 0)]
    [InlineData("psy", 0)]
    [InlineData("nounou", 1)]
    [InlineData("mobilte", 1)]
    [InlineData("logement", 1)]
    [InlineData("formation", 2)]
    [InlineData("surendetement", 2)]
    public void MistakesAllowed_NoneUnderFiveLetters_OneFromFive_TwoFromNine(string word, int mistakes) =>
        Assert.Equal(mistakes, FrenchWords.AllowedMistakes(word));

    [Theory]
    [InlineData("mobilte", "mobilite", 1)]     // a letter dropped
    [InlineData("medecinn", "medecin", 1)]     // a letter added
    [InlineData("nounuo", "nounou", 1)]        // two neighbours swapped: one mistake
    [InlineData("lojement", "logement", 1)]    // a letter replaced
    [InlineData("surendetemant", "surendettement", 2)]
    [InlineData("creche", "creche", 0)]
    public void Distance_CountsAddedDroppedReplacedAndSwappedLetters(string typed, string word, int expected) =>
        Assert.Equal(expected, FrenchWords.Distance(typed, word, limit: 2));

    [Fact]
    public void Distance_StopsCountingPastTheLimit() =>
        Assert.Equal(2, FrenchWords.Distance("permis", "logement", limit: 1));
}
