using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>One place of a service offered at several: the service there, its address, and how far with « près de ».</summary>
public sealed record ServicePlace(Guid ServiceId, string Address, NearDistance? Distance);

/// <summary>
/// The published services of one Cité grouped by <see cref="ServiceFamily.KeyOf(CiteEmploi.Domain.Annuaire.Service, CiteEmploi.Domain.Annuaire.Structure)"/>: only the groups of two services or
/// more are kept (most services are alone). Read-only once built; shared until the directory changes.
/// </summary>
public sealed class ServiceFamilies
{
    private readonly Dictionary<Guid, Guid[]> _siblings;

    private ServiceFamilies(Dictionary<Guid, Guid[]> siblings) => _siblings = siblings;

    /// <summary>The services identical to this one (itself included, in a stable order), or none when it is alone.</summary>
    public IReadOnlyList<Guid> SiblingsOf(Guid serviceId) => _siblings.TryGetValue(serviceId, out var siblings) ? siblings : [];

    /// <summary>How many services have at least one identical sibling.</summary>
    public int Count => _siblings.Count;

    /// <summary>Groups services by their key (service id, its key).</summary>
    public static ServiceFamilies Build(IEnumerable<(Guid ServiceId, string Key)> services)
    {
        var siblings = new Dictionary<Guid, Guid[]>();
        foreach (var group in services.GroupBy(s => s.Key, StringComparer.Ordinal))
        {
            var ids = group.Select(s => s.ServiceId).Order().ToArray();
            if (ids.Length < 2)
            {
                continue;
            }
            foreach (var id in ids)
            {
                siblings[id] = ids;
            }
        }
        return new ServiceFamilies(siblings);
    }
}

/// <summary>
/// The Cités' <see cref="ServiceFamilies"/>, read once per change of their directory (a projection: ids, names,
/// thématiques and structures) and shared, stale at the Cité's next directory message as <see cref="DirectoryPositionSnapshots"/>.
/// </summary>
public sealed class ServiceFamilySnapshots(TimeProvider time, CiteDbContextFactory dbs, ILiveBus? bus = null)
    : SharedSnapshots<ServiceFamilies>(time, bus, (topic, _) => DirectoryPositionSnapshots.CiteOfDirectoryTopic(topic))
{
    public async Task<ServiceFamilies> GetAsync(CiteAccess access, CancellationToken cancellationToken) =>
        (await GetAsync(access.CiteId, access.CiteId, ct => LoadAsync(access, ct), cancellationToken))!;

    private async Task<ServiceFamilies?> LoadAsync(CiteAccess access, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var services = await db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Publie)
            .Select(s => new { s.Id, s.StructureId, s.NormalizedName, s.Thematiques })
            .ToListAsync(cancellationToken);
        var structures = await db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        return ServiceFamilies.Build(services.Where(s => structures.ContainsKey(s.StructureId))
            .Select(s => (s.Id, ServiceFamily.KeyOf(s.NormalizedName, s.Thematiques, structures[s.StructureId]))));
    }
}

/// <summary>
/// « 3 lieux »: a page of results where the same service offered at several places (<see cref="ServiceFamily"/>) is one
/// result, the best placed (first in the words' order, or nearest), with the addresses of all its places.
/// </summary>
public sealed class ServicePlaces(ServiceFamilySnapshots families, DirectoryService directory)
{
    /// <summary>At most this many places are listed under one result (nearest first with « près de »).</summary>
    public const int MaxPlaces = 50;

    /// <summary>
    /// The page with identical services folded into the first of them, which then lists every place of the service in the
    /// Cité (not only those on this page). The totals are left as counted: they count services, not results.
    /// </summary>
    public async Task<DirectoryResults> CollapseAsync(CiteAccess access, DirectoryResults results, CancellationToken cancellationToken = default)
    {
        if (results.Items.Count == 0)
        {
            return results;
        }
        var table = await families.GetAsync(access, cancellationToken);
        if (table.Count == 0)
        {
            return results;
        }
        var shown = new HashSet<Guid>();
        var kept = new List<(DirectoryResult Item, IReadOnlyList<Guid> Siblings)>();
        foreach (var item in results.Items)
        {
            var id = item.View.Service.Id;
            if (shown.Contains(id))
            {
                continue; // folded into an earlier result of the page
            }
            var siblings = table.SiblingsOf(id);
            shown.UnionWith(siblings);
            kept.Add((item, siblings));
        }
        var others = kept.SelectMany(k => k.Siblings).Distinct().ToList();
        if (others.Count == 0)
        {
            return results;
        }
        var views = (await directory.GetPublishedAsync(access, others, cancellationToken)).ToDictionary(v => v.Service.Id);
        var origin = results.Near?.Origin.Point;
        var items = kept.Select(k =>
        {
            var places = PlacesOf(k.Item, k.Siblings.Where(views.ContainsKey).Select(s => views[s]), origin);
            return places.Count > 1 ? k.Item with { Places = places } : k.Item;
        }).ToList();
        return results with { Items = items };
    }

    /// <summary>The distinct places of a service and its siblings: the result's own first, or all nearest first with « près de ».</summary>
    private static List<ServicePlace> PlacesOf(DirectoryResult lead, IEnumerable<ServiceView> siblings, GeoPoint? origin)
    {
        var places = new List<ServicePlace>();
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var view in siblings.OrderBy(v => v.Service.Id == lead.View.Service.Id ? 0 : 1))
        {
            if (view.Service.AddressOr(view.Structure) is not { } address || ServiceFamily.AddressLine(address) is not { Length: > 0 } line
                || !addresses.Add(Domain.Common.Text.Fold(line)))
            {
                continue;
            }
            NearDistance? distance = null;
            if (origin is { } from && CitePositions.PositionOf(view.Service, view.Structure) is { Point: { } point } position)
            {
                distance = new NearDistance(from.DistanceTo(point), position.Source, position.CommuneName);
            }
            places.Add(new ServicePlace(view.Service.Id, line, distance));
        }
        var ordered = origin is null
            ? places.Take(1).Concat(places.Skip(1).OrderBy(p => p.Address, StringComparer.Ordinal))
            : places.OrderBy(p => p.Distance?.Metres ?? double.MaxValue);
        return [.. ordered.Take(MaxPlaces)];
    }
}
