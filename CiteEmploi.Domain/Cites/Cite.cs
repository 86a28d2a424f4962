using System.Text.RegularExpressions;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Cites;

/// <summary>
/// A Cité de l'emploi: the workspace of one territorial cooperation network. Every other piece of content belongs to
/// exactly one Cité, found in URLs by its <see cref="Slug"/>.
/// </summary>
public sealed partial class Cite : AggregateRoot
{
    public const int NameMaxLength = 120;
    public const int SlugMinLength = 3;
    public const int SlugMaxLength = 40;
    public const int TerritoryMaxLength = 160;
    public const int QpvNameMaxLength = 160;
    public const int MaxQpvs = 60;
    public const int CoFunderNameMaxLength = 120;
    public const int MaxCoFunders = 20;
    public const int ContactNameMaxLength = 120;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 20;
    public const int MinBudgetYear = 2020;
    public const int MaxBudgetYear = 2100;
    public const decimal MaxBudgetAmount = 100_000_000m;

    // EF Core materialisation
    private Cite()
    {
        Name = NormalizedName = Slug = TerritoryName = string.Empty;
    }

    public string Name { get; private set; }

    /// <summary>Accent- and case-folded name: two Cités may not share it.</summary>
    public string NormalizedName { get; private set; }

    public string Slug { get; private set; }

    public PerimeterType PerimeterType { get; private set; }

    public string TerritoryName { get; private set; }

    public List<Qpv> Qpvs { get; private set; } = [];

    public int BudgetYear { get; private set; }

    public decimal BudgetAmount { get; private set; }

    public List<CoFunder> CoFunders { get; private set; } = [];

    public CoordinatorContact? Coordinator { get; private set; }

    /// <summary>True for the fictional Cité loaded by the demonstration loader; shown as such everywhere.</summary>
    public bool IsDemonstration { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>When true, anyone may read the published directory through the read API, without an account.</summary>
    public bool DirectoryIsPublic { get; private set; }

    public decimal CoFundedAmount => CoFunders.Sum(c => c.Amount);

    /// <summary>Creates a Cité; the slug is derived from the name when not given.</summary>
    /// <exception cref="DomainValidationException">The profile or slug is invalid; nothing is created.</exception>
    public static Cite Create(CiteProfile profile, string? slug, DateTimeOffset now, bool isDemonstration = false)
    {
        var cleaned = CleanProfile(profile);
        var errors = Validate(cleaned);
        var finalSlug = string.IsNullOrWhiteSpace(slug) ? SlugFromName(cleaned.Name) : slug.Trim();
        if (string.IsNullOrWhiteSpace(slug) && errors.For(nameof(Name)).Count > 0)
        {
            finalSlug = string.Empty; // the name error says it all
        }
        else
        {
            ValidateSlug(finalSlug, errors);
        }
        errors.ThrowIfAny();

        var cite = new Cite { Slug = finalSlug, CreatedAt = now, IsDemonstration = isDemonstration };
        cite.Apply(cleaned);
        cite.Raise(new CiteCreated(cite.Id, cite.Slug, cite.Name));
        return cite;
    }

    /// <summary>Renames the Cité; its slug (and so its URLs) stays the same.</summary>
    public void Rename(string newName)
    {
        var name = Text.Clean(newName);
        var errors = new ValidationErrors();
        ValidateName(name, errors);
        errors.ThrowIfAny();
        if (name == Name)
        {
            return;
        }
        var old = Name;
        Name = name;
        NormalizedName = Text.Fold(name);
        Raise(new CiteRenamed(Id, Slug, old, name));
    }

    /// <summary>Replaces the whole profile (name included).</summary>
    public void UpdateProfile(CiteProfile profile)
    {
        var cleaned = CleanProfile(profile);
        Validate(cleaned).ThrowIfAny();
        var oldName = Name;
        Apply(cleaned);
        if (oldName != Name)
        {
            Raise(new CiteRenamed(Id, Slug, oldName, Name));
        }
        Raise(new CiteProfileUpdated(Id, Slug));
    }

    /// <summary>Archives the Cité: it leaves the lists and switchers but nothing is deleted.</summary>
    /// <summary>Opens (or closes) the published directory's read API to people without an account.</summary>
    public void SetDirectoryPublic(bool isPublic)
    {
        if (isPublic == DirectoryIsPublic)
        {
            return;
        }
        DirectoryIsPublic = isPublic;
        Raise(new CiteProfileUpdated(Id, Slug));
    }

    /// <summary>Sets (or, with null, clears) the position of one of the Cité's QPVs: a coordinator placing it on the map.</summary>
    /// <exception cref="DomainValidationException">Not a QPV of the Cité, or a position outside France.</exception>
    public void PlaceQpv(string code, GeoPoint? position)
    {
        var errors = new ValidationErrors();
        var clean = Text.Clean(code).ToUpperInvariant();
        var index = Qpvs.FindIndex(q => q.Code == clean);
        if (index < 0)
        {
            errors.Add(nameof(Qpvs), $"« {clean} » n'est pas un quartier prioritaire de cette Cité.");
        }
        else if (position is { } point)
        {
            ValidatePosition(Qpvs[index].Name, point, errors);
        }
        errors.ThrowIfAny();
        if (Qpvs[index].Position == position)
        {
            return;
        }
        Qpvs = [.. Qpvs.Select((q, i) => i == index ? q.At(position) : q)];
        Raise(new CiteProfileUpdated(Id, Slug));
    }

    /// <summary>
    /// Replaces the Cité's QPVs and their positions at once (an operator's file, <c>import-qpvs</c>): every one is checked
    /// and nothing changes when one is refused.
    /// </summary>
    /// <exception cref="DomainValidationException">A code, name or position is refused; nothing changed.</exception>
    public void ReplaceQpvs(IReadOnlyList<Qpv> qpvs)
    {
        var clean = CleanProfile(ToProfile() with { Qpvs = qpvs }).Qpvs;
        var errors = new ValidationErrors();
        ValidateQpvs(clean, errors);
        errors.ThrowIfAny();
        Qpvs = [.. clean];
        Raise(new CiteProfileUpdated(Id, Slug));
    }

    public void Archive(DateTimeOffset now)
    {
        if (IsArchived)
        {
            return;
        }
        ArchivedAt = now;
        Raise(new CiteArchived(Id, Slug));
    }

    public void Restore()
    {
        if (!IsArchived)
        {
            return;
        }
        ArchivedAt = null;
        Raise(new CiteRestored(Id, Slug));
    }

    public CiteProfile ToProfile() => new()
    {
        Name = Name,
        PerimeterType = PerimeterType,
        TerritoryName = TerritoryName,
        Qpvs = [.. Qpvs],
        BudgetYear = BudgetYear,
        BudgetAmount = BudgetAmount,
        CoFunders = [.. CoFunders],
        Coordinator = Coordinator,
    };

    /// <summary>The slug proposed for a name: "Cité de l'emploi de Belfort" → "cite-de-l-emploi-de-belfort".</summary>
    public static string SlugFromName(string name) => Text.Slugify(name, SlugMaxLength);

    public static bool IsValidQpvCode(string code) => QpvCodeRegex().IsMatch(code);

    /// <summary>Checks a slug alone, e.g. one typed on the command line.</summary>
    public static void ValidateSlug(string slug, ValidationErrors errors)
    {
        if (slug.Length < SlugMinLength || slug.Length > SlugMaxLength)
        {
            errors.Add(nameof(Slug), $"L'identifiant court doit compter entre {SlugMinLength} et {SlugMaxLength} caractères.");
        }
        else if (!SlugRegex().IsMatch(slug))
        {
            errors.Add(nameof(Slug), "L'identifiant court ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets (ex. : belfort-centre).");
        }
    }

    private void Apply(CiteProfile p)
    {
        Name = p.Name;
        NormalizedName = Text.Fold(p.Name);
        PerimeterType = p.PerimeterType;
        TerritoryName = p.TerritoryName;
        // a form that does not carry positions keeps those set on the map or from a file
        var placed = Qpvs.Where(q => q.Position is not null).ToDictionary(q => q.Code, StringComparer.Ordinal);
        Qpvs = [.. p.Qpvs.Select(q => q.Position is null && placed.TryGetValue(q.Code, out var before) ? q.At(before.Position) : q)];
        BudgetYear = p.BudgetYear;
        BudgetAmount = p.BudgetAmount;
        CoFunders = [.. p.CoFunders];
        Coordinator = p.Coordinator;
    }

    private static CiteProfile CleanProfile(CiteProfile p) => p with
    {
        Name = Text.Clean(p.Name),
        TerritoryName = Text.Clean(p.TerritoryName),
        Qpvs = [.. (p.Qpvs ?? []).Select(q => q with { Code = Text.Clean(q.Code).ToUpperInvariant(), Name = Text.Clean(q.Name) })],
        CoFunders = [.. (p.CoFunders ?? []).Select(c => c with { Name = Text.Clean(c.Name) })],
        Coordinator = p.Coordinator is null || IsBlank(p.Coordinator)
            ? null
            : new CoordinatorContact(
                Text.Clean(p.Coordinator.Name),
                Text.Clean(p.Coordinator.Email),
                string.IsNullOrWhiteSpace(p.Coordinator.Phone) ? null : Text.Clean(p.Coordinator.Phone)),
    };

    private static bool IsBlank(CoordinatorContact c) =>
        string.IsNullOrWhiteSpace(c.Name) && string.IsNullOrWhiteSpace(c.Email) && string.IsNullOrWhiteSpace(c.Phone);

    private static ValidationErrors Validate(CiteProfile p)
    {
        var errors = new ValidationErrors();
        ValidateName(p.Name, errors);

        if (!Enum.IsDefined(p.PerimeterType))
        {
            errors.Add(nameof(PerimeterType), "Choisissez un type de périmètre : quartier, commune, EPCI ou département.");
        }
        if (p.TerritoryName.Length == 0)
        {
            errors.Add(nameof(TerritoryName), "Indiquez le nom du territoire (ex. : Belfort, Caen la mer).");
        }
        else if (p.TerritoryName.Length > TerritoryMaxLength)
        {
            errors.Add(nameof(TerritoryName), $"Le nom du territoire ne peut pas dépasser {TerritoryMaxLength} caractères.");
        }

        ValidateQpvs(p.Qpvs, errors);

        if (p.BudgetYear < MinBudgetYear || p.BudgetYear > MaxBudgetYear)
        {
            errors.Add(nameof(BudgetYear), $"L'année du budget doit être comprise entre {MinBudgetYear} et {MaxBudgetYear}.");
        }
        if (p.BudgetAmount < 0)
        {
            errors.Add(nameof(BudgetAmount), "Le budget ne peut pas être négatif.");
        }
        else if (p.BudgetAmount > MaxBudgetAmount)
        {
            errors.Add(nameof(BudgetAmount), "Le budget dépasse 100 000 000 € : vérifiez le montant.");
        }

        ValidateCoFunders(p.CoFunders, errors);
        ValidateCoordinator(p.Coordinator, errors);
        return errors;
    }

    private static void ValidateName(string name, ValidationErrors errors)
    {
        if (name.Length == 0)
        {
            errors.Add(nameof(Name), "Le nom de la Cité est obligatoire.");
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(nameof(Name), $"Le nom de la Cité ne peut pas dépasser {NameMaxLength} caractères (actuellement {name.Length}).");
        }
        else if (Text.Fold(name).Length == 0)
        {
            errors.Add(nameof(Name), "Le nom de la Cité doit contenir au moins une lettre ou un chiffre.");
        }
    }

    private static void ValidateQpvs(IReadOnlyList<Qpv> qpvs, ValidationErrors errors)
    {
        if (qpvs.Count > MaxQpvs)
        {
            errors.Add(nameof(Qpvs), $"Une Cité couvre au plus {MaxQpvs} QPV.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var qpv in qpvs)
        {
            if (!IsValidQpvCode(qpv.Code))
            {
                errors.Add(nameof(Qpvs), $"Code QPV inconnu « {qpv.Code} » : attendu QP suivi de 6 chiffres (ex. : QP090001) ou QN suivi de 5 chiffres et d'une lettre (ex. : QN09001M).");
            }
            else if (!seen.Add(qpv.Code))
            {
                errors.Add(nameof(Qpvs), $"Le QPV {qpv.Code} figure deux fois.");
            }
            if (qpv.Name.Length == 0)
            {
                errors.Add(nameof(Qpvs), $"Indiquez le nom du quartier pour le code {qpv.Code}.");
            }
            else if (qpv.Name.Length > QpvNameMaxLength)
            {
                errors.Add(nameof(Qpvs), $"Le nom du quartier {qpv.Code} ne peut pas dépasser {QpvNameMaxLength} caractères.");
            }
            if (qpv.Latitude is null != qpv.Longitude is null)
            {
                errors.Add(nameof(Qpvs), $"Donnez la latitude et la longitude du quartier {qpv.Code}, ou aucune des deux.");
            }
            else if (qpv.Position is { } position)
            {
                ValidatePosition(qpv.Name.Length == 0 ? qpv.Code : qpv.Name, position, errors);
            }
        }
    }

    private static void ValidatePosition(string qpvName, GeoPoint position, ValidationErrors errors)
    {
        if (!position.IsValid || !Communes.IsInFrance(position))
        {
            errors.Add(nameof(Qpvs), string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"La position {position.Latitude:0.#####}, {position.Longitude:0.#####} du quartier {qpvName} est hors de France."));
        }
    }

    private static void ValidateCoFunders(IReadOnlyList<CoFunder> coFunders, ValidationErrors errors)
    {
        if (coFunders.Count > MaxCoFunders)
        {
            errors.Add(nameof(CoFunders), $"Au plus {MaxCoFunders} cofinanceurs.");
        }
        foreach (var c in coFunders)
        {
            if (c.Name.Length == 0)
            {
                errors.Add(nameof(CoFunders), "Chaque cofinanceur doit avoir un nom.");
            }
            else if (c.Name.Length > CoFunderNameMaxLength)
            {
                errors.Add(nameof(CoFunders), $"Le nom d'un cofinanceur ne peut pas dépasser {CoFunderNameMaxLength} caractères.");
            }
            if (c.Amount < 0)
            {
                errors.Add(nameof(CoFunders), $"Le montant de « {c.Name} » ne peut pas être négatif.");
            }
            else if (c.Amount > MaxBudgetAmount)
            {
                errors.Add(nameof(CoFunders), $"Le montant de « {c.Name} » dépasse 100 000 000 € : vérifiez-le.");
            }
        }
    }

    private static void ValidateCoordinator(CoordinatorContact? c, ValidationErrors errors)
    {
        if (c is null)
        {
            return;
        }
        if (c.Name.Length == 0)
        {
            errors.Add("CoordinatorName", "Indiquez le nom du coordinateur ou de la coordinatrice.");
        }
        else if (c.Name.Length > ContactNameMaxLength)
        {
            errors.Add("CoordinatorName", $"Le nom ne peut pas dépasser {ContactNameMaxLength} caractères.");
        }
        if (c.Email.Length == 0)
        {
            errors.Add("CoordinatorEmail", "Indiquez l'adresse e-mail du coordinateur ou de la coordinatrice.");
        }
        else if (c.Email.Length > EmailMaxLength || !EmailRegex().IsMatch(c.Email))
        {
            errors.Add("CoordinatorEmail", "Adresse e-mail invalide (ex. : prenom.nom@ville.fr).");
        }
        if (c.Phone is not null && !PhoneRegex().IsMatch(c.Phone))
        {
            errors.Add("CoordinatorPhone", "Numéro de téléphone invalide (ex. : 03 84 54 24 24).");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugRegex();

    [GeneratedRegex("^(QP[0-9]{6}|QN[0-9]{5}[A-Z])$")]
    private static partial Regex QpvCodeRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-]{7,18}[0-9]$")]
    private static partial Regex PhoneRegex();
}
