using System.Globalization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Components.Pages.Annuaire.Edition;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
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
    private const string PresField = "pres";
    private const string RayonField = "rayon";

    /// <summary>A place typed as text in the form sent without interactivity (« Bobigny », « 93200 »): see <see cref="NearPlaces.MatchAsync"/>.</summary>
    private const string LieuField = "lieu";

    /// <summary>The search form's id (the « près de » fields outside it belong to it through their <c>form</c> attribute).</summary>
    private const string FormId = "recherche";

    /// <summary>The radii offered in kilometres (any other, typed into the address, still works).</summary>
    private static readonly string[] Radii = ["1", "2", "5", "10", "20"];

    private string? _text;
    private DirectoryQuery? _query;
    private DirectoryResults? _results;
    private IReadOnlyList<Relaxation> _relaxations = [];
    private IReadOnlyList<DirectoryPlace> _places = [];
    private IReadOnlyDictionary<string, string> _problems = new Dictionary<string, string>();
    private int _publishedCount;
    private bool _directoryPublic;
    private string? _watched;
    private Place? _nearPlace;
    private string? _nearLabel;
    private string? _geoProblem;
    private bool _locating;
    private IReadOnlyList<Place> _lieuChoices = [];
    private string? _lieuProblem;

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

    [SupplyParameterFromQuery(Name = PresField)]
    public string? Pres { get; set; }

    [SupplyParameterFromQuery(Name = RayonField)]
    public string? Rayon { get; set; }

    [SupplyParameterFromQuery(Name = LieuField)]
    public string? Lieu { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    private bool Gratuit => GratuitValue is "1" or "true" or "oui";

    /// <summary>The filters set, as the search form's hidden fields: a new search keeps them, live or not.</summary>
    private IEnumerable<(string Field, string Value)> KeptFilters
    {
        get
        {
            foreach (var (name, value) in new[] { (FreinField, Frein), (PublicField, Public), (CommuneField, Commune), (AccueilField, Accueil) })
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    yield return (name, value);
                }
            }
            if (Gratuit)
            {
                yield return (GratuitField, "1");
            }
        }
    }

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
        if (r.Near is { } near)
        {
            var within = near.RadiusKm is { } km ? string.Create(CultureInfo.GetCultureInfo("fr-FR"), $" à moins de {km:0.#} km de") : " près de";
            var nearPages = r.PageCount > 1 ? $" — page {r.Page} sur {r.PageCount}" : string.Empty;
            return $"{r.Total} service{plural}{within} {near.Origin.Label}, du plus proche au plus loin{nearPages}";
        }
        const string verb = "trouvé";
        if (r.TotalIsAtLeast)
        {
            // counted no further (DirectorySearch.CountLimit): more pages exist than can be named
            return $"Plus de {r.Total} services {verb}s — page {r.Page}";
        }
        var pages = r.PageCount > 1 ? $" — page {r.Page} sur {r.PageCount}" : string.Empty;
        return $"{r.Total} service{plural} {verb}{plural}{pages}";
    }

    private string EmptyText(DirectoryResults r) => r.Near is { } near
        ? near.ComesToPersonTotal > 0
            ? $"Aucun service sur place {(near.RadiusKm is null ? "près de" : "dans ce rayon autour de")} {near.Origin.Label} ; {DirectoryDisplay.Count(near.ComesToPersonTotal, "service à distance", "services à distance")} ci-dessous."
            : $"Aucun service ne correspond près de {near.Origin.Label}."
        : "Aucun service ne correspond.";

    /// <summary>Under the « Près de » field: the place searched near, when there is one and no problem.</summary>
    private string? NearHelper => _nearLabel is { } label && NearProblem is null ? $"Résultats du plus proche au plus loin de {label}." : null;

    /// <summary>What is wrong with the place (the address's, or the browser's refusal to give a position).</summary>
    private string? NearProblem => ProblemOf(PresField) ?? _geoProblem;

    private static string RadiusLabel(string? km) => string.IsNullOrEmpty(km) ? "Toutes distances" : $"À moins de {km} km";

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
            _query = new DirectoryQuery(Q, new SearchFilters(Frein, null, Public, Commune, Accueil, Gratuit), Pres, Rayon);
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
        var pres = await PresTypedOrGivenAsync();
        _query = new DirectoryQuery(Q, new SearchFilters(Frein, null, Public, Commune, Accueil, Gratuit), pres, pres is null ? null : Rayon);
        _geoProblem = null;
        await ShowNearPlaceAsync();
        await RunAsync();
    }

    /// <summary>
    /// The place searched near: the one typed (<c>lieu</c>, from the form sent without interactivity) when it is not the
    /// place already given (<c>pres</c>); none when the typed text was emptied.
    /// </summary>
    private async Task<string?> PresTypedOrGivenAsync()
    {
        _lieuChoices = [];
        _lieuProblem = null;
        if (Lieu is null || Access is null)
        {
            return Pres;
        }
        var typed = Lieu.Trim();
        if (typed.Length == 0)
        {
            return null;
        }
        if (NearReference.TryParse(Pres, out var given, out _) && given is not null && await Places.LabelAsync(Access, given) is { } label
            && CiteEmploi.Domain.Common.Text.Fold(label) == CiteEmploi.Domain.Common.Text.Fold(typed))
        {
            return Pres;
        }
        var match = await Places.MatchAsync(Access, typed);
        (_lieuChoices, _lieuProblem) = (match.Choices, match.Problem);
        return match.Reference?.ToString();
    }

    /// <summary>The place of the address in the « Près de » field (a commune, one of the Cité's QPVs; a position has no name).</summary>
    private async Task ShowNearPlaceAsync()
    {
        var reference = _query?.Near;
        _nearLabel = reference is null || Access is null ? null : await Places.LabelAsync(Access, reference);
        _nearPlace = reference?.Kind switch
        {
            NearKind.Commune => Communes.Find(reference.Code),
            NearKind.Qpv when Access is not null => (await Places.QpvsAsync(Access)).FirstOrDefault(q => q.Code == reference.Code),
            _ => null,
        };
    }

    private async Task<IEnumerable<Place>> SuggestPlacesAsync(string? typed, CancellationToken cancellationToken) =>
        Access is null ? [] : await Places.SuggestAsync(Access, typed, 10, cancellationToken);

    private Task NearChosenAsync(Place? place)
    {
        if (place is null)
        {
            return Task.CompletedTask;
        }
        Navigation.NavigateTo(UrlFor(_text, Frein, Public, Commune, Accueil, Gratuit, 1, place.Reference.ToString(), _query?.Rayon));
        return Task.CompletedTask;
    }

    private Task RadiusChosenAsync(string? km)
    {
        Navigation.NavigateTo(UrlFor(_text, Frein, Public, Commune, Accueil, Gratuit, 1, _query?.Pres, string.IsNullOrEmpty(km) ? null : km));
        return Task.CompletedTask;
    }

    /// <summary>« Ma position »: the browser asks the person, only now; a refusal is said next to the field, nothing else changes.</summary>
    private async Task UseMyPositionAsync()
    {
        _locating = true;
        _geoProblem = null;
        try
        {
            await using var module = await Js.InvokeAsync<IJSObjectReference>("import", "./" + Assets["js/near.js"]);
            var position = await module.InvokeAsync<BrowserPosition>("currentPosition");
            if (position.Ok)
            {
                var reference = NearReference.ForPosition(new GeoPoint(Math.Round(position.Latitude, 5), Math.Round(position.Longitude, 5)));
                Navigation.NavigateTo(UrlFor(_text, Frein, Public, Commune, Accueil, Gratuit, 1, reference.ToString(), _query?.Rayon));
                return;
            }
            _geoProblem = position.Reason switch
            {
                "denied" => "Le navigateur n'a pas donné la position (autorisation refusée) : choisissez une commune ou un quartier.",
                "unsupported" => "Ce navigateur ne sait pas donner la position : choisissez une commune ou un quartier.",
                _ => "La position n'a pas pu être trouvée : réessayez, ou choisissez une commune ou un quartier.",
            };
        }
        catch (JSException)
        {
            _geoProblem = "La position n'a pas pu être demandée au navigateur : choisissez une commune ou un quartier.";
        }
        finally
        {
            _locating = false;
        }
    }

    /// <summary>What <c>js/near.js</c> answers.</summary>
    private sealed record BrowserPosition(bool Ok, double Latitude, double Longitude, string? Reason);

    private async Task RunAsync()
    {
        if (Access is null || _query is null)
        {
            return;
        }
        _problems = await Search.ProblemsAsync(Access, _query);
        if (_lieuProblem is not null)
        {
            _problems = new Dictionary<string, string>(_problems) { [PresField] = _lieuProblem };
        }
        if (_problems.ContainsKey(PresField))
        {
            // a place that cannot be used is said next to its field; the rest of the search goes on as if none were given
            _query = _query with { Pres = null, Rayon = null };
            _nearPlace = null;
            _nearLabel = null;
        }
        else if (_problems.ContainsKey(RayonField))
        {
            _query = _query with { Rayon = null };
        }
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
        // the same service at several places is one result « 3 lieux »
        _results = await SamePlaces.CollapseAsync(Access, await Search.SearchAsync(Access, _query, PageNumber ?? 1));
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
        UrlFor(query.Text, query.Filters.Frein, query.Filters.Public, query.Filters.Commune, query.Filters.ModeAccueil, query.Filters.FreeOnly, page, query.Pres, query.Rayon);

    /// <summary>An address of the page; the place « près de » and its radius stay as they are.</summary>
    private string UrlFor(string? text, string? frein, string? pub, string? commune, string? accueil, bool gratuit, int page) =>
        UrlFor(text, frein, pub, commune, accueil, gratuit, page, _query?.Pres, _query?.Rayon);

    private string UrlFor(string? text, string? frein, string? pub, string? commune, string? accueil, bool gratuit, int page, string? pres, string? rayon) =>
        Navigation.GetUriWithQueryParameters($"/c/{Slug}/annuaire", new Dictionary<string, object?>
        {
            [PresField] = string.IsNullOrWhiteSpace(pres) ? null : pres,
            [RayonField] = string.IsNullOrWhiteSpace(rayon) ? null : rayon,
            [QueryField] = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            [FreinField] = frein,
            [PublicField] = pub,
            [CommuneField] = commune,
            [AccueilField] = accueil,
            [GratuitField] = gratuit ? "1" : null,
            ["page"] = page > 1 ? page : null,
        });
}
