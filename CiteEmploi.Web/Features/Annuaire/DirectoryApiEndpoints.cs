using System.Text.Json.Serialization;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>
/// The read API of a Cité's published directory: <c>GET /api/cites/{slug}/services</c>, same ranking as the search
/// page, paginated; with <c>pres</c> (and <c>rayon</c> in km) the services nearest first with their distance in metres. Members read it with their session; anyone when the coordinator made the directory public.
/// Everyone else gets the same 404 as for a Cité that does not exist.
/// </summary>
public static class DirectoryApiEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cites/{slug}/services", async (string slug, HttpContext context, CiteAccessService wall, CiteService cites,
            DirectoryService directory, DirectorySearch search, CancellationToken cancellationToken,
            string? q = null, string? frein = null, string? thematique = null, string? @public = null, string? commune = null,
            string? accueil = null, string? gratuit = null, string? page = null, string? taille = null, string? pres = null, string? rayon = null) =>
        {
            var access = await ReaderAsync(context, slug, wall, cites, directory, cancellationToken);
            if (access is null)
            {
                return Results.NotFound();
            }
            // the numbers and the flag are read here, not bound by the framework: a malformed one gets the same French
            // problem details as any other bad parameter (the framework's binding failure is an empty 400)
            var free = Flag(gratuit);
            var pageNumber = Number(page);
            var pageSize = Number(taille);
            var query = new DirectoryQuery(q, new SearchFilters(frein, thematique, @public, commune, accueil, free ?? false), pres, rayon);
            var problems = new Dictionary<string, string>(await search.ProblemsAsync(access, query, cancellationToken));
            if (free is null && !string.IsNullOrWhiteSpace(gratuit))
            {
                problems["gratuit"] = $"« gratuit » vaut true ou false (reçu « {Echo.Of(gratuit)} »).";
            }
            if (pageNumber is < 1 || (pageNumber is null && !string.IsNullOrWhiteSpace(page)))
            {
                problems["page"] = $"Le numéro de page est un nombre entier à partir de 1 (reçu « {Echo.Of(page)} »).";
            }
            if (pageSize is < 1 or > DirectorySearch.MaxPageSize || (pageSize is null && !string.IsNullOrWhiteSpace(taille)))
            {
                problems["taille"] = $"La taille de page est un nombre entier de 1 à {DirectorySearch.MaxPageSize} (reçu « {Echo.Of(taille)} »).";
            }
            if (problems.Count > 0)
            {
                return Results.ValidationProblem(problems.ToDictionary(p => p.Key, p => new[] { p.Value }), title: "Paramètres de recherche invalides.");
            }
            var results = await search.SearchAsync(access, query, pageNumber ?? 1, pageSize ?? DirectorySearch.DefaultPageSize, cancellationToken);
            string Link(DirectoryResult r) => $"/c/{access.Slug}/annuaire/services/{r.View.Service.Id}";
            return Results.Ok(new ApiPage(results.Total, results.TotalIsAtLeast, results.Page, results.PageSize, results.PageCount,
                [.. results.Items.Select(r => ApiService.From(r.View, Link(r), r.Distance))], results.IsClosest,
                results.Near is { } near ? ApiNear.From(near, r => ApiService.From(r.View, Link(r))) : null));
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// Who reads a Cité's published directory (and what is counted from it, like the diagnostic's coverage): its
    /// members, and anyone when the coordinator made the directory public; null for everyone else (→ the same 404 as
    /// for a Cité that does not exist).
    /// </summary>
    internal static async Task<CiteAccess?> ReaderAsync(HttpContext context, string slug, CiteAccessService wall, CiteService cites,
        DirectoryService directory, CancellationToken cancellationToken)
    {
        var access = await wall.ResolveAsync(context.User, slug, cancellationToken);
        if (access is null && await cites.GetAsync(slug, cancellationToken) is { IsArchived: false } cite
            && await directory.IsPublicAsync(cite.Id, cancellationToken))
        {
            access = CiteAccess.PublicReader(cite.Id, cite.Slug);
        }
        return access;
    }

    private static int? Number(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    internal static bool? Flag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "oui" => true,
        "false" or "0" or "non" => false,
        _ => null,
    };


    /// <summary>
    /// A page of results. When <paramref name="TotalIsAtLeast"/> is true the matches were counted no further than
    /// <paramref name="Total"/> (there are more: « plus de N »), and <paramref name="Pages"/> is the pages known to exist,
    /// at least one after this one.
    /// </summary>
    /// <param name="Closest">No service holds every word of <c>q</c>: these hold some of them, those holding the most first (issue 14).</param>
    /// <param name="Pres">With <c>pres</c>: the place measured from, the services that come to the person, the unplaced count; null otherwise.</param>
    public sealed record ApiPage(int Total, bool TotalIsAtLeast, int Page, int PageSize, int Pages, IReadOnlyList<ApiService> Items, bool Closest = false,
        ApiNear? Pres = null);

    /// <summary>
    /// What « près de » adds: the place (its <c>pres</c> code, label and position), the radius, the services given
    /// « à distance » only (they come to the person, listed apart, at most <see cref="NearSearch.ComesToPersonShown"/>)
    /// with their number, and the number of matching services with no position (neither coordinates nor a known commune).
    /// </summary>
    public sealed record ApiNear(
        string Lieu,
        string Libelle,
        double Latitude,
        double Longitude,
        [property: JsonPropertyName("rayon_km")] double? RayonKm,
        [property: JsonPropertyName("a_distance")] IReadOnlyList<ApiService> ADistance,
        [property: JsonPropertyName("a_distance_total")] int ADistanceTotal,
        [property: JsonPropertyName("sans_position")] int SansPosition)
    {
        public static ApiNear From(NearSummary near, Func<DirectoryResult, ApiService> service) =>
            new(near.Origin.Reference.ToString(), near.Origin.Label, near.Origin.Point.Latitude, near.Origin.Point.Longitude, near.RadiusKm,
                [.. near.ComesToPerson.Select(service)], near.ComesToPersonTotal, near.Unplaced);
    }

    /// <summary>A published service in data·inclusion's words (field names in snake_case).</summary>
    public sealed record ApiService(
        Guid Id,
        string Nom,
        string Description,
        ApiStructure Structure,
        IReadOnlyList<string> Freins,
        IReadOnlyList<string> Thematiques,
        IReadOnlyList<string> Publics,
        [property: JsonPropertyName("publics_precisions")] string? PublicsPrecisions,
        string? Frais,
        [property: JsonPropertyName("frais_precisions")] string? FraisPrecisions,
        [property: JsonPropertyName("conditions_acces")] string? ConditionsAcces,
        [property: JsonPropertyName("modes_accueil")] IReadOnlyList<string> ModesAccueil,
        [property: JsonPropertyName("modes_mobilisation")] IReadOnlyList<string> ModesMobilisation,
        [property: JsonPropertyName("mobilisable_par")] IReadOnlyList<string> MobilisablePar,
        [property: JsonPropertyName("lien_mobilisation")] string? LienMobilisation,
        string? Telephone,
        string? Courriel,
        [property: JsonPropertyName("horaires_accueil")] string? HorairesAccueil,
        string? Commune,
        [property: JsonPropertyName("code_postal")] string? CodePostal,
        string? Adresse,
        [property: JsonPropertyName("date_maj")] DateOnly DateMaj,
        string Lien,
        [property: JsonPropertyName("distance_metres")] int? DistanceMetres = null,
        [property: JsonPropertyName("distance_depuis")] string? DistanceDepuis = null)
    {
        /// <param name="distance">With « près de »: the distance, rounded to the metre, and whether it is measured from
        /// the service's address (« adresse ») or its commune's centre (« centre_commune »).</param>
        public static ApiService From(ServiceView view, string link, NearDistance? distance = null)
        {
            var s = view.Service;
            var address = s.AddressOr(view.Structure);
            return new ApiService(s.Id, s.Name, s.Description, new ApiStructure(view.Structure.Id, view.Structure.Name),
                [.. s.Freins.Select(f => f.Code)], s.Thematiques, s.Publics, s.PublicsDetails, s.Frais, s.FraisDetails, s.AccessConditions,
                s.ModesAccueil, s.ModesMobilisation, s.MobilisablePar, s.MobilisationLink,
                s.PhoneOr(view.Structure), s.EmailOr(view.Structure),
                s.OpeningHoursOr(view.Structure), address?.Commune, address?.Postcode, address?.Street, s.UpdatedOn, link,
                distance is null ? null : (int)Math.Round(distance.Metres),
                distance?.Source switch
                {
                    ServicePositionSource.Address => "adresse",
                    ServicePositionSource.CommuneCentre => "centre_commune",
                    _ => null,
                });
        }
    }

    public sealed record ApiStructure(Guid Id, string Nom);
}
