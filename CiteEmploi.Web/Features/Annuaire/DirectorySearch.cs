using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>What a person asks the directory: words and filters, as they appear in the page's address and the API.</summary>
public sealed record DirectoryQuery(string? Text, SearchFilters Filters)
{
    public const int TextMaxLength = 200;

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && !Filters.Tokens().Any();

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
public sealed record DirectoryResults(IReadOnlyList<DirectoryResult> Items, int Total, int Page, int PageSize, bool TotalIsAtLeast = false, bool IsClosest = false,
    IReadOnlyList<SearchCorrection>? Corrections = null, IReadOnlyList<string>? Unmatched = null)
{
    /// <summary>The number of pages, or when <see cref="TotalIsAtLeast"/> the pages known to exist (there are more).</summary>
    public int PageCount => Total == 0 ? 0 : ((Total - 1) / PageSize) + 1;
}

/// <summary>A result: the service, and its name and excerpt as safe HTML with the matched words in &lt;mark&gt;.</summary>
public sealed record DirectoryResult(ServiceView View, string NameHtml, string ExcerptHtml);

/// <summary>A way to get results when there are none: drop one filter.</summary>
public sealed record Relaxation(string Description, DirectoryQuery Query, int Count);

/// <summary>Searches a Cité's published directory for the search page and the read API (same ranking for both).</summary>
public sealed class DirectorySearch(DirectorySearchIndex index, DirectoryService directory)
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

    /// <summary>Whether a search that finds nothing may show the closest matches instead: when it is made of several words or phrases.</summary>
    public static bool MayShowClosest(string? text, QueryUnderstanding understanding) =>
        SearchQuery.Groups(text, DirectorySynonyms.Of, understanding).Count > 1;

    /// <summary>For an empty result: how many services each filter dropped would give, best first.</summary>
    public async Task<IReadOnlyList<Relaxation>> RelaxationsAsync(CiteAccess access, DirectoryQuery query, CancellationToken cancellationToken = default)
    {
        var relaxations = new List<Relaxation>();
        foreach (var (name, without) in query.ActiveFilters())
        {
            var count = await index.CountAsync(access.CiteId, without.Text, without.Filters, DirectorySynonyms.Of, cancellationToken);
            if (count > 0)
            {
                relaxations.Add(new Relaxation($"sans {name}", without, count));
            }
        }
        return [.. relaxations.OrderByDescending(r => r.Count)];
    }
}
