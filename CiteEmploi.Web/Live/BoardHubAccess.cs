using System.Security.Claims;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Who may watch a board through the hub: the same answer as the board page (a member of the board's Cité who may read).
/// An unknown board and another Cité's board look the same: no access. Guests are resolved by
/// <see cref="BoardGuestService"/> from their own proof (<see cref="BoardGuestAuthenticationHandler"/>), never here.
/// </summary>
public sealed class BoardHubAccess(IDbContextFactory<AppDbContext> dbFactory, CiteAccessService citeAccess)
{
    public async Task<CiteAccess?> ResolveAsync(ClaimsPrincipal? user, Guid boardId, CancellationToken cancellationToken = default)
    {
        if (user is null || CiteAccessService.UserIdOf(user) is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var slug = await (
                from board in db.Boards.IgnoreQueryFilters()
                join cite in db.Cites on board.CiteId equals cite.Id
                where board.Id == boardId
                select cite.Slug)
            .SingleOrDefaultAsync(cancellationToken);
        if (slug is null)
        {
            return null;
        }
        var access = await citeAccess.ResolveAsync(user, slug, cancellationToken);
        return access is not null && access.Can(CitePermission.Read) ? access : null;
    }
}

/// <summary>
/// Who calls a hub method on a board: a member (with the <see cref="CiteAccess"/> the pages would have) or the guest of
/// that very board (with their <see cref="BoardGuestAccess"/>). Exactly one of the two is set.
/// </summary>
public sealed record BoardHubCaller(CiteAccess? Member, BoardGuestAccess? Guest)
{
    public Guid CiteId => Member?.CiteId ?? Guest!.CiteId;
}
