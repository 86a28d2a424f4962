using System.Globalization;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>
/// The coverage matrix as a spreadsheet: <c>/c/{slug}/diagnostic/couverture.csv</c> and <c>.xlsx</c>, with the page's
/// filters (<c>?rayon=&amp;public=&amp;gratuit=&amp;samedi=&amp;soir=&amp;verifie=</c>), one line per place and barrier with
/// its count, level, shared finding and services (name and distance). For the Cité's members only: another Cité's member,
/// or a Cité that does not exist, answers 404; bad parameters a French 400.
/// </summary>
public static class CoverageFiles
{
    public static IReadOnlyList<string> Columns { get; } =
        ["code_lieu", "lieu", "type_lieu", "rayon_km", "code_frein", "frein", "nombre", "niveau", "a_distance", "constat", "commentaire", "services"];

    public static IEndpointRouteBuilder MapCoverageFiles(this IEndpointRouteBuilder endpoints)
    {
        foreach (var extension in new[] { "csv", "xlsx" })
        {
            endpoints.MapGet($"/c/{{slug}}/diagnostic/couverture.{extension}", async (HttpContext context, string slug, CiteAccessService wall,
                DiagnosticService diagnostic, DirectoryService directory, CancellationToken cancellationToken,
                string? rayon = null, string? @public = null, string? gratuit = null, string? samedi = null, string? soir = null, string? verifie = null) =>
            {
                var access = await wall.ResolveAsync(context.User, slug, cancellationToken);
                if (access is null || !access.Can(CitePermission.Read))
                {
                    return Results.NotFound();
                }
                var (request, problems) = DiagnosticApiEndpoints.Request(rayon, @public, gratuit, samedi, soir, verifie);
                if (request is null)
                {
                    return Results.ValidationProblem(problems.ToDictionary(p => p.Key, p => new[] { p.Value }), title: "Paramètres de couverture invalides.");
                }
                if (await diagnostic.CoverageAsync(access, request, cancellationToken) is not { } matrix)
                {
                    return Results.NotFound();
                }
                var findings = (await diagnostic.FindingsAsync(access, cancellationToken)).ToDictionary(f => (f.PlaceCode, f.FreinCode));
                var names = (await directory.GetPublishedAsync(access, [.. matrix.Cells.SelectMany(c => c.Near.Select(s => s.ServiceId)).Distinct()], cancellationToken))
                    .ToDictionary(v => v.Service.Id, v => v.Service.Name);
                var rows = Rows(matrix, findings, names);
                context.Response.Headers.CacheControl = "no-store";
                var name = $"couverture-{access.Slug}.{extension}";
                return extension == "csv"
                    ? Results.File(SheetFiles.Csv(Columns, rows), SheetFiles.CsvType, name)
                    : Results.File(SheetFiles.Xlsx("Couverture", Columns, rows), SheetFiles.XlsxType, name);
            }).RequireAuthorization();
        }
        return endpoints;
    }

    /// <summary>One line per place and barrier, in the matrix's order.</summary>
    public static IEnumerable<IReadOnlyList<SheetCell>> Rows(CoverageMatrix matrix, IReadOnlyDictionary<(string, string), GapFinding> findings,
        IReadOnlyDictionary<Guid, string> names) => matrix.Cells.Select(cell =>
    {
        var finding = findings.GetValueOrDefault((cell.Row.Place.Code, cell.Frein.Code));
        var placed = cell.Level != CoverageLevel.NoPosition;
        return (IReadOnlyList<SheetCell>)
        [
            SheetCell.Of(cell.Row.Place.Code), SheetCell.Typed(cell.Row.Place.Label), SheetCell.Of(cell.Row.Place.Kind == PlaceKind.Qpv ? "qpv" : "commune"),
            SheetCell.Of((decimal)cell.Row.RadiusKm, string.Empty), SheetCell.Of(cell.Frein.Code), SheetCell.Of(cell.Frein.Label),
            placed ? SheetCell.Of(cell.Count, string.Empty) : SheetCell.Of(string.Empty),
            SheetCell.Of(cell.Level switch
            {
                CoverageLevel.NoPosition => "position inconnue",
                CoverageLevel.None => "aucun service",
                CoverageLevel.Thin => "un seul",
                _ => "couvert",
            }),
            SheetCell.Of(cell.ComesToPerson.Count, string.Empty),
            SheetCell.Of(finding is null ? string.Empty : GapFinding.Label(finding.Status)), SheetCell.Typed(finding?.Comment ?? string.Empty),
            SheetCell.Typed(string.Join(" | ", cell.Near.Where(s => names.ContainsKey(s.ServiceId))
                .Select(s => string.Create(CultureInfo.InvariantCulture, $"{names[s.ServiceId]} ({Math.Round(s.Metres):0} m)")))),
        ];
    });
}
