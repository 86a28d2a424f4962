using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.SelfAssessment;

/// <summary>Where a Cité's self-assessment changes are shown: its self-assessment page (a rating appears on everyone's at once).</summary>
public sealed class SelfAssessmentLiveEvents : CommittedEventHandler
{
    public SelfAssessmentLiveEvents()
    {
        On<SelfAssessmentChanged>(e => [LiveTopics.SelfAssessment(e.CiteId)]);
        On<ConditionRated>(e => [LiveTopics.SelfAssessment(e.CiteId)]);
    }
}
