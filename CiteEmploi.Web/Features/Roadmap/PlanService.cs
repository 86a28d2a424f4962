using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap.Export;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Roadmap;

/// <summary>
/// The feuilles de route of a Cité. Every command runs in its own context and write transaction through
/// <see cref="CommandPipeline"/>, is written with its history rows in the same commit (<see cref="PlanHistory"/>: the
/// snapshots before and after are compared), and is acknowledged only once committed; the committed events then reach
/// the plan's live topic. Rights: coordination edits everything; a partner edits the actions a structure they are
/// linked to pilots or co-pilots; co-pilots adopt and revise; everyone in the Cité reads.
/// </summary>
public sealed class PlanService(CiteDbContextFactory citeDb, TimeProvider time, PlanSnapshots? snapshots = null)
{
    /// <summary>Creating plans, changing their settings, adding, moving and deleting actions, editing any action.</summary>
    public static bool CanEditPlan(CiteAccess access) => access.Can(CitePermission.EditAllContent);

    /// <summary>Recording the steering committee's adoption and revisions.</summary>
    public static bool CanValidate(CiteAccess access) => access.Can(CitePermission.Validate) || access.Can(CitePermission.EditAllContent);

    public async Task<IReadOnlyList<PlanSummary>> ListAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var counts = await db.PlanActions.Where(a => a.DeletedAt == null).GroupBy(a => a.PlanId)
            .Select(g => new { PlanId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.PlanId, x => x.Count, cancellationToken);
        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        return [.. plans.OrderByDescending(p => p.StartYear).ThenByDescending(p => p.CreatedAt)
            .Select(p => new PlanSummary(p.Id, p.Title, p.StartYear, p.EndYear, p.State, counts.GetValueOrDefault(p.Id), p.CreatedAt, p.Envelope))];
    }

    /// <summary>Creates a plan with the default levels and statuses; the result's value is its id.</summary>
    public async Task<CommandResult> CreateAsync(CiteAccess access, string title, int startYear, int endYear, decimal envelope, CancellationToken cancellationToken = default)
    {
        if (!CanEditPlan(access))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var actor = await ActorAsync(db, access, cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var plan = Plan.Create(access.CiteId, title, startYear, endYear, envelope, actor, now);
            db.Plans.Add(plan);
            db.PlanChanges.AddRange(PlanHistory.Diff(access.CiteId, plan.Id, null, plan.Snapshot(), actor, now));
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok(plan.Id.ToString());
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
    }

    public Task<CommandResult> ChangeDetailsAsync(CiteAccess access, Guid planId, string title, int startYear, int endYear, decimal envelope,
        IReadOnlyList<string> levels, IReadOnlyList<PlanStatus> statuses, CancellationToken cancellationToken = default) =>
        CanEditPlan(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.All, async (w, actor, now) =>
            {
                var live = w.Live;
                w.Plan.ChangeDetails(title, startYear, endYear, envelope, levels, statuses,
                    live.Select(a => PlanTree.DepthOf(a, live)).DefaultIfEmpty(0).Max(), [.. live.Select(a => a.StatusCode).Distinct()], actor);
                return await Task.FromResult<string?>(null);
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    public Task<CommandResult> AdoptAsync(CiteAccess access, Guid planId, DateOnly date, string decision, CancellationToken cancellationToken = default) =>
        CanValidate(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.None, (w, actor, _) =>
            {
                w.Plan.Adopt(date, decision, actor);
                return Task.FromResult<string?>(null);
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    public Task<CommandResult> ReviseAsync(CiteAccess access, Guid planId, DateOnly date, string decision, CancellationToken cancellationToken = default) =>
        CanValidate(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.None, (w, actor, _) =>
            {
                w.Plan.Revise(date, decision, actor);
                return Task.FromResult<string?>(null);
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    // ---- actions ----

    /// <summary>Adds an action at the end of <paramref name="parentId"/>'s children (null: a new axis); the result's value is its id.</summary>
    public Task<CommandResult> AddActionAsync(CiteAccess access, Guid planId, Guid? parentId, PlanActionContent content, ActionOrigin? origin = null,
        CancellationToken cancellationToken = default) =>
        CanEditPlan(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.All, async (w, actor, now) =>
            {
                var action = await AddAtEndAsync(w, access, parentId, content, origin, actor, now, cancellationToken);
                return action.Id.ToString();
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    /// <summary>
    /// Turns a board card into an action under <paramref name="parentId"/> in one gesture: the action takes the card's
    /// first line, text, barrier and public, remembers the card as its origin, and the card records the action, both
    /// in the same commit (the board's viewers see the link at once). The result's value is the action's id. A card
    /// becomes one action at most.
    /// </summary>
    public Task<CommandResult> AddActionFromCardAsync(CiteAccess access, Guid planId, Guid? parentId, Guid cardId,
        CancellationToken cancellationToken = default) =>
        CanEditPlan(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.All, async (w, actor, now) =>
            {
                // the Cité's filter keeps another Cité's card out: it is « missing », like a card that does not exist
                var card = await w.Db.Cards.SingleOrDefaultAsync(c => c.Id == cardId && c.DeletedAt == null, cancellationToken)
                    ?? throw new CommandTargetMissingException();
                var action = await AddAtEndAsync(w, access, parentId, PlanActionContent.FromCard(card.Text, card.FreinCode, card.PublicCode),
                    new ActionOrigin(OriginKind.Carte, card.Id), actor, now, cancellationToken);
                card.LinkToAction(w.Plan.Id, action.Id, actor.Name);
                // the board's history says it too, in the same commit
                if (BoardActivity.For(card.DomainEvents.OfType<CardLinkedToAction>().Last(), new BoardActor(BoardService.KeyOf(access), actor.Name, true), now,
                        _ => null) is { } line)
                {
                    w.Db.BoardActivities.Add(line);
                }
                return action.Id.ToString();
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    /// <summary>
    /// Turns an « action » outcome of a session's agenda item into an action under <paramref name="parentId"/> in one
    /// gesture: the action takes the outcome's text, remembers it as its origin, and the session records the action, in
    /// the same commit (the session's pages show the link at once). The result's value is the action's id. An outcome
    /// becomes one action at most; a session of another Cité is « missing ».
    /// </summary>
    public Task<CommandResult> AddActionFromOutcomeAsync(CiteAccess access, Guid planId, Guid? parentId, Guid sessionId, Guid outcomeId,
        CancellationToken cancellationToken = default) =>
        CanEditPlan(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.All, async (w, actor, now) =>
            {
                var session = await w.Db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken) ?? throw new CommandTargetMissingException();
                // the session refuses, before anything is added, an outcome that is not an action or already one
                var outcome = session.OutcomeThatMayBecomeAnAction(outcomeId);
                var item = session.Items.Single(i => i.Id == outcome.ItemId);
                var content = PlanActionContent.FromCard(outcome.Text, null, null) with
                {
                    Description = $"{outcome.Text}\n\nDécidée en séance « {session.Title} » du {session.Date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))}, point « {item.Title} ».",
                };
                var action = await AddAtEndAsync(w, access, parentId, content, new ActionOrigin(OriginKind.PointOrdreDuJour, outcome.Id), actor, now, cancellationToken);
                session.LinkOutcomeToAction(outcomeId, w.Plan.Id, action.Id, new SessionActor(actor.UserId, actor.Name));
                return action.Id.ToString();
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    /// <summary>
    /// Makes an action of a confirmed gap of the diagnostic (a place × a barrier): its barrier and QPV carried over, the
    /// gap and the action linked both ways in one commit. A gap not confirmed, or already an action, is refused before
    /// anything is added.
    /// </summary>
    public Task<CommandResult> AddActionFromGapAsync(CiteAccess access, Guid planId, Guid? parentId, Guid findingId,
        CancellationToken cancellationToken = default) =>
        CanEditPlan(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.All, async (w, actor, now) =>
            {
                var gap = await w.Db.GapFindings.SingleOrDefaultAsync(g => g.Id == findingId, cancellationToken) ?? throw new CommandTargetMissingException();
                gap.CheckMayBecomeAnAction();
                var frein = Freins.Find(gap.FreinCode);
                var cite = await w.Db.Cites.AsNoTracking().SingleAsync(c => c.Id == access.CiteId, cancellationToken);
                var qpv = cite.Qpvs.FirstOrDefault(q => q.Code == gap.PlaceCode);
                var place = qpv is not null ? $"QPV {qpv.Name}" : Communes.Find(gap.PlaceCode)?.Label ?? gap.PlaceCode;
                var content = PlanActionContent.FromCard($"{frein?.Label ?? gap.FreinCode} : combler le manque près de {place}", gap.FreinCode, null) with
                {
                    Description = $"Manque confirmé au diagnostic : {frein?.Label ?? gap.FreinCode}, {place}.{(gap.Comment.Length > 0 ? $"\n\n{gap.Comment}" : "")}",
                    QpvCodes = qpv is null ? [] : [qpv.Code],
                };
                var action = await AddAtEndAsync(w, access, parentId, content, new ActionOrigin(OriginKind.Manque, gap.Id), actor, now, cancellationToken);
                gap.LinkAction(w.Plan.Id, action.Id);
                return action.Id.ToString();
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    /// <summary>
    /// Where an action came from, for its page: the board card's board, or the session and agenda item of the outcome it
    /// was decided as, when they still exist in this Cité.
    /// </summary>
    public async Task<ActionOriginView?> OriginAsync(CiteAccess access, ActionOrigin? origin, CancellationToken cancellationToken = default)
    {
        if (origin is null || !access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        if (origin.Kind == OriginKind.Carte)
        {
            return await db.Cards.AsNoTracking().Where(c => c.Id == origin.Id)
                .Join(db.Boards, c => c.BoardId, b => b.Id, (c, b) => new { b.Id, b.Title, c.DeletedAt })
                .Select(x => new ActionOriginView("Issue d'une carte du tableau", $"tableaux/{x.Id}", x.Title, x.DeletedAt != null ? " (carte supprimée depuis)" : ""))
                .SingleOrDefaultAsync(cancellationToken);
        }
        if (origin.Kind == OriginKind.Manque)
        {
            var gap = await db.GapFindings.AsNoTracking().SingleOrDefaultAsync(g => g.Id == origin.Id, cancellationToken);
            return gap is null
                ? null
                : new ActionOriginView("Issue du diagnostic", $"diagnostic?lieu={Uri.EscapeDataString(gap.PlaceCode)}&frein={Uri.EscapeDataString(gap.FreinCode)}",
                    $"manque {Freins.Find(gap.FreinCode)?.Label ?? gap.FreinCode}", $", {gap.PlaceCode}");
        }
        // a Cité holds a few dozen sessions: the one whose outcome this is, found among them
        var sessions = await db.Sessions.AsNoTracking().ToListAsync(cancellationToken);
        return sessions.Select(s => (Session: s, Outcome: s.Outcomes.FirstOrDefault(o => o.Id == origin.Id)))
            .Where(x => x.Outcome is not null)
            .Select(x => new ActionOriginView("Décidée en séance", $"seances/{x.Session.Id}", x.Session.Title,
                $", point « {x.Session.Items.FirstOrDefault(i => i.Id == x.Outcome!.ItemId)?.Title} »"))
            .FirstOrDefault();
    }

    /// <summary>Edits an action from what the person saw (<paramref name="basis"/> at <paramref name="basisVersion"/>).</summary>
    public async Task<PlanActionEditResult> EditActionAsync(CiteAccess access, Guid planId, Guid actionId, PlanActionContent yours, PlanActionContent basis,
        int basisVersion, CancellationToken cancellationToken = default)
    {
        PlanActionConflictView? conflict = null;
        var result = await OnActionsAsync(access, planId, [actionId], async (w, actor, now) =>
        {
            var action = w.Action(actionId);
            if (!CanEditPlan(access) && yours.PilotStructureId != basis.PilotStructureId)
            {
                ValidationErrors.Refuse(nameof(PlanAction.PilotStructureId), "Seule la coordination confie une action à une autre structure pilote.");
            }
            var references = await ReferencesAsync(w.Db, access, cancellationToken);
            try
            {
                action.Edit(w.Plan, yours, basis, basisVersion, references, actor, now);
            }
            catch (PlanActionEditConflictException ex)
            {
                conflict = new PlanActionConflictView(ex.Current.Content, ex.Yours, ex.Current.Version, ex.Current.EditedByName, ex.Fields);
            }
            return null;
        }, cancellationToken);
        return conflict is null ? new PlanActionEditResult(result) : new PlanActionEditResult(CommandResult.Conflicted(), conflict);
    }

    /// <summary>Moves an action under <paramref name="parentId"/> (null: to the top level) at <paramref name="index"/> among its new siblings.</summary>
    public Task<CommandResult> MoveActionAsync(CiteAccess access, Guid planId, Guid actionId, Guid? parentId, int index, CancellationToken cancellationToken = default) =>
        CanEditPlan(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.All, (w, actor, now) =>
            {
                var action = w.Action(actionId);
                var siblings = w.Live.Where(a => a.ParentId == parentId && a.Id != actionId).OrderBy(a => a.Position).ToList();
                var at = Math.Clamp(index, 0, siblings.Count);
                var position = Between(siblings, at);
                if (position is null)
                {
                    // the gap is exhausted: spread the siblings out again (the order does not change), then land in the middle
                    for (var i = 0; i < siblings.Count; i++)
                    {
                        siblings[i].Renumber(Card.SpacedPosition(i));
                    }
                    position = Between(siblings, at);
                }
                action.Move(w.Plan, parentId, position!.Value, w.Live, actor, now);
                return Task.FromResult<string?>(null);
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    public Task<CommandResult> DeleteActionAsync(CiteAccess access, Guid planId, Guid actionId, CancellationToken cancellationToken = default) =>
        CanEditPlan(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.All, (w, actor, now) =>
            {
                w.Action(actionId).Delete(w.Live, actor, now);
                return Task.FromResult<string?>(null);
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    /// <summary>
    /// Brings a deleted action back in its place (« Annuler la suppression », « Rétablir »): the same rights as deleting
    /// it, recorded in the history as restored, published like any change. When a sibling now sits exactly at its old
    /// position, it goes just before that sibling. Restoring an action that is not deleted is refused.
    /// </summary>
    public Task<CommandResult> RestoreActionAsync(CiteAccess access, Guid planId, Guid actionId, CancellationToken cancellationToken = default) =>
        CanEditPlan(access)
            ? OnPlanAsync(access, planId, ActionsToLoad.All, (w, actor, now) =>
            {
                var action = w.Action(actionId);
                var siblings = w.Live.Where(a => a.ParentId == action.ParentId).OrderBy(a => a.Position).ToList();
                double? position = action.Position;
                if (action.IsDeleted && siblings.Any(a => a.Position.Equals(action.Position)))
                {
                    var at = siblings.Count(a => a.Position < action.Position);
                    position = Between(siblings, at);
                    if (position is null)
                    {
                        for (var i = 0; i < siblings.Count; i++)
                        {
                            siblings[i].Renumber(Card.SpacedPosition(i));
                        }
                        position = Between(siblings, at);
                    }
                }
                action.Restore(w.Plan, w.Live, position!.Value, actor, now);
                return Task.FromResult<string?>(null);
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    /// <summary>The plan's deleted actions, most recently deleted first (at most <paramref name="max"/>); empty when not a plan of this Cité.</summary>
    public async Task<IReadOnlyList<DeletedActionView>> DeletedActionsAsync(CiteAccess access, Guid planId, int max = 20, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var rows = await db.PlanActions.AsNoTracking().Where(a => a.PlanId == planId)
            .Select(a => new { a.Id, a.ParentId, a.Title, a.DeletedAt, a.DeletedByName })
            .ToListAsync(cancellationToken);
        var titles = rows.ToDictionary(r => r.Id, r => r.Title);
        // ordered here: SQLite does not order by a DateTimeOffset
        return [.. rows.Where(r => r.DeletedAt is not null).OrderByDescending(r => r.DeletedAt).Take(max)
            .Select(r => new DeletedActionView(r.Id, r.Title, r.ParentId is { } p ? titles.GetValueOrDefault(p) : null, r.DeletedAt!.Value, r.DeletedByName))];
    }

    /// <summary>
    /// Changes the status, pilot or dates of several actions at once (progress follows: see
    /// <see cref="PlanAction.ChangeStatus"/>). All or nothing: one action refused refuses the whole change, and every
    /// action refused is named in the answer (not only the first), so the person can fix them all at once.
    /// </summary>
    public Task<CommandResult> BulkChangeAsync(CiteAccess access, Guid planId, IReadOnlyList<Guid> actionIds, PlanBulkChange change,
        CancellationToken cancellationToken = default)
    {
        if ((change.PilotStructureId is not null || change.ClearPilot) && !CanEditPlan(access))
        {
            return Task.FromResult(CommandResult.Forbidden());
        }
        return OnActionsAsync(access, planId, actionIds, async (w, actor, now) =>
        {
            var references = await ReferencesAsync(w.Db, access, cancellationToken);
            var refused = new ValidationErrors();
            foreach (var id in actionIds.Distinct())
            {
                var action = w.Action(id);
                try
                {
                    if (change.StatusCode is { } status)
                    {
                        action.ChangeStatus(w.Plan, status, actor, now);
                    }
                    if (change.PilotStructureId is not null || change.ClearPilot)
                    {
                        action.ChangePilot(change.ClearPilot ? null : change.PilotStructureId, references, actor, now);
                    }
                    if (change.StartDate is not null || change.DueDate is not null || change.ClearDates)
                    {
                        action.ChangeDates(change.ClearDates ? null : change.StartDate ?? action.StartDate, change.ClearDates ? null : change.DueDate ?? action.DueDate, actor, now);
                    }
                }
                catch (DomainValidationException ex)
                {
                    // name the action: the person chose several; go on, to name every action refused
                    foreach (var (field, messages) in ex.Errors.ByField)
                    {
                        messages.ForEach(m => refused.Add(field, $"« {action.Title} » : {m}"));
                    }
                }
            }
            // nothing is saved when any was refused: the pipeline rolls the whole change back
            refused.ThrowIfAny();
            return null;
        }, cancellationToken);
    }

    // ---- reads ----

    /// <summary>The plan and its actions as this person sees them, filtered; null when it is not a plan of this Cité.</summary>
    public async Task<PlanView?> GetAsync(CiteAccess access, Guid planId, PlanFilter? filter = null, CancellationToken cancellationToken = default) =>
        await ReadAsync(access, planId, cancellationToken) is { } read ? read.View(filter) : null;

    /// <summary>
    /// What the plan page shows, from one read of the actions: the view with <paramref name="filter"/>, the whole plan's
    /// (the filters' choices; the same object when the filter is empty) and the budget. The page used to read the
    /// actions for each (three reads with a filter): on 500 actions the read is most of the time (see docs/benchmarks.md).
    /// </summary>
    public async Task<PlanPageData?> GetPageAsync(CiteAccess access, Guid planId, PlanFilter filter, CancellationToken cancellationToken = default)
    {
        if (await ReadAsync(access, planId, cancellationToken) is not { } read)
        {
            return null;
        }
        var all = read.View(null);
        var view = filter.IsEmpty ? all : read.View(filter);
        return new PlanPageData(view, all, read.Copy.Budget);
    }

    // The plan and its live actions as stored — the viewers' shared copy when one is current (PlanSnapshots) — and
    // how to make views of them for this person.
    private async Task<PlanRead?> ReadAsync(CiteAccess access, Guid planId, CancellationToken cancellationToken)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var copy = snapshots is null
            ? await LoadCopyAsync(access, planId, cancellationToken)
            : await snapshots.GetAsync(access.CiteId, planId, ct => LoadCopyAsync(access, planId, ct), cancellationToken);
        if (copy is null)
        {
            return null;
        }
        Guid? own = null;
        if (!CanEditPlan(access))
        {
            await using var db = await citeDb.CreateAsync(access, cancellationToken);
            own = await OwnStructureAsync(db, access, cancellationToken);
        }
        return new PlanRead(copy, own, access, Today());
    }

    private async Task<PlanCopy?> LoadCopyAsync(CiteAccess access, Guid planId, CancellationToken cancellationToken)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }
        var actions = await db.PlanActions.AsNoTracking().Where(a => a.PlanId == planId && a.DeletedAt == null).ToListAsync(cancellationToken);
        return new PlanCopy(plan, actions, await StructureNamesAsync(db, cancellationToken));
    }

    private sealed record PlanRead(PlanCopy Copy, Guid? Own, CiteAccess Access, DateOnly Today)
    {
        public Plan Plan => Copy.Plan;

        public IReadOnlyList<PlanActionSnapshot> Snapshots => Copy.Snapshots;

        // the same view for every reader with the same rights, filter and day (PlanCopy.ViewFor)
        public PlanView View(PlanFilter? filter)
        {
            var canEditAll = CanEditPlan(Access);
            return Copy.ViewFor(new PlanViewKey(canEditAll, CanValidate(Access), canEditAll ? null : Own, filter, Today), () =>
                PlanService.View(Plan.Snapshot(), Plan.Version, Snapshots, id =>
                {
                    var a = Copy.ById[id];
                    return (a.Version, a.EditedAt, a.EditedByName, canEditAll || (Own is { } s && a.PilotingStructures.Contains(s)));
                }, Copy.Names, Access, filter, Today, asOf: null));
        }
    }

    /// <summary>The plan as it was at <paramref name="at"/>, rebuilt from its history (read only); null when not a plan of this Cité or not yet created.</summary>
    public async Task<PlanView?> AsOfAsync(CiteAccess access, Guid planId, DateTimeOffset at, PlanFilter? filter = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var changes = await db.PlanChanges.AsNoTracking().Where(c => c.PlanId == planId && c.At <= at).ToListAsync(cancellationToken);
        var past = PlanHistory.AsOf(changes, at);
        if (past.Plan is null)
        {
            return null;
        }
        var names = await StructureNamesAsync(db, cancellationToken);
        return View(past.Plan, 0, past.Actions, _ => (0, null, null, false), names, access, filter, DateOnly.FromDateTime(FrenchTime.Local(at)), at);
    }

    /// <summary>The budget against the envelope; null when not a plan of this Cité.</summary>
    public async Task<PlanBudget?> BudgetAsync(CiteAccess access, Guid planId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }
        var actions = await db.PlanActions.AsNoTracking().Where(a => a.PlanId == planId && a.DeletedAt == null).ToListAsync(cancellationToken);
        return PlanBudget.Of(plan.Envelope, PlanTree.Build(plan.Statuses, actions.Select(a => a.Snapshot())));
    }

    /// <summary>
    /// The changes of one action (of the plan's own fields when <paramref name="actionId"/> is null), or of everything
    /// when <paramref name="wholePlan"/>; newest first.
    /// </summary>
    public async Task<IReadOnlyList<PlanChangeView>> HistoryAsync(CiteAccess access, Guid planId, Guid? actionId, bool wholePlan = false, int max = 200,
        CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return await db.PlanChanges.AsNoTracking()
            .Where(c => c.PlanId == planId && (wholePlan || c.ActionId == actionId))
            .OrderByDescending(c => c.Id)
            .Take(max)
            .Select(c => new PlanChangeView(c.Id, c.At, c.UserName, c.ActionId, c.Field, c.Before, c.After))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The name others see for this person (presence, « X modifie cette action »).</summary>
    public async Task<string> DisplayNameAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return (await ActorAsync(db, access, cancellationToken)).Name;
    }

    // ---- plumbing ----

    internal static PlanView View(PlanSnapshot plan, int planVersion, IEnumerable<PlanActionSnapshot> actions,
        Func<Guid, (int Version, DateTimeOffset? EditedAt, string? EditedByName, bool CanEdit)> stored,
        IReadOnlyDictionary<Guid, string> names, CiteAccess access, PlanFilter? filter, DateOnly today, DateTimeOffset? asOf)
    {
        var tree = PlanTree.Build(plan.Statuses, actions);
        bool matches(PlanTreeNode n) => filter is null ||
            ((filter.AxisId is not { } axis || n.AxisId == axis)
            && (filter.StatusCode is not { } status || n.Action.StatusCode == status)
            && (filter.PilotStructureId is not { } pilot || n.Action.PilotStructureId == pilot || n.Action.Partners.Any(p => p.StructureId == pilot && p.Role == PartnerRole.Pilote))
            && (filter.FreinCode is not { } frein || n.Action.FreinCodes.Contains(frein))
            && (!filter.LateOnly || tree.IsLate(n, today)));
        var matching = tree.Nodes.Where(matches).Select(n => n.Id).ToHashSet();
        var shown = new HashSet<Guid>(matching);
        if (filter is { IsEmpty: false })
        {
            foreach (var id in matching)
            {
                for (var p = tree.Find(id)!.Action.ParentId; p is { } parent && tree.Find(parent) is not null && shown.Add(parent); p = tree.Find(parent)!.Action.ParentId)
                {
                }
            }
        }
        var views = new List<PlanActionView>(shown.Count);
        foreach (var n in tree.Nodes.Where(n => shown.Contains(n.Id)))
        {
            var a = n.Action;
            var (version, editedAt, editedBy, canEdit) = stored(n.Id);
            var content = new PlanActionContent
            {
                Title = a.Title, Description = a.Description, PilotStructureId = a.PilotStructureId, Partners = a.Partners, Contact = a.Contact,
                FreinCodes = a.FreinCodes, PublicCodes = a.PublicCodes, QpvCodes = a.QpvCodes, StartDate = a.StartDate, DueDate = a.DueDate,
                StatusCode = a.StatusCode, ProgressMode = a.ProgressMode, ManualProgress = a.ManualProgress, Milestones = a.Milestones,
                BudgetLines = a.BudgetLines, ExternalId = a.ExternalId,
            };
            var level = n.Depth <= plan.Levels.Count ? plan.Levels[n.Depth - 1] : plan.Levels[^1];
            views.Add(new PlanActionView(n.Id, a.ParentId, n.Code, n.Depth, level, n.AxisId, content, version, n.Progress, tree.IsLate(n, today),
                BudgetTotals.Of(a.BudgetLines), a.Origin, n.ChildIds, editedAt, editedBy, canEdit && asOf is null, matching.Contains(n.Id)));
        }
        return new PlanView(plan.Id, plan.Title, plan.StartYear, plan.EndYear, plan.Envelope, plan.Levels, plan.Statuses, plan.State, plan.Decisions,
            planVersion, views, names, CanEditPlan(access) && asOf is null, CanValidate(access) && asOf is null, asOf);
    }

    /// <summary>The day lateness is judged on (UTC: at most an hour or two off French midnight, and never a surprise on a server).</summary>
    /// <summary>Today in France: an action due yesterday is late from midnight in Paris, not from midnight UTC.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow()));

    private static double? Between(List<PlanAction> ordered, int index) =>
        Card.PositionBetween(index > 0 ? ordered[index - 1].Position : null, index < ordered.Count ? ordered[index].Position : null);

    private enum ActionsToLoad
    {
        None,
        All,
    }

    /// <summary>A command's target: the plan, the actions it loaded, and their snapshots as loaded (for the history).</summary>
    private sealed class Work(AppDbContext db, Plan plan, List<PlanAction> actions)
    {
        public AppDbContext Db { get; } = db;

        public Plan Plan { get; } = plan;

        public PlanSnapshot PlanBefore { get; } = plan.Snapshot();

        public Dictionary<Guid, PlanActionSnapshot?> Before { get; } = actions.ToDictionary(a => a.Id, a => a.IsDeleted ? null : a.Snapshot());

        public List<PlanAction> Loaded { get; } = actions;

        /// <summary>The plan's actions not deleted (all of them when the command loaded the whole tree).</summary>
        public List<PlanAction> Live => [.. Loaded.Where(a => !a.IsDeleted)];

        public PlanAction Action(Guid id) => Loaded.FirstOrDefault(a => a.Id == id) ?? throw new CommandTargetMissingException();
    }

    private async Task<CommandResult> OnPlanAsync(CiteAccess access, Guid planId, ActionsToLoad load,
        Func<Work, PlanActor, DateTimeOffset, Task<string?>> change, CancellationToken cancellationToken)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return await RunAsync(db, access, planId, async plan => load == ActionsToLoad.All
            ? await db.PlanActions.Where(a => a.PlanId == planId).ToListAsync(cancellationToken)
            : [], _ => Task.FromResult(true), change, cancellationToken);
    }

    // A command on some actions: a partner only on the actions a structure of theirs pilots.
    private async Task<CommandResult> OnActionsAsync(CiteAccess access, Guid planId, IReadOnlyList<Guid> actionIds,
        Func<Work, PlanActor, DateTimeOffset, Task<string?>> change, CancellationToken cancellationToken)
    {
        if (!CanEditPlan(access) && !access.Can(CitePermission.Contribute))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var ids = actionIds.Distinct().ToList();
        return await RunAsync(db, access, planId,
            plan => db.PlanActions.Where(a => a.PlanId == planId && ids.Contains(a.Id)).ToListAsync(cancellationToken),
            async w => CanEditPlan(access)
                || (await OwnStructureAsync(db, access, cancellationToken) is { } own && w.Loaded.All(a => a.PilotingStructures.Contains(own))),
            change, cancellationToken);
    }

    private Task<CommandResult> RunAsync(AppDbContext db, CiteAccess access, Guid planId, Func<Plan, Task<List<PlanAction>>> loadActions,
        Func<Work, Task<bool>> mayChange, Func<Work, PlanActor, DateTimeOffset, Task<string?>> change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return CommandPipeline.RunAsync(
            db,
            load: async () =>
            {
                var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
                return plan is null ? null : new Work(db, plan, await loadActions(plan));
            },
            // inside the transaction: a link to a structure withdrawn at this instant refuses the command
            authorise: async w => await mayChange(w) ? await ActorAsync(db, access, cancellationToken) : null,
            refusal: CommandResult.Forbidden(),
            act: (w, actor) => change(w, actor, now),
            save: (w, actor) => SaveWithHistoryAsync(w, actor, now, cancellationToken),
            cancellationToken);
    }

    // The history rows are written by the same SaveChanges as the change: both are stored, or neither.
    private static async Task SaveWithHistoryAsync(Work w, PlanActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var citeId = w.Plan.CiteId;
        w.Db.PlanChanges.AddRange(PlanHistory.Diff(citeId, w.Plan.Id, w.PlanBefore, w.Plan.Snapshot(), actor, now));
        foreach (var action in w.Db.ChangeTracker.Entries<PlanAction>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList())
        {
            var before = w.Before.GetValueOrDefault(action.Id);
            if (before is null && action.DomainEvents.OfType<PlanActionRestored>().Any())
            {
                w.Db.PlanChanges.Add(PlanHistory.Restored(citeId, w.Plan.Id, action.Snapshot(), actor, now));
                continue;
            }
            w.Db.PlanChanges.AddRange(PlanHistory.Diff(citeId, w.Plan.Id, before, action.IsDeleted ? null : action.Snapshot(), actor, now));
        }
        await w.Db.SaveChangesAsync(cancellationToken);
    }

    // A new action goes after the last of its siblings, naming only the Cité's structures and QPVs.
    private static async Task<PlanAction> AddAtEndAsync(Work w, CiteAccess access, Guid? parentId, PlanActionContent content, ActionOrigin? origin,
        PlanActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = w.Live.Where(a => a.ParentId == parentId).Select(a => (double?)a.Position).Max();
        var references = await ReferencesAsync(w.Db, access, cancellationToken);
        var action = PlanAction.Add(w.Plan, parentId, Card.PositionBetween(last, null) ?? (last!.Value + 1), content, references, w.Live, origin, actor, now);
        w.Db.PlanActions.Add(action);
        return action;
    }

    /// <summary>What an action may name: the Cité's structures and QPVs.</summary>
    private static async Task<PlanReferences> ReferencesAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        var structures = await db.Structures.Select(s => s.Id).ToListAsync(cancellationToken);
        var qpvs = await db.Cites.Where(c => c.Id == access.CiteId).Select(c => c.Qpvs).SingleAsync(cancellationToken);
        return new PlanReferences(structures.ToHashSet(), qpvs.Select(q => q.Code).ToHashSet(StringComparer.Ordinal));
    }

    private static Task<Dictionary<Guid, string>> StructureNamesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

    /// <summary>The directory structure this member is linked to (see the directory's « partenaire lié »).</summary>
    private static Task<Guid?> OwnStructureAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken) =>
        access.UserId is null
            ? Task.FromResult<Guid?>(null)
            : db.Memberships.Where(m => m.UserId == access.UserId).Select(m => m.StructureId).SingleOrDefaultAsync(cancellationToken);

    private static async Task<PlanActor> ActorAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        return new PlanActor(access.UserId, await ActorNames.OfAsync(db, access, cancellationToken));
    }

    // ---- import (Features/Roadmap/Export; added after the rest, kept apart) ----

    /// <summary>
    /// Imports a CSV or XLSX file of the plan (<see cref="PlanSheet"/>): coordination only, all or nothing in one
    /// transaction, every change recorded in the history under the importer and published like any other once
    /// committed. A row that changes nothing writes nothing, so re-importing an export leaves the plan as it was.
    /// With <paramref name="apply"/> false, says what the import would do and writes nothing.
    /// </summary>
    public async Task<PlanImportReport> ImportAsync(CiteAccess access, Guid planId, PlanSheetFile file, bool apply, CancellationToken cancellationToken = default)
    {
        if (!CanEditPlan(access))
        {
            return PlanImportReport.Of(PlanImportOutcome.Forbidden);
        }
        if (!apply)
        {
            await using var db = await citeDb.CreateAsync(access, cancellationToken);
            var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return PlanImportReport.Of(PlanImportOutcome.Missing);
            }
            var work = new Work(db, plan, await db.PlanActions.Where(a => a.PlanId == planId).ToListAsync(cancellationToken));
            var preview = await ImportIntoAsync(work, access, file, await ActorAsync(db, access, cancellationToken), time.GetUtcNow(), cancellationToken);
            // the context is dropped unsaved: nothing of the preview is written
            return preview.Outcome == PlanImportOutcome.Refused ? preview : preview with { Outcome = PlanImportOutcome.Preview };
        }
        PlanImportReport? report = null;
        var result = await OnPlanAsync(access, planId, ActionsToLoad.All, async (w, actor, now) =>
        {
            report = await ImportIntoAsync(w, access, file, actor, now, cancellationToken);
            if (report.Outcome == PlanImportOutcome.Refused)
            {
                // leaves the pipeline without saving: the transaction rolls back, nothing is published
                throw new DomainValidationException(ValidationErrors.Of("Import", report.Summary));
            }
            return null;
        }, cancellationToken);
        return result switch
        {
            { Succeeded: true } => report! with { Outcome = PlanImportOutcome.Imported },
            { NotFound: true } => PlanImportReport.Of(PlanImportOutcome.Missing),
            { IsForbidden: true } => PlanImportReport.Of(PlanImportOutcome.Forbidden),
            _ => report ?? PlanImportReport.Refused([.. result.Errors.ByField.SelectMany(f => f.Value).Select(m => new PlanImportIssue(null, m))]),
        };
    }

    private static async Task<PlanImportReport> ImportIntoAsync(Work w, CiteAccess access, PlanSheetFile file, PlanActor actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var references = await ReferencesAsync(w.Db, access, cancellationToken);
        var live = w.Live;
        var prepared = PlanImporter.Prepare(file, w.Plan, live, await StructureNamesAsync(w.Db, cancellationToken), references);
        if (prepared.Issues.Count > 0)
        {
            return PlanImportReport.Refused(prepared.Issues);
        }
        var issues = new List<PlanImportIssue>();
        var idOfRow = new Dictionary<int, Guid>();
        int added = 0, modified = 0, unchanged = 0;
        double endOf(Guid? parentId, Guid? except)
        {
            var last = live.Where(a => a.ParentId == parentId && a.Id != except).Select(a => (double?)a.Position).Max();
            return Card.PositionBetween(last, null) ?? (last!.Value + 1);
        }
        foreach (var row in prepared.Rows)
        {
            Guid? parentId = row.Parent.ActionId;
            if (row.Parent.RowIndex is { } parentRow)
            {
                if (!idOfRow.TryGetValue(parentRow, out var id))
                {
                    continue; // its parent's row was refused: that refusal is reported
                }
                parentId = id;
            }
            try
            {
                if (row.Existing is { } action)
                {
                    var fields = action.Edit(w.Plan, row.Content, action.Content, action.Version, references, actor, now);
                    var moved = action.ParentId != parentId;
                    if (moved)
                    {
                        action.Move(w.Plan, parentId, endOf(parentId, action.Id), live, actor, now);
                    }
                    if (fields.Count > 0 || moved)
                    {
                        modified++;
                    }
                    else
                    {
                        unchanged++;
                    }
                    idOfRow[row.Index] = action.Id;
                }
                else
                {
                    var fresh = PlanAction.Add(w.Plan, parentId, endOf(parentId, null), row.Content, references, live, origin: null, actor, now);
                    w.Db.PlanActions.Add(fresh);
                    live.Add(fresh);
                    added++;
                    idOfRow[row.Index] = fresh.Id;
                }
            }
            catch (DomainValidationException ex)
            {
                issues.AddRange(ex.Errors.ByField.SelectMany(f => f.Value).Select(m => new PlanImportIssue(row.Line, m)));
            }
        }
        return issues.Count > 0 ? PlanImportReport.Refused(issues) : new PlanImportReport(PlanImportOutcome.Imported, added, modified, unchanged, []);
    }
}
