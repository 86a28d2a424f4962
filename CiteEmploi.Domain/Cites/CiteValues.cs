using CiteEmploi.Domain.Annuaire.Places;

namespace CiteEmploi.Domain.Cites;

/// <summary>
/// A priority neighbourhood (quartier prioritaire de la politique de la ville) covered by a Cité, with the position its
/// coordinator set (on the map or from a file): never guessed, null until set.
/// </summary>
public sealed record Qpv(string Code, string Name, double? Latitude = null, double? Longitude = null)
{
    /// <summary>The position set for the neighbourhood, or null.</summary>
    public GeoPoint? Position => Latitude is { } latitude && Longitude is { } longitude ? new GeoPoint(latitude, longitude) : null;

    /// <summary>The same neighbourhood placed at <paramref name="position"/> (or unplaced).</summary>
    public Qpv At(GeoPoint? position) => this with { Latitude = position?.Latitude, Longitude = position?.Longitude };
}

/// <summary>A co-funder of the Cité's yearly budget (préfecture, DREETS, EPCI, commune…).</summary>
public sealed record CoFunder(string Name, decimal Amount);

/// <summary>How to reach the Cité's coordinator.</summary>
public sealed record CoordinatorContact(string Name, string Email, string? Phone);

/// <summary>Everything a coordinator fills in about a Cité; the aggregate validates it as a whole.</summary>
public sealed record CiteProfile
{
    public string Name { get; init; } = string.Empty;
    public PerimeterType PerimeterType { get; init; } = PerimeterType.Commune;
    public string TerritoryName { get; init; } = string.Empty;
    public IReadOnlyList<Qpv> Qpvs { get; init; } = [];
    public int BudgetYear { get; init; }
    public decimal BudgetAmount { get; init; }
    public IReadOnlyList<CoFunder> CoFunders { get; init; } = [];
    public CoordinatorContact? Coordinator { get; init; }
}
