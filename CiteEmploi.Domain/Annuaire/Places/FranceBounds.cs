namespace CiteEmploi.Domain.Annuaire.Places;

/// <summary>
/// Whether a position is in France: metropolitan France with Corsica, and the five overseas departments (Guadeloupe,
/// Martinique, Guyane, La Réunion, Mayotte), where Cités de l'emploi exist. Each territory is a box around its land
/// with a margin of a few kilometres for the coast; a test checks that every commune centre shipped in these
/// territories lies in its box. A box alone takes in neighbours (Brussels is inside the metropolitan box), so
/// <see cref="Communes.IsInFrance"/> also asks for a commune centre nearby.
/// </summary>
public static class FranceBounds
{
    /// <summary>A territory's box, in degrees.</summary>
    public sealed record Territory(string Name, double South, double North, double West, double East, bool LargeCommunes = false)
    {
        public bool Contains(GeoPoint p) => p.Latitude >= South && p.Latitude <= North && p.Longitude >= West && p.Longitude <= East;
    }

    /// <summary>The territories, metropolitan France first.</summary>
    public static IReadOnlyList<Territory> Territories { get; } =
    [
        new("France métropolitaine", 41.30, 51.15, -5.25, 9.65),
        new("Guadeloupe", 15.80, 16.55, -61.85, -60.95),
        new("Martinique", 14.35, 14.90, -61.25, -60.78),
        // Guyane's communes are vast (Maripasoula: 18,000 km²): far from any commune centre is still Guyane
        new("Guyane", 2.10, 5.80, -54.65, -51.60, LargeCommunes: true),
        new("La Réunion", -21.42, -20.85, 55.20, 55.85),
        new("Mayotte", -13.05, -12.60, 44.95, 45.32),
    ];

    /// <summary>The territory whose box holds the point, or null.</summary>
    public static Territory? TerritoryOf(GeoPoint point) => point.IsValid ? Territories.FirstOrDefault(t => t.Contains(point)) : null;

    /// <summary>Whether the point is inside one of the territories' boxes.</summary>
    public static bool Contains(GeoPoint point) => TerritoryOf(point) is not null;
}
