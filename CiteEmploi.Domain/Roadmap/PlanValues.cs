namespace CiteEmploi.Domain.Roadmap;

/// <summary>Where a plan stands: a draft, adopted in a steering committee (COPIL), then revised in later ones.</summary>
public enum PlanState
{
    Brouillon,
    Adopte,
    Revise,
}

/// <summary>What a status means for lateness and for a parent's progress, whatever its label.</summary>
public enum StatusKind
{
    /// <summary>Still to do or under way: late once its due date has passed.</summary>
    Ouverte,

    /// <summary>Done: never late.</summary>
    Realisee,

    /// <summary>Given up: never late, and left out of its parent's progress.</summary>
    Abandonnee,
}

/// <summary>One entry of a plan's configurable status list: what a person picks, and the progress it implies.</summary>
/// <param name="Code">Stable key stored on actions (« en-cours »); the label may change, the code does not.</param>
public sealed record PlanStatus(string Code, string Label, int DefaultProgress, StatusKind Kind = StatusKind.Ouverte);

/// <summary>A steering committee's decision on the plan: its adoption, then each revision.</summary>
public sealed record PlanDecision(PlanState State, DateOnly Date, string Text);

/// <summary>How an action's progress is obtained.</summary>
public enum ProgressMode
{
    /// <summary>Typed by a person (0–100).</summary>
    Manuel,

    /// <summary>The default progress of its status (« En cours » = 50 %).</summary>
    Statut,

    /// <summary>The mean of its children's progress, each child weighing the same; abandoned children are left out.</summary>
    SousActions,
}

/// <summary>What a partner structure does in an action.</summary>
public enum PartnerRole
{
    /// <summary>Co-pilots the action: its members may edit it like the pilot's.</summary>
    Pilote,
    Contributeur,
    Financeur,
}

/// <summary>A structure of the Cité's directory taking part in an action.</summary>
public sealed record ActionPartner(Guid StructureId, PartnerRole Role);

/// <summary>A dated step of an action (shown on the timeline and exported to calendars).</summary>
public sealed record Milestone(Guid Id, string Title, DateOnly Date, bool Done);

/// <summary>Where money for an action comes from.</summary>
public enum BudgetKind
{
    /// <summary>The Cité's own yearly envelope (the one the plan's envelope bounds).</summary>
    EnveloppeCite,

    /// <summary>Money from a co-funder (préfecture, EPCI, CAF…).</summary>
    Cofinancement,

    /// <summary>In-kind contribution (staff time, rooms) valued in euros.</summary>
    Valorisation,
}

/// <summary>One funder's line on one action for one year; euros to the cent, never negative.</summary>
public sealed record BudgetLine(string Funder, BudgetKind Kind, int Year, decimal Planned, decimal Committed, decimal Spent);

/// <summary>What an action came from: a card of a board or an item of a session's agenda.</summary>
public enum OriginKind
{
    Carte,
    PointOrdreDuJour,

    /// <summary>A gap of the diagnostic's coverage (a place × a barrier) confirmed by partners.</summary>
    Manque,
}

/// <summary>The board card, session item or diagnostic gap an action was made from.</summary>
public sealed record ActionOrigin(OriginKind Kind, Guid Id);

/// <summary>Who changes a plan: their account (null for the server operator) and the name copied into the history.</summary>
public sealed record PlanActor(string? UserId, string Name);

/// <summary>
/// The Cité's data an action may point to, read by the caller from the directory and the Cité's profile: an action may
/// only name structures and QPVs of its own Cité.
/// </summary>
public sealed record PlanReferences(IReadOnlySet<Guid> StructureIds, IReadOnlySet<string> QpvCodes)
{
    public static PlanReferences None { get; } = new(new HashSet<Guid>(), new HashSet<string>(StringComparer.Ordinal));
}

/// <summary>
/// The editable fields of an action, as a person submits them (or as they were when they started editing). The place
/// in the tree (parent, order) is changed by <see cref="PlanAction.Move"/>, not here.
/// </summary>
public sealed record PlanActionContent
{
    public string Title { get; init; } = string.Empty;

    /// <summary>Markdown, stored as written; rendering must sanitise it.</summary>
    public string Description { get; init; } = string.Empty;

    public Guid? PilotStructureId { get; init; }

    public IReadOnlyList<ActionPartner> Partners { get; init; } = [];

    /// <summary>The person to call about the action (free text: a name, a function).</summary>
    public string Contact { get; init; } = string.Empty;

    /// <summary>Barrier codes of <see cref="Annuaire.Freins"/>.</summary>
    public IReadOnlyList<string> FreinCodes { get; init; } = [];

    /// <summary>Public codes of data·inclusion's <see cref="Annuaire.Referentiels.Publics"/>.</summary>
    public IReadOnlyList<string> PublicCodes { get; init; } = [];

    /// <summary>QPV codes of the Cité.</summary>
    public IReadOnlyList<string> QpvCodes { get; init; } = [];

    public DateOnly? StartDate { get; init; }

    public DateOnly? DueDate { get; init; }

    /// <summary>A code of the plan's status list; empty means the list's first.</summary>
    public string StatusCode { get; init; } = string.Empty;

    public ProgressMode ProgressMode { get; init; } = ProgressMode.Statut;

    /// <summary>Used when <see cref="ProgressMode"/> is <see cref="ProgressMode.Manuel"/>.</summary>
    public int ManualProgress { get; init; }

    public IReadOnlyList<Milestone> Milestones { get; init; } = [];

    public IReadOnlyList<BudgetLine> BudgetLines { get; init; } = [];

    /// <summary>The identifier of the action in another tool, kept across exports and imports.</summary>
    public string? ExternalId { get; init; }

    /// <summary>
    /// What a board card becomes: its first line as the title (Markdown marks at the start left out, cut at
    /// <see cref="PlanAction.TitleMaxLength"/>), its whole text as the description, its barrier and public as the
    /// action's. The rest (pilot, dates, budget) is filled in afterwards, on the action.
    /// </summary>
    public static PlanActionContent FromCard(string text, string? freinCode, string? publicCode)
    {
        var firstLine = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        var title = Common.Text.Clean(firstLine.TrimStart('#', '-', '*', '>', ' '));
        if (title.Length > PlanAction.TitleMaxLength)
        {
            title = title[..(PlanAction.TitleMaxLength - 1)].TrimEnd() + "…";
        }
        return new PlanActionContent
        {
            Title = title,
            Description = text.Trim(),
            FreinCodes = freinCode is null ? [] : [freinCode],
            PublicCodes = publicCode is null ? [] : [publicCode],
        };
    }
}
