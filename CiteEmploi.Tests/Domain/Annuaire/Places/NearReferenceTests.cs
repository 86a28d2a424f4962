using CiteEmploi.Domain.Annuaire.Places;

namespace CiteEmploi.Tests.Domain.Annuaire.Places;

public class NearReferenceTests
{
    [Theory]
    [InlineData("commune:75056", NearKind.Commune, "75056")]
    [InlineData(" commune:2a004 ", NearKind.Commune, "2A004")]
    [InlineData("qpv:qn09301m", NearKind.Qpv, "QN09301M")]
    [InlineData("QPV:QP093001", NearKind.Qpv, "QP093001")]
    public void TryParse_ReadsACodedPlace(string value, NearKind kind, string code)
    {
        Assert.True(NearReference.TryParse(value, out var reference, out var error));

        Assert.Null(error);
        Assert.Equal(kind, reference!.Kind);
        Assert.Equal(code, reference.Code);
    }

    [Fact]
    public void TryParse_ReadsAPositionInInvariantDigits_AndWritesItBack()
    {
        Assert.True(NearReference.TryParse("geo:48.85, 2.35", out var reference, out _));

        Assert.Equal(new GeoPoint(48.85, 2.35), reference!.Point);
        Assert.Equal("geo:48.85,2.35", reference.ToString());
    }

    [Theory]
    [InlineData("75056", "commune:<code INSEE>")]
    [InlineData("ville:Paris", "commune:<code INSEE>")]
    [InlineData("commune:Paris", "code INSEE")]
    [InlineData("commune:7505", "code INSEE")]
    [InlineData("qpv:Franc-Moisin", "quartier prioritaire")]
    [InlineData("geo:48,85;2,35", "latitude,longitude")]
    [InlineData("geo:95,2.35", "latitude,longitude")]
    [InlineData("geo:48.85", "latitude,longitude")]
    [InlineData("", "commune:<code INSEE>")]
    public void TryParse_ABadValue_SaysInFrenchWhatIsExpected(string value, string expected)
    {
        Assert.False(NearReference.TryParse(value, out var reference, out var error));

        Assert.Null(reference);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryParse_AValueOfTwoThousandCharacters_IsRefusedWithAMessage()
    {
        Assert.False(NearReference.TryParse("geo:" + new string('4', 2_000), out _, out var error));

        Assert.Contains("au plus", error);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("2,5", 2.5)]
    [InlineData("0.5", 0.5)]
    [InlineData("100", 100)]
    public void Radius_TryParse_ReadsKilometres(string value, double expected)
    {
        Assert.True(NearRadius.TryParse(value, out var kilometres, out _));

        Assert.Equal(expected, kilometres);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("100.5")]
    [InlineData("cinq")]
    [InlineData("NaN")]
    public void Radius_TryParse_RefusesZeroNegativeTooFarOrNotANumber(string value)
    {
        Assert.False(NearRadius.TryParse(value, out _, out var error));

        Assert.False(string.IsNullOrEmpty(error));
    }
}
