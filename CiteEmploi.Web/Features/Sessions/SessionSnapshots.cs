using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// The last stored state of each open session, read once per change and shared by everyone on its pages: when the
/// coordinator presses « suivant », fifty participants' run pages each read the session again (the session-next
/// benchmark); now the first reads it and the others build their view (their rights, the timer at their instant) from
/// the same copy (<see cref="SharedSnapshots{T}"/>). A copy is stale once one of the session's events reaches the bus;
/// nothing in a session changes without one. The copies are read-only: views and timers are computed from them.
/// </summary>
/// <param name="bus">The bus whose session events make copies stale; null for a copy store nobody changes (tests of the store itself).</param>
public sealed class SessionSnapshots(TimeProvider time, ILiveBus? bus = null)
    : SharedSnapshots<Session>(time, bus, (_, message) => message is ISessionEvent change ? change.SessionId : null);
