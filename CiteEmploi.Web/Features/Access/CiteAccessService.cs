using System.Security.Claims;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Cites;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Access;

/// <summary>
/// The wall between Cités. Answers "may this person enter this Cité, and with which role?" — the only place that reads
/// memberships across Cités. Unknown Cité and "not a member" look the same to the caller: no access.
/// </summary>
public sealed class CiteAccessService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<CiteAccess?> ResolveAsync(ClaimsPrincipal user, string slug, CancellationToken cancellationToken = default)
    {
        var userId = UserIdOf(user);
        if (userId is null || string.IsNullOrEmpty(slug))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await (
                from cite in db.Cites
                join membership in db.Memberships.IgnoreQueryFilters() on cite.Id equals membership.CiteId
                where cite.Slug == slug && membership.UserId == userId
                select new { cite.Id, cite.Slug, membership.Role })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new CiteAccess(row.Id, row.Slug, userId, row.Role);
    }

    /// <summary>The Cités a person belongs to (for the switcher and the home page).</summary>
    public async Task<IReadOnlyList<CiteSummary>> ListForAsync(ClaimsPrincipal user, bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        var userId = UserIdOf(user);
        if (userId is null)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var citeIds = db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == userId).Select(m => m.CiteId);
        var cites = await db.Cites.AsNoTracking()
            .Where(c => citeIds.Contains(c.Id) && (includeArchived || c.ArchivedAt == null))
            .ToListAsync(cancellationToken);
        return CiteService.Summaries(cites);
    }

    public static string? UserIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}

/// <summary>Opens database contexts that see only one Cité's rows (see <see cref="AppDbContext.CiteScope"/>).</summary>
public sealed class CiteDbContextFactory(IDbContextFactory<AppDbContext> inner)
{
    public Task<AppDbContext> CreateAsync(CiteAccess access, CancellationToken cancellationToken = default) =>
        CreateAsync(access.CiteId, cancellationToken);

    /// <summary>For a proof other than <see cref="CiteAccess"/> that already names its Cité (a board guest's).</summary>
    internal async Task<AppDbContext> CreateAsync(Guid citeId, CancellationToken cancellationToken = default)
    {
        var db = await inner.CreateDbContextAsync(cancellationToken);
        db.CiteScope = citeId;
        return db;
    }
}
