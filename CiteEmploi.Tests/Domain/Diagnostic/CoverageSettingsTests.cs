using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Diagnostic;

namespace CiteEmploi.Tests.Domain.Diagnostic;

public sealed class CoverageSettingsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void ARadiusOfZero_NegativeOrAbove100Km_IsRefused_AndNothingChanges(double km)
    {
        var settings = CoverageSettings.For(Guid.NewGuid());

        var error = Assert.Throws<DomainValidationException>(() => settings.SetRadius(km));

        Assert.Contains("supérieur à 0 et d'au plus 100 km", error.Errors.For(nameof(CoverageSettings.RadiusKm)).Single());
        Assert.Equal(CoverageSettings.DefaultRadiusKm, settings.RadiusKm);
        Assert.Throws<DomainValidationException>(() => settings.SetPlaceRadius("QN09301M", km));
        Assert.Empty(settings.Radii);
    }

    [Fact]
    public void APlace_HasItsOwnRadius_OrTheDefault()
    {
        var settings = CoverageSettings.For(Guid.NewGuid());
        settings.SetRadius(3);
        settings.SetPlaceRadius("QN09301M", 1.5);

        Assert.Equal(1.5, settings.RadiusFor("QN09301M"));
        Assert.Equal(3, settings.RadiusFor("QN09302M"));
        settings.SetPlaceRadius("QN09301M", null);
        Assert.Equal(3, settings.RadiusFor("QN09301M"));
    }

    [Fact]
    public void Communes_MustBeKnownInseeCodes_AllOrNothing()
    {
        var settings = CoverageSettings.For(Guid.NewGuid());
        settings.SetCommunes(["93066", " 93008 ", "93066"]);
        Assert.Equal(["93066", "93008"], settings.CommuneCodes);

        var error = Assert.Throws<DomainValidationException>(() => settings.SetCommunes(["93048", "99999"]));

        Assert.Equal("Aucune commune n'a le code INSEE « 99999 ».", error.Errors.For(nameof(CoverageSettings.CommuneCodes)).Single());
        Assert.Equal(["93066", "93008"], settings.CommuneCodes);
    }
}
