using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Annuaire.Search;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>
/// Keeps the full-text index in step with the stored directory: published services are in it, drafts and archived
/// ones are not. Called after a change is committed, so the index never shows what was rolled back; the start-up
/// check (<see cref="EnsureConsistentAsync"/>) rebuilds it if a crash fell between the commit and the indexing.
/// </summary>
public sealed class DirectoryIndexer(IDbContextFactory<AppDbContext> dbFactory, DirectorySearchIndex index, ILogger<DirectoryIndexer> logger)
{
    /// <summary>Re-reads these services of the Cité and updates their index entries.</summary>
    public async Task RefreshAsync(Guid citeId, IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken = default)
    {
        if (serviceIds.Count == 0)
        {
            return;
        }
        await using var db = await OpenAsync(citeId, cancellationToken);
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var structureIds = services.Select(s => s.StructureId).Distinct().ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        await index.UpsertAsync([.. services.Where(s => s.IsPublished).Select(s => ToDocument(s, structures[s.StructureId]))], cancellationToken);
        foreach (var id in serviceIds.Except(services.Where(s => s.IsPublished).Select(s => s.Id)))
        {
            await index.RemoveAsync(id, cancellationToken);
        }
    }

    /// <summary>Re-indexes every service of a structure (its name and address are part of each service's entry).</summary>
    public async Task RefreshStructureAsync(Guid citeId, Guid structureId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(citeId, cancellationToken);
        var ids = await db.Services.Where(s => s.StructureId == structureId).Select(s => s.Id).ToListAsync(cancellationToken);
        await RefreshAsync(citeId, ids, cancellationToken);
    }

    /// <summary>Re-indexes a whole Cité (after an import).</summary>
    public async Task RefreshCiteAsync(Guid citeId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(citeId, cancellationToken);
        var ids = await db.Services.Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var batch in ids.Chunk(2_000))
        {
            await RefreshAsync(citeId, batch, cancellationToken);
        }
    }

    /// <summary>
    /// At start-up: when the index does not hold exactly the published services (a crash between a commit and its
    /// indexing, or a database restored from a backup), rebuild it for every Cité.
    /// </summary>
    public async Task EnsureConsistentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var published = await db.Services.IgnoreQueryFilters().CountAsync(s => s.Status == ServiceStatus.Publie, cancellationToken);
        var indexed = await index.CountIndexedAsync(cancellationToken);
        if (published == indexed)
        {
            return;
        }
        logger.LogWarning("L'index de recherche de l'annuaire ({Indexed} services) ne correspond pas aux services publiés ({Published}) : reconstruction.", indexed, published);
        await index.ClearAsync(cancellationToken);
        var cites = await db.Services.IgnoreQueryFilters().Select(s => s.CiteId).Distinct().ToListAsync(cancellationToken);
        foreach (var citeId in cites)
        {
            await RefreshCiteAsync(citeId, cancellationToken);
        }
    }

    /// <summary>What the index knows of a published service: its texts in French words, and its codes as filter tokens.</summary>
    public static SearchDocument ToDocument(Service service, Structure structure)
    {
        var address = service.AddressOr(structure);
        var freins = service.Freins;
        var publics = service.Publics.Contains(Referentiels.TousPublics)
            ? Referentiels.Publics.Codes.ToList()
            : service.Publics;
        var codes = new List<string>();
        codes.AddRange(freins.Select(f => SearchIndexCodes.Frein(f.Code)));
        codes.AddRange(service.Thematiques.SelectMany(t => new[] { t, Referentiels.CategoryOf(t) }).Distinct().Select(SearchIndexCodes.Thematique));
        codes.AddRange(publics.Select(SearchIndexCodes.Public));
        codes.AddRange(service.ModesAccueil.Select(SearchIndexCodes.ModeAccueil));
        codes.AddRange(Places(address, structure).Select(SearchIndexCodes.Commune));
        if (service.IsFree)
        {
            codes.Add(SearchIndexCodes.Free);
        }
        return new SearchDocument(
            service.Id,
            service.CiteId,
            service.Name,
            structure.Name,
            string.Join(" ; ", freins.Select(f => f.Label)),
            string.Join(" ; ", service.Thematiques.Select(Referentiels.Thematiques.Label)),
            string.Join(" ; ", service.Publics.Select(Referentiels.Publics.Label).Append(service.PublicsDetails ?? string.Empty)),
            string.Join(" ", new[] { address?.Commune, address?.Postcode }.Where(p => p is not null)),
            string.Join("\n", new[] { service.Description, service.AccessConditions }.Where(p => p is not null)),
            [.. codes.Distinct()]);
    }

    /// <summary>The places a service can be found by: its commune (INSEE code, postcode, name) and its structure's QPVs.</summary>
    private static IEnumerable<string> Places(PostalAddress? address, Structure structure)
    {
        if (address?.InseeCode is { } insee)
        {
            yield return insee;
        }
        if (address?.Postcode is { } postcode)
        {
            yield return postcode;
        }
        if (address?.Commune is { } commune)
        {
            yield return Text.Fold(commune);
        }
        foreach (var qpv in structure.QpvCodes)
        {
            yield return qpv;
        }
    }

    private async Task<AppDbContext> OpenAsync(Guid citeId, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.CiteScope = citeId;
        return db;
    }
}
