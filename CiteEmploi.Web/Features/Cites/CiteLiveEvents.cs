using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Cites;

/// <summary>Where a Cité's committed changes are shown: the list of Cités (names, states) and the Cité's own pages.</summary>
public sealed class CiteLiveEvents : CommittedEventHandler
{
    public CiteLiveEvents()
    {
        On<CiteCreated>(e => [LiveTopics.CiteList, LiveTopics.Cite(e.CiteId)]);
        On<CiteRenamed>(e => [LiveTopics.CiteList, LiveTopics.Cite(e.CiteId)]);
        On<CiteArchived>(e => [LiveTopics.CiteList, LiveTopics.Cite(e.CiteId)]);
        On<CiteRestored>(e => [LiveTopics.CiteList, LiveTopics.Cite(e.CiteId)]);
        On<CiteProfileUpdated>(e => [LiveTopics.Cite(e.CiteId)]);
    }
}
