using CiteEmploi.Domain.Annuaire.Places;

namespace CiteEmploi.Tests.Domain.Annuaire.Places;

public class CommunesTests
{
    [Fact]
    public void TheShippedFile_HoldsEveryCommuneOfTheCog_MostWithACentre()
    {
        var all = Communes.All;

        Assert.InRange(all.Count, 34_900, 35_200);
        // 109 without a centre when the file was built (README): a regeneration that loses many would show here
        Assert.InRange(all.Count(c => c.Position is null), 0, 150);
        Assert.All(all, c => Assert.Equal(PlaceKind.Commune, c.Kind));
    }

    [Fact]
    public void Find_GivesTheCommuneWithItsCentreAndPostcodes()
    {
        var saintDenis = Communes.Find("93066")!;

        Assert.Equal("Saint-Denis", saintDenis.Name);
        Assert.Equal("Saint-Denis (93)", saintDenis.Label);
        Assert.Contains("93200", saintDenis.Postcodes);
        Assert.Equal(PlacePositionSource.CommuneCentre, saintDenis.PositionSource);
        // the centre of Saint-Denis is within 3 km of its basilica (48.9356, 2.3597)
        Assert.InRange(saintDenis.Position!.Value.DistanceTo(new GeoPoint(48.9356, 2.3597)), 0, 3_000);
    }

    [Fact]
    public void Find_Paris_IsPlacedByTheMeanOfItsArrondissements_AndSaysSo()
    {
        var paris = Communes.Find("75056")!;
        var arrondissements = Enumerable.Range(1, 20).Select(n => Communes.Find($"751{n:00}")!).ToList();

        Assert.Equal(PlacePositionSource.ArrondissementsMean, paris.PositionSource);
        Assert.Equal(arrondissements.Average(a => a.Position!.Value.Latitude), paris.Position!.Value.Latitude, 4);
        Assert.Equal(arrondissements.Average(a => a.Position!.Value.Longitude), paris.Position!.Value.Longitude, 4);
    }

    [Fact]
    public void Find_ACommuneWithoutAKnownCentre_HasNoPosition_NeverAGuess()
    {
        // Porte des Pierres Dorées is a commune nouvelle created after the La Poste file of the centres (2020)
        var commune = Communes.Find("69114")!;

        Assert.Null(commune.Position);
        Assert.Equal(PlacePositionSource.None, commune.PositionSource);
    }

    [Fact]
    public void Find_AnOverseasCommune_HasItsThreeDigitDepartement()
    {
        var saintDenisReunion = Communes.Find("97411")!;

        Assert.Equal("Saint-Denis (974)", saintDenisReunion.Label);
        Assert.Equal("La Réunion", FranceBounds.TerritoryOf(saintDenisReunion.Position!.Value)!.Name);
    }

    [Fact]
    public void Find_AnUnknownCode_GivesNothing()
    {
        Assert.Null(Communes.Find("99999"));
        Assert.Null(Communes.Find(null));
    }

    [Fact]
    public void Search_ByFoldedNamePrefix_PutsTheMostPopulatedFirst()
    {
        var found = Communes.Search("saint-den", 5);

        // the two large Saint-Denis (La Réunion, Seine-Saint-Denis) before the villages of that name
        Assert.Equal(["97411", "93066"], found.Take(2).Select(c => c.Code).Order().Reverse());
        Assert.Equal(found.Select(c => c.Population).OrderDescending(), found.Select(c => c.Population));
        Assert.All(found, c => Assert.StartsWith("saint den", CiteEmploi.Domain.Common.Text.Fold(c.Name), StringComparison.Ordinal));
    }

    [Fact]
    public void Search_IgnoresAccentsCaseAndTheLeadingArticle()
    {
        Assert.Equal("76351", Communes.Search("HAVRE", 1)[0].Code);
        Assert.Contains(Communes.Search("evry", 10), c => c.Name.StartsWith("Évry", StringComparison.Ordinal));
    }

    [Fact]
    public void Search_TheExactNameComesFirst()
    {
        Assert.Equal("Paris", Communes.Search("paris", 3)[0].Name);
    }

    [Fact]
    public void Search_ByPostcodePrefix_FindsTheCommunesOfThatPostcode()
    {
        var found = Communes.Search("93200", 10);

        Assert.Contains(found, c => c.Code == "93066");
        Assert.All(found, c => Assert.Contains(c.Postcodes, p => p.StartsWith("93200", StringComparison.Ordinal)));
    }

    [Fact]
    public void Search_NothingTypedOrNothingMatching_GivesNothing()
    {
        Assert.Empty(Communes.Search("   "));
        Assert.Empty(Communes.Search("zzzzqx"));
    }

    [Fact]
    public void Nearest_ToACommuneCentre_IsThatCommune()
    {
        var lyon1 = Communes.Find("69381")!;

        var nearest = Communes.Nearest(lyon1.Position!.Value)!.Value;

        Assert.Equal("69381", nearest.Commune.Code);
        Assert.Equal(0, nearest.Metres, 3);
    }

    [Theory]
    [InlineData(48.8530, 2.3499)] // Paris
    [InlineData(42.6976, 9.4509)] // Bastia
    [InlineData(48.3583, -4.7700)] // Le Conquet, Finistère
    [InlineData(16.2412, -61.5331)] // Pointe-à-Pitre
    [InlineData(14.6161, -61.0588)] // Fort-de-France
    [InlineData(4.9372, -52.3260)] // Cayenne
    [InlineData(3.6400, -54.0300)] // Maripasoula, far inside Guyane
    [InlineData(-21.1151, 55.5364)] // La Réunion
    [InlineData(-12.7806, 45.2278)] // Mamoudzou
    public void IsInFrance_TakesMetropolitanFranceAndTheOverseasDepartments(double latitude, double longitude)
    {
        Assert.True(Communes.IsInFrance(new GeoPoint(latitude, longitude)));
    }

    [Theory]
    [InlineData(50.8503, 4.3517)] // Brussels: inside the metropolitan box, far from French communes
    [InlineData(40.4168, -3.7038)] // Madrid
    [InlineData(51.5074, -0.1278)] // London
    [InlineData(0, 0)]
    [InlineData(45.5017, -73.5673)] // Montréal
    public void IsInFrance_RefusesPositionsAbroad(double latitude, double longitude)
    {
        Assert.False(Communes.IsInFrance(new GeoPoint(latitude, longitude)));
    }

    [Fact]
    public void EveryShippedCentreOfTheDepartements_LiesInATerritoryBox()
    {
        var departements = Communes.All.Where(c => c.Position is not null && !c.Code.StartsWith("975", StringComparison.Ordinal)
            && !c.Code.StartsWith("977", StringComparison.Ordinal) && !c.Code.StartsWith("978", StringComparison.Ordinal)
            && !c.Code.StartsWith("98", StringComparison.Ordinal));

        Assert.All(departements, c => Assert.True(FranceBounds.Contains(c.Position!.Value), $"{c.Code} {c.Name} {c.Position}"));
    }
}
