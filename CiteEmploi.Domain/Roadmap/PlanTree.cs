namespace CiteEmploi.Domain.Roadmap;

/// <summary>One action in its tree: its code (« 2.3.1 »), depth, axis and computed progress.</summary>
/// <param name="Depth">1 for the top level (an axis with the default labels).</param>
/// <param name="AxisId">The top-level action it belongs to (itself for a top-level one).</param>
public sealed record PlanTreeNode(PlanActionSnapshot Action, string Code, int Depth, Guid AxisId, int Progress, IReadOnlyList<Guid> ChildIds)
{
    public Guid Id => Action.Id;

    public bool HasChildren => ChildIds.Count > 0;
}

/// <summary>
/// The plan's actions as a tree, in reading order (depth first, siblings by position), with what is computed rather
/// than stored: codes from the place among siblings, progress per mode, lateness. It is built the same way from the
/// live actions and from the plan « as it was on » a date, so both read alike.
/// </summary>
public sealed class PlanTree
{
    private readonly Dictionary<Guid, PlanTreeNode> _byId;
    private readonly Dictionary<string, PlanStatus> _statuses;

    private PlanTree(List<PlanTreeNode> nodes, Dictionary<string, PlanStatus> statuses)
    {
        Nodes = nodes;
        _byId = nodes.ToDictionary(n => n.Id);
        _statuses = statuses;
    }

    /// <summary>Every action, depth first.</summary>
    public IReadOnlyList<PlanTreeNode> Nodes { get; }

    public PlanTreeNode? Find(Guid id) => _byId.GetValueOrDefault(id);

    public PlanStatus? StatusOf(PlanTreeNode node) => _statuses.GetValueOrDefault(node.Action.StatusCode);

    /// <summary>Due date passed on <paramref name="today"/> and still open (neither done, abandoned nor at 100 %).</summary>
    public bool IsLate(PlanTreeNode node, DateOnly today) =>
        node.Action.DueDate is { } due && due < today && node.Progress < 100
        && (StatusOf(node)?.Kind ?? StatusKind.Ouverte) == StatusKind.Ouverte;

    /// <summary>Builds the tree; an action whose parent is missing is shown at the top level rather than lost.</summary>
    public static PlanTree Build(IReadOnlyList<PlanStatus> statuses, IEnumerable<PlanActionSnapshot> actions)
    {
        var byStatus = statuses.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var all = actions.ToDictionary(a => a.Id);
        var children = all.Values
            .GroupBy(a => a.ParentId is { } p && all.ContainsKey(p) ? p : (Guid?)null)
            .ToDictionary(g => g.Key ?? Guid.Empty, g => g.OrderBy(a => a.Position).ThenBy(a => a.Id).ToList());
        var progress = new Dictionary<Guid, int>();

        int progressOf(PlanActionSnapshot a, HashSet<Guid> path)
        {
            if (progress.TryGetValue(a.Id, out var known))
            {
                return known;
            }
            var status = byStatus.GetValueOrDefault(a.StatusCode);
            var value = a.ProgressMode switch
            {
                ProgressMode.Manuel => a.ManualProgress,
                ProgressMode.SousActions when path.Add(a.Id) => FromChildren(a, status, children, path, progressOf, byStatus),
                _ => status?.DefaultProgress ?? 0,
            };
            progress[a.Id] = value;
            return value;
        }

        var nodes = new List<PlanTreeNode>(all.Count);
        void walk(Guid key, string prefix, int depth, Guid? axis, HashSet<Guid> seen)
        {
            if (!children.TryGetValue(key, out var list))
            {
                return;
            }
            for (var i = 0; i < list.Count; i++)
            {
                var a = list[i];
                if (!seen.Add(a.Id))
                {
                    continue; // a cycle cannot be stored, but a rebuilt past must not loop forever
                }
                var code = prefix.Length == 0 ? $"{i + 1}" : $"{prefix}.{i + 1}";
                var kids = children.TryGetValue(a.Id, out var k) ? k.Select(x => x.Id).ToList() : [];
                nodes.Add(new PlanTreeNode(a, code, depth, axis ?? a.Id, progressOf(a, []), kids));
                walk(a.Id, code, depth + 1, axis ?? a.Id, seen);
            }
        }
        walk(Guid.Empty, string.Empty, 1, null, []);
        return new PlanTree(nodes, byStatus);
    }

    private static int FromChildren(PlanActionSnapshot a, PlanStatus? status, Dictionary<Guid, List<PlanActionSnapshot>> children, HashSet<Guid> path,
        Func<PlanActionSnapshot, HashSet<Guid>, int> progressOf, Dictionary<string, PlanStatus> statuses)
    {
        var counted = (children.TryGetValue(a.Id, out var list) ? list : [])
            .Where(c => !path.Contains(c.Id) && statuses.GetValueOrDefault(c.StatusCode)?.Kind != StatusKind.Abandonnee)
            .ToList();
        if (counted.Count == 0)
        {
            return status?.DefaultProgress ?? 0; // nothing below yet: the status says where it stands
        }
        var sum = counted.Sum(c => progressOf(c, path));
        return (int)Math.Round(sum / (double)counted.Count, MidpointRounding.AwayFromZero);
    }

    // ---- tree rules on the live actions (used by PlanAction to guard its invariants) ----

    /// <summary>1 for a top-level action, 2 for its children…</summary>
    public static int DepthOf(PlanAction action, IReadOnlyCollection<PlanAction> actions)
    {
        var byId = actions.ToDictionary(a => a.Id);
        var depth = 1;
        var seen = new HashSet<Guid> { action.Id };
        for (var p = action.ParentId; p is { } id && byId.TryGetValue(id, out var parent) && seen.Add(id); p = parent.ParentId)
        {
            depth++;
        }
        return depth;
    }

    /// <summary>The number of levels of the subtree rooted at <paramref name="actionId"/> (1 for a leaf).</summary>
    public static int HeightOf(Guid actionId, IReadOnlyCollection<PlanAction> actions)
    {
        var children = actions.Where(a => !a.IsDeleted && a.ParentId is not null).ToLookup(a => a.ParentId!.Value);
        int height(Guid id, int guard) => guard > 64 ? 0 : 1 + children[id].Select(c => height(c.Id, guard + 1)).DefaultIfEmpty(0).Max();
        return height(actionId, 0);
    }

    /// <summary>Whether <paramref name="action"/> is <paramref name="ancestorId"/> or lies under it.</summary>
    public static bool IsDescendantOf(PlanAction action, Guid ancestorId, IReadOnlyCollection<PlanAction> actions)
    {
        var byId = actions.ToDictionary(a => a.Id);
        var seen = new HashSet<Guid>();
        for (Guid? id = action.Id; id is { } current && seen.Add(current); id = byId.TryGetValue(current, out var a) ? a.ParentId : null)
        {
            if (current == ancestorId)
            {
                return true;
            }
        }
        return false;
    }
}
