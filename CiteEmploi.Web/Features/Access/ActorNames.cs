using CiteEmploi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Access;

/// <summary>The name a person's changes are signed with (boards, feuilles de route, sessions): their display name.</summary>
public static class ActorNames
{
    /// <summary>Their display name; « Opérateur » for the server's operator, « Membre » for an account without a name.</summary>
    public static async Task<string> OfAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        var name = access.UserId is null
            ? "Opérateur"
            : await db.Users.Where(u => u.Id == access.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? "Membre" : name;
    }
}
