using CiteEmploi.Web.Features.Annuaire.Near;

namespace CiteEmploi.Tests.Features.Annuaire.Near;

/// <summary>A place typed as text in the search form sent without its autocomplete (a phone whose page is not live).</summary>
public sealed class NearPlacesTests(NearSearchTests.NearFixture fixture) : IClassFixture<NearSearchTests.NearFixture>
{
    private Task<TypedPlace> MatchAsync(string typed) => fixture.App.Get<NearPlaces>().MatchAsync(fixture.Access, typed);

    [Theory]
    [InlineData("Bobigny", "commune:93008")]
    [InlineData("  bobigny ", "commune:93008")]
    [InlineData("93000", "commune:93008")]
    [InlineData("Saint-Denis (93)", "commune:93066")]
    [InlineData("commune:93055", "commune:93055")]
    [InlineData("Franc-Moisin", "qpv:QN09301M")]
    public async Task TextNamingOnePlace_IsThatPlace(string typed, string expected)
    {
        var match = await MatchAsync(typed);

        Assert.Equal(expected, match.Reference?.ToString());
        Assert.Null(match.Problem);
        Assert.Empty(match.Choices);
    }

    [Fact]
    public async Task ANameOfSeveralCommunes_IsTheOneOfTheCitesDepartement()
    {
        // Saint-Denis (93) and Saint-Denis (974): the Cité's QPV is in the 93
        var match = await MatchAsync("Saint-Denis");

        Assert.Equal("commune:93066", match.Reference?.ToString());
    }

    [Fact]
    public async Task TextThatCouldBeSeveralPlaces_OffersThemToChoose()
    {
        var match = await MatchAsync("Saint-");

        Assert.Null(match.Reference);
        Assert.True(match.Choices.Count > 1, $"{match.Choices.Count} lieux");
        Assert.All(match.Choices, c => Assert.StartsWith("Saint", c.Name, StringComparison.Ordinal));
        Assert.Equal("Plusieurs lieux correspondent à « Saint- » : choisissez-en un.", match.Problem);
    }

    [Fact]
    public async Task TextNamingNoPlace_IsSaidInFrench()
    {
        var match = await MatchAsync("Xyzzyville");

        Assert.Null(match.Reference);
        Assert.Empty(match.Choices);
        Assert.StartsWith("Aucune commune ni aucun quartier ne correspond à « Xyzzyville »", match.Problem, StringComparison.Ordinal);
    }
}
