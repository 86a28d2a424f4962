using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Web.Components.Pages.Sessions;

/// <summary>Where an item goes: under <see cref="ParentId"/> (null: the top level), at <see cref="Index"/> among its new siblings.</summary>
public sealed record AgendaMove(Guid ItemId, Guid? ParentId, int Index);

/// <summary>
/// The agenda editor's moves (« Monter », « Descendre », « Indenter », « Désindenter », a drop), as the domain's
/// <see cref="Session.MoveItem"/> takes them: the index counts the new siblings without the moved item. Null when the
/// move cannot be made (the first item up, a sub-item indented again, an item with sub-items put under another).
/// </summary>
public static class AgendaMoves
{
    public static AgendaMove? Up(IReadOnlyList<AgendaItem> items, Guid itemId) => By(items, itemId, -1);

    public static AgendaMove? Down(IReadOnlyList<AgendaItem> items, Guid itemId) => By(items, itemId, +1);

    /// <summary>Becomes the last sub-item of the top-level item just above it.</summary>
    public static AgendaMove? Indent(IReadOnlyList<AgendaItem> items, Guid itemId)
    {
        if (Find(items, itemId) is not { ParentId: null } item || items.Any(i => i.ParentId == item.Id))
        {
            return null;
        }
        var siblings = Siblings(items, null);
        var at = siblings.FindIndex(i => i.Id == itemId);
        if (at <= 0)
        {
            return null;
        }
        var parent = siblings[at - 1];
        return new AgendaMove(itemId, parent.Id, items.Count(i => i.ParentId == parent.Id));
    }

    /// <summary>A sub-item comes back to the top level, just after its parent.</summary>
    public static AgendaMove? Outdent(IReadOnlyList<AgendaItem> items, Guid itemId)
    {
        if (Find(items, itemId) is not { ParentId: { } parentId })
        {
            return null;
        }
        return new AgendaMove(itemId, null, Siblings(items, null).FindIndex(i => i.Id == parentId) + 1);
    }

    public static bool CanIndent(IReadOnlyList<AgendaItem> items, Guid itemId) => Indent(items, itemId) is not null;

    /// <summary>
    /// A drop on <paramref name="targetId"/> (null: the end of the agenda): the item takes the target's place, as in
    /// any sortable list — after it when coming from above, before it when coming from below (no pointer position, so
    /// the result does not depend on where exactly the pointer was). It takes the target's level, except an item with
    /// sub-items, which stays at the top level (next to the sub-item's parent).
    /// </summary>
    public static AgendaMove? Drop(IReadOnlyList<AgendaItem> items, Guid itemId, Guid? targetId)
    {
        if (Find(items, itemId) is not { } item)
        {
            return null;
        }
        if (targetId is null)
        {
            return Changes(items, new AgendaMove(itemId, null, Siblings(items, null).Count(i => i.Id != itemId)));
        }
        if (Find(items, targetId.Value) is not { } target || target.Id == itemId || target.ParentId == itemId)
        {
            return null;
        }
        if (target.ParentId is { } parentId && (items.Any(i => i.ParentId == itemId)))
        {
            // an item with sub-items cannot go one level down: it lands next to the sub-item's parent
            target = Find(items, parentId)!;
            if (target.Id == itemId)
            {
                return null;
            }
        }
        var after = IndexOf(items, itemId) < IndexOf(items, target.Id);
        var siblings = Siblings(items, target.ParentId).Where(i => i.Id != itemId).ToList();
        var index = siblings.FindIndex(i => i.Id == target.Id) + (after ? 1 : 0);
        return Changes(items, new AgendaMove(itemId, target.ParentId, index));
    }

    /// <summary>The move, or null when it would leave the agenda as it is.</summary>
    private static AgendaMove? Changes(IReadOnlyList<AgendaItem> items, AgendaMove move)
    {
        var item = Find(items, move.ItemId)!;
        var siblings = Siblings(items, item.ParentId);
        return item.ParentId == move.ParentId && siblings.FindIndex(i => i.Id == item.Id) == move.Index ? null : move;
    }

    private static AgendaMove? By(IReadOnlyList<AgendaItem> items, Guid itemId, int step)
    {
        if (Find(items, itemId) is not { } item)
        {
            return null;
        }
        var siblings = Siblings(items, item.ParentId);
        var to = siblings.FindIndex(i => i.Id == itemId) + step;
        return to < 0 || to >= siblings.Count ? null : new AgendaMove(itemId, item.ParentId, to);
    }

    private static int IndexOf(IReadOnlyList<AgendaItem> items, Guid id)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }

    private static AgendaItem? Find(IReadOnlyList<AgendaItem> items, Guid id) => items.FirstOrDefault(i => i.Id == id);

    private static List<AgendaItem> Siblings(IReadOnlyList<AgendaItem> items, Guid? parentId) => [.. items.Where(i => i.ParentId == parentId)];
}
