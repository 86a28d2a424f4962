using System.Security.Claims;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Cites;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Admin;

/// <summary>A line of the administration page: a Cité and how staffed it is (no content).</summary>
public sealed record AdminCiteView(CiteSummary Cite, int Members, int Coordinators);

/// <summary>
/// Platform administration: every Cité with its member counts, and an administrator's access to a Cité to name its
/// coordinators. Administrators see no Cité content unless they are members.
/// </summary>
public sealed class AdminService(IDbContextFactory<AppDbContext> dbFactory, CiteService cites)
{
    public async Task<IReadOnlyList<AdminCiteView>> ListCitesAsync(CancellationToken cancellationToken = default)
    {
        var all = await cites.ListAsync(includeArchived: true, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Memberships.IgnoreQueryFilters()
            .GroupBy(m => m.CiteId)
            .Select(g => new { CiteId = g.Key, Members = g.Count(), Coordinators = g.Count(m => m.Role == CiteRole.Coordinateur) })
            .ToDictionaryAsync(x => x.CiteId, cancellationToken);
        return [.. all.Select(c => counts.TryGetValue(c.Id, out var n) ? new AdminCiteView(c, n.Members, n.Coordinators) : new AdminCiteView(c, 0, 0))];
    }

    /// <summary>Coordinator rights on a Cité for an administrator (to invite its coordinators); null for anyone else.</summary>
    public async Task<CiteAccess?> AccessAsAdministratorAsync(ClaimsPrincipal user, string slug, CancellationToken cancellationToken = default)
    {
        var userId = CiteAccessService.UserIdOf(user);
        if (userId is null || !user.IsAdministrator())
        {
            return null;
        }
        return await cites.GetAsync(slug, cancellationToken) is { } cite ? CiteAccess.Administrator(cite.Id, cite.Slug, userId) : null;
    }
}
