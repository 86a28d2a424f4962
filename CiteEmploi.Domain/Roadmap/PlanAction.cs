using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Roadmap;

/// <summary>
/// An action of a feuille de route, at any level of its tree (an axis, an objective, an action: the plan's labels say
/// which). Named so as not to clash with <see cref="System.Action"/>. Its code (« 2.3.1 ») is not stored: it is its
/// place among its siblings, computed by <see cref="PlanTree"/>, so moving an action renumbers nothing in storage.
/// Every change states who makes it; a deleted action refuses every other change.
/// </summary>
public sealed class PlanAction : AggregateRoot, ICiteOwned
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 8000;
    public const int ContactMaxLength = 160;
    public const int CodeMaxLength = 80;
    public const int ExternalIdMaxLength = 80;
    public const int MilestoneTitleMaxLength = 160;
    public const int FunderMaxLength = 120;
    public const int MaxPartners = 30;
    public const int MaxCodes = 30;
    public const int MaxMilestones = 50;
    public const int MaxBudgetLines = 50;

    // EF Core materialisation
    private PlanAction()
    {
        Title = Description = Contact = StatusCode = CreatedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public Guid PlanId { get; private set; }

    /// <summary>The action one level up (an objective's axis); null for the top level.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>Order among its siblings: shown by increasing position; a move lands between two neighbours.</summary>
    public double Position { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    public Guid? PilotStructureId { get; private set; }

    public List<ActionPartner> Partners { get; private set; } = [];

    public string Contact { get; private set; }

    public List<string> FreinCodes { get; private set; } = [];

    public List<string> PublicCodes { get; private set; } = [];

    public List<string> QpvCodes { get; private set; } = [];

    public DateOnly? StartDate { get; private set; }

    public DateOnly? DueDate { get; private set; }

    public string StatusCode { get; private set; }

    public ProgressMode ProgressMode { get; private set; }

    public int ManualProgress { get; private set; }

    public List<Milestone> Milestones { get; private set; } = [];

    public List<BudgetLine> BudgetLines { get; private set; } = [];

    public ActionOrigin? Origin { get; private set; }

    public string? ExternalId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    public string? EditedByName { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public string? DeletedByName { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public PlanActionContent Content => new()
    {
        Title = Title,
        Description = Description,
        PilotStructureId = PilotStructureId,
        Partners = [.. Partners],
        Contact = Contact,
        FreinCodes = [.. FreinCodes],
        PublicCodes = [.. PublicCodes],
        QpvCodes = [.. QpvCodes],
        StartDate = StartDate,
        DueDate = DueDate,
        StatusCode = StatusCode,
        ProgressMode = ProgressMode,
        ManualProgress = ManualProgress,
        Milestones = [.. Milestones],
        BudgetLines = [.. BudgetLines],
        ExternalId = ExternalId,
    };

    /// <summary>The structures whose members may edit the action: its pilot and its co-pilots.</summary>
    public IEnumerable<Guid> PilotingStructures =>
        Partners.Where(p => p.Role == PartnerRole.Pilote).Select(p => p.StructureId)
            .Concat(PilotStructureId is { } pilot ? [pilot] : []);

    /// <summary>
    /// Adds an action under <paramref name="parentId"/> (null: a new top-level one). <paramref name="actions"/> are the
    /// plan's live actions, to keep the tree within the plan's levels.
    /// </summary>
    /// <exception cref="DomainValidationException">Bad content, a parent of another plan, one level too many.</exception>
    public static PlanAction Add(Plan plan, Guid? parentId, double position, PlanActionContent content, PlanReferences references,
        IReadOnlyCollection<PlanAction> actions, ActionOrigin? origin, PlanActor by, DateTimeOffset now)
    {
        var depth = parentId is { } p ? PlanTree.DepthOf(EnsureParent(plan, p, actions), actions) + 1 : 1;
        if (depth > plan.Levels.Count)
        {
            TooDeep(plan);
        }
        var clean = Validate(plan, content, references, assignIds: true);
        var action = new PlanAction
        {
            CiteId = plan.CiteId,
            PlanId = plan.Id,
            ParentId = parentId,
            Position = position,
            Origin = origin,
            CreatedAt = now,
            CreatedByName = Plan.Truncate(by.Name, Plan.ActorNameMaxLength),
        };
        action.Apply(clean);
        action.Raise(new PlanActionAdded(plan.CiteId, plan.Id, action.Id, parentId, action.Title, action.CreatedByName));
        return action;
    }

    /// <summary>
    /// Applies <paramref name="yours"/>, written from <paramref name="basis"/> as it was at <paramref name="basisVersion"/>
    /// (ARCHITECTURE.md, principle 7): when someone else changed the action meanwhile, fields are merged one by one; a
    /// field both changed differently is a conflict and nothing is changed.
    /// </summary>
    /// <returns>The names of the fields changed (empty when nothing changed).</returns>
    /// <exception cref="PlanActionEditConflictException">Both changed the same field differently.</exception>
    public IReadOnlyList<string> Edit(Plan plan, PlanActionContent yours, PlanActionContent basis, int basisVersion, PlanReferences references,
        PlanActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("modifier");
        var clean = Validate(plan, yours, references, assignIds: true);
        var current = Content;
        var merged = clean;
        if (basisVersion != Version)
        {
            var b = Normalize(plan, basis);
            var merge = new FieldMerge();
            merged = new PlanActionContent
            {
                Title = merge.Field("titre", current.Title, b.Title, clean.Title),
                Description = merge.Field("description", current.Description, b.Description, clean.Description),
                PilotStructureId = merge.Field("pilote", current.PilotStructureId, b.PilotStructureId, clean.PilotStructureId),
                Partners = merge.Field("partenaires", Same.Of(current.Partners), Same.Of(b.Partners), Same.Of(clean.Partners)).Items,
                Contact = merge.Field("contact", current.Contact, b.Contact, clean.Contact),
                FreinCodes = merge.Field("freins", Same.Of(current.FreinCodes), Same.Of(b.FreinCodes), Same.Of(clean.FreinCodes)).Items,
                PublicCodes = merge.Field("publics", Same.Of(current.PublicCodes), Same.Of(b.PublicCodes), Same.Of(clean.PublicCodes)).Items,
                QpvCodes = merge.Field("QPV", Same.Of(current.QpvCodes), Same.Of(b.QpvCodes), Same.Of(clean.QpvCodes)).Items,
                StartDate = merge.Field("début", current.StartDate, b.StartDate, clean.StartDate),
                DueDate = merge.Field("échéance", current.DueDate, b.DueDate, clean.DueDate),
                StatusCode = merge.Field("statut", current.StatusCode, b.StatusCode, clean.StatusCode),
                ProgressMode = merge.Field("mode d'avancement", current.ProgressMode, b.ProgressMode, clean.ProgressMode),
                ManualProgress = merge.Field("avancement", current.ManualProgress, b.ManualProgress, clean.ManualProgress),
                Milestones = merge.Field("jalons", Same.Of(current.Milestones), Same.Of(b.Milestones), Same.Of(clean.Milestones)).Items,
                BudgetLines = merge.Field("budget", Same.Of(current.BudgetLines), Same.Of(b.BudgetLines), Same.Of(clean.BudgetLines)).Items,
                ExternalId = merge.Field("identifiant externe", current.ExternalId, b.ExternalId, clean.ExternalId),
            };
            if (merge.Conflicts.Count > 0)
            {
                throw new PlanActionEditConflictException(this, clean, merge.Conflicts);
            }
            // each side was valid alone; together the dates may not be (one moved the start, the other the due date)
            merged = Validate(plan, merged, references, assignIds: false);
        }
        return Change(merged, by, now);
    }

    /// <summary>Sets the status; in manual mode the progress follows the status's default (a bulk « Réalisée » means 100 %).</summary>
    public IReadOnlyList<string> ChangeStatus(Plan plan, string statusCode, PlanActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("modifier");
        var status = plan.Status(statusCode?.Trim());
        if (status is null)
        {
            ValidationErrors.Refuse(nameof(StatusCode), UnknownStatus(plan, statusCode));
        }
        var content = Content with { StatusCode = status!.Code, ManualProgress = ProgressMode == ProgressMode.Manuel ? status.DefaultProgress : ManualProgress };
        return Change(content, by, now);
    }

    public IReadOnlyList<string> ChangePilot(Guid? structureId, PlanReferences references, PlanActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("modifier");
        if (structureId is { } id && !references.StructureIds.Contains(id))
        {
            ValidationErrors.Refuse(nameof(PilotStructureId), UnknownStructure);
        }
        return Change(Content with { PilotStructureId = structureId }, by, now);
    }

    public IReadOnlyList<string> ChangeDates(DateOnly? start, DateOnly? due, PlanActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("modifier");
        if (start is { } s && due is { } d && d < s)
        {
            ValidationErrors.Refuse(nameof(DueDate), DatesMessage(s, d));
        }
        return Change(Content with { StartDate = start, DueDate = due }, by, now);
    }

    /// <summary>
    /// Moves the action under <paramref name="parentId"/> (null: to the top level) at <paramref name="position"/>.
    /// <paramref name="actions"/> are the plan's live actions: the move may neither make a cycle nor go deeper than the plan's levels.
    /// </summary>
    public void Move(Plan plan, Guid? parentId, double position, IReadOnlyCollection<PlanAction> actions, PlanActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("déplacer");
        if (parentId is { } p)
        {
            var parent = EnsureParent(plan, p, actions);
            if (p == Id || PlanTree.IsDescendantOf(parent, Id, actions))
            {
                ValidationErrors.Refuse(nameof(ParentId), $"« {Title} » ne peut pas être rangée sous elle-même ou sous une de ses sous-actions.");
            }
            if (PlanTree.DepthOf(parent, actions) + PlanTree.HeightOf(Id, actions) > plan.Levels.Count)
            {
                TooDeep(plan);
            }
        }
        else if (PlanTree.HeightOf(Id, actions) > plan.Levels.Count)
        {
            TooDeep(plan);
        }
        if (parentId == ParentId && position.Equals(Position))
        {
            return;
        }
        ParentId = parentId;
        Position = position;
        Raise(new PlanActionMoved(CiteId, PlanId, Id, parentId, position, Plan.Truncate(by.Name, Plan.ActorNameMaxLength)));
    }

    /// <summary>Changes only the order key, to make room between neighbours; the order seen does not change, so nothing is raised.</summary>
    public void Renumber(double position) => Position = position;

    /// <summary>Deletes the action; one with live sub-actions is refused, so nothing disappears by surprise.</summary>
    public void Delete(IReadOnlyCollection<PlanAction> actions, PlanActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("supprimer");
        var children = actions.Count(a => a.ParentId == Id && !a.IsDeleted);
        if (children > 0)
        {
            ValidationErrors.Refuse(nameof(ParentId), $"« {Title} » a {children} sous-action(s) : supprimez-les ou déplacez-les d'abord.");
        }
        DeletedAt = now;
        DeletedByName = Plan.Truncate(by.Name, Plan.ActorNameMaxLength);
        Raise(new PlanActionDeleted(CiteId, PlanId, Id, Title, DeletedByName));
    }

    /// <summary>
    /// Brings a deleted action back where it was (under its parent, at <paramref name="position"/>: its old place, or
    /// beside it when someone took it meanwhile). Deletion never takes sub-actions (see <see cref="Delete"/>), so there
    /// are none to bring back. Refused when the action is not deleted, when its parent has been deleted since (restore
    /// that one first), or when the plan has fewer levels now. A status removed from the plan since falls back to the
    /// plan's first one; the history records the action as restored.
    /// </summary>
    /// <param name="actions">The plan's live actions.</param>
    public void Restore(Plan plan, IReadOnlyCollection<PlanAction> actions, double position, PlanActor by, DateTimeOffset now)
    {
        if (!IsDeleted)
        {
            ValidationErrors.Refuse("Action", $"« {Title} » n'est pas supprimée : il n'y a rien à rétablir.");
        }
        var depth = 1;
        if (ParentId is { } parentId)
        {
            var parent = actions.FirstOrDefault(a => a.Id == parentId && !a.IsDeleted);
            if (parent is null)
            {
                ValidationErrors.Refuse(nameof(ParentId), $"Le niveau supérieur de « {Title} » a été supprimé : rétablissez-le d'abord.");
            }
            depth = PlanTree.DepthOf(parent!, actions) + 1;
        }
        if (depth > plan.Levels.Count)
        {
            TooDeep(plan);
        }
        if (plan.Status(StatusCode) is null && plan.Statuses.Count > 0)
        {
            StatusCode = plan.Statuses[0].Code;
        }
        Position = position;
        DeletedAt = null;
        DeletedByName = null;
        EditedAt = now;
        EditedByName = Plan.Truncate(by.Name, Plan.ActorNameMaxLength);
        Raise(new PlanActionRestored(CiteId, PlanId, Id, ParentId, Title, EditedByName));
    }

    /// <summary>Everything the history keeps about the action (see <see cref="PlanHistory"/>).</summary>
    public PlanActionSnapshot Snapshot() => new(Id, ParentId, Position, Title, Description, PilotStructureId, [.. Partners], Contact,
        [.. FreinCodes], [.. PublicCodes], [.. QpvCodes], StartDate, DueDate, StatusCode, ProgressMode, ManualProgress,
        [.. Milestones], [.. BudgetLines], Origin, ExternalId);

    /// <summary>Cleans and checks an action's content against its plan and its Cité; the messages name the field and what is wrong.</summary>
    public static PlanActionContent Validate(Plan plan, PlanActionContent content, PlanReferences references, bool assignIds = true)
    {
        var c = Normalize(plan, content);
        var errors = new ValidationErrors();
        if (c.Title.Length == 0)
        {
            errors.Add(nameof(Title), "Donnez un titre à l'action.");
        }
        else if (c.Title.Length > TitleMaxLength)
        {
            errors.Add(nameof(Title), $"Le titre ne peut pas dépasser {TitleMaxLength} caractères (actuellement {c.Title.Length}).");
        }
        if (c.Description.Length > DescriptionMaxLength)
        {
            errors.Add(nameof(Description), $"La description ne peut pas dépasser {DescriptionMaxLength} caractères (actuellement {c.Description.Length}).");
        }
        if (c.Contact.Length > ContactMaxLength)
        {
            errors.Add(nameof(Contact), $"Le contact ne peut pas dépasser {ContactMaxLength} caractères.");
        }
        if (c.PilotStructureId is { } pilot && !references.StructureIds.Contains(pilot))
        {
            errors.Add(nameof(PilotStructureId), UnknownStructure);
        }
        ValidatePartners(c, references, errors);
        ValidateCodes(c, references, errors);
        if (c.StartDate is { } start && c.DueDate is { } due && due < start)
        {
            errors.Add(nameof(DueDate), DatesMessage(start, due));
        }
        if (plan.Status(c.StatusCode) is null)
        {
            errors.Add(nameof(StatusCode), UnknownStatus(plan, c.StatusCode));
        }
        if (!Enum.IsDefined(c.ProgressMode))
        {
            errors.Add(nameof(ProgressMode), "Mode d'avancement inconnu.");
        }
        if (c.ManualProgress is < 0 or > 100)
        {
            errors.Add(nameof(ManualProgress), $"L'avancement va de 0 à 100 % (saisi : {c.ManualProgress}).");
        }
        ValidateMilestones(c, errors);
        ValidateBudget(c, errors);
        if (c.ExternalId is { Length: > ExternalIdMaxLength })
        {
            errors.Add(nameof(ExternalId), $"L'identifiant externe ne peut pas dépasser {ExternalIdMaxLength} caractères.");
        }
        errors.ThrowIfAny();
        return assignIds
            ? c with { Milestones = [.. c.Milestones.Select(m => m.Id == Guid.Empty ? m with { Id = Guid.NewGuid() } : m)] }
            : c;
    }

    private static void ValidatePartners(PlanActionContent c, PlanReferences references, ValidationErrors errors)
    {
        if (c.Partners.Count > MaxPartners)
        {
            errors.Add(nameof(Partners), $"Au plus {MaxPartners} structures partenaires par action.");
        }
        if (c.Partners.Any(p => !references.StructureIds.Contains(p.StructureId)))
        {
            errors.Add(nameof(Partners), "Une structure partenaire n'est pas dans l'annuaire de la Cité : choisissez-la dans la liste.");
        }
        if (c.Partners.Any(p => !Enum.IsDefined(p.Role)))
        {
            errors.Add(nameof(Partners), "Rôle de partenaire inconnu : pilote, contributeur ou financeur.");
        }
        if (c.Partners.GroupBy(p => p.StructureId).Any(g => g.Count() > 1))
        {
            errors.Add(nameof(Partners), "Une structure figure deux fois parmi les partenaires : gardez un seul rôle.");
        }
        if (c.PilotStructureId is { } pilot && c.Partners.Any(p => p.StructureId == pilot))
        {
            errors.Add(nameof(Partners), "La structure pilote figure aussi parmi les partenaires : retirez-la de la liste.");
        }
    }

    private static void ValidateCodes(PlanActionContent c, PlanReferences references, ValidationErrors errors)
    {
        foreach (var (field, codes) in new[] { (nameof(FreinCodes), c.FreinCodes), (nameof(PublicCodes), c.PublicCodes), (nameof(QpvCodes), c.QpvCodes) })
        {
            if (codes.Count > MaxCodes || codes.Any(code => code.Length > CodeMaxLength))
            {
                errors.Add(field, $"Au plus {MaxCodes} codes de {CodeMaxLength} caractères.");
            }
        }
        foreach (var code in c.FreinCodes.Where(code => Freins.Find(code) is null))
        {
            errors.Add(nameof(FreinCodes), $"Frein inconnu « {code} ».");
        }
        foreach (var code in c.PublicCodes.Where(code => !Referentiels.Publics.Contains(code)))
        {
            errors.Add(nameof(PublicCodes), Referentiels.Publics.UnknownCodeMessage(code));
        }
        foreach (var code in c.QpvCodes.Where(code => !references.QpvCodes.Contains(code)))
        {
            errors.Add(nameof(QpvCodes), $"Le QPV « {code} » n'est pas un quartier de la Cité.");
        }
    }

    private static void ValidateMilestones(PlanActionContent c, ValidationErrors errors)
    {
        if (c.Milestones.Count > MaxMilestones)
        {
            errors.Add(nameof(Milestones), $"Au plus {MaxMilestones} jalons par action.");
        }
        for (var i = 0; i < c.Milestones.Count; i++)
        {
            var title = c.Milestones[i].Title;
            if (title.Length == 0 || title.Length > MilestoneTitleMaxLength)
            {
                errors.Add($"{nameof(Milestones)}[{i}].{nameof(Milestone.Title)}", $"Jalon {i + 1} : un titre de 1 à {MilestoneTitleMaxLength} caractères.");
            }
        }
    }

    private static void ValidateBudget(PlanActionContent c, ValidationErrors errors)
    {
        if (c.BudgetLines.Count > MaxBudgetLines)
        {
            errors.Add(nameof(BudgetLines), $"Au plus {MaxBudgetLines} lignes de budget par action.");
        }
        for (var i = 0; i < c.BudgetLines.Count; i++)
        {
            var line = c.BudgetLines[i];
            var at = $"{nameof(BudgetLines)}[{i}]";
            var which = $"Ligne de budget {i + 1}";
            if (line.Funder.Length == 0 || line.Funder.Length > FunderMaxLength)
            {
                errors.Add($"{at}.{nameof(BudgetLine.Funder)}", $"{which} : nommez le financeur (1 à {FunderMaxLength} caractères).");
            }
            if (!Enum.IsDefined(line.Kind))
            {
                errors.Add($"{at}.{nameof(BudgetLine.Kind)}", $"{which} : nature inconnue (enveloppe Cité, cofinancement ou valorisation).");
            }
            if (line.Year is < Plan.MinYear or > Plan.MaxYear)
            {
                errors.Add($"{at}.{nameof(BudgetLine.Year)}", $"{which} : l'année va de {Plan.MinYear} à {Plan.MaxYear}.");
            }
            Money.Check(line.Planned, $"{at}.{nameof(BudgetLine.Planned)}", $"{which} : le prévu", errors);
            Money.Check(line.Committed, $"{at}.{nameof(BudgetLine.Committed)}", $"{which} : l'engagé", errors);
            Money.Check(line.Spent, $"{at}.{nameof(BudgetLine.Spent)}", $"{which} : le réalisé", errors);
        }
    }

    // The same cleaning for what a person submits and for what they started from, so a merge compares like with like.
    private static PlanActionContent Normalize(Plan plan, PlanActionContent c) => c with
    {
        Title = Text.Clean(c.Title),
        Description = (c.Description ?? string.Empty).Trim().ReplaceLineEndings("\n"),
        Contact = Text.Clean(c.Contact),
        Partners = [.. (c.Partners ?? [])],
        FreinCodes = Codes(c.FreinCodes, upper: false),
        PublicCodes = Codes(c.PublicCodes, upper: false),
        QpvCodes = Codes(c.QpvCodes, upper: true),
        StatusCode = string.IsNullOrWhiteSpace(c.StatusCode) ? plan.Statuses.FirstOrDefault()?.Code ?? string.Empty : c.StatusCode.Trim(),
        Milestones = [.. (c.Milestones ?? []).Select(m => m with { Title = Text.Clean(m.Title) })],
        BudgetLines = [.. (c.BudgetLines ?? []).Select(l => l with
        {
            Funder = Text.Clean(l.Funder),
            Planned = Money.Normalize(l.Planned),
            Committed = Money.Normalize(l.Committed),
            Spent = Money.Normalize(l.Spent),
        })],
        ExternalId = string.IsNullOrWhiteSpace(c.ExternalId) ? null : c.ExternalId.Trim(),
    };

    private static List<string> Codes(IReadOnlyList<string>? codes, bool upper) =>
        [.. (codes ?? []).Select(code => upper ? Text.Clean(code).ToUpperInvariant() : Text.Clean(code)).Where(code => code.Length > 0).Distinct(StringComparer.Ordinal)];

    private IReadOnlyList<string> Change(PlanActionContent content, PlanActor by, DateTimeOffset now)
    {
        var before = Content;
        var fields = ChangedFields(before, content);
        if (fields.Count == 0)
        {
            return fields;
        }
        Apply(content);
        EditedAt = now;
        EditedByName = Plan.Truncate(by.Name, Plan.ActorNameMaxLength);
        Raise(new PlanActionEdited(CiteId, PlanId, Id, string.Join(',', fields), EditedByName));
        return fields;
    }

    private static List<string> ChangedFields(PlanActionContent a, PlanActionContent b)
    {
        var fields = new List<string>();
        void check(bool same, string name)
        {
            if (!same)
            {
                fields.Add(name);
            }
        }
        check(a.Title == b.Title, nameof(Title));
        check(a.Description == b.Description, nameof(Description));
        check(a.PilotStructureId == b.PilotStructureId, nameof(PilotStructureId));
        check(a.Partners.SequenceEqual(b.Partners), nameof(Partners));
        check(a.Contact == b.Contact, nameof(Contact));
        check(a.FreinCodes.SequenceEqual(b.FreinCodes), nameof(FreinCodes));
        check(a.PublicCodes.SequenceEqual(b.PublicCodes), nameof(PublicCodes));
        check(a.QpvCodes.SequenceEqual(b.QpvCodes), nameof(QpvCodes));
        check(a.StartDate == b.StartDate, nameof(StartDate));
        check(a.DueDate == b.DueDate, nameof(DueDate));
        check(a.StatusCode == b.StatusCode, nameof(StatusCode));
        check(a.ProgressMode == b.ProgressMode, nameof(ProgressMode));
        check(a.ManualProgress == b.ManualProgress, nameof(ManualProgress));
        check(a.Milestones.SequenceEqual(b.Milestones), nameof(Milestones));
        check(a.BudgetLines.SequenceEqual(b.BudgetLines), nameof(BudgetLines));
        check(a.ExternalId == b.ExternalId, nameof(ExternalId));
        return fields;
    }

    private void Apply(PlanActionContent c)
    {
        Title = c.Title;
        Description = c.Description;
        PilotStructureId = c.PilotStructureId;
        Partners = [.. c.Partners];
        Contact = c.Contact;
        FreinCodes = [.. c.FreinCodes];
        PublicCodes = [.. c.PublicCodes];
        QpvCodes = [.. c.QpvCodes];
        StartDate = c.StartDate;
        DueDate = c.DueDate;
        StatusCode = c.StatusCode;
        ProgressMode = c.ProgressMode;
        ManualProgress = c.ManualProgress;
        Milestones = [.. c.Milestones];
        BudgetLines = [.. c.BudgetLines];
        ExternalId = c.ExternalId;
    }

    private static PlanAction EnsureParent(Plan plan, Guid parentId, IReadOnlyCollection<PlanAction> actions)
    {
        var parent = actions.FirstOrDefault(a => a.Id == parentId);
        if (parent is null || parent.PlanId != plan.Id || parent.IsDeleted)
        {
            ValidationErrors.Refuse(nameof(ParentId), "Le niveau supérieur choisi n'est pas une action de cette feuille de route.");
        }
        return parent!;
    }

    private static void TooDeep(Plan plan) =>
        ValidationErrors.Refuse(nameof(ParentId),
            $"La feuille de route a {plan.Levels.Count} niveaux ({string.Join(" / ", plan.Levels)}) : impossible d'aller plus profond.");

    private void EnsureNotDeleted(string what)
    {
        if (IsDeleted)
        {
            ValidationErrors.Refuse("Action", $"Impossible de {what} cette action : {DeletedByName ?? "quelqu'un"} l'a supprimée entre-temps.");
        }
    }

    private const string UnknownStructure = "La structure pilote n'est pas dans l'annuaire de la Cité : choisissez-la dans la liste.";

    private static string DatesMessage(DateOnly start, DateOnly due) =>
        $"L'échéance ({due:dd/MM/yyyy}) précède le début ({start:dd/MM/yyyy}).";

    private static string UnknownStatus(Plan plan, string? code) =>
        $"Statut inconnu « {code} » : choisissez parmi {string.Join(", ", plan.Statuses.Select(s => s.Label))}.";

    /// <summary>A list compared by its items, for <see cref="FieldMerge"/>.</summary>
    private readonly record struct Same<T>(IReadOnlyList<T> Items)
    {
        public bool Equals(Same<T> other) => Items.SequenceEqual(other.Items);

        public override int GetHashCode() => Items.Count;
    }

    private static class Same
    {
        public static Same<T> Of<T>(IReadOnlyList<T> items) => new(items);
    }
}

/// <summary>The action's fields as the history keeps them.</summary>
public sealed record PlanActionSnapshot(Guid Id, Guid? ParentId, double Position, string Title, string Description, Guid? PilotStructureId,
    IReadOnlyList<ActionPartner> Partners, string Contact, IReadOnlyList<string> FreinCodes, IReadOnlyList<string> PublicCodes,
    IReadOnlyList<string> QpvCodes, DateOnly? StartDate, DateOnly? DueDate, string StatusCode, ProgressMode ProgressMode, int ManualProgress,
    IReadOnlyList<Milestone> Milestones, IReadOnlyList<BudgetLine> BudgetLines, ActionOrigin? Origin, string? ExternalId);

/// <summary>
/// Someone else changed the same fields of an action while a person was editing it. Nothing was changed; both versions
/// are here so the person can choose (principle 7: no silent loss).
/// </summary>
public sealed class PlanActionEditConflictException(PlanAction current, PlanActionContent yours, IReadOnlyList<string> fields)
    : Exception($"Quelqu'un d'autre a modifié cette action ({string.Join(", ", fields)}) pendant que vous l'éditiez. Vos saisies sont conservées : choisissez quoi garder.")
{
    public PlanAction Current { get; } = current;

    public PlanActionContent Yours { get; } = yours;

    /// <summary>The fields both sides changed differently, in French (« titre », « échéance »…).</summary>
    public IReadOnlyList<string> Fields { get; } = fields;
}
