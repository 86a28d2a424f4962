using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>One meeting in the Cité's list.</summary>
public sealed record SessionSummary(Guid Id, SessionKind Kind, string Title, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Place,
    SessionState State, int ItemCount);

/// <summary>
/// A meeting as its pages show it at one moment: its details, the agenda with planned starts, and — while it runs —
/// the current item, its timer, the next item and the forecast end (<see cref="AgendaSchedule"/>), with what this
/// person may do. <see cref="Version"/> is the basis of a change. <see cref="Notes"/> and <see cref="Outcomes"/> are the
/// items' notes and outcomes (the stored copy's lists, never changed); <see cref="CanRecord"/>: this person may write them.
/// </summary>
public sealed record SessionView(Guid Id, SessionDetails Details, SessionState State, int Version, AgendaSchedule Schedule, DateTimeOffset At,
    DateTimeOffset? StartedAt, DateTimeOffset? ClosedAt, bool CanPrepare, bool CanRun,
    IReadOnlyList<AgendaNote> Notes, IReadOnlyList<AgendaOutcome> Outcomes, bool CanRecord)
{
    /// <summary>The notes of an item (empty when none).</summary>
    public string NotesOf(Guid itemId) => Notes.FirstOrDefault(n => n.ItemId == itemId)?.Text ?? string.Empty;

    /// <summary>Who last wrote an item's notes, and when; null when it has none.</summary>
    public AgendaNote? NoteOf(Guid itemId) => Notes.FirstOrDefault(n => n.ItemId == itemId);

    public IEnumerable<AgendaOutcome> OutcomesOf(Guid itemId) => Outcomes.Where(o => o.ItemId == itemId);
}

/// <summary>
/// A meeting as the live run page holds it between two reads: <see cref="View"/> as read, and <see cref="At"/>, the
/// schedule (current item's timer, forecast end) recomputed from the stored session at any instant — never a count
/// kept by the page, so a page open for two hours shows what the server would (docs/decisions/0015).
/// </summary>
public sealed class SessionRun(SessionView view, Session stored, TimeProvider time, string? displayCode = null)
{
    public SessionView View { get; } = view;

    /// <summary>
    /// The room display's code, for those who run the session (null for the others, and when displays are closed): from
    /// the same stored copy as the view, so the coordinator's page does not read it again after each « suivant ».
    /// </summary>
    public string? DisplayCode { get; } = displayCode;

    public AgendaSchedule At(DateTimeOffset now) => AgendaSchedule.Of(stored, now);

    /// <summary>The schedule by the server's clock now (the clock of the service that read it).</summary>
    public AgendaSchedule Now() => At(time.GetUtcNow());

    /// <summary>The clock of the service that read it: the page's timers (the closing prompt) are set on it.</summary>
    public TimeProvider Time => time;

    /// <summary>The speed-meeting of an interconnaissance: the structures present, the rounds and the one shown.</summary>
    public SessionPairingsView Pairings { get; } = SessionPairingsView.Of(stored);
}

/// <summary>
/// A session's invited and attendance as its pages show them: <see cref="Waiting"/> gives each waiting person's place
/// on the list (1 for the first); <see cref="Mine"/> is this person's own invitation, if any.
/// </summary>
public sealed record SessionAttendanceView(SessionView Session, IReadOnlyList<SessionParticipant> Participants, IReadOnlyDictionary<Guid, int> Waiting,
    IReadOnlyList<StructureAttendance> ByStructure, SessionParticipant? Mine)
{
    public int Arrived => Participants.Count(p => p.ArrivedAt is not null);

    public int Yes => Participants.Count(p => p.HasPlace);

    /// <summary>The participants named to take the notes.</summary>
    public IReadOnlyCollection<Guid> NoteTakers { get; init; } = [];
}

/// <summary>One line of the decisions log: a decision or an action of a session's item (an action with its plan's action, once made).</summary>
public sealed record DecisionLogEntry(Guid SessionId, string SessionTitle, DateOnly Date, string ItemTitle, OutcomeKind Kind, string Text, Guid? PlanId, Guid? ActionId);
