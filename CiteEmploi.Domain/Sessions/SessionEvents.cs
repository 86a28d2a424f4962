using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Sessions;

/// <summary>Something that happened to one session; its pages, its room display and the Cité's list hear it.</summary>
public interface ISessionEvent : IDomainEvent
{
    Guid CiteId { get; }

    Guid SessionId { get; }
}

public sealed record SessionCreated(Guid CiteId, Guid SessionId, string Title) : ISessionEvent;

public sealed record SessionDetailsChanged(Guid CiteId, Guid SessionId, string Title, string ByName) : ISessionEvent;

/// <summary>Items added, changed, moved or removed.</summary>
public sealed record AgendaChanged(Guid CiteId, Guid SessionId, string ByName) : ISessionEvent;

public sealed record SessionStarted(Guid CiteId, Guid SessionId, string ByName) : ISessionEvent;

/// <summary>An item became the current one (« suivant », « précédent », the start).</summary>
public sealed record AgendaItemStarted(Guid CiteId, Guid SessionId, Guid ItemId, string Title) : ISessionEvent;

/// <summary>The last item ended: the coordinator is prompted to close the session.</summary>
public sealed record AgendaFinished(Guid CiteId, Guid SessionId) : ISessionEvent;

public sealed record SessionClosed(Guid CiteId, Guid SessionId, string ByName) : ISessionEvent;

public sealed record SessionCancelled(Guid CiteId, Guid SessionId, string ByName) : ISessionEvent;

/// <summary>
/// The room display's code was made, replaced or withdrawn (the code itself is not in the event): displays opened with a
/// code that no longer stands are told and stop.
/// </summary>
public sealed record SessionDisplayChanged(Guid CiteId, Guid SessionId, bool Open, string ByName) : ISessionEvent;

/// <summary>The notes or the outcomes of an item changed (typed by the coordination, an outcome turned into an action).</summary>
public sealed record AgendaItemRecordChanged(Guid CiteId, Guid SessionId, Guid ItemId, string ByName) : ISessionEvent;

/// <summary>Invitations, answers or arrivals changed (the participants' list, the attendance sheet, the display's count).</summary>
public sealed record SessionAttendanceChanged(Guid CiteId, Guid SessionId, string ByName) : ISessionEvent;
