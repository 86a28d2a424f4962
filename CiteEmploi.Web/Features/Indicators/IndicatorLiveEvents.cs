using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Indicators;

/// <summary>Where a Cité's indicator changes are shown: its indicators page.</summary>
public sealed class IndicatorLiveEvents : CommittedEventHandler
{
    public IndicatorLiveEvents()
    {
        On<IndicatorValueRecorded>(e => [LiveTopics.Indicators(e.CiteId)]);
        On<IndicatorPeriodLocked>(e => [LiveTopics.Indicators(e.CiteId)]);
        On<IndicatorPeriodUnlocked>(e => [LiveTopics.Indicators(e.CiteId)]);
        On<LocalIndicatorDefined>(e => [LiveTopics.Indicators(e.CiteId)]);
    }
}
