using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>What the coordinator asks the matrix to count: a public, free services only, open on Saturday or in the evening, recently verified.</summary>
/// <param name="PublicCode">A data·inclusion public (« jeunes », « femmes »…): only services open to it (or to all publics).</param>
/// <param name="VerifiedWithinMonths">Only services whose information was updated within this many months (6: « vérifié depuis moins de 6 mois »).</param>
public sealed record CoverageFilters(string? PublicCode = null, bool FreeOnly = false, bool OpenOnSaturday = false, bool OpenInTheEvening = false,
    int? VerifiedWithinMonths = null)
{
    /// <summary>The months of « vérifié récemment ».</summary>
    public const int RecentMonths = 6;

    public static CoverageFilters None { get; } = new();
}

/// <summary>A row of the matrix: a place (a QPV or a commune of the perimeter) and the radius counted around it.</summary>
public sealed record CoverageRow(Place Place, double RadiusKm);

/// <summary>How a cell stands out.</summary>
public enum CoverageLevel
{
    /// <summary>The row's place has no position: nothing can be counted (never guessed).</summary>
    NoPosition,

    /// <summary>No service within the radius.</summary>
    None,

    /// <summary>A single service within the radius.</summary>
    Thin,

    /// <summary>Two services or more within the radius.</summary>
    Covered,
}

/// <summary>A service counted in a cell, with its distance from the row's place in metres.</summary>
public readonly record struct CoveredService(Guid ServiceId, double Metres, bool Free, ServicePositionSource Source, string? CommuneName);

/// <summary>
/// One cell: the services answering a barrier within the row's radius, nearest first, and those that come to the person
/// (« à distance »), counted apart since they do not depend on the place.
/// </summary>
public sealed record CoverageCell(CoverageRow Row, Frein Frein, IReadOnlyList<CoveredService> Near, IReadOnlyList<Guid> ComesToPerson)
{
    public int Count => Near.Count;

    public CoverageLevel Level => Row.Place.Position is null
        ? CoverageLevel.NoPosition
        : Near.Count switch { 0 => CoverageLevel.None, 1 => CoverageLevel.Thin, _ => CoverageLevel.Covered };

    /// <summary>The cell said in words: « aucun service à moins de 5 km », « un seul, payant », « 4 services, dont 3 gratuits ».</summary>
    public string Summary
    {
        get
        {
            var radius = CoverageTexts.Radius(Row.RadiusKm);
            var text = Level switch
            {
                CoverageLevel.NoPosition => "position du lieu inconnue",
                CoverageLevel.None => $"aucun service à moins de {radius}",
                CoverageLevel.Thin => Near[0].Free ? $"un seul service à moins de {radius}, gratuit" : $"un seul service à moins de {radius}, payant ou sans tarif indiqué",
                _ => $"{Near.Count} services à moins de {radius}, dont {CoverageTexts.Count(Near.Count(s => s.Free), "gratuit", "gratuits")}",
            };
            return ComesToPerson.Count == 0 ? text : $"{text} ; {CoverageTexts.Count(ComesToPerson.Count, "service", "services")} à distance";
        }
    }
}

/// <summary>The coverage matrix of a Cité: its places (rows) × the barriers (columns).</summary>
/// <param name="unplaced">Published services with neither coordinates nor a known commune: in no cell.</param>
/// <param name="source">The directory's table of positions it was counted from (the map reads its points from the same one).</param>
public sealed class CoverageMatrix(IReadOnlyList<CoverageRow> rows, IReadOnlyList<Frein> freins, CoverageCell[,] cells, CoverageFilters filters, int unplaced,
    CitePositions? source = null)
{
    /// <summary>
    /// The table of positions counted: the same one (by reference) as long as the directory has not changed, so a map
    /// shown beside the matrix knows when its points may have changed.
    /// </summary>
    public CitePositions? Source { get; } = source;

    public IReadOnlyList<CoverageRow> Rows { get; } = rows;

    public IReadOnlyList<Frein> Freins { get; } = freins;

    public CoverageFilters Filters { get; } = filters;

    public int Unplaced { get; } = unplaced;

    public CoverageCell this[int row, int frein] => cells[row, frein];

    /// <summary>Every cell, row by row.</summary>
    public IEnumerable<CoverageCell> Cells
    {
        get
        {
            for (var r = 0; r < Rows.Count; r++)
            {
                for (var f = 0; f < Freins.Count; f++)
                {
                    yield return cells[r, f];
                }
            }
        }
    }

    /// <summary>The cell of a place and a barrier, or null.</summary>
    public CoverageCell? Find(string placeCode, string freinCode)
    {
        var r = Rows.ToList().FindIndex(x => x.Place.Code == placeCode);
        var f = Freins.ToList().FindIndex(x => x.Code == freinCode);
        return r < 0 || f < 0 ? null : cells[r, f];
    }
}

/// <summary>
/// Counts, for each place and barrier, the published services that answer the barrier within the place's radius: a pure
/// computation over a Cité's <see cref="CitePositions"/>. Each place reads only the band of latitudes its radius can reach
/// (<see cref="CitePositions.ByLatitude"/>), then measures with the haversine term (no trigonometry per service).
/// </summary>
public static class Coverage
{
    public static CoverageMatrix Compute(CitePositions table, IReadOnlyList<CoverageRow> rows, IReadOnlyList<Frein> freins, CoverageFilters filters, DateOnly today)
    {
        var eligible = Eligible(table, filters, today);
        var freinBits = freins.Select(f => table.Matching([SearchQuery.Token(SearchIndexCodes.Frein(f.Code))])!).ToArray();

        // services that come to the person answer wherever the person lives: the same for every row
        var remote = new List<Guid>[freins.Count];
        for (var f = 0; f < freins.Count; f++)
        {
            remote[f] = [];
        }
        var unplaced = 0;
        for (var i = 0; i < table.Count; i++)
        {
            if (!eligible[i])
            {
                continue;
            }
            if (table.ComesToPerson[i])
            {
                for (var f = 0; f < freins.Count; f++)
                {
                    if (freinBits[f][i])
                    {
                        remote[f].Add(table.ServiceIds[i]);
                    }
                }
            }
            else if (table.Sources[i] == ServicePositionSource.None)
            {
                unplaced++;
            }
        }

        var (order, latitudes) = table.ByLatitude;
        var cells = new CoverageCell[rows.Count, freins.Count];
        var near = new List<CoveredService>[freins.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var f = 0; f < freins.Count; f++)
            {
                near[f] = [];
            }
            if (row.Place.Position is { } point)
            {
                var from = Distance.Trig.Of(point);
                var metres = row.RadiusKm * 1_000;
                var radiusTerm = Distance.TermOf(metres);
                // a great circle of this length spans at most this many radians of latitude
                var band = metres / GeoPoint.EarthRadiusMetres;
                var latitude = point.Latitude * Distance.Radians;
                for (var k = LowerBound(latitudes, latitude - band); k < latitudes.Length && latitudes[k] <= latitude + band; k++)
                {
                    var i = order[k];
                    if (!eligible[i])
                    {
                        continue;
                    }
                    var term = Distance.HaversineTerm(from, table.Trigs[i]);
                    if (term > radiusTerm)
                    {
                        continue;
                    }
                    CoveredService? hit = null;
                    for (var f = 0; f < freins.Count; f++)
                    {
                        if (freinBits[f][i])
                        {
                            hit ??= new CoveredService(table.ServiceIds[i], Distance.MetresOf(term), table.Free[i], table.Sources[i], table.CommuneNames[i]);
                            near[f].Add(hit.Value);
                        }
                    }
                }
            }
            for (var f = 0; f < freins.Count; f++)
            {
                near[f].Sort(static (a, b) => a.Metres != b.Metres ? a.Metres.CompareTo(b.Metres) : a.ServiceId.CompareTo(b.ServiceId));
                cells[r, f] = new CoverageCell(row, freins[f], near[f], remote[f]);
            }
        }
        return new CoverageMatrix(rows, freins, cells, filters, unplaced, table);
    }

    /// <summary>The services the filters keep.</summary>
    internal static bool[] Eligible(CitePositions table, CoverageFilters filters, DateOnly today)
    {
        var tokens = new List<string>();
        if (!string.IsNullOrEmpty(filters.PublicCode))
        {
            tokens.Add(SearchQuery.Token(SearchIndexCodes.Public(filters.PublicCode)));
        }
        if (filters.FreeOnly)
        {
            tokens.Add(SearchIndexCodes.Free);
        }
        var matching = table.Matching(tokens);
        var since = filters.VerifiedWithinMonths is { } months ? today.AddMonths(-months) : DateOnly.MinValue;
        var eligible = new bool[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            eligible[i] = (matching is null || matching[i])
                && (!filters.OpenOnSaturday || table.OpenOnSaturday[i])
                && (!filters.OpenInTheEvening || table.OpenInTheEvening[i])
                && table.UpdatedOn[i] >= since;
        }
        return eligible;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }
        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }
        return index;
    }
}
