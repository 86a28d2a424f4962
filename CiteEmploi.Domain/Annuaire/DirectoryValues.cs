using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// A postal address, with the codes data·inclusion uses: postcode (5 digits), INSEE code of the commune (5
/// characters, 2A/2B for Corsica) and WGS 84 coordinates.
/// </summary>
public sealed record PostalAddress
{
    public const int StreetMaxLength = 250;
    public const int ComplementMaxLength = 250;
    public const int CommuneMaxLength = 100;

    public string? Street { get; init; }
    public string? Complement { get; init; }
    public string? Postcode { get; init; }
    public string? Commune { get; init; }
    public string? InseeCode { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    public bool IsEmpty =>
        Street is null && Complement is null && Postcode is null && Commune is null && InseeCode is null
        && Latitude is null && Longitude is null;

    /// <summary>Trims every part; blanks become null, codes are upper-cased (2a → 2A); an empty address becomes null.</summary>
    public static PostalAddress? Clean(PostalAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        var cleaned = new PostalAddress
        {
            Street = DirectoryRules.CleanOptional(address.Street),
            Complement = DirectoryRules.CleanOptional(address.Complement),
            Postcode = DirectoryRules.CleanOptional(address.Postcode)?.Replace(" ", "", StringComparison.Ordinal),
            Commune = DirectoryRules.CleanOptional(address.Commune),
            InseeCode = DirectoryRules.CleanOptional(address.InseeCode)?.ToUpperInvariant(),
            Latitude = address.Latitude,
            Longitude = address.Longitude,
        };
        return cleaned.IsEmpty ? null : cleaned;
    }

    /// <summary>Checks a cleaned address; messages go under "{prefix}.Street", "{prefix}.Postcode"…</summary>
    public static void Validate(PostalAddress? address, string prefix, ValidationErrors errors)
    {
        if (address is null)
        {
            return;
        }
        DirectoryRules.MaxLength(address.Street, StreetMaxLength, $"{prefix}.{nameof(Street)}", "L'adresse", errors);
        DirectoryRules.MaxLength(address.Complement, ComplementMaxLength, $"{prefix}.{nameof(Complement)}", "Le complément d'adresse", errors);
        DirectoryRules.MaxLength(address.Commune, CommuneMaxLength, $"{prefix}.{nameof(Commune)}", "Le nom de la commune", errors);
        if (address.Postcode is not null && !DirectoryRules.IsPostcode(address.Postcode))
        {
            errors.Add($"{prefix}.{nameof(Postcode)}", $"Code postal invalide « {address.Postcode} » : 5 chiffres attendus (ex. : 90000).");
        }
        if (address.InseeCode is not null && !DirectoryRules.IsInseeCommuneCode(address.InseeCode))
        {
            errors.Add($"{prefix}.{nameof(InseeCode)}", $"Code INSEE invalide « {address.InseeCode} » : 5 caractères attendus (ex. : 90010, 2A004).");
        }
        if (address.Latitude is { } latitude && (double.IsNaN(latitude) || latitude < -90 || latitude > 90))
        {
            errors.Add($"{prefix}.{nameof(Latitude)}", "La latitude doit être comprise entre -90 et 90.");
        }
        if (address.Longitude is { } longitude && (double.IsNaN(longitude) || longitude < -180 || longitude > 180))
        {
            errors.Add($"{prefix}.{nameof(Longitude)}", "La longitude doit être comprise entre -180 et 180.");
        }
        if (address.Latitude.HasValue != address.Longitude.HasValue)
        {
            errors.Add($"{prefix}.{nameof(Latitude)}", "Indiquez la latitude et la longitude ensemble, ou aucune des deux.");
        }
    }
}

/// <summary>
/// Where an imported record comes from: the data·inclusion <c>source</c> (producer) and <c>id</c>. Re-importing the
/// same pair updates the record instead of adding another.
/// </summary>
public sealed record ExternalReference(string Source, string Id)
{
    public const int SourceMaxLength = 100;
    public const int IdMaxLength = 250;

    /// <summary>True when a record stored with this source and id is this reference (compared exactly, as the schema does).</summary>
    public bool Identifies(string? source, string? id) =>
        source is not null && string.Equals(source, Source, StringComparison.Ordinal) && string.Equals(id, Id, StringComparison.Ordinal);

    public static ExternalReference Clean(ExternalReference reference) =>
        new(Text.Clean(reference.Source), Text.Clean(reference.Id));

    public static void Validate(ExternalReference reference, ValidationErrors errors)
    {
        if (reference.Source.Length == 0)
        {
            errors.Add("Source", "Indiquez la source (le producteur de la donnée, ex. : dora).");
        }
        else if (reference.Source.Length > SourceMaxLength)
        {
            errors.Add("Source", $"La source ne peut pas dépasser {SourceMaxLength} caractères.");
        }
        if (reference.Id.Length == 0)
        {
            errors.Add("ExternalId", "Indiquez l'identifiant donné par la source.");
        }
        else if (reference.Id.Length > IdMaxLength)
        {
            errors.Add("ExternalId", $"L'identifiant donné par la source ne peut pas dépasser {IdMaxLength} caractères.");
        }
    }
}

/// <summary>Who to contact about a service.</summary>
public sealed record ServiceContact(string? Name, string? Phone, string? Email)
{
    public const int NameMaxLength = 150;

    public bool IsEmpty => Name is null && Phone is null && Email is null;
}

/// <summary>Where a service is in its life: only published services appear in searches and exports.</summary>
public enum ServiceStatus
{
    Brouillon,
    Publie,
    Archive,
}

public static class ServiceStatusLabels
{
    public static string Label(this ServiceStatus status) => status switch
    {
        ServiceStatus.Brouillon => "Brouillon",
        ServiceStatus.Publie => "Publié",
        ServiceStatus.Archive => "Archivé",
        _ => status.ToString(),
    };
}
