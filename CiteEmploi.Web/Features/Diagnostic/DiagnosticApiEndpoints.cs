using System.Text.Json.Serialization;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>
/// The coverage read by programs: <c>GET /api/cites/{slug}/diagnostic/couverture?rayon=&amp;public=&amp;gratuit=&amp;samedi=&amp;soir=&amp;verifie=</c>,
/// one entry per place and barrier, with the directory's access rules (members; anyone when the directory is public;
/// everyone else the same 404 as for a Cité that does not exist). Bad parameters get French problem details.
/// </summary>
public static class DiagnosticApiEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cites/{slug}/diagnostic/couverture", async (string slug, HttpContext context, CiteAccessService wall, CiteService cites,
            DirectoryService directory, DiagnosticService diagnostic, CancellationToken cancellationToken,
            string? rayon = null, string? @public = null, string? gratuit = null, string? samedi = null, string? soir = null, string? verifie = null) =>
        {
            var access = await DirectoryApiEndpoints.ReaderAsync(context, slug, wall, cites, directory, cancellationToken);
            if (access is null)
            {
                return Results.NotFound();
            }
            var (request, problems) = Request(rayon, @public, gratuit, samedi, soir, verifie);
            if (request is null)
            {
                return Results.ValidationProblem(problems.ToDictionary(p => p.Key, p => new[] { p.Value }), title: "Paramètres de couverture invalides.");
            }
            var matrix = await diagnostic.CoverageAsync(access, request, cancellationToken);
            if (matrix is null)
            {
                return Results.NotFound();
            }
            return Results.Ok(new ApiCoverage(matrix.Unplaced, [.. matrix.Cells.Select(ApiCoverageEntry.From)]));
        }).AllowAnonymous();
        return endpoints.MapCoverageFiles();
    }

    /// <summary>The request the parameters ask for, or null with the problems by parameter (in French).</summary>
    internal static (CoverageRequest? Request, IReadOnlyDictionary<string, string> Problems) Request(
        string? rayon, string? @public, string? gratuit, string? samedi, string? soir, string? verifie)
    {
        var problems = new Dictionary<string, string>(DiagnosticService.Problems(rayon, @public, out var radius));
        var flags = new Dictionary<string, bool>();
        foreach (var (name, value) in new[] { ("gratuit", gratuit), ("samedi", samedi), ("soir", soir), ("verifie", verifie) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                flags[name] = false;
            }
            else if (DirectoryApiEndpoints.Flag(value) is { } flag)
            {
                flags[name] = flag;
            }
            else
            {
                problems[name] = $"« {name} » vaut true ou false (reçu « {Echo.Of(value)} »).";
            }
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var filters = new CoverageFilters(string.IsNullOrWhiteSpace(@public) ? null : @public.Trim(), flags["gratuit"], flags["samedi"], flags["soir"],
            flags["verifie"] ? CoverageFilters.RecentMonths : null);
        return (new CoverageRequest(filters, radius), problems);
    }

    /// <param name="SansPosition">Published services (kept by the filters) with neither coordinates nor a known commune: in no entry.</param>
    public sealed record ApiCoverage([property: JsonPropertyName("sans_position")] int SansPosition, IReadOnlyList<ApiCoverageEntry> Entrees);

    /// <summary>One place × one barrier: the services within the place's radius with their distances, and those « à distance ».</summary>
    public sealed record ApiCoverageEntry(
        string Lieu,
        [property: JsonPropertyName("type_lieu")] string TypeLieu,
        string Nom,
        double? Latitude,
        double? Longitude,
        [property: JsonPropertyName("rayon_km")] double RayonKm,
        string Frein,
        int Nombre,
        IReadOnlyList<ApiCoveredService> Services,
        [property: JsonPropertyName("a_distance")] IReadOnlyList<Guid> ADistance)
    {
        public static ApiCoverageEntry From(CoverageCell cell) => new(
            cell.Row.Place.Code, cell.Row.Place.Kind == PlaceKind.Qpv ? "qpv" : "commune", cell.Row.Place.Name,
            cell.Row.Place.Position?.Latitude, cell.Row.Place.Position?.Longitude, cell.Row.RadiusKm, cell.Frein.Code, cell.Count,
            [.. cell.Near.Select(s => new ApiCoveredService(s.ServiceId, (int)Math.Round(s.Metres)))], cell.ComesToPerson);
    }

    public sealed record ApiCoveredService(Guid Id, [property: JsonPropertyName("distance_metres")] int DistanceMetres);
}
