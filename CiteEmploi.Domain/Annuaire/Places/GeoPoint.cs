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
        /// kept that way spares a cosine per point in a loop over thousands).
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
