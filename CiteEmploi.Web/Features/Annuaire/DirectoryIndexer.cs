using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Annuaire.Search;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>
/// Keeps the full-text index in step with the stored directory: published services are in it, drafts and archived
/// ones are not. Called after a change is committed, so the index never shows what was rolled back. Every write to the
/// index goes through here, one at a time, each reading the database and writing the index under the same turn: an
/// index entry is never overwritten by an older reading of its service.
/// At start-up (<see cref="EnsureConsistentAsync"/>) the index's services are compared with the published ones (a crash
/// between a commit and its indexing, a restored database, another server's changes while this one was down); then
/// <see cref="DirectoryIndexCheck"/> re-reads every service in the background and rewrites the entries whose content
/// differs (the index leaves alone those already as they should be).
/// </summary>
public sealed class DirectoryIndexer(IDbContextFactory<AppDbContext> dbFactory, DirectorySearchIndex index, ILogger<DirectoryIndexer> logger) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public void Dispose() => _writing.Dispose();

    /// <summary>Re-reads these services of the Cité and updates their index entries.</summary>
    /// <returns>How many entries were added, replaced or removed.</returns>
    public async Task<int> RefreshAsync(Guid citeId, IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken = default)
    {
        if (serviceIds.Count == 0)
        {
            return 0;
        }
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await OpenAsync(citeId, cancellationToken);
            var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToListAsync(cancellationToken);
            var structureIds = services.Select(s => s.StructureId).Distinct().ToList();
            var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            var changed = await index.UpsertAsync([.. services.Where(s => s.IsPublished).Select(s => ToDocument(s, structures[s.StructureId]))], cancellationToken);
            foreach (var id in serviceIds.Except(services.Where(s => s.IsPublished).Select(s => s.Id)))
            {
                changed += await index.RemoveAsync(id, cancellationToken) ? 1 : 0;
            }
            return changed;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Writes documents built from entities just committed (an import): in turn with the other writes.</summary>
    public async Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await index.UpsertAsync(documents, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Re-indexes every service of a structure (its name and address are part of each service's entry).</summary>
    public async Task RefreshStructureAsync(Guid citeId, Guid structureId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(citeId, cancellationToken);
        var ids = await db.Services.Where(s => s.StructureId == structureId).Select(s => s.Id).ToListAsync(cancellationToken);
        await RefreshAsync(citeId, ids, cancellationToken);
    }

    /// <summary>Re-indexes a whole Cité (after an import, or to check its content).</summary>
    /// <returns>How many entries were added, replaced or removed.</returns>
    public async Task<int> RefreshCiteAsync(Guid citeId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(citeId, cancellationToken);
        var ids = await db.Services.Select(s => s.Id).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var batch in ids.Chunk(2_000))
        {
            changed += await RefreshAsync(citeId, batch, cancellationToken);
        }
        return changed;
    }

    /// <summary>
    /// At start-up: the index must hold exactly the published services — those missing are indexed, those no longer
    /// published (or gone) are removed. Compares the services themselves, not their numbers: one service unpublished
    /// and another published while this server was down are both seen.
    /// </summary>
    /// <returns>How many entries were added or removed.</returns>
    public async Task<int> EnsureConsistentAsync(CancellationToken cancellationToken = default)
    {
        List<(Guid Id, Guid CiteId)> published;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            published = (await db.Services.IgnoreQueryFilters().AsNoTracking().Where(s => s.Status == ServiceStatus.Publie)
                .Select(s => new { s.Id, s.CiteId }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.CiteId)).ToList();
        }
        var indexed = await index.IndexedAsync(cancellationToken);
        var missing = published.Where(s => !indexed.Contains(s.Id)).ToList();
        indexed.ExceptWith(published.Select(s => s.Id));
        if (missing.Count == 0 && indexed.Count == 0)
        {
            return 0;
        }
        logger.LogWarning("L'index de recherche de l'annuaire ne correspond pas aux services publiés : {Missing} à ajouter, {Extra} à retirer.", missing.Count, indexed.Count);
        var changed = 0;
        foreach (var cite in missing.GroupBy(s => s.CiteId))
        {
            foreach (var batch in cite.Select(s => s.Id).Chunk(2_000))
            {
                changed += await RefreshAsync(cite.Key, batch, cancellationToken);
            }
        }
        await _writing.WaitAsync(cancellationToken);
        try
        {
            foreach (var id in indexed)
            {
                changed += await index.RemoveAsync(id, cancellationToken) ? 1 : 0;
            }
        }
        finally
        {
            _writing.Release();
        }
        return changed;
    }

    /// <summary>Every Cité's services read again and their entries rewritten where their content differs.</summary>
    /// <returns>How many entries were added, replaced or removed.</returns>
    public async Task<int> CheckContentAsync(CancellationToken cancellationToken = default)
    {
        List<Guid> cites;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            cites = await db.Services.IgnoreQueryFilters().Select(s => s.CiteId).Distinct().ToListAsync(cancellationToken);
        }
        var changed = 0;
        foreach (var citeId in cites)
        {
            changed += await RefreshCiteAsync(citeId, cancellationToken);
        }
        // services of a Cité deleted meanwhile, or published elsewhere while this pass ran
        return changed + await EnsureConsistentAsync(cancellationToken);
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
            DescriptionOf(service),
            [.. codes.Distinct()]);
    }

    /// <summary>What the index keeps as a service's description (its conditions of access included), as its excerpts are cut from.</summary>
    public static string DescriptionOf(Service service) =>
        string.Join("\n", new[] { service.Description, service.AccessConditions }.Where(p => p is not null));

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
