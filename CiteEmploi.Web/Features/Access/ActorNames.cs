using CiteEmploi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Access;

/// <summary>
/// The name a person's changes are signed with (boards, feuilles de route, sessions): their display name; and the
/// structure of the directory their membership names (indicators typed, self-assessment ratings).
/// </summary>
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

    /// <summary>The structure the person's membership of this Cité names, with its name; (null, null) when none (or for the operator).</summary>
    public static async Task<(Guid? Id, string? Name)> StructureOfAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        if (access.UserId is null)
        {
            return (null, null);
        }
        var structureId = await db.Memberships.AsNoTracking().Where(m => m.UserId == access.UserId).Select(m => m.StructureId).SingleOrDefaultAsync(cancellationToken);
        var name = structureId is { } id ? await db.Structures.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return name is null ? (null, null) : (structureId, name);
    }
}
