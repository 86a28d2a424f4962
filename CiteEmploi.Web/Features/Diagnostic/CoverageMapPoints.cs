using System.Runtime.CompilerServices;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>A service placed on the diagnostic's map, in degrees.</summary>
public sealed record CoverageMapPoint(Guid ServiceId, string Name, double Latitude, double Longitude);

/// <summary>The placed services of one barrier, as the map shows them (the matrix's filters applied).</summary>
public sealed record CoverageMapPoints(Frein Frein, IReadOnlyList<CoverageMapPoint> Points)
{
    /// <summary>
    /// The positions of the services that answer <paramref name="frein"/> and pass the filters, read from the table the
    /// matrix counts from: those placed (by address or commune centre), not those that come to the person.
    /// </summary>
    public static IReadOnlyList<(Guid ServiceId, double Latitude, double Longitude)> Positions(
        CitePositions table, Frein frein, CoverageFilters filters, DateOnly today)
    {
        var eligible = Coverage.Eligible(table, filters, today);
        var answers = table.Matching([SearchQuery.Token(SearchIndexCodes.Frein(frein.Code))])!;
        var positions = new List<(Guid, double, double)>();
        for (var i = 0; i < table.Count; i++)
        {
            if (eligible[i] && answers[i] && table.Sources[i] != ServicePositionSource.None && !table.ComesToPerson[i])
            {
                positions.Add((table.ServiceIds[i], table.LatitudeRadians[i] / Distance.Radians, table.LongitudeRadians[i] / Distance.Radians));
            }
        }
        return positions;
    }
}

public sealed partial class DiagnosticService
{
    /// <summary>
    /// The published services' names, read once per table of positions: the table is replaced whenever the Cité's directory
    /// changes (a name with it), so the names live as long as their table and go with it (issue 18's figures: reading
    /// 50,000 names at each filter change cost more than counting the matrix — docs/decisions/0036).
    /// </summary>
    private static readonly ConditionalWeakTable<CitePositions, IReadOnlyDictionary<Guid, string>> Names = [];

    private async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(CiteAccess access, CitePositions table, CancellationToken cancellationToken)
    {
        if (Names.TryGetValue(table, out var known))
        {
            return known;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        // the names of every published service of the Cité in one read: simpler for SQLite than thousands of keys
        var names = await db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Publie)
            .Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return Names.GetValue(table, _ => names);
    }

    /// <summary>The placed services of a barrier with their names, for the map; null without the read right.</summary>
    public async Task<CoverageMapPoints?> MapPointsAsync(CiteAccess access, Frein frein, CoverageFilters filters, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var table = await positions.GetAsync(access, cancellationToken);
        var placed = CoverageMapPoints.Positions(table, frein, filters, Today);
        if (placed.Count == 0)
        {
            return new CoverageMapPoints(frein, []);
        }
        var names = await NamesAsync(access, table, cancellationToken);
        return new CoverageMapPoints(frein,
            [.. placed.Where(p => names.ContainsKey(p.ServiceId)).Select(p => new CoverageMapPoint(p.ServiceId, names[p.ServiceId], p.Latitude, p.Longitude))]);
    }
}
