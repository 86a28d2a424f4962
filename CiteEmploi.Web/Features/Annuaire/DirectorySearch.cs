using System.Globalization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>What a person asks the directory: words and filters, as they appear in the page's address and the API.</summary>
/// <param name="Pres">« Près de », as written (<c>commune:93066</c>, <c>qpv:QN09301M</c>, <c>geo:48.85,2.35</c>): see <see cref="NearReference"/>.</param>
/// <param name="Rayon">The radius in kilometres, only with <paramref name="Pres"/>.</param>
public sealed record DirectoryQuery(string? Text, SearchFilters Filters, string? Pres = null, string? Rayon = null)
{
    public const int TextMaxLength = 200;

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && !Filters.Tokens().Any() && string.IsNullOrWhiteSpace(Pres);

    /// <summary>The place named by <see cref="Pres"/>, when it is well formed.</summary>
    public NearReference? Near => NearReference.TryParse(Pres, out var near, out _) ? near : null;

    /// <summary>The radius, when one is given and well formed.</summary>
    public double? RadiusKm => NearRadius.TryParse(Rayon, out var km, out _) ? km : null;

    /// <summary>
    /// Why the typed text cannot be searched although it is not wrong — only symbols, or only words too common to help
    /// (« de la », « pour mon ») — in French; null when it can (or when nothing was typed). The search answers nothing for
    /// it, and the page says this instead of « aucun résultat ».
    /// </summary>
    public string? Notice =>
        string.IsNullOrWhiteSpace(Text) || Text.Length > TextMaxLength ? null
        : CiteEmploi.Domain.Common.Text.Fold(Text).Length == 0 ? "La recherche ne contient ni lettre ni chiffre : tapez un mot, par exemple « crèche » ou « permis »."
        : SearchQuery.OnlyStopWords(Text) ? $"« {Text.Trim()} » ne contient que des mots trop courants pour chercher : ajoutez un mot qui dit le besoin, par exemple « crèche », « permis » ou « logement »."
        : null;

    /// <summary>The codes of the filters that are set, with their French names, for "what to relax" suggestions.</summary>
    public IEnumerable<(string Name, DirectoryQuery Without)> ActiveFilters()
    {
        var f = Filters;
        if (f.Frein is { Length: > 0 } frein)
        {
            yield return ($"le frein « {Freins.Find(frein)?.Label ?? frein} »", this with { Filters = f with { Frein = null } });
        }
        if (f.Thematique is { Length: > 0 } thematique)
        {
            yield return ($"la thématique « {Referentiels.Thematiques.Label(thematique)} »", this with { Filters = f with { Thematique = null } });
        }
        if (f.Public is { Length: > 0 } pub)
        {
            yield return ($"le public « {Referentiels.Publics.Label(pub)} »", this with { Filters = f with { Public = null } });
        }
        if (f.Commune is { Length: > 0 } commune)
        {
            yield return ($"le lieu « {commune} »", this with { Filters = f with { Commune = null } });
        }
        if (f.ModeAccueil is { Length: > 0 } mode)
        {
            yield return ($"le mode d'accueil « {Referentiels.ModesAccueil.Label(mode)} »", this with { Filters = f with { ModeAccueil = null } });
        }
        if (f.FreeOnly)
        {
            yield return ("« gratuit seulement »", this with { Filters = f with { FreeOnly = false } });
        }
        if (RadiusKm is { } km && !string.IsNullOrWhiteSpace(Pres))
        {
            yield return (string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"la limite de {km:0.#} km"), this with { Rayon = null });
        }
    }

    /// <summary>Checks the codes against the reference lists; unknown codes are named.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Text is { Length: > TextMaxLength })
        {
            problems["q"] = $"La recherche compte au plus {TextMaxLength} caractères (actuellement {Text.Length}).";
        }
        if (Filters.Frein is { Length: > 0 } frein && Freins.Find(frein) is null)
        {
            problems["frein"] = $"Frein inconnu « {frein} ».";
        }
        if (Filters.Thematique is { Length: > 0 } t && !Referentiels.Thematiques.Contains(t) && !Referentiels.Categories.Contains(t))
        {
            problems["thematique"] = Referentiels.Thematiques.UnknownCodeMessage(t);
        }
        if (Filters.Public is { Length: > 0 } p && !Referentiels.Publics.Contains(p))
        {
            problems["public"] = Referentiels.Publics.UnknownCodeMessage(p);
        }
        if (Filters.ModeAccueil is { Length: > 0 } m && !Referentiels.ModesAccueil.Contains(m))
        {
            problems["accueil"] = Referentiels.ModesAccueil.UnknownCodeMessage(m);
        }
        if (!string.IsNullOrWhiteSpace(Pres) && !NearReference.TryParse(Pres, out _, out var presProblem))
        {
            problems["pres"] = presProblem!;
        }
        if (!string.IsNullOrWhiteSpace(Rayon))
        {
            if (!NearRadius.TryParse(Rayon, out _, out var radiusProblem))
            {
                problems["rayon"] = radiusProblem!;
            }
            else if (string.IsNullOrWhiteSpace(Pres))
            {
                problems["rayon"] = "Un rayon se donne avec un lieu « près de » (pres=commune:…, qpv:… ou geo:…).";
            }
        }
        return problems;
    }
}

/// <summary>One page of results: the services in rank order with their marked texts, and the total.</summary>
/// <param name="TotalIsAtLeast">
/// True when the matches were counted no further than <paramref name="Total"/> (« plus de 200 services »): there are more,
/// and at least one page after this one. False: <paramref name="Total"/> is exact.
/// </param>
/// <param name="IsClosest">
/// No service holds every word: these are the services holding some of them, those holding the most first
/// (« Aucun service ne contient tous les mots ; voici les plus proches »).
/// </param>
/// <param name="Corrections">Typed words read as others, nearer the Cité's words (« mobilté » → mobilite).</param>
/// <param name="Unmatched">With <paramref name="IsClosest"/>: the typed words no service holds.</param>
/// <param name="Near">With « près de »: the place measured from and the services listed apart; the items are then nearest first.</param>
public sealed record DirectoryResults(IReadOnlyList<DirectoryResult> Items, int Total, int Page, int PageSize, bool TotalIsAtLeast = false, bool IsClosest = false,
    IReadOnlyList<SearchCorrection>? Corrections = null, IReadOnlyList<string>? Unmatched = null, NearSummary? Near = null)
{
    /// <summary>The number of pages, or when <see cref="TotalIsAtLeast"/> the pages known to exist (there are more).</summary>
    public int PageCount => Total == 0 ? 0 : ((Total - 1) / PageSize) + 1;
}

/// <summary>A result: the service, and its name and excerpt as safe HTML with the matched words in &lt;mark&gt;.</summary>
/// <param name="Distance">With « près de »: how far, and whether from the service's address or its commune's centre.</param>
/// <param name="Places">
/// The same service offered at several places (« 3 lieux », <see cref="ServicePlaces"/>): each place, this one among them;
/// null when it is offered at one place.
/// </param>
public sealed record DirectoryResult(ServiceView View, string NameHtml, string ExcerptHtml, NearDistance? Distance = null, IReadOnlyList<ServicePlace>? Places = null);

/// <summary>A way to get results when there are none: drop one filter.</summary>
public sealed record Relaxation(string Description, DirectoryQuery Query, int Count);

/// <summary>Searches a Cité's published directory for the search page and the read API (same ranking for both).</summary>
public sealed class DirectorySearch(DirectorySearchIndex index, DirectoryService directory, NearPlaces? places = null, NearSearch? near = null)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Matches are counted up to this many (or up to the page after the one asked, when further): beyond, the total is
    /// « plus de N ». An exact count of thousands of matches cost a millisecond or two on common words, as much as the
    /// search itself; nobody pages through 200 services, and the count still proves the next page exists.
    /// </summary>
    public const int CountLimit = 200;

    public async Task<DirectoryResults> SearchAsync(CiteAccess access, DirectoryQuery query, int page = 1, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        if (!access.Can(CitePermission.Read) || query.Problems().Count > 0)
        {
            return new DirectoryResults([], 0, page, pageSize);
        }
        if (query.Near is { } reference && places is not null && near is not null)
        {
            var (origin, _) = await places.ResolveAsync(access, reference, cancellationToken);
            return origin is null
                ? new DirectoryResults([], 0, page, pageSize)
                : await near.SearchAsync(access, query, origin, page, pageSize, cancellationToken);
        }
        var countLimit = Math.Max(CountLimit, (page + 1) * pageSize);
        var counted = await index.CountAsync(access.CiteId, query.Text, query.Filters, DirectorySynonyms.Of, countLimit + 1, cancellationToken: cancellationToken);
        // No service holds every word of a query of several: the services holding the most of them, said so, rather than nothing.
        var closest = false;
        if (counted == 0 && MayShowClosest(query.Text, index.Understanding))
        {
            counted = await index.CountAsync(access.CiteId, query.Text, query.Filters, DirectorySynonyms.Of, countLimit + 1, anyWord: true, cancellationToken);
            closest = counted > 0;
        }
        var (total, atLeast) = counted > countLimit ? (countLimit, true) : (counted, false);
        var outcome = await index.FindAsync(access.CiteId, query.Text, query.Filters, DirectorySynonyms.Of, (page - 1) * pageSize, pageSize, closest, cancellationToken);
        var views = (await directory.GetPublishedAsync(access, [.. outcome.Hits.Select(h => h.ServiceId)], cancellationToken)).ToDictionary(v => v.Service.Id);
        var items = outcome.Hits.Where(h => views.ContainsKey(h.ServiceId))
            .Select(h => new DirectoryResult(views[h.ServiceId], DirectorySearchIndex.ToHtml(h.MarkedName), DirectorySearchIndex.ToHtml(h.MarkedExcerpt)))
            .ToList();
        return new DirectoryResults(items, total, page, pageSize, atLeast, closest, outcome.Corrections, closest ? outcome.Unmatched : []);
    }

    /// <summary>
    /// What is wrong with the query, field by field, in French: its form (<see cref="DirectoryQuery.Problems"/>) and the
    /// place « près de » (an unknown commune or QPV, a place without a known position, a position outside France).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ProblemsAsync(CiteAccess access, DirectoryQuery query, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string>(query.Problems(), StringComparer.Ordinal);
        if (!problems.ContainsKey("pres") && query.Near is { } reference && places is not null
            && await places.ResolveAsync(access, reference, cancellationToken) is { Problem: { } problem })
        {
            problems["pres"] = problem;
        }
        return problems;
    }

    /// <summary>Whether a search that finds nothing may show the closest matches instead: when it is made of several words or phrases.</summary>
    public static bool MayShowClosest(string? text, QueryUnderstanding understanding) =>
        SearchQuery.Groups(text, DirectorySynonyms.Of, understanding).Count > 1;

    /// <summary>For an empty result: how many services each filter dropped would give, best first.</summary>
    public async Task<IReadOnlyList<Relaxation>> RelaxationsAsync(CiteAccess access, DirectoryQuery query, CancellationToken cancellationToken = default)
    {
        var relaxations = new List<Relaxation>();
        foreach (var (name, without) in query.ActiveFilters())
        {
            // near a place, what a relaxed search would show: the services by distance and those that come to the person
            var count = without.Near is not null && near is not null
                ? await SearchAsync(access, without, 1, 1, cancellationToken) is var r ? r.Total + (r.Near?.ComesToPersonTotal ?? 0) : 0
                : await index.CountAsync(access.CiteId, without.Text, without.Filters, DirectorySynonyms.Of, cancellationToken);
            if (count > 0)
            {
                relaxations.Add(new Relaxation($"sans {name}", without, count));
            }
        }
        return [.. relaxations.OrderByDescending(r => r.Count)];
    }
}
