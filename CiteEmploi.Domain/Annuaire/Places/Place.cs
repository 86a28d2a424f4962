namespace CiteEmploi.Domain.Annuaire.Places;

/// <summary>What a place is: a commune (or municipal arrondissement) by its INSEE code, or a priority neighbourhood.</summary>
public enum PlaceKind
{
    Commune,
    Qpv,
}

/// <summary>Where a place's position comes from, so that a page can say it (« centre de la commune »).</summary>
public enum PlacePositionSource
{
    /// <summary>No position known: never guessed.</summary>
    None,

    /// <summary>The commune's centre in the shipped dataset (La Poste).</summary>
    CommuneCentre,

    /// <summary>The mean of the centres of a commune's municipal arrondissements (Paris, Lyon, Marseille).</summary>
    ArrondissementsMean,

    /// <summary>Set by a person (a coordinator placing a QPV on the map, issue 18).</summary>
    SetByCoordinator,
}

/// <summary>
/// A place a search can be « près de », and a row of a coverage matrix (issue 18): a commune from the shipped dataset or
/// one of a Cité's QPVs. Its position may be unknown (<see cref="Position"/> null): nothing is ever placed by guess.
/// </summary>
/// <param name="Code">The INSEE code of a commune, or the code of a QPV (QN…/QP…).</param>
/// <param name="Postcodes">A commune's postcodes (empty for a QPV).</param>
/// <param name="Population">A commune's legal population (ranks the autocomplete); 0 when unknown.</param>
public sealed record Place(PlaceKind Kind, string Code, string Name, GeoPoint? Position, PlacePositionSource PositionSource,
    IReadOnlyList<string> Postcodes, int Population = 0)
{
    /// <summary>The département of a commune (« 93 », « 2A », « 974 »), from its INSEE code; null for a QPV.</summary>
    public string? Departement => Kind != PlaceKind.Commune || Code.Length != 5
        ? null
        : Code.StartsWith("97", StringComparison.Ordinal) || Code.StartsWith("98", StringComparison.Ordinal) ? Code[..3] : Code[..2];

    /// <summary>How the place is shown in a list: « Saint-Denis (93) », « Saint-Denis (974) », « QPV Franc-Moisin ».</summary>
    public string Label => Kind == PlaceKind.Commune
        ? Departement is { } d ? $"{Name} ({d})" : Name
        : $"QPV {Name}";

    /// <summary>The <c>pres</c> parameter that names this place.</summary>
    public NearReference Reference => Kind == PlaceKind.Commune ? NearReference.ForCommune(Code) : NearReference.ForQpv(Code);

    /// <summary>A QPV of a Cité, with the position a coordinator set, if any.</summary>
    public static Place Qpv(string code, string name, GeoPoint? position = null) =>
        new(PlaceKind.Qpv, code, name, position, position is null ? PlacePositionSource.None : PlacePositionSource.SetByCoordinator, []);
}
