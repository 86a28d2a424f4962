using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Cooperation;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Indicators;
using CiteEmploi.Web.Features.Referrals;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Cooperation;

/// <summary>
/// A structure on the map: its partners, its occasions by kind (actions, sessions, referrals sent or received), the
/// referrals it sent and received along its links, and the weight of its links.
/// </summary>
public sealed record CooperationNodeView(Guid Id, string Name, int Partners, int Actions, int Sessions, int Weight, int Sent = 0, int Received = 0);

/// <summary>
/// Two structures linked: by how many actions co-piloted, sessions shared and referrals (<see cref="Forward"/> from
/// <see cref="From"/> to <see cref="To"/>, <see cref="Backward"/> the other way).
/// </summary>
public sealed record CooperationEdgeView(Guid From, Guid To, int Actions, int Sessions, int Forward = 0, int Backward = 0)
{
    public int Orientations => Forward + Backward;

    public int Weight => Actions + Sessions + Orientations;

    /// <summary>The kind the edge is drawn in: the one with more occasions, actions then sessions on a tie.</summary>
    public LinkKind MainKind => Orientations > Math.Max(Actions, Sessions) ? LinkKind.Orientation : Sessions > Actions ? LinkKind.Seance : LinkKind.Action;
}

/// <summary>A link that appeared or disappeared from one period to the next, by the two structures' names.</summary>
public sealed record CooperationLinkChange(string From, string To);

/// <summary>
/// The cooperation page for one period (plain data: it crosses from the prerender to the interactive page): the linked
/// structures and their links, the structures without any, the density, and the evolution from the previous period.
/// </summary>
public sealed record CooperationView(string PeriodCode, string PreviousCode, bool NotBegun, int Structures, IReadOnlyList<CooperationNodeView> Linked,
    IReadOnlyList<string> Isolated, IReadOnlyList<CooperationEdgeView> Edges, double Density, int PreviousLinks, double PreviousDensity,
    IReadOnlyList<CooperationLinkChange> NewLinks, IReadOnlyList<CooperationLinkChange> LostLinks, int KeptLinks)
{
    public Period Period => Period.Parse(PeriodCode);

    public Period Previous => Period.Parse(PreviousCode);

    /// <summary>The names of a structure's partners, in the table's order.</summary>
    public IEnumerable<string> PartnersOf(Guid id) => Edges.Where(e => e.From == id || e.To == id)
        .Select(e => Linked.First(n => n.Id == (e.From == id ? e.To : e.From)).Name)
        .Order(StringComparer.Create(FrenchCulture.Culture, ignoreCase: true));
}

/// <summary>
/// The cooperation map of a Cité (issue 16, docs/decisions/0034 and 0035): its directory's structures linked by the
/// actions of its feuilles de route (pilot and partners, as the plans were at the end of the period, the actions whose
/// dates meet it, except those then « abandonnée »), by the sessions held in the period (the structures present, or
/// invited when no attendance was taken) and by the referrals recorded for a day of the period (from the orienting
/// structure to the service's), and the same for the previous period. Derived from what is stored, nothing kept.
/// Members read it.
/// </summary>
public sealed class CooperationService(CiteDbContextFactory dbs, TimeProvider time)
{
    /// <summary>The period the page opens on: the current year (links add up over a year; a quarter is often thin).</summary>
    public Period DefaultPeriod => Period.Containing(Today, PeriodKind.Annee);

    public DateOnly Today => DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow()));

    /// <summary>The map of one period and its evolution; null without the read right.</summary>
    public async Task<CooperationView?> ViewAsync(CiteAccess access, Period period, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var now = time.GetUtcNow();
        var today = Today;
        var previous = period.Previous();
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var structures = await db.Structures.AsNoTracking().Select(s => new CooperationStructure(s.Id, s.Name)).ToListAsync(cancellationToken);
        var sessions = (await CountedValues.HeldAsync(db, previous.Start, period.End, today, cancellationToken)).Select(CooperationOccasion.Of).ToList();
        var referrals = (await ReferralService.InPeriodAsync(db, previous, cancellationToken)).Concat(await ReferralService.InPeriodAsync(db, period, cancellationToken))
            .Select(r => CooperationOccasion.Referral(r.FromStructureId, r.ToStructureId, r.Date)).ToList();

        async Task<CooperationGraph> GraphAsync(Period p)
        {
            if (p.Start > today)
            {
                return CooperationGraph.Build(structures, []);
            }
            var end = FrenchTime.EndOf(p.End);
            var plans = await CountedValues.PlansAsOfAsync(db, end < now ? end : now, cancellationToken);
            // an action given up (« abandonnée ») at the end of the period links nobody
            var actions = plans.SelectMany(t => t.Tree.Nodes.Where(n => t.Tree.StatusOf(n)?.Kind != StatusKind.Abandonnee)).Select(n => CooperationOccasion.Of(n.Action));
            return CooperationGraph.For(p, structures, actions.Concat(sessions).Concat(referrals));
        }

        var current = await GraphAsync(period);
        var before = await GraphAsync(previous);
        var evolution = CooperationEvolution.Between(current, before);
        var names = structures.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().Name);
        var french = StringComparer.Create(FrenchCulture.Culture, ignoreCase: true);
        List<CooperationLinkChange> Named(IEnumerable<(Guid From, Guid To)> pairs) =>
            [.. pairs.Select(p => new[] { names[p.From], names[p.To] }.Order(french).ToArray())
                .Select(n => new CooperationLinkChange(n[0], n[1]))
                .OrderBy(c => c.From, french).ThenBy(c => c.To, french)];

        return new CooperationView(period.Code, previous.Code, period.Start > today, current.Nodes.Count,
            [.. current.Nodes.Where(n => !n.IsIsolated).Select(n => new CooperationNodeView(n.Id, n.Name, n.Partners, n.Occasions[LinkKind.Action], n.Occasions[LinkKind.Seance], n.Weight,
                current.Edges.Sum(e => e.From == n.Id || e.To == n.Id ? e.SentBy(n.Id) : 0),
                current.Edges.Sum(e => e.From == n.Id ? e.SentBy(e.To) : e.To == n.Id ? e.SentBy(e.From) : 0)))],
            [.. current.Isolated.Select(n => n.Name)],
            [.. current.Edges.Select(e => new CooperationEdgeView(e.From, e.To, e.Weights[LinkKind.Action], e.Weights[LinkKind.Seance], e.SentBy(e.From), e.SentBy(e.To)))],
            current.Density, before.Edges.Count, before.Density, Named(evolution.New), Named(evolution.Lost), evolution.Kept);
    }
}
