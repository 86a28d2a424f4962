using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Roadmap;

/// <summary>
/// Every plan event goes to its plan's topic; those that change the Cité's list of plans (a new plan, a title, a
/// state) to that list too.
/// </summary>
public sealed class RoadmapLiveEvents : CommittedEventHandler
{
    public RoadmapLiveEvents() =>
        OnEvery<IPlanEvent>(e => e is PlanCreated or PlanDetailsChanged or PlanStateChanged
            ? [LiveTopics.Plan(e.PlanId), LiveTopics.CitePlans(e.CiteId)]
            : [LiveTopics.Plan(e.PlanId)]);
}
