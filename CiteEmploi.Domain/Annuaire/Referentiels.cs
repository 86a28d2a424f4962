namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// The data·inclusion v1 code lists, embedded from <c>Directory/Referentiels/*.json</c> and each read once, on first
/// use (<see cref="Lazy{T}"/> is thread-safe by default).
/// </summary>
public static class Referentiels
{
    private const string Prefix = "CiteEmploi.Domain.Annuaire.Referentiels.";

    private static readonly Lazy<ReferenceList> LazyThematiques = Load("thematiques", "les thématiques");
    private static readonly Lazy<ReferenceList> LazyCategories = Load("categories", "les catégories");
    private static readonly Lazy<ReferenceList> LazyPublics = Load("publics", "les publics");
    private static readonly Lazy<ReferenceList> LazyFrais = Load("frais", "les frais");
    private static readonly Lazy<ReferenceList> LazyModesAccueil = Load("modes-accueil", "les modes d'accueil");
    private static readonly Lazy<ReferenceList> LazyModesMobilisation = Load("modes-mobilisation", "les modes de mobilisation");
    private static readonly Lazy<ReferenceList> LazyPersonnesMobilisatrices = Load("personnes-mobilisatrices", "les personnes mobilisatrices");
    private static readonly Lazy<ReferenceList> LazyTypesDeServices = Load("types-de-services", "les types de services");
    private static readonly Lazy<ReferenceList> LazyReseauxPorteurs = Load("reseaux-porteurs", "les réseaux porteurs");

    /// <summary>The separator between a thématique's category and its own part: "mobilite--preparer-un-permis".</summary>
    public const string CategorySeparator = "--";

    /// <summary>The public that may not be combined with any other (schema: « tous-publics » seul).</summary>
    public const string TousPublics = "tous-publics";

    public static ReferenceList Thematiques => LazyThematiques.Value;
    public static ReferenceList Categories => LazyCategories.Value;
    public static ReferenceList Publics => LazyPublics.Value;
    public static ReferenceList Frais => LazyFrais.Value;
    public static ReferenceList ModesAccueil => LazyModesAccueil.Value;
    public static ReferenceList ModesMobilisation => LazyModesMobilisation.Value;
    public static ReferenceList PersonnesMobilisatrices => LazyPersonnesMobilisatrices.Value;
    public static ReferenceList TypesDeServices => LazyTypesDeServices.Value;
    public static ReferenceList ReseauxPorteurs => LazyReseauxPorteurs.Value;

    /// <summary>The category of a thématique code ("mobilite--preparer-un-permis" → "mobilite").</summary>
    public static string CategoryOf(string thematiqueCode)
    {
        var index = thematiqueCode.IndexOf(CategorySeparator, StringComparison.Ordinal);
        return index < 0 ? thematiqueCode : thematiqueCode[..index];
    }

    private static Lazy<ReferenceList> Load(string file, string name) => new(() =>
    {
        var rows = EmbeddedData.Read<List<Row>>(Prefix + file + ".json");
        return new ReferenceList(name, rows.Select(r => new ReferenceEntry(r.Value, r.Label, r.Description)));
    });

    private sealed record Row(string Value, string Label, string? Description);
}
