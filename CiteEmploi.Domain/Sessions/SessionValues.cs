namespace CiteEmploi.Domain.Sessions;

/// <summary>What a session is for (DOMAIN.md): the steering and technical committees, the « interconnaissance » time, a workshop.</summary>
public enum SessionKind
{
    ComitePilotage,
    ComiteTechnique,
    Interconnaissance,
    Atelier,
}

/// <summary>prévue → en cours → close; a planned session may also be cancelled (its invitations are then withdrawn).</summary>
public enum SessionState
{
    Prevue,
    EnCours,
    Close,
    Annulee,
}

/// <summary>An agenda item's place in the running session: to come, current, done, or passed over when the session closed.</summary>
public enum AgendaItemState
{
    AVenir,
    EnCours,
    Fait,
    Passe,
}

/// <summary>The editable details of a session, as a coordinator submits them. Date and times are French wall-clock times.</summary>
/// <param name="VideoLink">An http(s) address, or empty.</param>
/// <param name="Capacity">The places in the room, or null when there is no limit.</param>
public sealed record SessionDetails(SessionKind Kind, string Title, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime,
    string Place = "", string VideoLink = "", int? Capacity = null);

/// <summary>The editable fields of an agenda item.</summary>
/// <param name="PlannedMinutes">Its planned duration; for an item with sub-items, the sub-items' durations count instead.</param>
/// <param name="PresenterName">Who presents it (a person), or empty.</param>
/// <param name="PresenterStructureId">The directory structure presenting it, or none.</param>
public sealed record AgendaItemContent(string Title, int PlannedMinutes, string Description = "", string PresenterName = "", Guid? PresenterStructureId = null);

/// <summary>
/// One item of a session's agenda, kept inside the session (a few dozen at most, changed together while it runs).
/// Items are stored in agenda order; a sub-item names its parent (one level of nesting).
/// </summary>
public sealed record AgendaItem(Guid Id, Guid? ParentId, string Title, string Description, int PlannedMinutes, string PresenterName,
    Guid? PresenterStructureId, AgendaItemState State = AgendaItemState.AVenir, DateTimeOffset? StartedAt = null, DateTimeOffset? EndedAt = null)
{
    public AgendaItemContent Content => new(Title, PlannedMinutes, Description, PresenterName, PresenterStructureId);
}

/// <summary>What an outcome of an agenda item is: something said, a decision taken, or an action to carry out.</summary>
public enum OutcomeKind
{
    Information,
    Decision,
    Action,
}

/// <summary>The notes taken on one agenda item (Markdown), and who wrote them last.</summary>
public sealed record AgendaNote(Guid ItemId, string Text, DateTimeOffset UpdatedAt, string ByName);

/// <summary>
/// One outcome of an agenda item: an information, a decision or an action; an action outcome may become an action of
/// the feuille de route (<paramref name="PlanId"/>, <paramref name="ActionId"/>), which remembers it as its origin.
/// </summary>
public sealed record AgendaOutcome(Guid Id, Guid ItemId, OutcomeKind Kind, string Text, DateTimeOffset At, string ByName,
    Guid? PlanId = null, Guid? ActionId = null);

/// <summary>Who changes a session: their account (null for the server operator) and the name shown to others.</summary>
public sealed record SessionActor(string? UserId, string Name);

/// <summary>An invited person's answer: not yet given, yes, no, maybe.</summary>
public enum InvitationAnswer
{
    EnAttente,
    Oui,
    Non,
    PeutEtre,
}

/// <summary>
/// Whom to invite: a member of the Cité (their account) or a person from outside (by e-mail), with the structure they
/// come for (a structure of the directory, or a name typed for an outside structure).
/// </summary>
public sealed record InviteeDetails(string Name, string Email = "", string? UserId = null, Guid? StructureId = null, string StructureName = "");

/// <summary>
/// One person invited to a session, their answer, their place on the waiting list when they said yes past the capacity
/// (<paramref name="WaitingSince"/>), and their arrival and departure (the attendance sheet).
/// </summary>
public sealed record SessionParticipant(Guid Id, string Name, string Email, string? UserId, Guid? StructureId, string StructureName,
    InvitationAnswer Answer = InvitationAnswer.EnAttente, DateTimeOffset? WaitingSince = null, DateTimeOffset? ArrivedAt = null,
    DateTimeOffset? LeftAt = null, string? CheckedInBy = null)
{
    /// <summary>Said yes and has a place (not on the waiting list).</summary>
    public bool HasPlace => Answer == InvitationAnswer.Oui && WaitingSince is null;
}
