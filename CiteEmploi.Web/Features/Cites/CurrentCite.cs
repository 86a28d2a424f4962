using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;

namespace CiteEmploi.Web.Features.Cites;

/// <summary>
/// The Cité the person is working in, for the header and navigation. Scoped: one per circuit. Pages under
/// <c>/c/{slug}</c> set it; the layout listens to <see cref="Changed"/>.
/// </summary>
public sealed class CurrentCite
{
    public CiteDetails? Cite { get; private set; }

    /// <summary>The person's access to the current Cité (their role), for the navigation.</summary>
    public CiteAccess? Access { get; private set; }

    /// <summary>
    /// The role the navigation is shown for: the access's, or, while the wall has not yet answered on the interactive
    /// start, the one the prerendered page was shown with (<see cref="Show"/>). For showing links only.
    /// </summary>
    public CiteRole? Role { get; private set; }

    public event Action? Changed;

    public void Set(CiteDetails? cite, CiteAccess? access = null) => Change(cite, cite is null ? null : access, cite is null ? null : access?.Role);

    /// <summary>Shows the Cité as the prerendered page did, until the wall answers and <see cref="Set"/> is called.</summary>
    public void Show(CiteDetails cite, CiteRole role) => Change(cite, null, role);

    private void Change(CiteDetails? cite, CiteAccess? access, CiteRole? role)
    {
        if (cite?.Id == Cite?.Id && cite?.Version == Cite?.Version && cite?.Profile.Name == Cite?.Profile.Name && role == Role && (access is null) == (Access is null))
        {
            return;
        }
        Cite = cite;
        Access = access;
        Role = role;
        Changed?.Invoke();
    }
}
