namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>
/// The field names of the data·inclusion v1 schemas (<c>structure.json</c>, <c>service.json</c>), in the schemas' order,
/// and how the domain's validation keys map onto them so a refusal names the field as the file spells it.
/// </summary>
public static class DataInclusionFields
{
    public const string Source = "source";
    public const string Id = "id";
    public const string StructureId = "structure_id";
    public const string Nom = "nom";
    public const string Description = "description";
    public const string DateMaj = "date_maj";
    public const string Siret = "siret";
    public const string Adresse = "adresse";
    public const string ComplementAdresse = "complement_adresse";
    public const string CodePostal = "code_postal";
    public const string Commune = "commune";
    public const string CodeInsee = "code_insee";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string Telephone = "telephone";
    public const string Courriel = "courriel";
    public const string SiteWeb = "site_web";
    public const string HorairesAccueil = "horaires_accueil";
    public const string ReseauxPorteurs = "reseaux_porteurs";
    public const string AccessibiliteLieu = "accessibilite_lieu";
    public const string LienSource = "lien_source";
    public const string Type = "type";
    public const string Thematiques = "thematiques";
    public const string Publics = "publics";
    public const string PublicsPrecisions = "publics_precisions";
    public const string Frais = "frais";
    public const string FraisPrecisions = "frais_precisions";
    public const string ConditionsAcces = "conditions_acces";
    public const string ModesAccueil = "modes_accueil";
    public const string ModesMobilisation = "modes_mobilisation";
    public const string MobilisablePar = "mobilisable_par";
    public const string LienMobilisation = "lien_mobilisation";
    public const string MobilisationPrecisions = "mobilisation_precisions";
    public const string ContactNomPrenom = "contact_nom_prenom";
    public const string VolumeHoraireHebdomadaire = "volume_horaire_hebdomadaire";
    public const string NombreSemaines = "nombre_semaines";
    public const string ZoneEligibilite = "zone_eligibilite";

    /// <summary>Every field of <c>structure.json</c>; the CSV export writes them in this order.</summary>
    public static readonly IReadOnlyList<string> StructureFields =
    [
        Source, Id, Nom, Description, DateMaj, Siret, Adresse, ComplementAdresse, CodePostal, Commune, CodeInsee,
        Latitude, Longitude, Telephone, Courriel, SiteWeb, HorairesAccueil, ReseauxPorteurs, AccessibiliteLieu, LienSource,
    ];

    public static readonly IReadOnlyList<string> StructureRequired = [Source, Id, Nom, DateMaj];

    /// <summary>Every field of <c>service.json</c>; the CSV export writes them in this order.</summary>
    public static readonly IReadOnlyList<string> ServiceFields =
    [
        Source, StructureId, Id, Nom, Description, DateMaj, Type, Thematiques, Publics, PublicsPrecisions, Frais,
        FraisPrecisions, ConditionsAcces, ModesAccueil, Adresse, ComplementAdresse, CodePostal, Commune, CodeInsee,
        Latitude, Longitude, ModesMobilisation, MobilisablePar, LienMobilisation, MobilisationPrecisions,
        ContactNomPrenom, Telephone, Courriel, VolumeHoraireHebdomadaire, NombreSemaines, HorairesAccueil,
        ZoneEligibilite, LienSource,
    ];

    public static readonly IReadOnlyList<string> ServiceRequired = [Source, StructureId, Id, Nom, Description, DateMaj];

    /// <summary>The list-valued fields: arrays in JSON, comma-separated codes in one CSV cell.</summary>
    public static readonly IReadOnlySet<string> ListFields = new HashSet<string>(StringComparer.Ordinal)
    {
        ReseauxPorteurs, Thematiques, Publics, ModesAccueil, ModesMobilisation, MobilisablePar, ZoneEligibilite,
    };

    private static readonly Dictionary<string, string> AddressKeys = new(StringComparer.Ordinal)
    {
        ["Address.Street"] = Adresse,
        ["Address.Complement"] = ComplementAdresse,
        ["Address.Postcode"] = CodePostal,
        ["Address.Commune"] = Commune,
        ["Address.InseeCode"] = CodeInsee,
        ["Address.Latitude"] = Latitude,
        ["Address.Longitude"] = Longitude,
        ["Source"] = Source,
        ["ExternalId"] = Id,
        ["Name"] = Nom,
        ["Description"] = Description,
        ["OpeningHours"] = HorairesAccueil,
    };

    private static readonly Dictionary<string, string> StructureKeys = new(AddressKeys, StringComparer.Ordinal)
    {
        ["Siret"] = Siret,
        ["Phone"] = Telephone,
        ["Email"] = Courriel,
        ["Website"] = SiteWeb,
        ["Networks"] = ReseauxPorteurs,
    };

    private static readonly Dictionary<string, string> ServiceKeys = new(AddressKeys, StringComparer.Ordinal)
    {
        ["Type"] = Type,
        ["Thematiques"] = Thematiques,
        ["Publics"] = Publics,
        ["PublicsDetails"] = PublicsPrecisions,
        ["Frais"] = Frais,
        ["FraisDetails"] = FraisPrecisions,
        ["AccessConditions"] = ConditionsAcces,
        ["ModesAccueil"] = ModesAccueil,
        ["ModesMobilisation"] = ModesMobilisation,
        ["MobilisablePar"] = MobilisablePar,
        ["MobilisationLink"] = LienMobilisation,
        ["MobilisationDetails"] = MobilisationPrecisions,
        ["ContactName"] = ContactNomPrenom,
        ["ContactPhone"] = Telephone,
        ["ContactEmail"] = Courriel,
        ["WeeklyHours"] = VolumeHoraireHebdomadaire,
        ["NumberOfWeeks"] = NombreSemaines,
        ["EligibilityZone"] = ZoneEligibilite,
    };

    /// <summary>The schema field a domain validation key of <see cref="Domain.Annuaire.Structure"/> is about (null when none fits).</summary>
    public static string? ForStructureKey(string key) => StructureKeys.GetValueOrDefault(key);

    /// <summary>The schema field a domain validation key of <see cref="Domain.Annuaire.Service"/> is about (null when none fits).</summary>
    public static string? ForServiceKey(string key) => ServiceKeys.GetValueOrDefault(key);
}
