using CiteEmploi.Domain.Annuaire.Places;

namespace CiteEmploi.Tests.Domain.Annuaire.Places;

public class GeoPointTests
{
    [Fact]
    public void DistanceTo_OneDegreeAlongTheEquator_IsTheArcOfOneDegree()
    {
        var metres = new GeoPoint(0, 0).DistanceTo(new GeoPoint(0, 1));

        Assert.Equal(GeoPoint.EarthRadiusMetres * Math.PI / 180, metres, 6);
    }

    [Fact]
    public void DistanceTo_FromTheEquatorToThePole_IsAQuarterOfTheCircle()
    {
        var metres = new GeoPoint(0, 17).DistanceTo(new GeoPoint(90, -40));

        Assert.Equal(GeoPoint.EarthRadiusMetres * Math.PI / 2, metres, 6);
    }

    [Theory]
    [InlineData(48.8530, 2.3499, 45.7640, 4.8357)] // Paris – Lyon
    [InlineData(48.92957, 2.35924, 48.93800, 2.36500)] // inside Saint-Denis, a kilometre
    [InlineData(-20.93297, 55.44687, 16.24125, -61.53361)] // La Réunion – Guadeloupe
    public void DistanceTo_AgreesWithTheSphericalLawOfCosines(double lat1, double lon1, double lat2, double lon2)
    {
        // an independent formula: the central angle from the dot product of the two unit vectors
        static (double X, double Y, double Z) Unit(double lat, double lon)
        {
            var (φ, λ) = (lat * Math.PI / 180, lon * Math.PI / 180);
            return (Math.Cos(φ) * Math.Cos(λ), Math.Cos(φ) * Math.Sin(λ), Math.Sin(φ));
        }
        var a = Unit(lat1, lon1);
        var b = Unit(lat2, lon2);
        var cross = (X: (a.Y * b.Z) - (a.Z * b.Y), Y: (a.Z * b.X) - (a.X * b.Z), Z: (a.X * b.Y) - (a.Y * b.X));
        var angle = Math.Atan2(Math.Sqrt((cross.X * cross.X) + (cross.Y * cross.Y) + (cross.Z * cross.Z)), (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z));
        var expected = angle * GeoPoint.EarthRadiusMetres;

        var metres = new GeoPoint(lat1, lon1).DistanceTo(new GeoPoint(lat2, lon2));

        Assert.Equal(expected, metres, 3);
        Assert.Equal(metres, new GeoPoint(lat2, lon2).DistanceTo(new GeoPoint(lat1, lon1)), 6);
    }

    [Fact]
    public void ToPrepared_GivesTheSameDistanceAsFromDegrees()
    {
        var origin = Distance.From(48.8530, 2.3499);
        var (lat, lon) = (45.7640, 4.8357);

        var prepared = origin.ToPrepared(lat * Distance.Radians, lon * Distance.Radians, Math.Cos(lat * Distance.Radians));

        Assert.Equal(origin.To(lat, lon), prepared, 9);
    }

    [Theory]
    [InlineData(double.NaN, 2)]
    [InlineData(91, 2)]
    [InlineData(48, -181)]
    [InlineData(48, double.PositiveInfinity)]
    public void IsValid_RefusesWhatAreNotDegrees(double latitude, double longitude)
    {
        Assert.False(new GeoPoint(latitude, longitude).IsValid);
    }
}

public class HaversineTermTests
{
    [Theory]
    [InlineData(48.92957, 2.35924, 48.92957, 2.35925)] // under a metre
    [InlineData(48.92957, 2.35924, 48.93407, 2.35924)] // half a kilometre
    [InlineData(48.8530, 2.3499, 45.7640, 4.8357)] // Paris – Lyon
    [InlineData(-20.93297, 55.44687, 16.24125, -61.53361)] // La Réunion – Guadeloupe
    public void TheTermFromSinesAndCosines_GivesTheHaversineDistance_ToTheCentimetre(double lat1, double lon1, double lat2, double lon2)
    {
        var (a, b) = (new GeoPoint(lat1, lon1), new GeoPoint(lat2, lon2));

        var metres = Distance.MetresOf(Distance.HaversineTerm(Distance.Trig.Of(a), Distance.Trig.Of(b)));

        Assert.Equal(a.DistanceTo(b), metres, 0.01);
    }

    [Fact]
    public void TheTerm_OrdersPointsAsTheirDistances()
    {
        var origin = new GeoPoint(48.92957, 2.35924);
        var random = new Random(3);
        var points = Enumerable.Range(0, 200).Select(_ => new GeoPoint(48.9 + (random.NextDouble() * 0.1), 2.3 + (random.NextDouble() * 0.1))).ToList();
        var o = Distance.Trig.Of(origin);

        var byTerm = points.OrderBy(p => Distance.HaversineTerm(o, Distance.Trig.Of(p))).ToList();
        var byDistance = points.OrderBy(origin.DistanceTo).ToList();

        Assert.Equal(byDistance, byTerm);
    }

    [Fact]
    public void TermOf_IsTheTermOfThatDistance()
    {
        var (a, b) = (new GeoPoint(48.8530, 2.3499), new GeoPoint(48.92957, 2.35924));

        Assert.Equal(Distance.HaversineTerm(Distance.Trig.Of(a), Distance.Trig.Of(b)), Distance.TermOf(a.DistanceTo(b)), 15);
    }
}
