using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Tests.Domain.Annuaire;

public class FreinsTests
{
    [Fact]
    public void EveryFrein_MapsOnlyToThematiquesThatExist()
    {
        Assert.All(Freins.All, frein =>
        {
            Assert.NotEmpty(frein.Thematiques);
            Assert.All(frein.Thematiques, code =>
                Assert.True(Referentiels.Thematiques.Contains(code), $"{frein.Code} → {code} n'existe pas dans thematiques.json"));
        });
    }

    [Fact]
    public void EveryThematique_IsReachableFromAtLeastOneFrein()
    {
        // so that a service is never invisible to a search by barrier
        Assert.All(Referentiels.Thematiques.Codes, code => Assert.NotEmpty(Freins.Matching(code)));
    }

    [Fact]
    public void Freins_HaveUniqueSlugCodes_LabelsAndNoDuplicateThematique()
    {
        Assert.Equal(Freins.All.Count, Freins.All.Select(f => f.Code).Distinct().Count());
        Assert.All(Freins.All, f =>
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", f.Code);
            Assert.False(string.IsNullOrWhiteSpace(f.Label));
            Assert.NotEmpty(f.Synonyms);
            Assert.Equal(f.Thematiques.Count, f.Thematiques.Distinct().Count());
        });
    }

    [Theory]
    [InlineData("mobilite")]
    [InlineData("garde-denfants")]
    [InlineData("numerique")]
    [InlineData("sante")]
    [InlineData("logement")]
    [InlineData("langue-francaise")]
    [InlineData("addictions")]
    [InlineData("acces-aux-droits")]
    [InlineData("confiance-en-soi")]
    [InlineData("budget")]
    [InlineData("qualification-formation")]
    [InlineData("emploi")]
    public void TheBarriersFieldWorkersName_AreAllThere(string code)
    {
        Assert.NotNull(Freins.Find(code));
    }

    [Fact]
    public void Mobilite_CoversEveryMobiliteThematique()
    {
        var expected = Referentiels.Thematiques.Codes.Where(c => c.StartsWith("mobilite--", StringComparison.Ordinal));

        Assert.Equal(expected.Order(), Freins.ThematiquesOf("mobilite").Order());
    }

    [Fact]
    public void GardeDenfants_IsTheChildcareThematique()
    {
        Assert.Equal(["famille--garde-denfants"], Freins.ThematiquesOf("garde-denfants"));
    }

    [Fact]
    public void Matching_AnAddictionThematique_GivesBothSanteAndAddictions()
    {
        var codes = Freins.Matching("sante--addictions").Select(f => f.Code);

        Assert.Equal(["sante", "addictions"], codes);
    }

    [Fact]
    public void UnknownCodes_GiveNothing()
    {
        Assert.Null(Freins.Find("teleportation"));
        Assert.Null(Freins.Find(null));
        Assert.Empty(Freins.ThematiquesOf("teleportation"));
        Assert.Empty(Freins.Matching("mobilite--xyz"));
    }

    [Theory]
    [InlineData("creche", "garde-denfants")]
    [InlineData("Crèche", "garde-denfants")]
    [InlineData("auto-école", "mobilite")]
    [InlineData("fle", "langue-francaise")]
    [InlineData("Logement / hébergement", "logement")]
    public void Named_FindsABarrierByItsLabelOrASynonym_AccentsIgnored(string words, string expected)
    {
        Assert.Contains(Freins.Named(words), f => f.Code == expected);
    }

    [Fact]
    public void Covering_GivesEachBarrierOnce_InCatalogueOrder()
    {
        var freins = Freins.Covering(["sante--addictions", "mobilite--preparer-un-permis", "mobilite--financer-ma-mobilite"]);

        Assert.Equal(["mobilite", "sante", "addictions"], freins.Select(f => f.Code));
    }
}
