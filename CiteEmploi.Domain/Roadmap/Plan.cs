using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Roadmap;

/// <summary>
/// A Cité's feuille de route for a period: its title, envelope, level labels (« Axe / Objectif / Action ») and status
/// list, and where it stands (brouillon → adopté → révisé, each decision dated and kept). The actions are aggregates of
/// their own (<see cref="PlanAction"/>), so two people editing two actions never meet.
/// </summary>
public sealed class Plan : AggregateRoot, ICiteOwned
{
    public const int TitleMaxLength = 160;
    public const int LevelLabelMaxLength = 40;
    public const int MaxLevels = 6;
    public const int StatusCodeMaxLength = 40;
    public const int StatusLabelMaxLength = 60;
    public const int MaxStatuses = 12;
    public const int DecisionMaxLength = 2000;
    public const int ActorNameMaxLength = 120;
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public static IReadOnlyList<string> DefaultLevels { get; } = ["Axe", "Objectif", "Action"];

    /// <summary>What Cités' trackers use: to launch, under way, suspended, done, given up.</summary>
    public static IReadOnlyList<PlanStatus> DefaultStatuses { get; } =
    [
        new("a-lancer", "À lancer", 0),
        new("en-cours", "En cours", 50),
        new("suspendue", "Suspendue", 25),
        new("realisee", "Réalisée", 100, StatusKind.Realisee),
        new("abandonnee", "Abandonnée", 0, StatusKind.Abandonnee),
    ];

    // EF Core materialisation
    private Plan()
    {
        Title = CreatedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public string Title { get; private set; }

    public int StartYear { get; private set; }

    public int EndYear { get; private set; }

    /// <summary>The Cité's envelope over the period, in euros (bounds the <see cref="BudgetKind.EnveloppeCite"/> lines).</summary>
    public decimal Envelope { get; private set; }

    /// <summary>The label of each level, from the top (axes); an action's depth is at most their count.</summary>
    public List<string> Levels { get; private set; } = [];

    public List<PlanStatus> Statuses { get; private set; } = [];

    public PlanState State { get; private set; }

    /// <summary>The adoption, then each revision, in order.</summary>
    public List<PlanDecision> Decisions { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedByName { get; private set; }

    public PlanStatus? Status(string? code) => Statuses.FirstOrDefault(s => s.Code == code);

    public static Plan Create(Guid citeId, string title, int startYear, int endYear, decimal envelope, PlanActor by, DateTimeOffset now)
    {
        var plan = new Plan
        {
            CiteId = citeId,
            CreatedAt = now,
            CreatedByName = Truncate(by.Name, ActorNameMaxLength),
            Levels = [.. DefaultLevels],
            Statuses = [.. DefaultStatuses],
        };
        plan.ApplyDetails(title, startYear, endYear, envelope);
        plan.Raise(new PlanCreated(citeId, plan.Id, plan.Title));
        return plan;
    }

    /// <summary>
    /// Changes the title, period and envelope. <paramref name="maxActionDepth"/> is the depth of the deepest action
    /// and <paramref name="usedStatusCodes"/> the statuses actions carry: neither may be taken from under them.
    /// </summary>
    public void ChangeDetails(string title, int startYear, int endYear, decimal envelope, IReadOnlyList<string> levels,
        IReadOnlyList<PlanStatus> statuses, int maxActionDepth, IReadOnlyCollection<string> usedStatusCodes, PlanActor by)
    {
        var errors = new ValidationErrors();
        var cleanLevels = levels.Select(Text.Clean).ToList();
        if (cleanLevels.Count == 0)
        {
            errors.Add(nameof(Levels), "Une feuille de route a au moins un niveau (par exemple « Action »).");
        }
        else if (cleanLevels.Count > MaxLevels)
        {
            errors.Add(nameof(Levels), $"Une feuille de route a au plus {MaxLevels} niveaux.");
        }
        else if (cleanLevels.Count < maxActionDepth)
        {
            errors.Add(nameof(Levels), $"Des actions sont sur {maxActionDepth} niveaux : gardez au moins {maxActionDepth} libellés de niveau.");
        }
        if (cleanLevels.Any(l => l.Length == 0 || l.Length > LevelLabelMaxLength))
        {
            errors.Add(nameof(Levels), $"Chaque niveau a un libellé de 1 à {LevelLabelMaxLength} caractères.");
        }
        var cleanStatuses = statuses.Select(s => s with { Code = Text.Slugify(s.Code, StatusCodeMaxLength), Label = Text.Clean(s.Label) }).ToList();
        ValidateStatuses(cleanStatuses, usedStatusCodes, errors);
        var details = Validate(title, startYear, endYear, envelope, errors);
        errors.ThrowIfAny();
        if (details.Title == Title && startYear == StartYear && endYear == EndYear && Money.Normalize(envelope) == Envelope
            && cleanLevels.SequenceEqual(Levels) && cleanStatuses.SequenceEqual(Statuses))
        {
            return;
        }
        ApplyDetails(title, startYear, endYear, envelope);
        Levels = cleanLevels;
        Statuses = cleanStatuses;
        Raise(new PlanDetailsChanged(CiteId, Id, Title, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>Records the steering committee's adoption of a draft.</summary>
    public void Adopt(DateOnly date, string decision, PlanActor by)
    {
        if (State != PlanState.Brouillon)
        {
            ValidationErrors.Refuse(nameof(State), "La feuille de route est déjà adoptée : enregistrez une révision.");
        }
        Decide(PlanState.Adopte, date, decision, by);
    }

    /// <summary>Records a revision decided by a later steering committee.</summary>
    public void Revise(DateOnly date, string decision, PlanActor by)
    {
        if (State == PlanState.Brouillon)
        {
            ValidationErrors.Refuse(nameof(State), "Une feuille de route se révise une fois adoptée : enregistrez d'abord son adoption.");
        }
        Decide(PlanState.Revise, date, decision, by);
    }

    private void Decide(PlanState state, DateOnly date, string decision, PlanActor by)
    {
        var text = (decision ?? string.Empty).Trim().ReplaceLineEndings("\n");
        var errors = new ValidationErrors();
        if (text.Length == 0)
        {
            errors.Add(nameof(Decisions), "Indiquez la décision du comité (ce qui a été adopté ou changé).");
        }
        else if (text.Length > DecisionMaxLength)
        {
            errors.Add(nameof(Decisions), $"La décision ne peut pas dépasser {DecisionMaxLength} caractères.");
        }
        if (Decisions.Count > 0 && date < Decisions[^1].Date)
        {
            errors.Add("Date", $"La date du comité ne peut pas précéder la décision précédente ({Decisions[^1].Date:dd/MM/yyyy}).");
        }
        errors.ThrowIfAny();
        State = state;
        Decisions = [.. Decisions, new PlanDecision(state, date, text)];
        Raise(new PlanStateChanged(CiteId, Id, state, date, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>Everything the history keeps about the plan itself (see <see cref="PlanHistory"/>).</summary>
    public PlanSnapshot Snapshot() => new(Id, Title, StartYear, EndYear, Envelope, [.. Levels], [.. Statuses], State, [.. Decisions]);

    private void ApplyDetails(string title, int startYear, int endYear, decimal envelope)
    {
        var errors = new ValidationErrors();
        var details = Validate(title, startYear, endYear, envelope, errors);
        errors.ThrowIfAny();
        Title = details.Title;
        StartYear = startYear;
        EndYear = endYear;
        Envelope = Money.Normalize(envelope);
    }

    private static (string Title, bool Ok) Validate(string title, int startYear, int endYear, decimal envelope, ValidationErrors errors)
    {
        var clean = Text.Clean(title);
        if (clean.Length == 0)
        {
            errors.Add(nameof(Title), "Donnez un titre à la feuille de route (par exemple « Feuille de route 2025-2027 »).");
        }
        else if (clean.Length > TitleMaxLength)
        {
            errors.Add(nameof(Title), $"Le titre ne peut pas dépasser {TitleMaxLength} caractères (actuellement {clean.Length}).");
        }
        if (startYear < MinYear || startYear > MaxYear || endYear < MinYear || endYear > MaxYear)
        {
            errors.Add(nameof(StartYear), $"Les années de la période vont de {MinYear} à {MaxYear}.");
        }
        else if (endYear < startYear)
        {
            errors.Add(nameof(EndYear), $"La période finit avant de commencer ({startYear} → {endYear}).");
        }
        Money.Check(envelope, nameof(Envelope), "Le montant de l'enveloppe", errors);
        return (clean, errors.IsEmpty);
    }

    private static void ValidateStatuses(List<PlanStatus> statuses, IReadOnlyCollection<string> used, ValidationErrors errors)
    {
        if (statuses.Count == 0)
        {
            errors.Add(nameof(Statuses), "Gardez au moins un statut.");
        }
        else if (statuses.Count > MaxStatuses)
        {
            errors.Add(nameof(Statuses), $"Au plus {MaxStatuses} statuts.");
        }
        foreach (var s in statuses)
        {
            if (s.Code.Length == 0 || s.Label.Length == 0 || s.Label.Length > StatusLabelMaxLength)
            {
                errors.Add(nameof(Statuses), $"Chaque statut a un code et un libellé de 1 à {StatusLabelMaxLength} caractères.");
            }
            if (s.DefaultProgress is < 0 or > 100)
            {
                errors.Add(nameof(Statuses), $"L'avancement du statut « {s.Label} » va de 0 à 100 %.");
            }
            if (!Enum.IsDefined(s.Kind))
            {
                errors.Add(nameof(Statuses), $"Nature inconnue pour le statut « {s.Label} ».");
            }
        }
        foreach (var dup in statuses.GroupBy(s => s.Code).Where(g => g.Count() > 1))
        {
            errors.Add(nameof(Statuses), $"Le code de statut « {dup.Key} » figure deux fois.");
        }
        foreach (var missing in used.Where(code => statuses.All(s => s.Code != code)))
        {
            errors.Add(nameof(Statuses), $"Des actions ont le statut « {missing} » : changez-les avant de retirer ce statut.");
        }
    }

    internal static string Truncate(string? value, int max)
    {
        var clean = Text.Clean(value);
        return clean.Length <= max ? clean : clean[..max];
    }
}

/// <summary>The plan's own fields as the history keeps them.</summary>
public sealed record PlanSnapshot(Guid Id, string Title, int StartYear, int EndYear, decimal Envelope, IReadOnlyList<string> Levels,
    IReadOnlyList<PlanStatus> Statuses, PlanState State, IReadOnlyList<PlanDecision> Decisions);
