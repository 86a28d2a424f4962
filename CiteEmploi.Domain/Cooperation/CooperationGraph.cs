using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Domain.Cooperation;

/// <summary>What links two structures of a Cité in the cooperation map.</summary>
public enum LinkKind
{
    /// <summary>Pilot, co-pilot or partner of the same action of the feuille de route.</summary>
    Action,

    /// <summary>People of both structures at the same session held.</summary>
    Seance,

    /// <summary>A referral recorded from one structure towards a service of the other (directed, docs/decisions/0035).</summary>
    Orientation,
}

public static class LinkKinds
{
    public static IReadOnlyList<LinkKind> All { get; } = Enum.GetValues<LinkKind>();

    public static string Label(this LinkKind kind) => kind switch
    {
        LinkKind.Action => "Actions co-pilotées",
        LinkKind.Seance => "Séances communes",
        _ => "Orientations",
    };
}

/// <summary>A structure of the Cité (the directory's), a node of the map.</summary>
public sealed record CooperationStructure(Guid Id, string Name);

/// <summary>
/// One occasion of working together: an action (its pilot and partners, between its start and due dates, either open),
/// a session (its structures, on its day) or a referral (from one structure to another, on its day: <see cref="Origin"/>
/// is the structure that oriented). Two structures of the same occasion are linked once by it.
/// </summary>
public sealed record CooperationOccasion(LinkKind Kind, IReadOnlyCollection<Guid> Structures, DateOnly? Start = null, DateOnly? End = null, Guid? Origin = null)
{
    /// <summary>A referral from one structure to the structure of the service it oriented towards, on its day.</summary>
    public static CooperationOccasion Referral(Guid from, Guid to, DateOnly date) => new(LinkKind.Orientation, [from, to], date, date, from);

    /// <summary>Whether the occasion overlaps the period (an open bound overlaps everything on its side).</summary>
    public bool During(Period period) => (Start is not { } start || start <= period.End) && (End is not { } end || end >= period.Start);

    /// <summary>An action's pilot and partners, between its start and due dates.</summary>
    public static CooperationOccasion Of(PlanActionSnapshot action) =>
        new(LinkKind.Action, [.. action.Partners.Select(p => p.StructureId).Concat(action.PilotStructureId is { } pilot ? [pilot] : []).Distinct()],
            action.StartDate, action.DueDate);

    /// <summary>
    /// A session's structures: those of the people checked in; when nobody was checked in (no attendance sheet kept),
    /// those of the people invited who did not decline. People without a structure of the directory are not counted.
    /// </summary>
    public static CooperationOccasion Of(Session session)
    {
        var present = session.Participants.Where(p => p.ArrivedAt is not null).ToList();
        var taking = present.Count > 0 ? present : [.. session.Participants.Where(p => p.Answer != InvitationAnswer.Non)];
        return new(LinkKind.Seance, [.. taking.Where(p => p.StructureId is not null).Select(p => p.StructureId!.Value).Distinct()], session.Date, session.Date);
    }
}

/// <summary>
/// Two structures linked, and by how many occasions of each kind; <see cref="Oriented"/> says how many of its referrals
/// each end sent (the referrals are directed, the link is not).
/// </summary>
public sealed record CooperationEdge(Guid From, Guid To, IReadOnlyDictionary<LinkKind, int> Weights, IReadOnlyDictionary<Guid, int> Oriented)
{
    public int Weight => Weights.Values.Sum();

    /// <summary>Referrals sent by <paramref name="structure"/> along this link.</summary>
    public int SentBy(Guid structure) => Oriented.GetValueOrDefault(structure);

    /// <summary>The kind with the most occasions (the first kind on a tie): the edge's colour.</summary>
    public LinkKind MainKind => LinkKinds.All.OrderByDescending(k => Weights.GetValueOrDefault(k)).First();

    public (Guid, Guid) Pair => (From, To);
}

/// <summary>A structure of the map: its number of partners (structures linked to it), its occasions by kind, and the sum of its edges' weights.</summary>
public sealed record CooperationNode(Guid Id, string Name, int Partners, IReadOnlyDictionary<LinkKind, int> Occasions, int Weight)
{
    public bool IsIsolated => Partners == 0;
}

/// <summary>
/// The cooperation map of a Cité (issue 16, docs/decisions/0034): its structures, linked two by two by the occasions
/// they shared — an edge's weight per kind is the number of such occasions. Deterministic: nodes by name, edges by
/// their pair. The density is the share of the possible pairs that are linked.
/// </summary>
public sealed class CooperationGraph
{
    private CooperationGraph(IReadOnlyList<CooperationNode> nodes, IReadOnlyList<CooperationEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    public IReadOnlyList<CooperationNode> Nodes { get; }

    public IReadOnlyList<CooperationEdge> Edges { get; }

    public IEnumerable<CooperationNode> Isolated => Nodes.Where(n => n.IsIsolated);

    /// <summary>Linked pairs over possible pairs (0 with fewer than two structures), between 0 and 1.</summary>
    public double Density => Nodes.Count < 2 ? 0 : Edges.Count / (Nodes.Count * (Nodes.Count - 1) / 2.0);

    /// <summary>The map of the occasions of the period.</summary>
    public static CooperationGraph For(Period period, IEnumerable<CooperationStructure> structures, IEnumerable<CooperationOccasion> occasions) =>
        Build(structures, occasions.Where(o => o.During(period)));

    /// <summary>
    /// The map of these occasions. A structure of an occasion that is not among <paramref name="structures"/> (removed from
    /// the directory) is left out, so every node has a name.
    /// </summary>
    public static CooperationGraph Build(IEnumerable<CooperationStructure> structures, IEnumerable<CooperationOccasion> occasions)
    {
        var known = structures.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().Name);
        var weights = new Dictionary<(Guid, Guid), Dictionary<LinkKind, int>>();
        var oriented = new Dictionary<(Guid, Guid), Dictionary<Guid, int>>();
        var taken = known.Keys.ToDictionary(id => id, _ => LinkKinds.All.ToDictionary(k => k, _ => 0));
        foreach (var occasion in occasions)
        {
            var members = occasion.Structures.Where(known.ContainsKey).Distinct().Order().ToList();
            if (members.Count < 2)
            {
                continue;
            }
            foreach (var id in members)
            {
                taken[id][occasion.Kind]++;
            }
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    var edge = weights.TryGetValue((members[i], members[j]), out var w) ? w : weights[(members[i], members[j])] = LinkKinds.All.ToDictionary(k => k, _ => 0);
                    edge[occasion.Kind]++;
                }
            }
            if (occasion.Origin is { } origin && members.Count == 2 && members.Contains(origin))
            {
                var sent = oriented.TryGetValue((members[0], members[1]), out var o) ? o : oriented[(members[0], members[1])] = [];
                sent[origin] = sent.GetValueOrDefault(origin) + 1;
            }
        }
        var edges = weights.OrderBy(e => e.Key.Item1).ThenBy(e => e.Key.Item2)
            .Select(e => new CooperationEdge(e.Key.Item1, e.Key.Item2, e.Value, oriented.TryGetValue(e.Key, out var sent) ? sent : new Dictionary<Guid, int>())).ToList();
        var nodes = known
            .Select(s => new CooperationNode(s.Key, s.Value,
                edges.Count(e => e.From == s.Key || e.To == s.Key), taken[s.Key],
                edges.Where(e => e.From == s.Key || e.To == s.Key).Sum(e => e.Weight)))
            .OrderBy(n => n.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true)).ThenBy(n => n.Id)
            .ToList();
        return new CooperationGraph(nodes, edges);
    }

    /// <summary>The edge between two structures, in either order; null when they are not linked.</summary>
    public CooperationEdge? Between(Guid a, Guid b) => Edges.FirstOrDefault(e => e.Pair == Ordered(a, b));

    internal static (Guid, Guid) Ordered(Guid a, Guid b) => a.CompareTo(b) <= 0 ? (a, b) : (b, a);
}

/// <summary>
/// How a Cité's map changed from one period to the next: the pairs linked now and not before (new), before and not now
/// (lost), both (kept), and the two densities.
/// </summary>
public sealed record CooperationEvolution(IReadOnlyList<(Guid From, Guid To)> New, IReadOnlyList<(Guid From, Guid To)> Lost, int Kept, double Density, double PreviousDensity)
{
    public static CooperationEvolution Between(CooperationGraph current, CooperationGraph previous)
    {
        var now = current.Edges.Select(e => e.Pair).ToHashSet();
        var before = previous.Edges.Select(e => e.Pair).ToHashSet();
        return new CooperationEvolution(
            [.. current.Edges.Select(e => e.Pair).Where(p => !before.Contains(p))],
            [.. previous.Edges.Select(e => e.Pair).Where(p => !now.Contains(p))],
            now.Count(before.Contains), current.Density, previous.Density);
    }
}
