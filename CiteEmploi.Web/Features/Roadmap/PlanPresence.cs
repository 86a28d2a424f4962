using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Roadmap;

/// <summary>One person on a plan's pages right now, and the action their open form is on (if any).</summary>
/// <param name="IsMe">This circuit's own person.</param>
public sealed record PlanViewer(string Name, Guid? EditingActionId, bool IsMe);

/// <summary>
/// « Amener tout le monde ici » : a facilitator brings everyone on the plan's pages to an action. <paramref name="FromId"/>
/// names the page that asked, which stays put.
/// </summary>
public sealed record PlanFollowMeRequested(Guid PlanId, Guid ActionId, string Code, string Title, string ByName, Guid FromId);

/// <summary>
/// Presence on a feuille de route, for one circuit's pages (scoped), on the shared <see cref="LivePresence"/> like the
/// boards' (<see cref="Boards.BoardPresence"/>): the plan's presence topic is the place, so arrivals, open forms and
/// departures reach every server, and <see cref="PresenceCircuit"/> takes the pages away as soon as the connection drops.
/// </summary>
public sealed class PlanPresence(LivePresence presence, PresenceCircuit circuit, ILiveBus bus)
{
    /// <summary>Marks a member's page present on the plan until the returned session is disposed.</summary>
    public PresenceCircuit.Session Join(Guid planId, CiteAccess access, string name) =>
        circuit.Join(LiveTopics.PlanPresence(planId), KeyOf(access), name, isGuest: false);

    /// <summary>The people on the plan, by name, each once.</summary>
    public IReadOnlyList<PlanViewer> Here(Guid planId, CiteAccess access) =>
        [.. presence.Here(LiveTopics.PlanPresence(planId)).Select(p => new PlanViewer(p.Name, p.EditingId, p.PersonKey == KeyOf(access)))];

    /// <summary>Asks every page on the plan (on every server) to come to an action; only the coordination may (see <see cref="PlanService.CanEditPlan"/>).</summary>
    public bool FollowMe(CiteAccess access, PlanFollowMeRequested request)
    {
        if (!PlanService.CanEditPlan(access))
        {
            return false;
        }
        bus.Publish(LiveTopics.PlanPresence(request.PlanId), request);
        return true;
    }

    private static string KeyOf(CiteAccess access) => access.UserId ?? "operateur";
}
