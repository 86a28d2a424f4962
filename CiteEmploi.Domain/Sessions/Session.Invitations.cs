using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Sessions;

/// <summary>
/// What the coordination hands to others around a session: the members named « preneur·se de notes » (they write
/// notes and outcomes as the coordination does), and which version (<see cref="Sequence"/>) of the calendar invitation
/// each invited person was last sent, so an update or a cancellation can be sent to those who hold an older one.
/// </summary>
public sealed partial class Session
{
    /// <summary>The participants (members of the Cité, invited by their account) named to take the notes.</summary>
    public List<Guid> NoteTakers { get; private set; } = [];

    /// <summary>The calendar invitation each person was last sent (one line per person, the latest).</summary>
    public List<CalendarInvitationSent> InvitationsSent { get; private set; } = [];

    /// <summary>True when the account <paramref name="userId"/> is an invited member named to take the notes.</summary>
    public bool IsNoteTaker(string? userId) =>
        userId is not null && Participants.Any(p => p.UserId == userId && NoteTakers.Contains(p.Id));

    /// <summary>Names an invited member « preneur·se de notes »: they may write notes and outcomes.</summary>
    public void NameNoteTaker(Guid participantId, SessionActor by)
    {
        if (State == SessionState.Annulee)
        {
            ValidationErrors.Refuse(nameof(NoteTakers), "Une séance annulée n'a pas de preneur·se de notes.");
        }
        var participant = Participant(participantId);
        if (participant.UserId is null)
        {
            ValidationErrors.Refuse(nameof(NoteTakers),
                $"{participant.Name} est invité·e comme personne extérieure : seul·e un·e membre de la Cité peut prendre les notes.");
        }
        if (NoteTakers.Contains(participantId))
        {
            return;
        }
        NoteTakers.Add(participantId);
        Raise(new SessionNoteTakersChanged(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>Withdraws the note-taking from a participant (the notes they wrote stay).</summary>
    public void WithdrawNoteTaker(Guid participantId, SessionActor by)
    {
        if (!NoteTakers.Remove(participantId))
        {
            return;
        }
        Raise(new SessionNoteTakersChanged(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>The version of the invitation a participant was last sent, or null when none was.</summary>
    public CalendarInvitationSent? SentTo(Guid participantId) => InvitationsSent.FirstOrDefault(s => s.ParticipantId == participantId);

    /// <summary>
    /// Records that the invitation as it stands (its <see cref="Sequence"/>; a cancellation once cancelled) was sent to
    /// <paramref name="participantIds"/>; people no longer invited are skipped.
    /// </summary>
    public void RecordInvitationsSent(IEnumerable<Guid> participantIds, SessionActor by, DateTimeOffset now)
    {
        var sent = participantIds.Where(id => Participants.Any(p => p.Id == id)).Distinct().ToList();
        if (sent.Count == 0)
        {
            return;
        }
        InvitationsSent.RemoveAll(s => sent.Contains(s.ParticipantId));
        InvitationsSent.AddRange(sent.Select(id => new CalendarInvitationSent(id, Sequence, State == SessionState.Annulee, now)));
        RaiseAttendance(by);
    }

    /// <summary>
    /// The invited who do not hold the invitation as it stands: never sent one, or sent an older version (the date, the
    /// time or the place changed since). Once the session is cancelled: those who were sent an invitation and not yet
    /// its cancellation (nobody is told of a cancellation of what they never received).
    /// </summary>
    public IReadOnlyList<SessionParticipant> InvitationToSend() => State == SessionState.Annulee
        ? [.. Participants.Where(p => SentTo(p.Id) is { Cancellation: false })]
        : [.. Participants.Where(p => SentTo(p.Id) is not { } sent || sent.Sequence < Sequence)];
}

/// <summary>The calendar invitation one participant was sent: its SEQUENCE, whether it was the cancellation, and when.</summary>
public sealed record CalendarInvitationSent(Guid ParticipantId, int Sequence, bool Cancellation, DateTimeOffset At);

/// <summary>Members were named to take the notes, or no longer are: their run page shows or hides the editor.</summary>
public sealed record SessionNoteTakersChanged(Guid CiteId, Guid SessionId, string ByName) : ISessionEvent;
