using CiteEmploi.Domain.Members;

namespace CiteEmploi.Web.Features.Access;

/// <summary>
/// Proof that a person passed the wall of one Cité: only <see cref="CiteAccessService"/> (for a signed-in member) and
/// <see cref="Operator"/> (command-line verbs run on the server) make one. Every Cité-scoped feature operation takes it,
/// so none can be called for a Cité the person does not belong to.
/// </summary>
public sealed class CiteAccess
{
    internal CiteAccess(Guid citeId, string slug, string? userId, CiteRole role)
    {
        CiteId = citeId;
        Slug = slug;
        UserId = userId;
        Role = role;
    }

    public Guid CiteId { get; }

    public string Slug { get; }

    /// <summary>The member's account; null for the server operator.</summary>
    public string? UserId { get; }

    public CiteRole Role { get; }

    public bool Can(CitePermission permission) => Role.Allows(permission);

    /// <summary>A platform administrator acting on a Cité from the administration page (naming its coordinators).</summary>
    internal static CiteAccess Administrator(Guid citeId, string slug, string administratorUserId) =>
        new(citeId, slug, administratorUserId, CiteRole.Coordinateur);

    /// <summary>Anyone reading a directory its coordinator made public: reading only, no account.</summary>
    internal static CiteAccess PublicReader(Guid citeId, string slug) => new(citeId, slug, userId: null, CiteRole.Observateur);

    /// <summary>The server operator (command-line verbs, demonstration loader): full rights on the Cité.</summary>
    internal static CiteAccess Operator(Guid citeId, string slug) => new(citeId, slug, userId: null, CiteRole.Coordinateur);
}
