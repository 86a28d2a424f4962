using System.Globalization;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Web.Features.Annuaire.Near;

/// <summary>How far a result is, and from what its position comes.</summary>
public sealed record NearDistance(double Metres, ServicePositionSource Source, string? CommuneName)
{
    /// <summary>« à 350 m », « à 1,2 km », « à 23 km » (French digits).</summary>
    public string Text => Format(Metres);

    /// <summary>« centre de la commune (Bobigny) » when the service is placed by its commune's centre; null when by its address.</summary>
    public string? SourceNote => Source == ServicePositionSource.CommuneCentre
        ? CommuneName is null ? "centre de la commune" : $"centre de la commune ({CommuneName})"
        : null;

    public static string Format(double metres)
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        return metres switch
        {
            < 1_000 => $"à {Math.Round(metres / 10) * 10:0} m",
            < 10_000 => string.Create(fr, $"à {metres / 1_000:0.0} km"),
            _ => string.Create(fr, $"à {Math.Round(metres / 1_000):0} km"),
        };
    }
}

/// <summary>What a « près de » search adds to a page of results.</summary>
/// <param name="ComesToPerson">Services given « à distance » only (they come to the person): apart, the most recently updated first.</param>
/// <param name="Unplaced">Matching services with neither coordinates nor a known commune: not in the list by distance.</param>
public sealed record NearSummary(NearOrigin Origin, double? RadiusKm, IReadOnlyList<DirectoryResult> ComesToPerson, int ComesToPersonTotal, int Unplaced);

/// <summary>
/// « Près de »: the Cité's published services matching the words and filters, ordered by distance from a commune, a QPV
/// or the person's position, within an optional radius. Positions come from <see cref="CitePositions"/> (a shared
/// in-memory table per Cité): one tight loop over the Cité's services; with words, only the full-text index's matches
/// are measured — every match, unranked (<see cref="DirectorySearchIndex.MatchingAsync"/>), as a bit per service kept
/// on the table's copy for the same words again (<see cref="CitePositions.Words"/>, decision 0037).
/// </summary>
public sealed class NearSearch(DirectorySearchIndex index, DirectoryService directory, DirectoryPositionSnapshots positions)
{
    /// <summary>At most this many services « à distance » are shown with a page.</summary>
    public const int ComesToPersonShown = 10;

    /// <summary>The page of services nearest to <paramref name="origin"/> (the caller resolved it and checked the query).</summary>
    public async Task<DirectoryResults> SearchAsync(CiteAccess access, DirectoryQuery query, NearOrigin origin, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var table = await positions.GetAsync(access, cancellationToken);
        var tokens = query.Filters.Tokens().Select(SearchQuery.Token).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var filter = table.Matching(tokens);

        // With words: every match (unranked, by its place in the table), measured like the others; only the page's few
        // are marked, from their texts read for the page. The same words again on this copy skip the index.
        System.Collections.BitArray? hits = null;
        IReadOnlyList<string> prefixes = [];
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var words = await WordsAsync(table, access.CiteId, query.Text, query.Filters, tokens, cancellationToken);
            (hits, prefixes) = (words.Hits, words.Prefixes);
            // the index's matches among the table's filtered services (the index applied the same filter codes)
            filter = filter is null ? hits : new System.Collections.BitArray(hits).And(filter);
        }

        var ranked = Rank(table, origin, query.RadiusKm, filter, null, page * pageSize);
        var pageIndices = ranked.Nearest.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var remoteShown = ranked.ComesToPerson.Take(ComesToPersonShown).ToList();

        var ids = pageIndices.Select(n => table.ServiceIds[n.Index]).Concat(remoteShown.Select(i => table.ServiceIds[i])).ToList();
        var views = (await directory.GetPublishedAsync(access, ids, cancellationToken)).ToDictionary(v => v.Service.Id);
        DirectoryResult? Result(int i, NearDistance? distance)
        {
            var id = table.ServiceIds[i];
            if (!views.TryGetValue(id, out var view))
            {
                return null;
            }
            // a service among the words' matches is marked; one found by the filters alone is not
            var marks = hits is not null && hits[i] ? prefixes : [];
            return new DirectoryResult(view, DirectorySearchIndex.ToHtml(SearchMarker.Mark(view.Service.Name, marks)),
                DirectorySearchIndex.ToHtml(DirectorySearchIndex.MarkedExcerpt(DirectoryIndexer.DescriptionOf(view.Service), marks)), distance);
        }

        var items = pageIndices
            .Select(n => Result(n.Index, new NearDistance(n.Metres, table.Sources[n.Index], table.CommuneNames[n.Index])))
            .OfType<DirectoryResult>()
            .ToList();
        var remote = remoteShown.Select(i => Result(i, null)).OfType<DirectoryResult>().ToList();
        var summary = new NearSummary(origin, query.RadiusKm, remote, ranked.ComesToPerson.Count, ranked.Unplaced);
        return new DirectoryResults(items, ranked.Total, page, pageSize, Near: summary);
    }

    /// <summary>
    /// The services of the table matching the words and filters: kept on the copy for the same words again
    /// (<see cref="CitePositions.Words"/>), else read from the index, every match unranked.
    /// </summary>
    internal async Task<NearWordMatches> WordsAsync(CitePositions table, Guid citeId, string text, SearchFilters filters, IReadOnlyList<string> codes,
        CancellationToken cancellationToken)
    {
        var key = NearWordMatches.Key(text, codes);
        // read before the index: a change written meanwhile makes these matches stale at once
        var generation = DirectorySearchIndex.Generation;
        if (table.Words.TryGet(key, generation, out var cached))
        {
            return cached;
        }
        var matches = await index.MatchingAsync(citeId, text, filters, DirectorySynonyms.Of, cancellationToken);
        var found = new NearWordMatches(Place(table, await table.RowsAsync(index, citeId), matches.Rows), matches.Prefixes, generation);
        table.Words.Add(key, found);
        return found;
    }

    /// <summary>The table's places of the index's matches (those whose service the table holds), a bit each.</summary>
    internal static System.Collections.BitArray Place(CitePositions table, Dictionary<long, int> rows, IReadOnlyList<long> matches)
    {
        var hits = new System.Collections.BitArray(table.Count);
        foreach (var row in matches)
        {
            if (rows.TryGetValue(row, out var i))
            {
                hits[i] = true;
            }
        }
        return hits;
    }

    /// <summary>What the loop found: the nearest (up to the page's end, nearest first), the total within the radius, the others.</summary>
    public sealed record Ranking(IReadOnlyList<(int Index, double Metres)> Nearest, int Total, IReadOnlyList<int> ComesToPerson, int Unplaced);

    /// <summary>
    /// The loop over the Cité's services passing <paramref name="filter"/> (or over <paramref name="candidates"/> only,
    /// in any order): those that come to the person apart, the unplaced counted, the others measured; the
    /// <paramref name="keep"/> nearest kept in a bounded heap.
    /// </summary>
    public static Ranking Rank(CitePositions table, NearOrigin origin, double? radiusKm, System.Collections.BitArray? filter, IReadOnlyList<int>? candidates, int keep)
    {
        var from = Distance.Trig.Of(origin.Point);
        var exact = Distance.From(origin.Point);
        var radius = radiusKm is { } km ? Distance.TermOf(km * 1_000) : double.PositiveInfinity;
        // the farthest kept on top, so that a nearer one replaces it; equal distances (services at one address) by their
        // place in the table, so that the kept ones are exactly the first by (distance, place) and pages never overlap
        var heap = new PriorityQueue<int, (double Term, int Index)>(Math.Max(1, keep), FarthestFirst);
        var comesToPerson = new List<int>();
        var total = 0;
        var unplaced = 0;
        var count = candidates?.Count ?? table.Count;
        for (var c = 0; c < count; c++)
        {
            var i = candidates is null ? c : candidates[c];
            if (filter is not null && !filter[i])
            {
                continue;
            }
            if (table.ComesToPerson[i])
            {
                comesToPerson.Add(i);
                continue;
            }
            if (table.Sources[i] == ServicePositionSource.None)
            {
                unplaced++;
                continue;
            }
            // the haversine term orders as the distance does; only the kept ones get their distance in metres
            var term = Distance.HaversineTerm(from, table.Trigs[i]);
            if (term > radius)
            {
                continue;
            }
            total++;
            if (heap.Count < keep)
            {
                heap.Enqueue(i, (term, i));
            }
            else if (keep > 0 && heap.TryPeek(out _, out var farthest) && FarthestFirst.Compare((term, i), farthest) > 0)
            {
                heap.DequeueEnqueue(i, (term, i));
            }
        }
        var nearest = new List<(int Index, double Metres)>(heap.Count);
        while (heap.TryDequeue(out var i, out _))
        {
            nearest.Add((i, exact.ToPrepared(table.LatitudeRadians[i], table.LongitudeRadians[i], table.Trigs[i].CosLatitude)));
        }
        nearest.Reverse();
        // those that come to the person have no distance: the most recently updated first (then the table's order)
        comesToPerson.Sort((a, b) => table.UpdatedOn[a] != table.UpdatedOn[b] ? table.UpdatedOn[b].CompareTo(table.UpdatedOn[a]) : a.CompareTo(b));
        return new Ranking(nearest, total, comesToPerson, unplaced);
    }

    private static readonly Comparer<(double Term, int Index)> FarthestFirst = Comparer<(double Term, int Index)>.Create((a, b) =>
        a.Term != b.Term ? b.Term.CompareTo(a.Term) : b.Index.CompareTo(a.Index));
}
