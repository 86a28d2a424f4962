using CiteEmploi.Domain.Referrals;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Referrals;

/// <summary>Where a Cité's referrals are shown: its « Orientations » page, its cooperation map and its indicators.</summary>
public sealed class ReferralLiveEvents : CommittedEventHandler
{
    public ReferralLiveEvents()
    {
        On<ReferralRecorded>(e => [LiveTopics.Referrals(e.CiteId)]);
        On<ReferralDeleted>(e => [LiveTopics.Referrals(e.CiteId)]);
    }
}
