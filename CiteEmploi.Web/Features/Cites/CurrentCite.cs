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

    public event Action? Changed;

    public void Set(CiteDetails? cite, CiteAccess? access = null)
    {
        if (cite?.Id == Cite?.Id && cite?.Version == Cite?.Version && cite?.Profile.Name == Cite?.Profile.Name && access?.Role == Access?.Role)
        {
            return;
        }
        Cite = cite;
        Access = cite is null ? null : access;
        Changed?.Invoke();
    }
}
