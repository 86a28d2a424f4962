using System.Text.Json;
using System.Text.Json.Serialization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Features.Demo;

/// <summary>
/// The demonstration Cité's directory: fictional structures and services around Valmont-sur-Loire, kept as
/// data·inclusion v1 files embedded in this assembly (<c>Features/Demo/Data</c>), read into domain objects. Nothing is
/// written here: the caller stores what it returns.
/// </summary>
/// <remarks>
/// The files carry fixed <c>date_maj</c> values; <see cref="Build"/> moves every date by the same number of days so
/// that the newest one is today. The demonstration keeps the same picture whenever it is loaded: most services
/// recently updated, a few left untouched for more than six months so the freshness flag has something to show.
/// What data·inclusion v1 cannot say (the Cité's QPVs a structure covers, and which services are still drafts: the
/// schema has no status) is in <c>complements.json</c> beside them.
/// </remarks>
public static class DemoDirectory
{
    /// <summary>The data·inclusion <c>source</c> of every demonstration record.</summary>
    public const string Source = "citeemploi-demo";

    public const string StructuresFile = "structures.json";
    public const string ServicesFile = "services.json";
    public const string ComplementsFile = "complements.json";

    private const string ResourcePrefix = "CiteEmploi.Web.Features.Demo.Data.";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // a misspelt field would otherwise be dropped without a word
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// The demonstration structures and services of <paramref name="citeId"/>, created as imported from
    /// <see cref="Source"/>; services are published except the drafts listed in <c>complements.json</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A record is refused by the domain (the message names it).</exception>
    public static DemoDirectoryContent Build(Guid citeId, DateTimeOffset now)
    {
        var structureRecords = ReadStructures();
        var serviceRecords = ReadServices();
        var complements = ReadComplements();

        var newest = structureRecords.Select(s => s.DateMaj).Concat(serviceRecords.Select(s => s.DateMaj)).Max();
        var shift = DateOnly.FromDateTime(now.DateTime).DayNumber - newest.DayNumber;
        var drafts = complements.Brouillons.ToHashSet(StringComparer.Ordinal);

        var structures = new Dictionary<string, Structure>(StringComparer.Ordinal);
        var ordered = new List<Structure>(structureRecords.Count);
        foreach (var record in structureRecords)
        {
            var qpvs = complements.Qpv.TryGetValue(record.Id, out var codes) ? codes : [];
            var structure = Checked(record.Id, () => Structure.Import(
                citeId, new ExternalReference(record.Source, record.Id), record.ToDetails(qpvs), record.DateMaj.AddDays(shift), now));
            if (!structures.TryAdd(record.Id, structure))
            {
                throw new InvalidOperationException($"Demonstration structure '{record.Id}' appears twice.");
            }
            ordered.Add(structure);
        }

        var services = new List<Service>(serviceRecords.Count);
        foreach (var record in serviceRecords)
        {
            if (!structures.TryGetValue(record.StructureId, out var structure))
            {
                throw new InvalidOperationException($"Demonstration service '{record.Id}' points to an unknown structure '{record.StructureId}'.");
            }
            var service = Checked(record.Id, () =>
            {
                var imported = Service.Import(structure, new ExternalReference(record.Source, record.Id), record.ToDetails(), record.DateMaj.AddDays(shift), now);
                if (!drafts.Contains(record.Id))
                {
                    imported.Publish();
                }
                return imported;
            });
            services.Add(service);
        }
        return new DemoDirectoryContent(ordered, services);
    }

    /// <summary>The embedded file as it is, for a reader that wants the raw JSON (schema validation, import tests).</summary>
    public static Stream Open(string fileName)
    {
        var assembly = typeof(DemoDirectory).Assembly;
        return assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourcePrefix + fileName}' is missing from {assembly.GetName().Name}.");
    }

    internal static IReadOnlyList<StructureRecord> ReadStructures() => Read<List<StructureRecord>>(StructuresFile);

    internal static IReadOnlyList<ServiceRecord> ReadServices() => Read<List<ServiceRecord>>(ServicesFile);

    internal static Complements ReadComplements() => Read<Complements>(ComplementsFile);

    private static T Read<T>(string fileName)
    {
        using var stream = Open(fileName);
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new InvalidOperationException($"Demonstration file '{fileName}' is empty.");
    }

    private static T Checked<T>(string id, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (DomainValidationException e)
        {
            throw new InvalidOperationException($"Demonstration record '{id}' is refused: {e.Message}", e);
        }
    }

    private static PostalAddress? Address(string? street, string? complement, string? postcode, string? commune, string? insee, double? latitude, double? longitude) =>
        PostalAddress.Clean(new PostalAddress
        {
            Street = street,
            Complement = complement,
            Postcode = postcode,
            Commune = commune,
            InseeCode = insee,
            Latitude = latitude,
            Longitude = longitude,
        });

    /// <summary>A data·inclusion v1 structure, field for field (names in snake_case in the file).</summary>
    internal sealed record StructureRecord(
        string Source,
        string Id,
        string Nom,
        DateOnly DateMaj,
        string? Description = null,
        string? Siret = null,
        string? Adresse = null,
        string? ComplementAdresse = null,
        string? CodePostal = null,
        string? Commune = null,
        string? CodeInsee = null,
        double? Latitude = null,
        double? Longitude = null,
        string? Telephone = null,
        string? Courriel = null,
        string? SiteWeb = null,
        string? LienSource = null,
        string? AccessibiliteLieu = null,
        string? HorairesAccueil = null,
        IReadOnlyList<string>? ReseauxPorteurs = null)
    {
        public StructureDetails ToDetails(IReadOnlyList<string> qpvCodes) => new()
        {
            Name = Nom,
            Description = Description,
            Siret = Siret,
            Address = Address(Adresse, ComplementAdresse, CodePostal, Commune, CodeInsee, Latitude, Longitude),
            Phone = Telephone,
            Email = Courriel,
            Website = SiteWeb,
            OpeningHours = HorairesAccueil,
            Networks = ReseauxPorteurs ?? [],
            QpvCodes = qpvCodes,
        };
    }

    /// <summary>A data·inclusion v1 service, field for field (names in snake_case in the file).</summary>
    internal sealed record ServiceRecord(
        string Source,
        string Id,
        string StructureId,
        string Nom,
        string Description,
        DateOnly DateMaj,
        string? Type = null,
        IReadOnlyList<string>? Thematiques = null,
        IReadOnlyList<string>? Publics = null,
        string? PublicsPrecisions = null,
        string? Frais = null,
        string? FraisPrecisions = null,
        string? ConditionsAcces = null,
        IReadOnlyList<string>? ModesAccueil = null,
        string? Adresse = null,
        string? ComplementAdresse = null,
        string? CodePostal = null,
        string? Commune = null,
        string? CodeInsee = null,
        double? Latitude = null,
        double? Longitude = null,
        IReadOnlyList<string>? ModesMobilisation = null,
        IReadOnlyList<string>? MobilisablePar = null,
        string? LienMobilisation = null,
        string? MobilisationPrecisions = null,
        string? LienSource = null,
        string? ContactNomPrenom = null,
        string? Telephone = null,
        string? Courriel = null,
        decimal? VolumeHoraireHebdomadaire = null,
        int? NombreSemaines = null,
        string? HorairesAccueil = null,
        IReadOnlyList<string>? ZoneEligibilite = null)
    {
        public ServiceDetails ToDetails() => new()
        {
            Name = Nom,
            Description = Description,
            Type = Type,
            Thematiques = Thematiques ?? [],
            Publics = Publics ?? [],
            PublicsDetails = PublicsPrecisions,
            Frais = Frais,
            FraisDetails = FraisPrecisions,
            AccessConditions = ConditionsAcces,
            ModesAccueil = ModesAccueil ?? [],
            Address = Address(Adresse, ComplementAdresse, CodePostal, Commune, CodeInsee, Latitude, Longitude),
            ModesMobilisation = ModesMobilisation ?? [],
            MobilisablePar = MobilisablePar ?? [],
            MobilisationLink = LienMobilisation,
            MobilisationDetails = MobilisationPrecisions,
            Contact = new ServiceContact(ContactNomPrenom, Telephone, Courriel),
            WeeklyHours = VolumeHoraireHebdomadaire,
            NumberOfWeeks = NombreSemaines,
            OpeningHours = HorairesAccueil,
            EligibilityZone = ZoneEligibilite ?? [],
        };
    }

    /// <summary>What the schema has no field for: the drafts, and the Cité's QPVs each structure covers.</summary>
    internal sealed record Complements(
        [property: JsonPropertyName("_lisezmoi")] string? LisezMoi,
        IReadOnlyList<string> Brouillons,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Qpv);
}

/// <summary>The demonstration directory, ready to store: structures first, then their services.</summary>
public sealed record DemoDirectoryContent(IReadOnlyList<Structure> Structures, IReadOnlyList<Service> Services);
