using CiteEmploi.Domain.Cites;

namespace CiteEmploi.Tests.Domain.Cites;

public sealed class RegionsTests
{
    [Theory]
    [InlineData("QN09301M", "93")]
    [InlineData("QP090001", "90")]
    [InlineData("QN97401M", "974")]
    [InlineData("QN05901M", "59")]
    public void DepartementOfQpv_ReadsTheThreeCharactersAfterThePrefix(string code, string departement) =>
        Assert.Equal(departement, Regions.DepartementOfQpv(code));

    [Theory]
    [InlineData("93", "Île-de-France")]
    [InlineData("9", "Occitanie")]
    [InlineData("2A", "Corse")]
    [InlineData("974", "La Réunion")]
    [InlineData("90", "Bourgogne-Franche-Comté")]
    public void OfDepartement_FindsItsRegion(string departement, string region) =>
        Assert.Equal(region, Regions.OfDepartement(departement)?.Name);

    [Theory]
    [InlineData("975")]
    [InlineData("99")]
    [InlineData("")]
    public void OfDepartement_OutsideTheRegions_IsNull(string departement) => Assert.Null(Regions.OfDepartement(departement));

    [Fact]
    public void TheTable_HoldsEveryDepartementOnce_InEighteenRegions()
    {
        Assert.Equal(101, Regions.Departements.Count);
        Assert.Equal(18, Regions.All.Select(r => r.Code).Distinct().Count());
        Assert.All(Regions.Departements, d => Assert.NotNull(Regions.OfDepartement(d)));
    }

    [Fact]
    public void OfCite_TakesTheRegionItsQpvsShare()
    {
        Assert.Equal("Hauts-de-France", Regions.OfCite(["QN05901M", "QN06201M", "QN99001M"], "Territoire sans nom connu")?.Name);
    }

    [Fact]
    public void OfCite_WithQpvsInTwoRegions_IsUnknown()
    {
        Assert.Null(Regions.OfCite(["QN05901M", "QN09301M"], "Belfort"));
    }

    [Fact]
    public void OfCite_WithoutUsableQpvs_FallsBackOnTheTerritorysCommune_OrIsUnknown()
    {
        Assert.Equal("Bourgogne-Franche-Comté", Regions.OfCite([], "Belfort")?.Name);
        Assert.Equal("Bourgogne-Franche-Comté", Regions.OfCite(["QN99001M"], "belfort")?.Name);
        // an intercommunality's name is no commune's; « Saint-Denis » is the name of several
        Assert.Null(Regions.OfCite([], "Caen la mer"));
        Assert.Null(Regions.OfCite([], "Saint-Denis"));
        Assert.Null(Regions.OfCite([], ""));
    }
}
