using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Roadmap;

/// <summary>One plan in the Cité's list.</summary>
public sealed record PlanSummary(Guid Id, string Title, int StartYear, int EndYear, PlanState State, int ActionCount, DateTimeOffset CreatedAt, decimal Envelope = 0);

/// <summary>What the plan page shows at once (<see cref="PlanService.GetPageAsync"/>): the view as filtered, the whole plan's, the budget.</summary>
public sealed record PlanPageData(PlanView View, PlanView All, PlanBudget Budget);

/// <summary>
/// What a table, a kanban, a timeline or a printable page of a plan needs, in one read: the plan, its actions in
/// reading order (depth first) with their computed code, progress and lateness, the names of the structures they
/// name, and what this person may do. A filtered view keeps the ancestors of the matching actions, marked as not
/// matching, so a tree keeps its context.
/// </summary>
/// <param name="AsOf">Set when this is the plan as it was at that moment (read only).</param>
public sealed record PlanView(
    Guid Id,
    string Title,
    int StartYear,
    int EndYear,
    decimal Envelope,
    IReadOnlyList<string> Levels,
    IReadOnlyList<PlanStatus> Statuses,
    PlanState State,
    IReadOnlyList<PlanDecision> Decisions,
    int Version,
    IReadOnlyList<PlanActionView> Actions,
    IReadOnlyDictionary<Guid, string> StructureNames,
    bool CanEditPlan,
    bool CanValidate,
    DateTimeOffset? AsOf)
{
    /// <summary>The actions matching the filter (all when there is none).</summary>
    public IEnumerable<PlanActionView> Matching => Actions.Where(a => a.Matches);

    public string StatusLabel(string code) => Statuses.FirstOrDefault(s => s.Code == code)?.Label ?? code;

    public string? StructureName(Guid? id) => id is { } x ? StructureNames.GetValueOrDefault(x) : null;
}

/// <summary>One action as the views show it; <see cref="Content"/> and <see cref="Version"/> are the basis of an edit.</summary>
/// <param name="LevelLabel">The plan's label of its level (« Objectif »).</param>
/// <param name="Progress">Computed per its mode (0–100).</param>
/// <param name="Budget">The sum of its own budget lines.</param>
/// <param name="CanEdit">Whether this person may edit it (coordination, or a member of a structure that pilots it).</param>
/// <param name="Matches">False for an ancestor kept only to show where a matching action sits.</param>
public sealed record PlanActionView(
    Guid Id,
    Guid? ParentId,
    string Code,
    int Depth,
    string LevelLabel,
    Guid AxisId,
    PlanActionContent Content,
    int Version,
    int Progress,
    bool IsLate,
    BudgetTotals Budget,
    ActionOrigin? Origin,
    IReadOnlyList<Guid> ChildIds,
    DateTimeOffset? EditedAt,
    string? EditedByName,
    bool CanEdit,
    bool Matches)
{
    public string Title => Content.Title;
}

/// <summary>Which actions to show: every criterion given must hold (none: all).</summary>
/// <param name="AxisId">A top-level action: it and everything under it.</param>
/// <param name="PilotStructureId">Piloted or co-piloted by this structure.</param>
/// <param name="LateOnly">Due date passed and still open, as of today.</param>
public sealed record PlanFilter(Guid? AxisId = null, string? StatusCode = null, Guid? PilotStructureId = null, string? FreinCode = null, bool LateOnly = false)
{
    public bool IsEmpty => this == new PlanFilter();
}

/// <summary>One change of the history, newest first in lists.</summary>
/// <param name="Field">The field's name in the snapshot (« dueDate »), or « + » (created) / « - » (deleted).</param>
public sealed record PlanChangeView(long Id, DateTimeOffset At, string UserName, Guid? ActionId, string Field, string? Before, string? After);

/// <summary>
/// A change applied to several actions at once (a workshop's « tout passe en cours »). Null means « leave as it is »;
/// <see cref="ClearPilot"/> and <see cref="ClearDates"/> empty a field on purpose.
/// </summary>
public sealed record PlanBulkChange(string? StatusCode = null, Guid? PilotStructureId = null, bool ClearPilot = false,
    DateOnly? StartDate = null, DateOnly? DueDate = null, bool ClearDates = false);

/// <summary>The outcome of an action edit; on a conflict, both versions so nothing is lost.</summary>
public sealed record PlanActionEditResult(CommandResult Result, PlanActionConflictView? Conflict = null);

/// <summary>What is stored now and what the person wrote, with the fields both changed.</summary>
public sealed record PlanActionConflictView(PlanActionContent Current, PlanActionContent Yours, int CurrentVersion, string? EditedByName, IReadOnlyList<string> Fields);

/// <summary>
/// What an action was made from, as its page names it: « <paramref name="Lead"/> « <paramref name="Title"/> »<paramref name="Tail"/> »,
/// the title a link to <paramref name="Path"/> (below the Cité's address: <c>tableaux/{id}</c>, <c>seances/{id}</c>).
/// </summary>
public sealed record ActionOriginView(string Lead, string Path, string Title, string Tail);

/// <summary>A deleted action, for « Actions supprimées » and « Annuler la suppression ».</summary>
/// <param name="ParentTitle">The title of the action it sat under (null at the top level).</param>
public sealed record DeletedActionView(Guid Id, string Title, string? ParentTitle, DateTimeOffset DeletedAt, string? DeletedByName);
