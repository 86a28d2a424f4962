using System.IO.Compression;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>
/// A Cité's published directory as data·inclusion v1 files, for its members:
/// <c>/c/{slug}/annuaire/export/structures.json</c>, <c>services.json</c>, <c>structures.csv</c>, <c>services.csv</c>,
/// and <c>/c/{slug}/annuaire/export.zip</c> with the four. The same wall as the pages: a Cité the person does not
/// belong to answers 404, like one that does not exist.
/// </summary>
public static class DirectoryExportEndpoints
{
    private static readonly string[] Files = ["structures.json", "services.json", "structures.csv", "services.csv"];

    public static IEndpointRouteBuilder MapDirectoryExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/c/{slug}/annuaire/export/{file}", async (HttpContext context, string slug, string file,
            CiteAccessService wall, CiteDbContextFactory dbs, CancellationToken cancellationToken) =>
        {
            if (!Files.Contains(file) || await ExportOfAsync(context, slug, wall, dbs, cancellationToken) is not { } export)
            {
                return Results.NotFound();
            }
            var contentType = file.EndsWith(".json", StringComparison.Ordinal) ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            return Results.Stream(stream => WriteAsync(file, stream, export, cancellationToken), contentType, $"{slug}-{file}");
        }).RequireAuthorization();

        endpoints.MapGet("/c/{slug}/annuaire/export.zip", async (HttpContext context, string slug,
            CiteAccessService wall, CiteDbContextFactory dbs, CancellationToken cancellationToken) =>
        {
            if (await ExportOfAsync(context, slug, wall, dbs, cancellationToken) is not { } export)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-store";
            return Results.Stream(async stream =>
            {
                // ZipArchive writes synchronously: build it in memory, then send it
                using var buffer = new MemoryStream();
                using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var file in Files)
                    {
                        await using var entry = await zip.CreateEntry(file, CompressionLevel.Optimal).OpenAsync(cancellationToken);
                        await WriteAsync(file, entry, export, cancellationToken);
                    }
                }
                buffer.Position = 0;
                await buffer.CopyToAsync(stream, cancellationToken);
            }, "application/zip", $"{slug}-annuaire-data-inclusion.zip");
        }).RequireAuthorization();
        return endpoints;
    }

    private static async Task<DataInclusionExport?> ExportOfAsync(HttpContext context, string slug, CiteAccessService wall, CiteDbContextFactory dbs, CancellationToken cancellationToken)
    {
        var access = await wall.ResolveAsync(context.User, slug, cancellationToken);
        if (access is null || !access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var services = await db.Services.AsNoTracking().Where(s => s.Status == Domain.Annuaire.ServiceStatus.Publie).ToListAsync(cancellationToken);
        var structures = await db.Structures.AsNoTracking().ToListAsync(cancellationToken);
        return DataInclusionExport.Of(access.Slug, structures, services);
    }

    private static Task WriteAsync(string file, Stream stream, DataInclusionExport export, CancellationToken cancellationToken) => file switch
    {
        "structures.json" => DataInclusionWriter.WriteStructuresJsonAsync(stream, export, cancellationToken),
        "services.json" => DataInclusionWriter.WriteServicesJsonAsync(stream, export, cancellationToken),
        "structures.csv" => DataInclusionWriter.WriteStructuresCsvAsync(stream, export, cancellationToken),
        _ => DataInclusionWriter.WriteServicesCsvAsync(stream, export, cancellationToken),
    };
}
