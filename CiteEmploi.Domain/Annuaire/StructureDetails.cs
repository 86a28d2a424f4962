namespace CiteEmploi.Domain.Annuaire;

/// <summary>Everything a partner fills in about a structure; the aggregate cleans and validates it as a whole.</summary>
public sealed record StructureDetails
{
    public string Name { get; init; } = string.Empty;
    public string? Description { get; init; }
    public string? Siret { get; init; }
    public PostalAddress? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }

    /// <summary>OpenStreetMap <c>opening_hours</c> syntax ("Mo-Fr 08:30-12:30; PH off"), stored as typed.</summary>
    public string? OpeningHours { get; init; }

    /// <summary><c>reseaux-porteurs</c> codes.</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>Codes of the Cité's QPVs the structure covers (QP090001, QN09001M).</summary>
    public IReadOnlyList<string> QpvCodes { get; init; } = [];
}
