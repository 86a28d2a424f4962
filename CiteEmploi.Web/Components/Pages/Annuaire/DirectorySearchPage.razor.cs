using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Annuaire;

/// <summary>
/// The field worker's search: the words and filters live in the address (a search can be shared or bookmarked),
/// the results follow every published change of the directory without a reload.
/// </summary>
public partial class DirectorySearchPage
{
    private const string QueryField = "q";
    private const string FreinField = "frein";
    private const string PublicField = "public";
    private const string CommuneField = "commune";
    private const string AccueilField = "accueil";
    private const string GratuitField = "gratuit";

    private string? _text;
    private DirectoryQuery? _query;
    private DirectoryResults? _results;
    private IReadOnlyList<Relaxation> _relaxations = [];
    private IReadOnlyList<DirectoryPlace> _places = [];
    private IReadOnlyDictionary<string, string> _problems = new Dictionary<string, string>();
    private int _publishedCount;
    private bool _directoryPublic;
    private string? _watched;

    /// <summary>
    /// What the page without a search showed (the count, the places, whether it is public), handed from the prerender to
    /// the interactive start; a search's results are not (they hold the services themselves) and are searched again.
    /// </summary>
    [PersistentState]
    public DirectorySearchState? Shown { get; set; }

    /// <summary>The directory's page as drawn before any search.</summary>
    public sealed record DirectorySearchState(int PublishedCount, IReadOnlyList<DirectoryPlace> Places, bool DirectoryPublic);

    [SupplyParameterFromQuery(Name = QueryField)]
    public string? Q { get; set; }

    [SupplyParameterFromQuery(Name = FreinField)]
    public string? Frein { get; set; }

    [SupplyParameterFromQuery(Name = PublicField)]
    public string? Public { get; set; }

    [SupplyParameterFromQuery(Name = CommuneField)]
    public string? Commune { get; set; }

    [SupplyParameterFromQuery(Name = AccueilField)]
    public string? Accueil { get; set; }

    [SupplyParameterFromQuery(Name = GratuitField)]
    public string? GratuitValue { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    private bool Gratuit => GratuitValue is "1" or "true" or "oui";

    private int ActiveFilterCount => _query?.ActiveFilters().Count() ?? 0;

    private string FiltersSummary => ActiveFilterCount switch
    {
        0 => "Filtres",
        1 => "Filtres (1 actif)",
        var n => $"Filtres ({n} actifs)",
    };

    private string CountText(DirectoryResults r)
    {
        var plural = r.Total > 1 ? "s" : string.Empty;
        const string verb = "trouvé";
        if (r.TotalIsAtLeast)
        {
            // counted no further (DirectorySearch.CountLimit): more pages exist than can be named
            return $"Plus de {r.Total} services {verb}s — page {r.Page}";
        }
        var pages = r.PageCount > 1 ? $" — page {r.Page} sur {r.PageCount}" : string.Empty;
        return $"{r.Total} service{plural} {verb}{plural}{pages}";
    }

    /// <summary>« Recherche faite avec « mobilite » pour « mobilté ». », each typed word once.</summary>
    private static string CorrectionsText(IReadOnlyList<SearchCorrection> corrections) =>
        string.Join(" ", corrections.GroupBy(c => c.Typed).Select(g =>
            $"Recherche faite avec {string.Join(" ou ", g.Select(c => $"« {c.Corrected} »"))} pour « {g.Key} »."));

    private bool FiltersOpen => ActiveFilterCount > 0 || _problems.Keys.Any(k => k != QueryField);

    private string? ProblemOf(string field) => _problems.GetValueOrDefault(field);

    protected override void OnRestored()
    {
        if (Shown is { } shown)
        {
            (_publishedCount, _places, _directoryPublic) = (shown.PublishedCount, shown.Places, shown.DirectoryPublic);
            _text = Q;
            _query = new DirectoryQuery(Q, new SearchFilters(Frein, null, Public, Commune, Accueil, Gratuit));
            _problems = _query.Problems();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Access is null)
        {
            return;
        }
        if (_watched != LiveTopics.Directory(Access.CiteId))
        {
            if (_watched is not null)
            {
                Unwatch(_watched);
            }
            _watched = LiveTopics.Directory(Access.CiteId);
            Watch(_watched, async _ => await RunAsync());
            _places = await Directory.PlacesAsync(Access);
            _directoryPublic = await Directory.IsPublicAsync(Access.CiteId);
        }
        _text = Q;
        _query = new DirectoryQuery(Q, new SearchFilters(Frein, null, Public, Commune, Accueil, Gratuit));
        await RunAsync();
    }

    private async Task RunAsync()
    {
        if (Access is null || _query is null)
        {
            return;
        }
        _problems = _query.Problems();
        if (_query.IsEmpty)
        {
            // Nothing asked yet: the page offers the barriers rather than an arbitrary list of services.
            _results = null;
            _relaxations = [];
            _publishedCount = await Directory.PublishedCountAsync(Access);
            Shown = PrerenderState.Keep(new DirectorySearchState(_publishedCount, _places, _directoryPublic), RendererInfo);
            return;
        }
        Shown = PrerenderState.Keep(new DirectorySearchState(_publishedCount, _places, _directoryPublic), RendererInfo);
        _results = await Search.SearchAsync(Access, _query, PageNumber ?? 1);
        _relaxations = _results.Total == 0 && _problems.Count == 0 ? await Search.RelaxationsAsync(Access, _query) : [];
    }

    private Task SubmitAsync()
    {
        Navigation.NavigateTo(UrlFor(_text, Frein, Public, Commune, Accueil, Gratuit, 1));
        return Task.CompletedTask;
    }

    private Task FilterAsync(string field, string? value)
    {
        var v = string.IsNullOrEmpty(value) ? null : value;
        Navigation.NavigateTo(UrlFor(
            _text,
            field == FreinField ? v : Frein,
            field == PublicField ? v : Public,
            field == CommuneField ? v : Commune,
            field == AccueilField ? v : Accueil,
            field == GratuitField ? v is not null : Gratuit,
            1));
        return Task.CompletedTask;
    }

    private async Task TogglePublicAsync(bool wanted)
    {
        var result = await Directory.SetPublicAsync(Access!, wanted);
        _directoryPublic = result.Succeeded ? wanted : _directoryPublic;
        Shown = PrerenderState.Keep(new DirectorySearchState(_publishedCount, _places, _directoryPublic), RendererInfo);
        Snackbar.Add(
            result.Succeeded ? (wanted ? "L'annuaire publié est désormais lisible par tous." : "L'annuaire n'est plus lisible que par les membres.") : result.Describe(),
            result.Succeeded ? Severity.Success : Severity.Error);
    }

    private Task ToggleFreeAsync(bool free) => FilterAsync(GratuitField, free ? "1" : null);

    // The selects hold codes; they show the labels (an unknown code typed into the address is shown as typed).
    private static string FreinLabel(string? code) =>
        string.IsNullOrEmpty(code) ? "Tous les freins" : Freins.Find(code)?.Label ?? code;

    private static string PublicLabel(string? code) =>
        string.IsNullOrEmpty(code) ? "Tous les publics" : Referentiels.Publics.Label(code);

    private static string AccueilLabel(string? code) =>
        string.IsNullOrEmpty(code) ? "Sur place ou à distance" : Referentiels.ModesAccueil.Label(code);

    private string PlaceLabel(string? code) =>
        string.IsNullOrEmpty(code) ? "Partout" : _places.FirstOrDefault(p => p.Code == code)?.Label ?? code;

    private string UrlFor(DirectoryQuery query, int page) =>
        UrlFor(query.Text, query.Filters.Frein, query.Filters.Public, query.Filters.Commune, query.Filters.ModeAccueil, query.Filters.FreeOnly, page);

    private string UrlFor(string? text, string? frein, string? pub, string? commune, string? accueil, bool gratuit, int page) =>
        Navigation.GetUriWithQueryParameters($"/c/{Slug}/annuaire", new Dictionary<string, object?>
        {
            [QueryField] = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            [FreinField] = frein,
            [PublicField] = pub,
            [CommuneField] = commune,
            [AccueilField] = accueil,
            [GratuitField] = gratuit ? "1" : null,
            ["page"] = page > 1 ? page : null,
        });
}
