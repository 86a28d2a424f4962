using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Roadmap;

/// <summary>
/// One recorded change of a plan or of one of its actions: who, when, which field, the value before and after (JSON of
/// the field's value). A creation (and a restoration) carries the whole item in <see cref="After"/>, a deletion the whole item in
/// <see cref="Before"/>; a move is a change of <c>parentId</c> and <c>position</c>. Rows are only ever added.
/// </summary>
public sealed class PlanChange : ICiteOwned
{
    /// <summary>The <see cref="Field"/> of a creation.</summary>
    public const string Created = "+";

    /// <summary>The <see cref="Field"/> of a deletion.</summary>
    public const string Deleted = "-";

    /// <summary>The <see cref="Field"/> of a deleted action brought back: the whole item in <see cref="After"/>, replayed like a creation.</summary>
    public const string Restored = "*";

    public const int FieldMaxLength = 40;

    // EF Core materialisation
    private PlanChange()
    {
        UserName = Field = string.Empty;
    }

    public PlanChange(Guid citeId, Guid planId, Guid? actionId, DateTimeOffset at, PlanActor by, string field, string? before, string? after)
    {
        CiteId = citeId;
        PlanId = planId;
        ActionId = actionId;
        At = at.ToUniversalTime(); // one offset, so stored moments order as they happened
        UserId = by.UserId;
        UserName = Plan.Truncate(by.Name, Plan.ActorNameMaxLength);
        Field = field;
        Before = before;
        After = after;
    }

    /// <summary>Increasing in the order changes were stored: the order of replay.</summary>
    public long Id { get; private set; }

    public Guid CiteId { get; private set; }

    public Guid PlanId { get; private set; }

    /// <summary>The action changed; null for a change of the plan itself.</summary>
    public Guid? ActionId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The account of who made the change; null for the server operator.</summary>
    public string? UserId { get; private set; }

    public string UserName { get; private set; }

    /// <summary>The changed field's name in the snapshot's JSON (« dueDate »), or <see cref="Created"/> / <see cref="Deleted"/>.</summary>
    public string Field { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }
}

/// <summary>
/// Records changes as <see cref="PlanChange"/> rows by comparing snapshots before and after a command, and rebuilds
/// the plan « as it was on » a date by replaying them (docs/decisions/0014). Comparing snapshots rather than listing
/// fields in each command means a field added to a snapshot is recorded without anyone remembering to.
/// </summary>
public static class PlanHistory
{
    /// <summary>The JSON form of the history's values: camelCase, enums by name, decimals exact, French letters unescaped.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/> of one action (null = absent).</summary>
    public static IReadOnlyList<PlanChange> Diff(Guid citeId, Guid planId, PlanActionSnapshot? before, PlanActionSnapshot? after, PlanActor by, DateTimeOffset at) =>
        Diff(citeId, planId, (before ?? after)?.Id, Node(before), Node(after), by, at);

    /// <summary>A deleted action brought back, as it is now (<see cref="PlanChange.Restored"/>).</summary>
    public static PlanChange Restored(Guid citeId, Guid planId, PlanActionSnapshot after, PlanActor by, DateTimeOffset at) =>
        new(citeId, planId, after.Id, at, by, PlanChange.Restored, null, Node(after)!.ToJsonString(Json));

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/> of the plan itself (null = absent).</summary>
    public static IReadOnlyList<PlanChange> Diff(Guid citeId, Guid planId, PlanSnapshot? before, PlanSnapshot? after, PlanActor by, DateTimeOffset at) =>
        Diff(citeId, planId, null, Node(before), Node(after), by, at);

    private static List<PlanChange> Diff(Guid citeId, Guid planId, Guid? actionId, JsonObject? before, JsonObject? after, PlanActor by, DateTimeOffset at)
    {
        if (before is null && after is null)
        {
            return [];
        }
        if (before is null)
        {
            return [new PlanChange(citeId, planId, actionId, at, by, PlanChange.Created, null, after!.ToJsonString(Json))];
        }
        if (after is null)
        {
            return [new PlanChange(citeId, planId, actionId, at, by, PlanChange.Deleted, before.ToJsonString(Json), null)];
        }
        var changes = new List<PlanChange>();
        foreach (var (field, value) in after)
        {
            var old = before[field];
            if (!JsonNode.DeepEquals(old, value))
            {
                changes.Add(new PlanChange(citeId, planId, actionId, at, by, field, old?.ToJsonString(Json) ?? "null", value?.ToJsonString(Json) ?? "null"));
            }
        }
        return changes;
    }

    /// <summary>
    /// The plan and its actions as they were at <paramref name="at"/>, from the plan's changes (any order: they are
    /// replayed by time, then by storage order). Null plan when it did not exist yet.
    /// </summary>
    public static PlanAsOf AsOf(IEnumerable<PlanChange> changes, DateTimeOffset at)
    {
        JsonObject? plan = null;
        var actions = new Dictionary<Guid, JsonObject>();
        foreach (var change in changes.Where(c => c.At <= at).OrderBy(c => c.At).ThenBy(c => c.Id))
        {
            if (change.ActionId is not { } actionId)
            {
                plan = Replay(plan, change);
                continue;
            }
            var replayed = Replay(actions.GetValueOrDefault(actionId), change);
            if (replayed is null)
            {
                actions.Remove(actionId);
            }
            else
            {
                actions[actionId] = replayed;
            }
        }
        return new PlanAsOf(
            at,
            plan?.Deserialize<PlanSnapshot>(Json),
            [.. actions.Values.Select(a => a.Deserialize<PlanActionSnapshot>(Json)!)]);
    }

    private static JsonObject? Replay(JsonObject? item, PlanChange change)
    {
        switch (change.Field)
        {
            case PlanChange.Created:
            case PlanChange.Restored:
                return JsonNode.Parse(change.After!)!.AsObject();
            case PlanChange.Deleted:
                return null;
            default:
                if (item is not null)
                {
                    item[change.Field] = change.After is null ? null : JsonNode.Parse(change.After);
                }
                return item;
        }
    }

    private static JsonObject? Node<T>(T? snapshot)
        where T : class =>
        snapshot is null ? null : JsonSerializer.SerializeToNode(snapshot, Json)!.AsObject();
}

/// <summary>The plan as it was at one moment, rebuilt from its history.</summary>
public sealed record PlanAsOf(DateTimeOffset At, PlanSnapshot? Plan, IReadOnlyList<PlanActionSnapshot> Actions)
{
    /// <summary>The actions as a tree, with the plan's statuses of that moment.</summary>
    public PlanTree Tree() => PlanTree.Build(Plan?.Statuses ?? [], Actions);
}
