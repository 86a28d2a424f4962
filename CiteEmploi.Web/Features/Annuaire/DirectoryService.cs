using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>
/// The Cité's directory: structures and their services, read by every member, edited by coordinators (everything)
/// and partners (their own structure). Each change is stored; the search index then follows before the live bus carries
/// it (<see cref="DirectoryLiveEvents"/>).
/// </summary>
public sealed class DirectoryService(CiteDbContextFactory dbs, TimeProvider time)
{
    public async Task<IReadOnlyList<StructureListItem>> ListStructuresAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var staleBefore = StaleBefore();
        var counts = await db.Services
            .GroupBy(s => s.StructureId)
            .Select(g => new
            {
                g.Key,
                Published = g.Count(s => s.Status == ServiceStatus.Publie),
                Drafts = g.Count(s => s.Status == ServiceStatus.Brouillon),
                Stale = g.Count(s => s.Status != ServiceStatus.Archive && s.UpdatedOn <= staleBefore),
            })
            .ToDictionaryAsync(c => c.Key, cancellationToken);
        var structures = await db.Structures.AsNoTracking().OrderBy(s => s.NormalizedName).ToListAsync(cancellationToken);
        return [.. structures.Select(s =>
        {
            counts.TryGetValue(s.Id, out var c);
            return new StructureListItem(s.Id, s.Name, s.Address?.Commune, c?.Published ?? 0, c?.Drafts ?? 0, c?.Stale ?? 0, s.IsImported);
        })];
    }

    public async Task<StructureView?> GetStructureAsync(CiteAccess access, Guid structureId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var structure = await db.Structures.AsNoTracking().SingleOrDefaultAsync(s => s.Id == structureId, cancellationToken);
        if (structure is null)
        {
            return null;
        }
        var canEdit = await CanEditAsync(db, access, structureId, cancellationToken);
        var services = await db.Services.AsNoTracking()
            .Where(s => s.StructureId == structureId && (canEdit || s.Status == ServiceStatus.Publie))
            .OrderBy(s => s.Status).ThenBy(s => s.NormalizedName)
            .ToListAsync(cancellationToken);
        var members = await (from m in db.Memberships
                             join u in db.Users on m.UserId equals u.Id
                             where m.StructureId == structureId
                             orderby u.DisplayName
                             select new StructureMemberItem(u.Id, u.DisplayName, u.Email ?? string.Empty)).ToListAsync(cancellationToken);
        return new StructureView(structure, services, canEdit, members);
    }

    public async Task<ServiceView?> GetServiceAsync(CiteAccess access, Guid serviceId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var service = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
        if (service is null)
        {
            return null;
        }
        var canEdit = await CanEditAsync(db, access, service.StructureId, cancellationToken);
        if (!service.IsPublished && !canEdit)
        {
            return null;
        }
        var structure = await db.Structures.AsNoTracking().SingleAsync(s => s.Id == service.StructureId, cancellationToken);
        return new ServiceView(service, structure, canEdit);
    }

    /// <summary>Loads services with their structures, in the order of <paramref name="serviceIds"/> (search results).</summary>
    public async Task<IReadOnlyList<ServiceView>> GetPublishedAsync(CiteAccess access, IReadOnlyList<Guid> serviceIds, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read) || serviceIds.Count == 0)
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var services = await db.Services.AsNoTracking()
            .Where(s => serviceIds.Contains(s.Id) && s.Status == ServiceStatus.Publie)
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var structureIds = services.Values.Select(s => s.StructureId).Distinct().ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var editable = await EditableStructuresAsync(db, access, cancellationToken);
        return [.. serviceIds.Where(services.ContainsKey).Select(id => services[id])
            .Select(s => new ServiceView(s, structures[s.StructureId], editable(s.StructureId)))];
    }

    /// <summary>Services of the Cité not confirmed for six months, oldest first (coordinators), or of the person's structure (partners).</summary>
    public async Task<IReadOnlyList<StaleServiceItem>> StaleServicesAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditAllContent) && !access.Can(CitePermission.EditOwnStructure))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var staleBefore = StaleBefore();
        var own = access.Can(CitePermission.EditAllContent) ? null : await OwnStructureAsync(db, access, cancellationToken);
        if (!access.Can(CitePermission.EditAllContent) && own is null)
        {
            return [];
        }
        return await (from s in db.Services
                      join st in db.Structures on s.StructureId equals st.Id
                      where s.Status != ServiceStatus.Archive && s.UpdatedOn <= staleBefore && (own == null || s.StructureId == own)
                      orderby s.UpdatedOn
                      select new StaleServiceItem(s.Id, s.Name, st.Id, st.Name, s.UpdatedOn)).ToListAsync(cancellationToken);
    }

    /// <summary>The structure the person works for, if a coordinator linked them to one.</summary>
    public async Task<Guid?> OwnStructureAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await OwnStructureAsync(db, access, cancellationToken);
    }

    /// <summary>How many services are published in the Cité's directory.</summary>
    public async Task<int> PublishedCountAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return 0;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await db.Services.CountAsync(s => s.Status == ServiceStatus.Publie, cancellationToken);
    }

    /// <summary>The places a search can be narrowed to: the Cité's QPVs, then the communes of its directory.</summary>
    public async Task<IReadOnlyList<DirectoryPlace>> PlacesAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var cite = await db.Cites.AsNoTracking().SingleAsync(c => c.Id == access.CiteId, cancellationToken);
        var addresses = (await db.Structures.AsNoTracking().Select(s => s.Address).ToListAsync(cancellationToken))
            .Concat(await db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Publie).Select(s => s.Address).ToListAsync(cancellationToken));
        var communes = addresses
            .Where(a => a?.Commune is not null)
            .Select(a => new DirectoryPlace(a!.InseeCode ?? a.Commune!, a.Commune!))
            .DistinctBy(p => p.Code)
            .OrderBy(p => p.Label, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true));
        return [.. cite.Qpvs.Select(q => new DirectoryPlace(q.Code, $"QPV {q.Name}")), .. communes];
    }

    /// <summary>Whether anyone may read the published directory through the read API (the coordinator's choice).</summary>
    public async Task<bool> IsPublicAsync(Guid citeId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateAsync(CiteAccess.Operator(citeId, string.Empty), cancellationToken);
        return await db.Cites.Where(c => c.Id == citeId).Select(c => c.DirectoryIsPublic).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<CommandResult> SetPublicAsync(CiteAccess access, bool isPublic, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var cite = await db.Cites.SingleAsync(c => c.Id == access.CiteId, cancellationToken);
        cite.SetDirectoryPublic(isPublic);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok();
    }

    public async Task<CommandResult> CreateStructureAsync(CiteAccess access, StructureDetails details, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditAllContent))
        {
            return CommandResult.Forbidden();
        }
        Structure structure;
        try
        {
            structure = Structure.Create(access.CiteId, details, time.GetUtcNow());
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        db.Structures.Add(structure);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(structure.Id.ToString());
    }

    public Task<CommandResult> UpdateStructureAsync(CiteAccess access, Guid structureId, StructureDetails details, int expectedVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync(access, db => db.Structures.SingleOrDefaultAsync(s => s.Id == structureId, cancellationToken), s => s.Id, expectedVersion,
            s => s.Update(details, time.GetUtcNow()), cancellationToken);

    public async Task<CommandResult> CreateServiceAsync(CiteAccess access, Guid structureId, ServiceDetails details, bool publish, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var structure = await db.Structures.SingleOrDefaultAsync(s => s.Id == structureId, cancellationToken);
        if (structure is null)
        {
            return CommandResult.Missing();
        }
        if (!await CanEditAsync(db, access, structureId, cancellationToken))
        {
            return CommandResult.Forbidden();
        }
        Service service;
        try
        {
            service = Service.Create(structure, details, time.GetUtcNow());
            if (publish)
            {
                service.Publish();
            }
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
        db.Services.Add(service);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(service.Id.ToString());
    }

    public Task<CommandResult> UpdateServiceAsync(CiteAccess access, Guid serviceId, ServiceDetails details, int expectedVersion, CancellationToken cancellationToken = default) =>
        ChangeServiceAsync(access, serviceId, expectedVersion, s => s.Update(details, time.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Saves an edited service and publishes it in one step (« Enregistrer et publier »): when either is refused,
    /// nothing is stored.
    /// </summary>
    public Task<CommandResult> UpdateAndPublishServiceAsync(CiteAccess access, Guid serviceId, ServiceDetails details, int expectedVersion, CancellationToken cancellationToken = default) =>
        ChangeServiceAsync(access, serviceId, expectedVersion, s =>
        {
            s.Update(details, time.GetUtcNow());
            s.Publish();
        }, cancellationToken);

    public Task<CommandResult> PublishServiceAsync(CiteAccess access, Guid serviceId, CancellationToken cancellationToken = default) =>
        ChangeServiceAsync(access, serviceId, expectedVersion: null, s => s.Publish(), cancellationToken);

    public Task<CommandResult> ArchiveServiceAsync(CiteAccess access, Guid serviceId, CancellationToken cancellationToken = default) =>
        ChangeServiceAsync(access, serviceId, expectedVersion: null, s => s.Archive(), cancellationToken);

    public Task<CommandResult> ServiceBackToDraftAsync(CiteAccess access, Guid serviceId, CancellationToken cancellationToken = default) =>
        ChangeServiceAsync(access, serviceId, expectedVersion: null, s => s.BackToDraft(), cancellationToken);

    /// <summary>The one-click « toujours exact ».</summary>
    public Task<CommandResult> ConfirmStillAccurateAsync(CiteAccess access, Guid serviceId, CancellationToken cancellationToken = default) =>
        ChangeServiceAsync(access, serviceId, expectedVersion: null, s => s.ConfirmStillAccurate(time.GetUtcNow()), cancellationToken);

    /// <summary>Links a member of the Cité to a structure (coordinators), so that they can edit it; null unlinks.</summary>
    public async Task<CommandResult> LinkMemberAsync(CiteAccess access, string userId, Guid? structureId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.ManageMembers))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (membership is null || (structureId is { } id && !await db.Structures.AnyAsync(s => s.Id == id, cancellationToken)))
        {
            return CommandResult.Missing();
        }
        membership.LinkToStructure(structureId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok();
    }

    private Task<CommandResult> ChangeServiceAsync(CiteAccess access, Guid serviceId, int? expectedVersion, Action<Service> change, CancellationToken cancellationToken) =>
        ChangeAsync(access, db => db.Services.SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken), s => s.StructureId, expectedVersion, change, cancellationToken);

    private async Task<CommandResult> ChangeAsync<T>(CiteAccess access, Func<AppDbContext, Task<T?>> load, Func<T, Guid> structureOf, int? expectedVersion,
        Action<T> change, CancellationToken cancellationToken)
        where T : AggregateRoot
    {
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var entity = await load(db);
        if (entity is null)
        {
            return CommandResult.Missing();
        }
        if (!await CanEditAsync(db, access, structureOf(entity), cancellationToken))
        {
            return CommandResult.Forbidden();
        }
        if (expectedVersion is { } version && entity.Version != version)
        {
            return CommandResult.Conflicted();
        }
        try
        {
            change(entity);
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflicted();
        }
        return CommandResult.Ok();
    }

    private DateOnly StaleBefore() => DateOnly.FromDateTime(time.GetUtcNow().DateTime).AddMonths(-Service.StaleAfterMonths);

    private static async Task<bool> CanEditAsync(AppDbContext db, CiteAccess access, Guid structureId, CancellationToken cancellationToken) =>
        (await EditableStructuresAsync(db, access, cancellationToken))(structureId);

    private static async Task<Func<Guid, bool>> EditableStructuresAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        if (access.Can(CitePermission.EditAllContent))
        {
            return _ => true;
        }
        if (!access.Can(CitePermission.EditOwnStructure))
        {
            return _ => false;
        }
        var own = await OwnStructureAsync(db, access, cancellationToken);
        return id => own == id;
    }

    private static async Task<Guid?> OwnStructureAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken) =>
        access.UserId is null
            ? null
            : await db.Memberships.Where(m => m.UserId == access.UserId).Select(m => m.StructureId).SingleOrDefaultAsync(cancellationToken);
}
