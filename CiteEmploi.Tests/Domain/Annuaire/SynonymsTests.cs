using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Tests.Domain.Annuaire;

public class SynonymsTests
{
    [Theory]
    [InlineData("creche", "garde d enfants")]
    [InlineData("creche", "mode de garde")]
    [InlineData("garde d enfants", "creche")]
    [InlineData("permis", "auto ecole")]
    [InlineData("auto ecole", "permis")]
    [InlineData("fle", "francais langue etrangere")]
    [InlineData("francais langue etrangere", "fle")]
    [InlineData("numerique", "informatique")]
    [InlineData("informatique", "numerique")]
    [InlineData("pole emploi", "france travail")]
    public void Expand_GivesTheEquivalentFoldedTerms(string term, string equivalent)
    {
        Assert.Contains(equivalent, Synonyms.Expand(term));
    }

    [Fact]
    public void Expand_PutsTheTermItselfFirst()
    {
        var expanded = Synonyms.Expand("creche");

        Assert.Equal("creche", expanded[0]);
        Assert.Equal(expanded.Count, expanded.Distinct().Count());
    }

    [Fact]
    public void Expand_ATermWithoutSynonyms_GivesItAlone()
    {
        Assert.Equal(["velocipede ancien"], Synonyms.Expand("velocipede ancien"));
    }

    [Fact]
    public void Expand_NothingGivesNothing()
    {
        Assert.Empty(Synonyms.Expand(""));
        Assert.Empty(Synonyms.Expand(null));
        Assert.Empty(Synonyms.Expand(" ' "));
    }

    [Fact]
    public void Expand_FoldsATermThatIsNotFoldedYet()
    {
        Assert.Contains("garde d enfants", Synonyms.Expand("Crèche"));
    }

    [Fact]
    public void Expand_ATermInTwoGroups_GetsBoth()
    {
        var expanded = Synonyms.Expand("hebergement");

        Assert.Contains("logement", expanded);
        Assert.Contains("115", expanded);
        Assert.DoesNotContain("115", Synonyms.Expand("logement"));
    }

    [Fact]
    public void Groups_AreFoldedAndHaveAtLeastTwoTerms()
    {
        Assert.NotEmpty(Synonyms.Groups);
        Assert.All(Synonyms.Groups, g =>
        {
            Assert.True(g.Count > 1);
            Assert.All(g, t => Assert.Equal(Text.Fold(t), t));
        });
    }
}
