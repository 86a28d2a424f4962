using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// What a structure offers (data·inclusion <c>Service</c>): for whom, on which barriers, how to refer someone, where
/// and when. Drafts are private to the Cité's editors; only published services are searched and exported.
/// </summary>
public sealed class Service : AggregateRoot, ICiteOwned
{
    /// <summary>Schema: <c>nom</c> between 3 and 150 characters.</summary>
    public const int NameMinLength = 3;
    public const int NameMaxLength = 150;

    /// <summary>Schema: <c>description</c> required, between 5 and 10,000 characters.</summary>
    public const int DescriptionMinLength = 5;
    public const int DescriptionMaxLength = 10_000;

    /// <summary>The schema leaves the précisions unbounded; these bounds keep a record readable on a phone.</summary>
    public const int DetailsMaxLength = 2_000;

    public const int MaxEligibilityZoneCodes = 500;

    /// <summary>A week has 168 hours.</summary>
    public const decimal MaxWeeklyHours = 168m;

    /// <summary>Ten years.</summary>
    public const int MaxNumberOfWeeks = 520;

    /// <summary>Information not confirmed for this many months is flagged to its structure and the coordinator.</summary>
    public const int StaleAfterMonths = 6;

    // EF Core materialisation
    private Service()
    {
        Name = NormalizedName = Description = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public Guid StructureId { get; private set; }

    public string Name { get; private set; }

    public string NormalizedName { get; private set; }

    public string Description { get; private set; }

    public string? Type { get; private set; }

    public List<string> Thematiques { get; private set; } = [];

    public List<string> Publics { get; private set; } = [];

    public string? PublicsDetails { get; private set; }

    public string? Frais { get; private set; }

    public string? FraisDetails { get; private set; }

    public string? AccessConditions { get; private set; }

    public List<string> ModesAccueil { get; private set; } = [];

    public PostalAddress? Address { get; private set; }

    public List<string> ModesMobilisation { get; private set; } = [];

    public List<string> MobilisablePar { get; private set; } = [];

    public string? MobilisationLink { get; private set; }

    public string? MobilisationDetails { get; private set; }

    public ServiceContact? Contact { get; private set; }

    public decimal? WeeklyHours { get; private set; }

    public int? NumberOfWeeks { get; private set; }

    public string? OpeningHours { get; private set; }

    public List<string> EligibilityZone { get; private set; } = [];

    public ServiceStatus Status { get; private set; }

    /// <summary>data·inclusion <c>date_maj</c>: the day the information was last changed or confirmed.</summary>
    public DateOnly UpdatedOn { get; private set; }

    public string? Source { get; private set; }

    public string? ExternalId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsPublished => Status == ServiceStatus.Publie;

    public bool IsFree => Frais == "gratuit";

    /// <summary>The barriers this service addresses, derived from its thématiques.</summary>
    public IReadOnlyList<Frein> Freins => Annuaire.Freins.Covering(Thematiques);

    /// <summary>Creates a draft service of <paramref name="structure"/>, in the structure's Cité.</summary>
    /// <exception cref="DomainValidationException">A field is invalid; nothing is created.</exception>
    public static Service Create(Structure structure, ServiceDetails details, DateTimeOffset now)
    {
        var cleaned = CleanDetails(details);
        Validate(cleaned).ThrowIfAny();
        return New(structure, cleaned, origin: null, Today(now), now);
    }

    /// <summary>Creates a draft service read from a data·inclusion file; <paramref name="dateMaj"/> is the producer's date.</summary>
    public static Service Import(Structure structure, ExternalReference origin, ServiceDetails details, DateOnly dateMaj, DateTimeOffset now)
    {
        var cleanedOrigin = ExternalReference.Clean(origin);
        var cleaned = CleanDetails(details);
        var errors = Validate(cleaned);
        ExternalReference.Validate(cleanedOrigin, errors);
        errors.ThrowIfAny();
        return New(structure, cleaned, cleanedOrigin, dateMaj, now);
    }

    /// <summary>Replaces the details after an edit; the information is then dated today.</summary>
    public void Update(ServiceDetails details, DateTimeOffset now)
    {
        EnsureNotArchived();
        var cleaned = CleanDetails(details);
        var errors = Validate(cleaned);
        if (IsPublished)
        {
            CheckPublishable(cleaned, errors);
        }
        errors.ThrowIfAny();
        Apply(cleaned);
        UpdatedOn = Today(now);
        Raise(new ServiceUpdated(Id, CiteId, StructureId));
    }

    /// <summary>Applies a new version of the same data·inclusion record (same source and id), whatever the status.</summary>
    public void Reimport(ExternalReference origin, ServiceDetails details, DateOnly dateMaj)
    {
        var cleanedOrigin = ExternalReference.Clean(origin);
        if (!IsImportedFrom(cleanedOrigin))
        {
            ValidationErrors.Refuse("ExternalId", $"Ce service ne provient pas de « {cleanedOrigin.Source} » avec l'identifiant « {cleanedOrigin.Id} » : il ne peut pas être mis à jour par cet enregistrement.");
        }
        var cleaned = CleanDetails(details);
        var errors = Validate(cleaned);
        if (IsPublished)
        {
            CheckPublishable(cleaned, errors);
        }
        errors.ThrowIfAny();
        Apply(cleaned);
        UpdatedOn = dateMaj;
        Raise(new ServiceUpdated(Id, CiteId, StructureId));
    }

    public bool IsImportedFrom(ExternalReference origin) => origin.Identifies(Source, ExternalId);

    /// <summary>Makes the service visible in searches; it must say which barriers it addresses.</summary>
    public void Publish()
    {
        if (Status == ServiceStatus.Publie)
        {
            return;
        }
        if (Status == ServiceStatus.Archive)
        {
            ValidationErrors.Refuse(nameof(Status), "Ce service est archivé : remettez-le en brouillon avant de le publier.");
        }
        var errors = new ValidationErrors();
        CheckPublishable(ToDetails(), errors);
        errors.ThrowIfAny();
        Status = ServiceStatus.Publie;
        Raise(new ServicePublished(Id, CiteId, StructureId));
    }

    /// <summary>Withdraws the service from searches and exports; nothing is deleted.</summary>
    public void Archive()
    {
        if (Status == ServiceStatus.Archive)
        {
            return;
        }
        Status = ServiceStatus.Archive;
        Raise(new ServiceArchived(Id, CiteId, StructureId));
    }

    /// <summary>Takes a published or archived service back to draft, to rework it.</summary>
    public void BackToDraft()
    {
        if (Status == ServiceStatus.Brouillon)
        {
            return;
        }
        var from = Status;
        Status = ServiceStatus.Brouillon;
        Raise(new ServiceReturnedToDraft(Id, CiteId, StructureId, from));
    }

    /// <summary>The one-click « toujours exact »: the information is dated today without being changed.</summary>
    public void ConfirmStillAccurate(DateTimeOffset now)
    {
        EnsureNotArchived();
        UpdatedOn = Today(now);
        Raise(new ServiceConfirmedAccurate(Id, CiteId, StructureId, UpdatedOn));
    }

    /// <summary>Where the service is held: its own address, otherwise its structure's.</summary>
    public PostalAddress? AddressOr(Structure structure) => Address ?? structure.Address;

    /// <summary>The phone to call for this service: its contact's, otherwise its structure's.</summary>
    public string? PhoneOr(Structure structure) => Contact?.Phone ?? structure.Phone;

    /// <summary>The e-mail for this service: its contact's, otherwise its structure's.</summary>
    public string? EmailOr(Structure structure) => Contact?.Email ?? structure.Email;

    /// <summary>The service's opening hours, otherwise its structure's.</summary>
    public string? OpeningHoursOr(Structure structure) => OpeningHours ?? structure.OpeningHours;

    /// <summary>True when the information has not been changed or confirmed for <see cref="StaleAfterMonths"/> months.</summary>
    public bool IsStale(DateTimeOffset now) => UpdatedOn.AddMonths(StaleAfterMonths) <= Today(now);

    public ServiceDetails ToDetails() => new()
    {
        Name = Name,
        Description = Description,
        Type = Type,
        Thematiques = [.. Thematiques],
        Publics = [.. Publics],
        PublicsDetails = PublicsDetails,
        Frais = Frais,
        FraisDetails = FraisDetails,
        AccessConditions = AccessConditions,
        ModesAccueil = [.. ModesAccueil],
        Address = Address,
        ModesMobilisation = [.. ModesMobilisation],
        MobilisablePar = [.. MobilisablePar],
        MobilisationLink = MobilisationLink,
        MobilisationDetails = MobilisationDetails,
        Contact = Contact,
        WeeklyHours = WeeklyHours,
        NumberOfWeeks = NumberOfWeeks,
        OpeningHours = OpeningHours,
        EligibilityZone = [.. EligibilityZone],
    };

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.DateTime);

    private static Service New(Structure structure, ServiceDetails cleaned, ExternalReference? origin, DateOnly updatedOn, DateTimeOffset now)
    {
        var service = new Service
        {
            CiteId = structure.CiteId,
            StructureId = structure.Id,
            Status = ServiceStatus.Brouillon,
            Source = origin?.Source,
            ExternalId = origin?.Id,
            UpdatedOn = updatedOn,
            CreatedAt = now,
        };
        service.Apply(cleaned);
        service.Raise(new ServiceCreated(service.Id, service.CiteId, service.StructureId, service.Name));
        return service;
    }

    private void Apply(ServiceDetails d)
    {
        Name = d.Name;
        NormalizedName = Text.Fold(d.Name);
        Description = d.Description;
        Type = d.Type;
        Thematiques = [.. d.Thematiques];
        Publics = [.. d.Publics];
        PublicsDetails = d.PublicsDetails;
        Frais = d.Frais;
        FraisDetails = d.FraisDetails;
        AccessConditions = d.AccessConditions;
        ModesAccueil = [.. d.ModesAccueil];
        Address = d.Address;
        ModesMobilisation = [.. d.ModesMobilisation];
        MobilisablePar = [.. d.MobilisablePar];
        MobilisationLink = d.MobilisationLink;
        MobilisationDetails = d.MobilisationDetails;
        Contact = d.Contact;
        WeeklyHours = d.WeeklyHours;
        NumberOfWeeks = d.NumberOfWeeks;
        OpeningHours = d.OpeningHours;
        EligibilityZone = [.. d.EligibilityZone];
    }

    private void EnsureNotArchived()
    {
        if (Status == ServiceStatus.Archive)
        {
            ValidationErrors.Refuse(nameof(Status), "Ce service est archivé : remettez-le en brouillon pour le modifier.");
        }
    }


    private static ServiceDetails CleanDetails(ServiceDetails d)
    {
        var contact = d.Contact is null
            ? null
            : new ServiceContact(
                DirectoryRules.CleanOptional(d.Contact.Name),
                DirectoryRules.CleanOptional(d.Contact.Phone),
                DirectoryRules.CleanOptional(d.Contact.Email));
        return new ServiceDetails
        {
            Name = Text.Clean(d.Name),
            Description = DirectoryRules.CleanMultiline(d.Description) ?? string.Empty,
            Type = DirectoryRules.CleanOptional(d.Type),
            Thematiques = DirectoryRules.CleanCodes(d.Thematiques),
            Publics = DirectoryRules.CleanCodes(d.Publics),
            PublicsDetails = DirectoryRules.CleanMultiline(d.PublicsDetails),
            Frais = DirectoryRules.CleanOptional(d.Frais),
            FraisDetails = DirectoryRules.CleanMultiline(d.FraisDetails),
            AccessConditions = DirectoryRules.CleanMultiline(d.AccessConditions),
            ModesAccueil = DirectoryRules.CleanCodes(d.ModesAccueil),
            Address = PostalAddress.Clean(d.Address),
            ModesMobilisation = DirectoryRules.CleanCodes(d.ModesMobilisation),
            MobilisablePar = DirectoryRules.CleanCodes(d.MobilisablePar),
            MobilisationLink = DirectoryRules.CleanOptional(d.MobilisationLink),
            MobilisationDetails = DirectoryRules.CleanMultiline(d.MobilisationDetails),
            Contact = contact is null || contact.IsEmpty ? null : contact,
            WeeklyHours = d.WeeklyHours,
            NumberOfWeeks = d.NumberOfWeeks,
            OpeningHours = DirectoryRules.CleanOptional(d.OpeningHours),
            EligibilityZone = [.. DirectoryRules.CleanCodes(d.EligibilityZone)
                .Select(NormalizeZoneCode)
                .Distinct(StringComparer.Ordinal)],
        };
    }

    // "2a" and "France" are read as 2A and france; anything else is kept as typed so the message names it
    private static string NormalizeZoneCode(string code)
    {
        var lower = code.ToLowerInvariant();
        var upper = code.ToUpperInvariant();
        return DirectoryRules.IsEligibilityZoneCode(lower) ? lower
            : DirectoryRules.IsEligibilityZoneCode(upper) ? upper
            : code;
    }

    private static ValidationErrors Validate(ServiceDetails d)
    {
        var errors = new ValidationErrors();
        if (d.Name.Length == 0)
        {
            errors.Add(nameof(Name), "Le nom du service est obligatoire.");
        }
        else if (d.Name.Length < NameMinLength || d.Name.Length > NameMaxLength)
        {
            errors.Add(nameof(Name), $"Le nom du service doit compter entre {NameMinLength} et {NameMaxLength} caractères (actuellement {d.Name.Length}).");
        }
        if (d.Description.Length == 0)
        {
            errors.Add(nameof(Description), "Décrivez le service en quelques phrases simples.");
        }
        else if (d.Description.Length < DescriptionMinLength || d.Description.Length > DescriptionMaxLength)
        {
            errors.Add(nameof(Description), $"La description doit compter entre {DescriptionMinLength} et {DescriptionMaxLength} caractères (actuellement {d.Description.Length}).");
        }

        if (d.Type is not null && !Referentiels.TypesDeServices.Contains(d.Type))
        {
            errors.Add(nameof(Type), Referentiels.TypesDeServices.UnknownCodeMessage(d.Type));
        }
        Referentiels.Thematiques.Check(d.Thematiques, nameof(Thematiques), errors);
        Referentiels.Publics.Check(d.Publics, nameof(Publics), errors);
        if (d.Publics.Contains(Referentiels.TousPublics) && d.Publics.Count > 1)
        {
            errors.Add(nameof(Publics), "« Tous publics » ne peut pas être combiné avec d'autres publics.");
        }
        if (d.Frais is not null && !Referentiels.Frais.Contains(d.Frais))
        {
            errors.Add(nameof(Frais), Referentiels.Frais.UnknownCodeMessage(d.Frais));
        }
        Referentiels.ModesAccueil.Check(d.ModesAccueil, nameof(ModesAccueil), errors);
        Referentiels.ModesMobilisation.Check(d.ModesMobilisation, nameof(ModesMobilisation), errors);
        Referentiels.PersonnesMobilisatrices.Check(d.MobilisablePar, nameof(MobilisablePar), errors);

        DirectoryRules.MaxLength(d.PublicsDetails, DetailsMaxLength, nameof(PublicsDetails), "Les précisions sur les publics", errors);
        DirectoryRules.MaxLength(d.FraisDetails, DetailsMaxLength, nameof(FraisDetails), "Les précisions sur les frais", errors);
        DirectoryRules.MaxLength(d.AccessConditions, DetailsMaxLength, nameof(AccessConditions), "Les conditions d'accès", errors);
        DirectoryRules.MaxLength(d.MobilisationDetails, DetailsMaxLength, nameof(MobilisationDetails), "Les précisions sur l'orientation", errors);

        PostalAddress.Validate(d.Address, nameof(Address), errors);
        if (d.MobilisationLink is not null && !DirectoryRules.IsWebLink(d.MobilisationLink))
        {
            errors.Add(nameof(MobilisationLink), "Le lien d'orientation doit être un lien complet commençant par http:// ou https://.");
        }
        if (d.ModesMobilisation.Contains("utiliser-lien-mobilisation") && d.MobilisationLink is null)
        {
            errors.Add(nameof(MobilisationLink), "Indiquez le lien d'orientation, puisque l'orientation se fait par ce lien.");
        }
        if (d.Contact is not null)
        {
            DirectoryRules.MaxLength(d.Contact.Name, ServiceContact.NameMaxLength, "ContactName", "Le nom du contact", errors);
            DirectoryRules.Contact(d.Contact.Phone, d.Contact.Email, website: null, "Contact", errors);
        }

        if (d.WeeklyHours is { } hours && (hours < 0 || hours > MaxWeeklyHours))
        {
            errors.Add(nameof(WeeklyHours), $"Le volume horaire hebdomadaire doit être compris entre 0 et {MaxWeeklyHours} heures.");
        }
        if (d.NumberOfWeeks is { } weeks && (weeks < 1 || weeks > MaxNumberOfWeeks))
        {
            errors.Add(nameof(NumberOfWeeks), $"Le nombre de semaines doit être compris entre 1 et {MaxNumberOfWeeks}.");
        }
        DirectoryRules.OpeningHours(d.OpeningHours, errors);

        if (d.EligibilityZone.Count > MaxEligibilityZoneCodes)
        {
            errors.Add(nameof(EligibilityZone), $"La zone d'éligibilité compte au plus {MaxEligibilityZoneCodes} codes.");
        }
        foreach (var code in d.EligibilityZone.Where(c => !DirectoryRules.IsEligibilityZoneCode(c)))
        {
            errors.Add(nameof(EligibilityZone), $"Code inconnu « {code} » dans la zone d'éligibilité : code INSEE de commune (90010), de département (90, 2A, 974), SIREN d'EPCI (9 chiffres), code pays (99100) ou « france ».");
        }
        return errors;
    }

    private static void CheckPublishable(ServiceDetails d, ValidationErrors errors)
    {
        if (d.Thematiques.Count == 0)
        {
            errors.Add(nameof(Thematiques), "Choisissez au moins une thématique avant de publier : sans elle, personne ne trouvera ce service par frein.");
        }
    }
}
