using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// A partner structure of a Cité's directory (data·inclusion <c>Structure</c>): who it is, where, how to reach it.
/// Its services are <see cref="Service"/> aggregates that point to it.
/// </summary>
public sealed class Structure : AggregateRoot, ICiteOwned
{
    /// <summary>Schema: <c>nom</c> between 3 and 150 characters.</summary>
    public const int NameMinLength = 3;
    public const int NameMaxLength = 150;

    /// <summary>Schema: <c>description</c> between 5 and 10,000 characters when given.</summary>
    public const int DescriptionMinLength = 5;
    public const int DescriptionMaxLength = 10_000;

    public const int MaxNetworks = 20;
    public const int MaxQpvs = Cite.MaxQpvs;

    // EF Core materialisation
    private Structure()
    {
        Name = NormalizedName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Accent- and case-folded name, for sorting and matching.</summary>
    public string NormalizedName { get; private set; }

    public string? Description { get; private set; }

    public string? Siret { get; private set; }

    public PostalAddress? Address { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public string? Website { get; private set; }

    public string? OpeningHours { get; private set; }

    public List<string> Networks { get; private set; } = [];

    public List<string> QpvCodes { get; private set; } = [];

    /// <summary>The data·inclusion producer, for a structure imported from elsewhere; null when created here.</summary>
    public string? Source { get; private set; }

    /// <summary>The producer's identifier; with <see cref="Source"/>, the key a re-import updates.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>data·inclusion <c>date_maj</c>: the day the information was last changed.</summary>
    public DateOnly UpdatedOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsImported => Source is not null;

    /// <summary>Creates a structure typed in by a partner or the coordinator.</summary>
    /// <exception cref="DomainValidationException">A field is invalid; nothing is created.</exception>
    public static Structure Create(Guid citeId, StructureDetails details, DateTimeOffset now)
    {
        var cleaned = CleanDetails(details);
        Validate(cleaned).ThrowIfAny();
        return New(citeId, cleaned, origin: null, DateOnly.FromDateTime(now.DateTime), now);
    }

    /// <summary>Creates a structure read from a data·inclusion file; <paramref name="dateMaj"/> is the producer's date.</summary>
    public static Structure Import(Guid citeId, ExternalReference origin, StructureDetails details, DateOnly dateMaj, DateTimeOffset now)
    {
        var cleanedOrigin = ExternalReference.Clean(origin);
        var cleaned = CleanDetails(details);
        var errors = Validate(cleaned);
        ExternalReference.Validate(cleanedOrigin, errors);
        errors.ThrowIfAny();
        return New(citeId, cleaned, cleanedOrigin, dateMaj, now);
    }

    /// <summary>Replaces the details after an edit; the information is then dated today.</summary>
    public void Update(StructureDetails details, DateTimeOffset now)
    {
        var cleaned = CleanDetails(details);
        Validate(cleaned).ThrowIfAny();
        Apply(cleaned);
        UpdatedOn = DateOnly.FromDateTime(now.DateTime);
        Raise(new StructureUpdated(Id, CiteId, Name));
    }

    /// <summary>Applies a new version of the same data·inclusion record (same source and id).</summary>
    public void Reimport(ExternalReference origin, StructureDetails details, DateOnly dateMaj)
    {
        var cleanedOrigin = ExternalReference.Clean(origin);
        if (!IsImportedFrom(cleanedOrigin))
        {
            ValidationErrors.Refuse("ExternalId", $"Cette structure ne provient pas de « {cleanedOrigin.Source} » avec l'identifiant « {cleanedOrigin.Id} » : elle ne peut pas être mise à jour par cet enregistrement.");
        }
        var cleaned = CleanDetails(details);
        Validate(cleaned).ThrowIfAny();
        Apply(cleaned);
        UpdatedOn = dateMaj;
        Raise(new StructureUpdated(Id, CiteId, Name));
    }

    /// <summary>True when this structure was imported with this source and id (compared exactly, as the schema does).</summary>
    public bool IsImportedFrom(ExternalReference origin) => origin.Identifies(Source, ExternalId);

    public StructureDetails ToDetails() => new()
    {
        Name = Name,
        Description = Description,
        Siret = Siret,
        Address = Address,
        Phone = Phone,
        Email = Email,
        Website = Website,
        OpeningHours = OpeningHours,
        Networks = [.. Networks],
        QpvCodes = [.. QpvCodes],
    };

    private static Structure New(Guid citeId, StructureDetails cleaned, ExternalReference? origin, DateOnly updatedOn, DateTimeOffset now)
    {
        var structure = new Structure
        {
            CiteId = citeId,
            Source = origin?.Source,
            ExternalId = origin?.Id,
            UpdatedOn = updatedOn,
            CreatedAt = now,
        };
        structure.Apply(cleaned);
        structure.Raise(new StructureCreated(structure.Id, citeId, structure.Name));
        return structure;
    }

    private void Apply(StructureDetails d)
    {
        Name = d.Name;
        NormalizedName = Text.Fold(d.Name);
        Description = d.Description;
        Siret = d.Siret;
        Address = d.Address;
        Phone = d.Phone;
        Email = d.Email;
        Website = d.Website;
        OpeningHours = d.OpeningHours;
        Networks = [.. d.Networks];
        QpvCodes = [.. d.QpvCodes];
    }

    private static StructureDetails CleanDetails(StructureDetails d) => new()
    {
        Name = Text.Clean(d.Name),
        Description = DirectoryRules.CleanMultiline(d.Description),
        Siret = DirectoryRules.CleanOptional(d.Siret)?.Replace(" ", "", StringComparison.Ordinal),
        Address = PostalAddress.Clean(d.Address),
        Phone = DirectoryRules.CleanOptional(d.Phone),
        Email = DirectoryRules.CleanOptional(d.Email),
        Website = DirectoryRules.CleanOptional(d.Website),
        OpeningHours = DirectoryRules.CleanOptional(d.OpeningHours),
        Networks = DirectoryRules.CleanCodes(d.Networks),
        QpvCodes = [.. DirectoryRules.CleanCodes(d.QpvCodes).Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal)],
    };

    private static ValidationErrors Validate(StructureDetails d)
    {
        var errors = new ValidationErrors();
        if (d.Name.Length == 0)
        {
            errors.Add(nameof(Name), "Le nom de la structure est obligatoire.");
        }
        else if (d.Name.Length < NameMinLength || d.Name.Length > NameMaxLength)
        {
            errors.Add(nameof(Name), $"Le nom de la structure doit compter entre {NameMinLength} et {NameMaxLength} caractères (actuellement {d.Name.Length}).");
        }
        if (d.Description is not null && (d.Description.Length < DescriptionMinLength || d.Description.Length > DescriptionMaxLength))
        {
            errors.Add(nameof(Description), $"La description doit compter entre {DescriptionMinLength} et {DescriptionMaxLength} caractères (actuellement {d.Description.Length}).");
        }
        if (d.Siret is not null && !DirectoryRules.IsValidSiret(d.Siret))
        {
            errors.Add(nameof(Siret), $"Numéro SIRET invalide « {d.Siret} » : 14 chiffres attendus, avec une clé de contrôle exacte (vérifiez-le sur annuaire-entreprises.data.gouv.fr).");
        }
        PostalAddress.Validate(d.Address, nameof(Address), errors);
        DirectoryRules.Contact(d.Phone, d.Email, d.Website, string.Empty, errors);
        DirectoryRules.OpeningHours(d.OpeningHours, errors);

        if (d.Networks.Count > MaxNetworks)
        {
            errors.Add(nameof(Networks), $"Au plus {MaxNetworks} réseaux porteurs.");
        }
        Referentiels.ReseauxPorteurs.Check(d.Networks, nameof(Networks), errors);

        if (d.QpvCodes.Count > MaxQpvs)
        {
            errors.Add(nameof(QpvCodes), $"Une structure couvre au plus {MaxQpvs} QPV.");
        }
        foreach (var code in d.QpvCodes.Where(c => !Cite.IsValidQpvCode(c)))
        {
            errors.Add(nameof(QpvCodes), $"Code QPV inconnu « {code} » : attendu QP suivi de 6 chiffres (ex. : QP090001) ou QN suivi de 5 chiffres et d'une lettre (ex. : QN09001M).");
        }
        return errors;
    }
}
