using System.Globalization;
using System.Net;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Common;

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
/// <param name="ComesToPerson">Services given « à distance » only (they come to the person): apart, in the words' order.</param>
/// <param name="Unplaced">Matching services with neither coordinates nor a known commune: not in the list by distance.</param>
/// <param name="WordsLimited">
/// With words, only the <see cref="NearSearch.WordsLimit"/> best matches of the words were ordered by distance (there
/// were more).
/// </param>
public sealed record NearSummary(NearOrigin Origin, double? RadiusKm, IReadOnlyList<DirectoryResult> ComesToPerson, int ComesToPersonTotal, int Unplaced,
    bool WordsLimited);

/// <summary>
/// « Près de »: the Cité's published services matching the words and filters, ordered by distance from a commune, a QPV
/// or the person's position, within an optional radius. Positions come from <see cref="CitePositions"/> (a shared
/// in-memory table per Cité): without words, one tight loop over the Cité's services; with words, the full-text
/// index gives the matches (up to <see cref="WordsLimit"/>, best first) and only they are measured.
/// </summary>
public sealed class NearSearch(DirectorySearchIndex index, DirectoryService directory, DirectoryPositionSnapshots positions)
{
    /// <summary>With words, at most this many matches are ordered by distance (the best by the words' ranking).</summary>
    public const int WordsLimit = 1_000;

    /// <summary>At most this many services « à distance » are shown with a page.</summary>
    public const int ComesToPersonShown = 10;

    /// <summary>The page of services nearest to <paramref name="origin"/> (the caller resolved it and checked the query).</summary>
    public async Task<DirectoryResults> SearchAsync(CiteAccess access, DirectoryQuery query, NearOrigin origin, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var table = await positions.GetAsync(access, cancellationToken);
        var tokens = query.Filters.Tokens().Select(SearchQuery.Token).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var filter = table.Matching(tokens);

        // With words: the index's best matches, in its order, with their marked texts.
        Dictionary<Guid, SearchHit>? hits = null;
        var limited = false;
        int[] candidates;
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var found = await index.SearchAsync(access.CiteId, query.Text, query.Filters, DirectorySynonyms.Of, 0, WordsLimit + 1, cancellationToken: cancellationToken);
            limited = found.Count > WordsLimit;
            hits = found.Take(WordsLimit).ToDictionary(h => h.ServiceId);
            candidates = [.. found.Take(WordsLimit).Select(h => table.IndexOf.TryGetValue(h.ServiceId, out var i) ? i : -1).Where(i => i >= 0)];
        }
        else
        {
            candidates = [];
        }

        var ranked = Rank(table, origin, query.RadiusKm, filter, hits is null ? null : candidates, page * pageSize);
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
            if (hits is not null && hits.TryGetValue(id, out var hit))
            {
                return new DirectoryResult(view, DirectorySearchIndex.ToHtml(hit.MarkedName), DirectorySearchIndex.ToHtml(hit.MarkedExcerpt), distance);
            }
            var excerpt = SearchMarker.Excerpt(SafeMarkdown.ToPlainText(view.Service.Description), []);
            return new DirectoryResult(view, WebUtility.HtmlEncode(view.Service.Name), DirectorySearchIndex.ToHtml(excerpt), distance);
        }

        var items = pageIndices
            .Select(n => Result(n.Index, new NearDistance(n.Metres, table.Sources[n.Index], table.CommuneNames[n.Index])))
            .OfType<DirectoryResult>()
            .ToList();
        var remote = remoteShown.Select(i => Result(i, null)).OfType<DirectoryResult>().ToList();
        var summary = new NearSummary(origin, query.RadiusKm, remote, ranked.ComesToPerson.Count, ranked.Unplaced, limited);
        return new DirectoryResults(items, ranked.Total, page, pageSize, Near: summary);
    }

    /// <summary>What the loop found: the nearest (up to the page's end, nearest first), the total within the radius, the others.</summary>
    public sealed record Ranking(IReadOnlyList<(int Index, double Metres)> Nearest, int Total, IReadOnlyList<int> ComesToPerson, int Unplaced);

    /// <summary>
    /// The loop over the Cité's services (or the word matches, in their order): those that come to the person apart,
    /// the unplaced counted, the others measured; the <paramref name="keep"/> nearest kept in a bounded heap.
    /// </summary>
    public static Ranking Rank(CitePositions table, NearOrigin origin, double? radiusKm, System.Collections.BitArray? filter, int[]? candidates, int keep)
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
        var count = candidates?.Length ?? table.Count;
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
        return new Ranking(nearest, total, comesToPerson, unplaced);
    }

    private static readonly Comparer<(double Term, int Index)> FarthestFirst = Comparer<(double Term, int Index)>.Create((a, b) =>
        a.Term != b.Term ? b.Term.CompareTo(a.Term) : b.Index.CompareTo(a.Index));
}
