using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Sessions;

/// <summary>
/// A session's invitations and attendance: who is invited (members and people from outside, each with their structure),
/// their answers, the waiting list past the capacity, arrivals at the door (by the coordination's list or by the person
/// with the session's check-in code) and departures; the attendance sheet totals by structure.
/// </summary>
public sealed partial class Session
{
    public const int MaxParticipants = 2000;
    public const int ParticipantNameMaxLength = 120;
    public const int StructureNameMaxLength = 200;
    public const string NoStructure = "Sans structure";

    /// <summary>A check-in code: eight characters of <see cref="AccessCode.Alphabet"/>, like the display's.</summary>
    public const int CheckInCodeLength = 8;

    /// <summary>The invited, in the order they were invited.</summary>
    public List<SessionParticipant> Participants { get; private set; } = [];

    /// <summary>
    /// The code people check in with on their phone (the QR code at the door and on the room display); null when none.
    /// « Nouveau code » replaces it: a photo of the old one no longer works.
    /// </summary>
    public string? CheckInCode { get; private set; }

    /// <summary>Invites a member or a person from outside; returns their id.</summary>
    public Guid Invite(InviteeDetails details, SessionActor by)
    {
        EnsureNotOver("inviter à");
        var errors = new ValidationErrors();
        var name = Text.Clean(details.Name);
        if (name.Length == 0)
        {
            errors.Add(nameof(InviteeDetails.Name), "Donnez le nom de la personne invitée.");
        }
        else if (name.Length > ParticipantNameMaxLength)
        {
            errors.Add(nameof(InviteeDetails.Name), $"Le nom ne dépasse pas {ParticipantNameMaxLength} caractères.");
        }
        var email = (details.Email ?? string.Empty).Trim();
        if (email.Length == 0 && details.UserId is null)
        {
            errors.Add(nameof(InviteeDetails.Email), "Donnez l'adresse e-mail d'une personne extérieure à la Cité.");
        }
        else if (email.Length > 0 && !DirectoryRules.IsEmail(email))
        {
            errors.Add(nameof(InviteeDetails.Email), $"Adresse e-mail invalide « {email} » (ex. : prenom.nom@structure.fr).");
        }
        var structure = Text.Clean(details.StructureName);
        if (structure.Length > StructureNameMaxLength)
        {
            errors.Add(nameof(InviteeDetails.StructureName), $"Le nom de la structure ne dépasse pas {StructureNameMaxLength} caractères.");
        }
        if (Participants.Count >= MaxParticipants)
        {
            errors.Add(nameof(Participants), $"Une séance compte au plus {MaxParticipants} personnes invitées.");
        }
        if (Participants.FirstOrDefault(p => (details.UserId is not null && p.UserId == details.UserId)
                || (email.Length > 0 && string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase))) is { } already)
        {
            errors.Add(nameof(InviteeDetails.Email), $"{already.Name} est déjà invité·e à cette séance.");
        }
        errors.ThrowIfAny();
        var participant = new SessionParticipant(Guid.NewGuid(), name, email, details.UserId, details.StructureId, structure.Length == 0 ? NoStructure : structure);
        Participants.Add(participant);
        RaiseAttendance(by);
        return participant.Id;
    }

    /// <summary>Withdraws an invitation; not once the person has arrived (the attendance sheet keeps them).</summary>
    public void Uninvite(Guid participantId, SessionActor by)
    {
        EnsureNotOver("modifier les invitations d'");
        var participant = Participant(participantId);
        if (participant.ArrivedAt is not null)
        {
            ValidationErrors.Refuse(nameof(Participants), $"{participant.Name} est arrivé·e : la feuille d'émargement le garde.");
        }
        Participants.Remove(participant);
        NoteTakers.Remove(participant.Id);
        InvitationsSent.RemoveAll(s => s.ParticipantId == participant.Id);
        PromoteWaiting();
        RaiseAttendance(by);
    }

    /// <summary>
    /// Records an answer. A yes past the capacity puts the person on the waiting list; a place freed by a no or a maybe
    /// goes to the first on that list.
    /// </summary>
    public void Answer(Guid participantId, InvitationAnswer answer, SessionActor by, DateTimeOffset now)
    {
        EnsureNotOver("répondre à");
        if (!Enum.IsDefined(answer))
        {
            ValidationErrors.Refuse(nameof(SessionParticipant.Answer), "Répondez oui, non ou peut-être.");
        }
        var participant = Participant(participantId);
        if (participant.Answer == answer)
        {
            return;
        }
        var full = Capacity is { } capacity && Participants.Count(p => p.HasPlace) >= capacity;
        Replace(participant with { Answer = answer, WaitingSince = answer == InvitationAnswer.Oui && full ? now : null });
        PromoteWaiting();
        RaiseAttendance(by);
    }

    /// <summary>Where a person stands on the waiting list (1 for the first), or null when they are not on it.</summary>
    public int? WaitingPosition(Guid participantId)
    {
        var waiting = Participants.Where(p => p.WaitingSince is not null).OrderBy(p => p.WaitingSince).ToList();
        var index = waiting.FindIndex(p => p.Id == participantId);
        return index < 0 ? null : index + 1;
    }

    /// <summary>Marks an arrival (once: a second check-in keeps the first time). On the session's day (French time), before or during it.</summary>
    public void CheckIn(Guid participantId, SessionActor by, DateTimeOffset now)
    {
        EnsureOpenForArrivals();
        EnsureSessionDay(now);
        var participant = Participant(participantId);
        if (participant.ArrivedAt is not null && participant.LeftAt is null)
        {
            return;
        }
        Replace(participant with { ArrivedAt = participant.ArrivedAt ?? now, LeftAt = null, CheckedInBy = Truncate(by.Name, ActorNameMaxLength) });
        RaiseAttendance(by);
    }

    /// <summary>Marks a departure (the person arrived).</summary>
    public void CheckOut(Guid participantId, SessionActor by, DateTimeOffset now)
    {
        var participant = Participant(participantId);
        if (participant.ArrivedAt is null)
        {
            ValidationErrors.Refuse(nameof(SessionParticipant.LeftAt), $"{participant.Name} n'est pas arrivé·e.");
        }
        if (participant.LeftAt is not null)
        {
            return;
        }
        Replace(participant with { LeftAt = now });
        RaiseAttendance(by);
    }

    /// <summary>Undoes an arrival marked by mistake at the door.</summary>
    public void UndoCheckIn(Guid participantId, SessionActor by)
    {
        EnsureOpenForArrivals();
        var participant = Participant(participantId);
        if (participant.ArrivedAt is null)
        {
            return;
        }
        Replace(participant with { ArrivedAt = null, LeftAt = null, CheckedInBy = null });
        RaiseAttendance(by);
    }

    /// <summary>
    /// The invited person a check-in by code names: by their account when signed in, else by their e-mail (compared
    /// without case); null when they are not invited.
    /// </summary>
    public SessionParticipant? FindInvited(string? userId, string? email)
    {
        var typed = (email ?? string.Empty).Trim();
        return Participants.FirstOrDefault(p => userId is not null && p.UserId == userId)
            ?? (typed.Length == 0 ? null : Participants.FirstOrDefault(p => string.Equals(p.Email, typed, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Opens self check-in with <paramref name="code"/>, replacing any code before it.</summary>
    public void OpenCheckIn(string code, SessionActor by)
    {
        EnsureOpenForArrivals();
        if (AccessCode.Normalize(code, CheckInCodeLength) != code)
        {
            ValidationErrors.Refuse(nameof(CheckInCode), $"Un code d'émargement a {CheckInCodeLength} caractères, lettres et chiffres.");
        }
        CheckInCode = code;
        RaiseAttendance(by);
    }

    /// <summary>Closes self check-in: the code no longer opens anything.</summary>
    public void CloseCheckIn(SessionActor by)
    {
        if (CheckInCode is null)
        {
            return;
        }
        CheckInCode = null;
        RaiseAttendance(by);
    }

    /// <summary>The attendance by structure, in the order of the structures' names: invited, yes, arrived.</summary>
    public IReadOnlyList<StructureAttendance> AttendanceByStructure() =>
        [.. Participants.GroupBy(p => p.StructureName, StringComparer.OrdinalIgnoreCase)
            .Select(g => new StructureAttendance(g.First().StructureName, g.Count(), g.Count(p => p.Answer == InvitationAnswer.Oui), g.Count(p => p.ArrivedAt is not null)))
            .OrderBy(s => s.StructureName == NoStructure).ThenBy(s => s.StructureName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true))];

    private SessionParticipant Participant(Guid participantId)
    {
        var participant = Participants.FirstOrDefault(p => p.Id == participantId);
        if (participant is null)
        {
            ValidationErrors.Refuse(nameof(Participants), "Cette personne n'est plus invitée : quelqu'un a retiré son invitation entre-temps.");
        }
        return participant!;
    }

    private void Replace(SessionParticipant participant) => Participants[Participants.FindIndex(p => p.Id == participant.Id)] = participant;

    // The first on the waiting list takes each place freed.
    private void PromoteWaiting()
    {
        while (Participants.Where(p => p.WaitingSince is not null).OrderBy(p => p.WaitingSince).FirstOrDefault() is { } first
               && (Capacity is not { } capacity || Participants.Count(p => p.HasPlace) < capacity))
        {
            Replace(first with { WaitingSince = null });
        }
    }

    private void EnsureOpenForArrivals()
    {
        if (State is SessionState.Close or SessionState.Annulee)
        {
            ValidationErrors.Refuse(nameof(State), State == SessionState.Close ? "La séance est close : l'émargement aussi." : "La séance est annulée.");
        }
    }

    // An arrival is noted on the day: a check-in the day before (a QR code photographed early) or after is refused.
    private void EnsureSessionDay(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(FrenchTime.Local(now));
        if (today != Date)
        {
            ValidationErrors.Refuse(nameof(SessionParticipant.ArrivedAt),
                $"L'émargement n'est ouvert que le jour de la séance, le {Date.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))}.");
        }
    }

    private void RaiseAttendance(SessionActor by) => Raise(new SessionAttendanceChanged(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
}

/// <summary>One structure's line of the attendance sheet.</summary>
public sealed record StructureAttendance(string StructureName, int Invited, int Yes, int Arrived);
