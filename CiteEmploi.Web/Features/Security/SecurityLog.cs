using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Security;

/// <summary>Writes and reads the security log. Administrators read all of it; coordinators their Cité's lines.</summary>
public sealed class SecurityLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public const int PageSize = 200;

    public async Task RecordAsync(SecurityEventKind kind, string detail, string? ipAddress, string? userId = null, string? email = null,
        Guid? citeId = null, string? actorUserId = null, string? actorEmail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SecurityEvents.Add(new SecurityEvent
        {
            At = time.GetUtcNow(),
            Kind = kind,
            Detail = detail.Length > SecurityEvent.DetailMaxLength ? detail[..SecurityEvent.DetailMaxLength] : detail,
            IpAddress = ipAddress,
            UserId = userId,
            Email = email,
            CiteId = citeId,
            ActorUserId = actorUserId,
            ActorEmail = actorEmail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The whole log, newest first (administrators).</summary>
    public async Task<IReadOnlyList<SecurityEvent>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SecurityEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>One Cité's lines, newest first (its coordinators).</summary>
    public async Task<IReadOnlyList<SecurityEvent>> ListAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Domain.Members.CitePermission.ViewSecurityLog))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SecurityEvents.AsNoTracking().Where(e => e.CiteId == access.CiteId)
            .OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
    }
}
