using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// A session in people's calendars (<see cref="SessionCalendar"/>): the .ics file every member downloads, the
/// invitations, updates and cancellations the coordination sends (<see cref="SessionInvitations"/>), the import of an
/// .ics as a new session; and the note-takers the coordination names, who write notes and outcomes as it does.
/// </summary>
public sealed partial class SessionService
{
    /// <summary>
    /// The session's calendar to download (METHOD:PUBLISH, or CANCEL once cancelled), for every member of its Cité; null
    /// when the session is not this Cité's. <paramref name="baseUri"/> is the app's public address (links and UID).
    /// </summary>
    public async Task<(string Ics, string FileName)?> CalendarAsync(CiteAccess access, Guid sessionId, string baseUri, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read) || await ReadAsync(access, sessionId, cancellationToken) is not { } session)
        {
            return null;
        }
        var context = await CalendarContextAsync(access, session, baseUri, cancellationToken);
        return (SessionCalendar.Write(session, context, invitation: false), SessionCalendar.FileName(session));
    }

    /// <summary>
    /// For the coordination: the invitation each invited person with an e-mail address should be sent now (never sent,
    /// an older version, or the cancellation), each as its own calendar (METHOD:REQUEST or CANCEL) naming that person
    /// alone as attendee, so people from outside do not receive each other's addresses; null when not allowed or not this Cité's.
    /// </summary>
    public async Task<InvitationMailing?> InvitationMailingAsync(CiteAccess access, Guid sessionId, string baseUri, CancellationToken cancellationToken = default)
    {
        if (!CanRun(access) || await ReadAsync(access, sessionId, cancellationToken) is not { } session)
        {
            return null;
        }
        var context = await CalendarContextAsync(access, session, baseUri, cancellationToken);
        var citeName = await CiteNameAsync(access, cancellationToken);
        // each letter by what its person holds: nothing yet (the invitation), an older version (the update), or the cancellation
        MailingKind KindFor(SessionParticipant p) => session.State == SessionState.Annulee ? MailingKind.Annulation
            : session.SentTo(p.Id) is null ? MailingKind.Invitation : MailingKind.MiseAJour;
        var toSend = session.State is SessionState.Prevue or SessionState.EnCours or SessionState.Annulee ? session.InvitationToSend() : [];
        var letters = toSend.Where(p => p.Email.Length > 0)
            .Select(p => new InvitationLetter(p.Id, p.Name, p.Email, KindFor(p), SessionCalendar.Write(session, context, invitation: true, [p]))).ToList();
        var kind = session.State == SessionState.Annulee ? MailingKind.Annulation
            : letters.Any(l => l.Kind == MailingKind.MiseAJour) || (letters.Count == 0 && session.InvitationsSent.Count > 0) ? MailingKind.MiseAJour
            : MailingKind.Invitation;
        return new InvitationMailing(session.Id, session.Title, citeName, kind, session.Sequence, context.SessionUrl, SessionCalendar.FileName(session),
            letters, toSend.Count(p => p.Email.Length == 0), session.InvitationsSent);
    }

    /// <summary>Records that the invitation as it stands was sent to <paramref name="participantIds"/> (after the mails left).</summary>
    public Task<CommandResult> RecordInvitationsSentAsync(CiteAccess access, Guid sessionId, IReadOnlyCollection<Guid> participantIds, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, now) => s.RecordInvitationsSent(participantIds, actor, now), cancellationToken);

    /// <summary>
    /// « Importer un .ics » : a planned session of <paramref name="kind"/> from the file's first event (its title, French date
    /// and times, place or video link); its description, when it has one, becomes the description of a first agenda item
    /// « Objet de la séance ». A file that gives no event is refused with the French reason under the key « Fichier »,
    /// and nothing is created. The result's value is the new session's id.
    /// </summary>
    public async Task<CommandResult> ImportAsync(CiteAccess access, byte[] file, SessionKind kind, CancellationToken cancellationToken = default)
    {
        if (!CanRun(access))
        {
            return CommandResult.Forbidden();
        }
        var (imported, error) = SessionCalendar.Read(file);
        if (imported is null)
        {
            return CommandResult.Invalid(ImportFileKey, error!);
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        try
        {
            var actor = await ActorAsync(db, access, cancellationToken);
            var session = Session.Create(access.CiteId, new SessionDetails(kind, imported.Title, imported.Date, imported.StartTime, imported.EndTime,
                imported.Place, imported.VideoLink), actor, time.GetUtcNow());
            if (imported.Description.Length > 0)
            {
                session.AddItem(null, new AgendaItemContent("Objet de la séance", Math.Min(ImportedItemMinutes, session.DurationMinutes), imported.Description), actor);
            }
            db.Sessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok(session.Id.ToString());
        }
        catch (DomainValidationException ex)
        {
            // the event read, but not as a session (a title of spaces…): said next to the file, as the rest
            return CommandResult.Invalid(ImportFileKey, "L'événement ne peut pas devenir une séance : " + string.Join(" ", ex.Errors.ByField.Values.SelectMany(m => m)));
        }
    }

    /// <summary>The key of an import's refusal: shown next to the file field.</summary>
    public const string ImportFileKey = "Fichier";

    private const int ImportedItemMinutes = 10;

    // ---- note-takers ----

    /// <summary>Names an invited member of the Cité « preneur·se de notes » of the session.</summary>
    public Task<CommandResult> NameNoteTakerAsync(CiteAccess access, Guid sessionId, Guid participantId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.NameNoteTaker(participantId, actor), cancellationToken);

    public Task<CommandResult> WithdrawNoteTakerAsync(CiteAccess access, Guid sessionId, Guid participantId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.WithdrawNoteTaker(participantId, actor), cancellationToken);

    /// <summary>The coordination, or a member it named to take this session's notes.</summary>
    private static bool MayRecord(CiteAccess access, Session session) => CanRun(access) || session.IsNoteTaker(access.UserId);

    private async Task<SessionCalendarContext> CalendarContextAsync(CiteAccess access, Session session, string baseUri, CancellationToken cancellationToken)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var cite = await db.Cites.AsNoTracking().Where(c => c.Id == access.CiteId).Select(c => new { c.Slug, c.Coordinator }).SingleAsync(cancellationToken);
        var root = baseUri.TrimEnd('/');
        var host = Uri.TryCreate(root, UriKind.Absolute, out var uri) ? uri.Host : root;
        return new SessionCalendarContext(host, $"{root}/c/{cite.Slug}/seances/{session.Id}",
            cite.Coordinator is { } c && c.Email.Length > 0 ? new CalendarOrganizer(c.Name, c.Email) : null, time.GetUtcNow());
    }

    private async Task<string> CiteNameAsync(CiteAccess access, CancellationToken cancellationToken)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return await db.Cites.AsNoTracking().Where(c => c.Id == access.CiteId).Select(c => c.Name).SingleAsync(cancellationToken);
    }
}

/// <summary>Which letter goes out: the first invitation, an update (time, place or agenda changed), the cancellation.</summary>
public enum MailingKind
{
    Invitation,
    MiseAJour,
    Annulation,
}

/// <summary>One person's letter (the invitation, its update, or the cancellation) and its calendar file (ICS, naming them alone as attendee).</summary>
public sealed record InvitationLetter(Guid ParticipantId, string Name, string Email, MailingKind Kind, string Ics);

/// <summary>
/// The invitations a session's coordination may send now: <see cref="Letters"/>, one per person to send to
/// (<see cref="Kind"/>: an update as soon as one of them holds an older version);
/// <see cref="WithoutEmail"/> invited people who have no e-mail address (they download the file from the session page);
/// <see cref="Sent"/> what each person was last sent.
/// </summary>
public sealed record InvitationMailing(Guid SessionId, string Title, string CiteName, MailingKind Kind, int Sequence, string SessionUrl, string FileName,
    IReadOnlyList<InvitationLetter> Letters, int WithoutEmail, IReadOnlyList<CalendarInvitationSent> Sent);
