namespace CiteEmploi.Domain.Annuaire;

/// <summary>Everything a partner fills in about a service (data·inclusion <c>Service</c>), cleaned and validated as a whole.</summary>
public sealed record ServiceDetails
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Markdown, stored as written; rendering must sanitise it.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>A <c>types-de-services</c> code.</summary>
    public string? Type { get; init; }

    public IReadOnlyList<string> Thematiques { get; init; } = [];
    public IReadOnlyList<string> Publics { get; init; } = [];
    public string? PublicsDetails { get; init; }

    /// <summary>A <c>frais</c> code: gratuit or payant (one value in schema v1).</summary>
    public string? Frais { get; init; }

    public string? FraisDetails { get; init; }
    public string? AccessConditions { get; init; }
    public IReadOnlyList<string> ModesAccueil { get; init; } = [];

    /// <summary>Only when the service is not at its structure's address.</summary>
    public PostalAddress? Address { get; init; }

    public IReadOnlyList<string> ModesMobilisation { get; init; } = [];
    public IReadOnlyList<string> MobilisablePar { get; init; } = [];
    public string? MobilisationLink { get; init; }
    public string? MobilisationDetails { get; init; }
    public ServiceContact? Contact { get; init; }
    public decimal? WeeklyHours { get; init; }
    public int? NumberOfWeeks { get; init; }

    /// <summary>OpenStreetMap <c>opening_hours</c>; when empty, the structure's hours apply.</summary>
    public string? OpeningHours { get; init; }

    /// <summary>INSEE codes: communes, départements, EPCI, countries, or « france ».</summary>
    public IReadOnlyList<string> EligibilityZone { get; init; } = [];
}
