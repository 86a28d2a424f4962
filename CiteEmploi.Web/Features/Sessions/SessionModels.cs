using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>One meeting in the Cité's list.</summary>
public sealed record SessionSummary(Guid Id, SessionKind Kind, string Title, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Place,
    SessionState State, int ItemCount);

/// <summary>
/// A meeting as its pages show it at one moment: its details, the agenda with planned starts, and — while it runs —
/// the current item, its timer, the next item and the forecast end (<see cref="AgendaSchedule"/>), with what this
/// person may do. <see cref="Version"/> is the basis of a change.
/// </summary>
public sealed record SessionView(Guid Id, SessionDetails Details, SessionState State, int Version, AgendaSchedule Schedule, DateTimeOffset At,
    DateTimeOffset? StartedAt, DateTimeOffset? ClosedAt, bool CanPrepare, bool CanRun);
