using System.Collections;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Annuaire.Near;

/// <summary>Where a service is placed for « près de ».</summary>
public enum ServicePositionSource : byte
{
    /// <summary>No coordinates and no known commune: the service is counted apart, never placed by guess.</summary>
    None,

    /// <summary>The coordinates of the service's address (or its structure's, when the service has no address of its own).</summary>
    Address,

    /// <summary>The centre of the address's commune (shipped communes, <see cref="Communes"/>).</summary>
    CommuneCentre,
}

/// <summary>
/// The published services of one Cité laid out for distances: positions in radians with their sines and cosines (a loop
/// over 50,000 pays a few products each, no trigonometry), whether each comes to the person (« à distance »),
/// and for each filter token the set of services that carry it (a bit each), the same tokens as the full-text index
/// (<see cref="DirectoryIndexer.ToDocument"/>). Read-only once built; shared by every search of the Cité until the
/// directory changes (<see cref="DirectoryPositionSnapshots"/>). The coverage matrix of issue 18 can count from it too.
/// </summary>
public sealed class CitePositions
{
    private readonly Dictionary<string, BitArray> _codes;

    private CitePositions(int count, Dictionary<string, BitArray> codes)
    {
        ServiceIds = new Guid[count];
        LatitudeRadians = new double[count];
        LongitudeRadians = new double[count];
        Trigs = new Distance.Trig[count];
        Sources = new ServicePositionSource[count];
        CommuneNames = new string?[count];
        ComesToPerson = new bool[count];
        OpenOnSaturday = new bool[count];
        OpenInTheEvening = new bool[count];
        UpdatedOn = new DateOnly[count];
        Free = new bool[count];
        _codes = codes;
        _byLatitude = new Lazy<(int[], double[])>(SortByLatitude);
    }

    private readonly Lazy<(int[] Order, double[] Latitudes)> _byLatitude;

    public Guid[] ServiceIds { get; }

    public double[] LatitudeRadians { get; }

    public double[] LongitudeRadians { get; }

    /// <summary>Sines and cosines of each position, for the loop's <see cref="Distance.HaversineTerm"/> (no trigonometry per service).</summary>
    public Distance.Trig[] Trigs { get; }

    public ServicePositionSource[] Sources { get; }

    /// <summary>The commune whose centre places a service (« centre de la commune de … »), when that is how it is placed.</summary>
    public string?[] CommuneNames { get; }

    /// <summary>
    /// Services that come to the person: offered « à distance » and not « en présentiel » (data·inclusion's modes
    /// d'accueil, schema v1, have no « à domicile »). They are listed apart, not by distance.
    /// </summary>
    public bool[] ComesToPerson { get; }

    /// <summary>Open on Saturday by its opening hours (false when they are not given or not read).</summary>
    public bool[] OpenOnSaturday { get; }

    /// <summary>Open after 18 h on some day by its opening hours (false when they are not given or not read).</summary>
    public bool[] OpenInTheEvening { get; }

    /// <summary>Free of charge (data·inclusion's frais « gratuit »).</summary>
    public bool[] Free { get; }

    /// <summary>The day the service's information was last updated (data·inclusion's <c>date_maj</c>).</summary>
    public DateOnly[] UpdatedOn { get; }

    /// <summary>
    /// The placed services (not those that come to the person) ordered by latitude, with their latitudes in radians: a
    /// search within a radius reads only the band of latitudes it can reach (the coverage matrix). Built on first use.
    /// </summary>
    public (int[] Order, double[] Latitudes) ByLatitude => _byLatitude.Value;

    /// <summary>The position of each service by id.</summary>
    public IReadOnlyDictionary<Guid, int> IndexOf { get; private set; } = new Dictionary<Guid, int>();

    public int Count => ServiceIds.Length;

    private Task<Dictionary<long, int>>? _rows;

    /// <summary>At most this many word queries' matches are kept per copy (<see cref="Words"/>).</summary>
    public const int CachedWordQueries = 64;

    /// <summary>
    /// The matches of the last word queries « près de » asked on this copy (<see cref="NearSearch"/>): gone with the copy
    /// at the Cité's next directory change, and each checked against the index's generation.
    /// </summary>
    public NearWordsCache Words { get; } = new(CachedWordQueries);

    /// <summary>
    /// Each search-index entry's number → this table's place of its service, read once per copy (the copy is replaced
    /// after each directory change, once the index follows it). An entry whose service is not in the table is left out.
    /// </summary>
    public Task<Dictionary<long, int>> RowsAsync(DirectorySearchIndex index, Guid citeId)
    {
        var rows = Volatile.Read(ref _rows);
        if (rows is null || rows.IsFaulted || rows.IsCanceled)
        {
            var reading = ReadRowsAsync(index, citeId);
            rows = Interlocked.CompareExchange(ref _rows, reading, rows) == rows ? reading : Volatile.Read(ref _rows)!;
        }
        return rows;
    }

    private async Task<Dictionary<long, int>> ReadRowsAsync(DirectorySearchIndex index, Guid citeId)
    {
        var rows = new Dictionary<long, int>();
        foreach (var (row, serviceId) in await index.RowsAsync(citeId))
        {
            if (IndexOf.TryGetValue(serviceId, out var i))
            {
                rows[row] = i;
            }
        }
        return rows;
    }

    /// <summary>The services carrying every one of these filter tokens (already folded by <see cref="SearchQuery.Token"/>); null: no filter.</summary>
    public BitArray? Matching(IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0)
        {
            return null;
        }
        var result = new BitArray(Count, true);
        foreach (var token in tokens)
        {
            if (!_codes.TryGetValue(token, out var bits))
            {
                return new BitArray(Count, false);
            }
            result.And(bits);
        }
        return result;
    }

    /// <summary>Where a service is placed: its address's coordinates, or else its commune's centre, or nowhere.</summary>
    public static (GeoPoint? Point, ServicePositionSource Source, string? CommuneName) PositionOf(Service service, Structure structure)
    {
        var address = service.AddressOr(structure);
        if (address is { Latitude: { } latitude, Longitude: { } longitude } && new GeoPoint(latitude, longitude) is { IsValid: true } point)
        {
            return (point, ServicePositionSource.Address, null);
        }
        if (CommuneOf(address) is { Position: { } centre } commune)
        {
            return (centre, ServicePositionSource.CommuneCentre, commune.Name);
        }
        return (null, ServicePositionSource.None, null);
    }

    /// <summary>
    /// The commune of an address: by its INSEE code; else the commune of its postcode whose name is the one written
    /// (or the only commune of that postcode). Nothing when the address does not say which.
    /// </summary>
    public static Place? CommuneOf(PostalAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.InseeCode is { } insee && Communes.Find(insee) is { } byCode)
        {
            return byCode;
        }
        if (address.Postcode is not { Length: 5 } postcode)
        {
            return null;
        }
        var ofPostcode = Communes.Search(postcode, 50).Where(c => c.Postcodes.Contains(postcode)).ToList();
        var name = Text.Fold(address.Commune);
        return ofPostcode.FirstOrDefault(c => Text.Fold(c.Name) == name) ?? (ofPostcode.Count == 1 ? ofPostcode[0] : null);
    }

    /// <summary>Lays out the published services (with their structures) of a Cité.</summary>
    public static CitePositions Build(IReadOnlyList<Service> services, IReadOnlyDictionary<Guid, Structure> structures)
    {
        var codes = new Dictionary<string, BitArray>(StringComparer.Ordinal);
        var positions = new CitePositions(services.Count, codes);
        var index = new Dictionary<Guid, int>(services.Count);
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            var structure = structures[service.StructureId];
            positions.ServiceIds[i] = service.Id;
            index[service.Id] = i;
            var (point, source, communeName) = PositionOf(service, structure);
            positions.Sources[i] = source;
            positions.CommuneNames[i] = communeName;
            if (point is { } p)
            {
                positions.LatitudeRadians[i] = p.Latitude * Distance.Radians;
                positions.LongitudeRadians[i] = p.Longitude * Distance.Radians;
                positions.Trigs[i] = Distance.Trig.Of(p);
            }
            positions.ComesToPerson[i] = service.ModesAccueil.Contains(RemoteMode) && !service.ModesAccueil.Contains(OnSiteMode);
            var openings = OpeningHoursText.Read(service.OpeningHours);
            positions.OpenOnSaturday[i] = openings?.OnSaturday ?? false;
            positions.OpenInTheEvening[i] = openings?.InTheEvening ?? false;
            positions.UpdatedOn[i] = service.UpdatedOn;
            positions.Free[i] = service.IsFree;
            foreach (var code in DirectoryIndexer.ToDocument(service, structure).FilterCodes.Select(SearchQuery.Token).Where(c => c.Length > 0))
            {
                if (!codes.TryGetValue(code, out var bits))
                {
                    codes[code] = bits = new BitArray(services.Count);
                }
                bits[i] = true;
            }
        }
        positions.IndexOf = index;
        return positions;
    }

    private (int[] Order, double[] Latitudes) SortByLatitude()
    {
        var order = Enumerable.Range(0, Count).Where(i => Sources[i] != ServicePositionSource.None && !ComesToPerson[i]).ToArray();
        var latitudes = order.Select(i => LatitudeRadians[i]).ToArray();
        Array.Sort(latitudes, order);
        return (order, latitudes);
    }

    /// <summary>data·inclusion's mode d'accueil for a service given by phone or online.</summary>
    public const string RemoteMode = "a-distance";

    /// <summary>data·inclusion's mode d'accueil for a service given at its address.</summary>
    public const string OnSiteMode = "en-presentiel";
}

/// <summary>
/// The Cités' <see cref="CitePositions"/>, read from the database once per change of their directory and shared: a copy
/// is stale as soon as a message reaches the Cité's directory topic (published here or received from another server),
/// before any page is woken by it (<see cref="SharedSnapshots{T}"/>).
/// </summary>
public sealed class DirectoryPositionSnapshots(TimeProvider time, CiteDbContextFactory dbs, ILiveBus? bus = null)
    : SharedSnapshots<CitePositions>(time, bus, (topic, _) => CiteOfDirectoryTopic(topic))
{
    /// <summary>The Cité's positions as of its last directory change.</summary>
    public async Task<CitePositions> GetAsync(CiteAccess access, CancellationToken cancellationToken) =>
        (await GetAsync(access.CiteId, access.CiteId, ct => LoadAsync(access, ct), cancellationToken))!;

    private async Task<CitePositions?> LoadAsync(CiteAccess access, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var services = await db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Publie).ToListAsync(cancellationToken);
        var structureIds = services.Select(s => s.StructureId).ToHashSet();
        var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return CitePositions.Build(services, structures);
    }

    /// <summary>The Cité of a directory topic (<see cref="LiveTopics.Directory"/>), or null for any other topic.</summary>
    internal static Guid? CiteOfDirectoryTopic(string topic) =>
        topic.StartsWith("cite:", StringComparison.Ordinal) && topic.EndsWith(":annuaire", StringComparison.Ordinal)
        && Guid.TryParseExact(topic["cite:".Length..^":annuaire".Length], "N", out var citeId) && LiveTopics.Directory(citeId) == topic
            ? citeId
            : null;
}
