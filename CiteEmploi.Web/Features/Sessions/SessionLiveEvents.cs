using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// Every session event goes to its session's topic (its pages and, later, its room display); those that change the
/// Cité's list of meetings (a new one, its details, its number of items, its state) to that list too.
/// </summary>
public sealed class SessionLiveEvents : CommittedEventHandler
{
    public SessionLiveEvents() =>
        OnEvery<ISessionEvent>(e => e is SessionCreated or SessionDetailsChanged or AgendaChanged or SessionStarted or SessionClosed or SessionCancelled
            ? [LiveTopics.Session(e.SessionId), LiveTopics.CiteSessions(e.CiteId)]
            : [LiveTopics.Session(e.SessionId)]);
}
