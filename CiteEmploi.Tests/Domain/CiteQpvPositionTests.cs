using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Tests.Domain;

/// <summary>A QPV's position is set by its coordinator (on the map or from a file), never guessed, and only in France.</summary>
public sealed class CiteQpvPositionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint FrancMoisin = new(48.9290, 2.3650);

    private static Cite WithQpvs() => Cite.Create(CiteTests.ValidProfile() with
    {
        Qpvs = [new Qpv("QN09301M", "Franc-Moisin Bel-Air"), new Qpv("QN09302M", "Pont de Pierre")],
    }, slug: null, Now);

    [Fact]
    public void AQpv_HasNoPositionUntilOneIsSet()
    {
        var cite = WithQpvs();
        Assert.All(cite.Qpvs, q => Assert.Null(q.Position));

        cite.PlaceQpv("qn09301m", FrancMoisin);

        Assert.Equal(FrancMoisin, cite.Qpvs[0].Position);
        Assert.Null(cite.Qpvs[1].Position);
        Assert.Contains(new CiteProfileUpdated(cite.Id, cite.Slug), cite.DomainEvents);
    }

    [Theory]
    [InlineData(40.4168, -3.7038)] // Madrid
    [InlineData(50.8503, 4.3517)] // Brussels, inside the metropolitan box
    [InlineData(91, 2)]
    public void APositionOutsideFrance_IsRefused_AndNothingChanges(double latitude, double longitude)
    {
        var cite = WithQpvs();

        var error = Assert.Throws<DomainValidationException>(() => cite.PlaceQpv("QN09301M", new GeoPoint(latitude, longitude)));

        Assert.Contains("est hors de France", error.Errors.For(nameof(Cite.Qpvs)).Single());
        Assert.Null(cite.Qpvs[0].Position);
    }

    [Fact]
    public void AnotherCitesQpv_CannotBePlaced()
    {
        var cite = WithQpvs();

        var error = Assert.Throws<DomainValidationException>(() => cite.PlaceQpv("QN07501M", FrancMoisin));

        Assert.Equal("« QN07501M » n'est pas un quartier prioritaire de cette Cité.", error.Errors.For(nameof(Cite.Qpvs)).Single());
    }

    [Fact]
    public void TheProfileForm_KeepsPositionsSetOnTheMap()
    {
        var cite = WithQpvs();
        cite.PlaceQpv("QN09301M", FrancMoisin);

        // the form carries codes and names only
        cite.UpdateProfile(cite.ToProfile() with { Qpvs = [new Qpv("QN09301M", "Franc-Moisin"), new Qpv("QN09303M", "Allende")] });

        Assert.Equal(FrancMoisin, cite.Qpvs.Single(q => q.Code == "QN09301M").Position);
        Assert.Null(cite.Qpvs.Single(q => q.Code == "QN09303M").Position);
        Assert.Equal("Franc-Moisin", cite.Qpvs[0].Name);
    }

    [Fact]
    public void ReplacingTheQpvs_FromAFile_IsAllOrNothing()
    {
        var cite = WithQpvs();

        var error = Assert.Throws<DomainValidationException>(() => cite.ReplaceQpvs(
            [new Qpv("QN09301M", "Franc-Moisin", 48.929, 2.365), new Qpv("QN09304M", "Madrid", 40.4168, -3.7038), new Qpv("QN09305M", "Moitié", 48.9, null)]));

        Assert.Equal(2, error.Errors.For(nameof(Cite.Qpvs)).Count);
        Assert.Equal(["QN09301M", "QN09302M"], cite.Qpvs.Select(q => q.Code));

        cite.ReplaceQpvs([new Qpv(" qn09301m ", "Franc-Moisin", 48.929, 2.365)]);

        Assert.Equal(new Qpv("QN09301M", "Franc-Moisin", 48.929, 2.365), Assert.Single(cite.Qpvs));
    }
}
