using CiteEmploi.Domain.Roadmap;
using System.Collections.Concurrent;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Roadmap;

/// <summary>
/// The last stored state of each open plan, read once per change and shared by its viewers: after an edit, twenty
/// people on the plan's page each built their view from their own read of its 500 actions; now the first reads and
/// the others build their view (their rights, their filters) from the same copy (<see cref="SharedSnapshots{T}"/>). A
/// copy is stale once one of the plan's events reaches the bus, and is read again after <see cref="MaxAge"/> anyway:
/// it holds the directory's structure names, which change without a plan event.
/// </summary>
/// <param name="bus">The bus whose plan events make copies stale; null for a copy store nobody changes (tests of the store itself).</param>
public sealed class PlanSnapshots(TimeProvider time, ILiveBus? bus = null)
    : SharedSnapshots<PlanCopy>(time, bus, (_, message) => message is IPlanEvent change ? change.PlanId : null, MaxAge)
{
    /// <summary>How long a copy of a plan nobody changed is used: a renamed structure shows within this time.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
}

/// <summary>
/// A plan and its actions not deleted as stored at one moment, with the Cité's structure names; read-only (no
/// tracking, never modified), shared by every viewer of the plan.
/// </summary>
public sealed record PlanCopy(Plan Plan, IReadOnlyList<PlanAction> Actions, IReadOnlyDictionary<Guid, string> Names)
{
    /// <summary>The actions' snapshots, in the order of <see cref="Actions"/> (what the tree and the views are built from).</summary>
    public IReadOnlyList<PlanActionSnapshot> Snapshots { get; } = [.. Actions.Select(a => a.Snapshot())];

    /// <summary>How many different views of one copy are kept (rights × filters × day); past it, views are built and not kept.</summary>
    public const int MaxViews = 64;

    private readonly ConcurrentDictionary<PlanViewKey, PlanView> _views = new();
    private PlanBudget? _budget;

    /// <summary>The actions by id.</summary>
    public IReadOnlyDictionary<Guid, PlanAction> ById { get; } = Actions.ToDictionary(a => a.Id);

    /// <summary>The budget against the envelope: the same for every reader of this copy, computed once.</summary>
    public PlanBudget Budget => _budget ??= PlanBudget.Of(Plan.Envelope, PlanTree.Build(Plan.Statuses, Snapshots));

    /// <summary>
    /// The view of this copy for one set of rights, filter and day, built once and shared by the viewers who have the
    /// same: after a change, the plan's viewers of one structure build one view of its 500 actions, not one each. The
    /// views are read-only records, like the copy.
    /// </summary>
    public PlanView ViewFor(PlanViewKey key, Func<PlanView> build)
    {
        if (_views.TryGetValue(key, out var kept))
        {
            return kept;
        }
        var view = build();
        return _views.Count < MaxViews ? _views.GetOrAdd(key, view) : view;
    }
}

/// <summary>What a view of a plan copy depends on besides the copy: the reader's rights, the filter and the day.</summary>
public sealed record PlanViewKey(bool CanEditPlan, bool CanValidate, Guid? OwnStructureId, PlanFilter? Filter, DateOnly Today);
