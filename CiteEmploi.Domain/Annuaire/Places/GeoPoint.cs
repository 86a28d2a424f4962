using System.Globalization;

namespace CiteEmploi.Domain.Annuaire.Places;

/// <summary>A position on Earth in WGS 84 degrees (what a browser, data·inclusion and the shipped communes give).</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>The mean radius of the Earth used by every distance of the app (IUGG, in metres).</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Whether both numbers are real degrees (not NaN, latitude within ±90, longitude within ±180).</summary>
    public bool IsValid =>
        double.IsFinite(Latitude) && double.IsFinite(Longitude) && Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <summary>The great-circle distance to another point, in metres (haversine).</summary>
    public double DistanceTo(GeoPoint other) => Distance.Metres(Latitude, Longitude, other.Latitude, other.Longitude);

    /// <summary>« 48.85,2.35 » in invariant digits (the form of <c>pres=geo:</c>).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(Latitude, 6)},{Math.Round(Longitude, 6)}");
}

/// <summary>
/// Great-circle distances (haversine on a sphere of <see cref="GeoPoint.EarthRadiusMetres"/>). Within France the sphere
/// is off the ellipsoid by at most 0.5 %: 5 m in a kilometre, far below what a « près de » or a coverage radius needs.
/// <see cref="From(double, double)"/> prepares a point once so that a loop over many others pays one square root and one arcsine each.
/// </summary>
public static class Distance
{
    /// <summary>Degrees to radians.</summary>
    public const double Radians = Math.PI / 180;

    /// <summary>The distance in metres between two points given in degrees.</summary>
    public static double Metres(double latitude1, double longitude1, double latitude2, double longitude2) =>
        From(latitude1, longitude1).To(latitude2, longitude2);

    /// <summary>A point prepared for many distances from it.</summary>
    public static DistanceOrigin From(double latitude, double longitude) => new(latitude * Radians, longitude * Radians, Math.Cos(latitude * Radians));

    /// <summary>A point prepared for many distances from it.</summary>
    public static DistanceOrigin From(GeoPoint point) => From(point.Latitude, point.Longitude);

    /// <summary>
    /// The haversine term h = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2) from the sines and cosines of both points: only
    /// products and sums (sin²(x/2) = (1 − cos x)/2, and cos(a − b) = cos a cos b + sin a sin b), so a loop over
    /// thousands of prepared positions computes no trigonometric function. The distance 2R·asin(√h) grows with h:
    /// comparing h orders by distance. Rounding costs less than a centimetre at any distance.
    /// </summary>
    public static double HaversineTerm(in Trig a, in Trig b)
    {
        var cosDeltaLatitude = (a.CosLatitude * b.CosLatitude) + (a.SinLatitude * b.SinLatitude);
        var cosDeltaLongitude = (a.CosLongitude * b.CosLongitude) + (a.SinLongitude * b.SinLongitude);
        return ((1 - cosDeltaLatitude) / 2) + (a.CosLatitude * b.CosLatitude * (1 - cosDeltaLongitude) / 2);
    }

    /// <summary>The distance in metres for a haversine term (<see cref="HaversineTerm"/>).</summary>
    public static double MetresOf(double haversineTerm) => 2 * GeoPoint.EarthRadiusMetres * Math.Asin(Math.Sqrt(Math.Clamp(haversineTerm, 0, 1)));

    /// <summary>The haversine term of a distance in metres (to compare with <see cref="HaversineTerm"/> instead of a distance).</summary>
    public static double TermOf(double metres)
    {
        var s = Math.Sin(Math.Min(metres / GeoPoint.EarthRadiusMetres, Math.PI) / 2);
        return s * s;
    }

    /// <summary>A position's sines and cosines of latitude and longitude, computed once.</summary>
    public readonly record struct Trig(double SinLatitude, double CosLatitude, double SinLongitude, double CosLongitude)
    {
        public static Trig Of(GeoPoint p) =>
            new(Math.Sin(p.Latitude * Radians), Math.Cos(p.Latitude * Radians), Math.Sin(p.Longitude * Radians), Math.Cos(p.Longitude * Radians));
    }

    /// <summary>An origin whose cosine of latitude is computed once (see <see cref="From(double, double)"/>).</summary>
    public readonly struct DistanceOrigin
    {
        private readonly double _latitude;
        private readonly double _longitude;
        private readonly double _cosLatitude;

        internal DistanceOrigin(double latitudeRadians, double longitudeRadians, double cosLatitude) =>
            (_latitude, _longitude, _cosLatitude) = (latitudeRadians, longitudeRadians, cosLatitude);

        /// <summary>The distance in metres to a point given in degrees.</summary>
        public double To(double latitude, double longitude)
        {
            var lat = latitude * Radians;
            var sinLat = Math.Sin((lat - _latitude) / 2);
            var sinLon = Math.Sin(((longitude * Radians) - _longitude) / 2);
            var h = (sinLat * sinLat) + (_cosLatitude * Math.Cos(lat) * sinLon * sinLon);
            return 2 * GeoPoint.EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        }

        /// <summary>The distance in metres to a point.</summary>
        public double To(GeoPoint point) => To(point.Latitude, point.Longitude);

        /// <summary>
        /// The distance in metres to a point already in radians with the cosine of its latitude (a table of positions
        /// kept that way spares a cosine per point).
        /// </summary>
        public double ToPrepared(double latitudeRadians, double longitudeRadians, double cosLatitude)
        {
            var sinLat = Math.Sin((latitudeRadians - _latitude) / 2);
            var sinLon = Math.Sin((longitudeRadians - _longitude) / 2);
            var h = (sinLat * sinLat) + (_cosLatitude * cosLatitude * sinLon * sinLon);
            return 2 * GeoPoint.EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        }
    }
}
