using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// A session's invitations and attendance, for the coordination (invite, record answers, the door's list, the check-in
/// code) and for each member (their own answer). Members are invited by their account, with the name, e-mail and
/// structure the Cité knows; people from outside by name and e-mail, with a structure of the directory or a name typed.
/// </summary>
public sealed partial class SessionService
{
    /// <summary>Invites a member of the Cité; the result's value is the participant's id.</summary>
    public async Task<CommandResult> InviteMemberAsync(CiteAccess access, Guid sessionId, string userId, CancellationToken cancellationToken = default)
    {
        if (!CanRun(access))
        {
            return CommandResult.Forbidden();
        }
        InviteeDetails? details;
        await using (var db = await citeDb.CreateAsync(access, cancellationToken))
        {
            // the Cité's filter keeps other Cités' members out: « not a member », like someone unknown
            var member = await (
                    from m in db.Memberships
                    join u in db.Users on m.UserId equals u.Id
                    where m.UserId == userId
                    select new { u.DisplayName, u.Email, u.Organisation, m.StructureId })
                .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            if (member is null)
            {
                return CommandResult.Invalid(nameof(InviteeDetails.UserId), "Cette personne n'est pas membre de la Cité : invitez-la comme personne extérieure.");
            }
            var structure = member.StructureId is { } id
                ? await db.Structures.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
                : null;
            details = new InviteeDetails(member.DisplayName, member.Email ?? string.Empty, userId, structure is null ? null : member.StructureId,
                structure ?? member.Organisation ?? string.Empty);
        }
        Guid added = default;
        return await OnSessionAsync(access, sessionId, (s, actor, _) => added = s.Invite(details, actor), cancellationToken, () => added.ToString());
    }

    /// <summary>
    /// Invites a person from outside the Cité by name and e-mail, for a structure of the directory
    /// (<see cref="InviteeDetails.StructureId"/>, whose name is taken) or a structure named as typed.
    /// </summary>
    public async Task<CommandResult> InviteOutsiderAsync(CiteAccess access, Guid sessionId, InviteeDetails details, CancellationToken cancellationToken = default)
    {
        if (!CanRun(access))
        {
            return CommandResult.Forbidden();
        }
        var invitee = details with { UserId = null };
        if (details.StructureId is { } structureId)
        {
            await using var db = await citeDb.CreateAsync(access, cancellationToken);
            var name = await db.Structures.AsNoTracking().Where(s => s.Id == structureId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
            if (name is null)
            {
                return CommandResult.Invalid(nameof(InviteeDetails.StructureName), "Cette structure n'est pas dans l'annuaire de la Cité.");
            }
            invitee = invitee with { StructureName = name };
        }
        Guid added = default;
        return await OnSessionAsync(access, sessionId, (s, actor, _) => added = s.Invite(invitee, actor), cancellationToken, () => added.ToString());
    }

    public Task<CommandResult> UninviteAsync(CiteAccess access, Guid sessionId, Guid participantId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.Uninvite(participantId, actor), cancellationToken);

    /// <summary>Records an answer: the coordination for anyone, a member for their own invitation.</summary>
    public Task<CommandResult> AnswerAsync(CiteAccess access, Guid sessionId, Guid participantId, InvitationAnswer answer, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, now) => s.Answer(participantId, answer, actor, now), cancellationToken,
            mayAct: s => access.UserId is not null && s.Participants.Any(p => p.Id == participantId && p.UserId == access.UserId));

    /// <summary>The door's list: marks an arrival.</summary>
    public Task<CommandResult> CheckInAsync(CiteAccess access, Guid sessionId, Guid participantId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, now) => s.CheckIn(participantId, actor, now), cancellationToken);

    public Task<CommandResult> CheckOutAsync(CiteAccess access, Guid sessionId, Guid participantId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, now) => s.CheckOut(participantId, actor, now), cancellationToken);

    public Task<CommandResult> UndoCheckInAsync(CiteAccess access, Guid sessionId, Guid participantId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.UndoCheckIn(participantId, actor), cancellationToken);

    /// <summary>The session's check-in code, for those who run it; null when none is open (or for anyone else).</summary>
    public Task<string?> CheckInCodeAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        CodeAsync(access, sessionId, s => s.CheckInCode, cancellationToken);

    /// <summary>Opens self check-in with a fresh code (the result's value), replacing the one before.</summary>
    public Task<CommandResult> OpenCheckInAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        OpenWithNewCodeAsync(access, sessionId, Session.CheckInCodeLength, c => s => s.CheckInCode == c, (s, code, actor) => s.OpenCheckIn(code, actor), cancellationToken);

    public Task<CommandResult> CloseCheckInAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.CloseCheckIn(actor), cancellationToken);

    /// <summary>
    /// The invited and the attendance by structure, for the participants' page and the attendance sheet; members read
    /// them (an attendance sheet is shared with the partners), null when the session is not this Cité's.
    /// </summary>
    public async Task<SessionAttendanceView?> AttendanceAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        access.Can(CitePermission.Read) && await ReadAsync(access, sessionId, cancellationToken) is { } session ? AttendanceOf(session, access) : null;

    /// <summary>
    /// The minutes: the session's attendance view for the printable page and the same minutes in Markdown
    /// (<see cref="SessionMinutes"/>) for the download; null when the session is not this Cité's.
    /// </summary>
    public async Task<(SessionAttendanceView Attendance, string Markdown)?> MinutesAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read) || await ReadAsync(access, sessionId, cancellationToken) is not { } session)
        {
            return null;
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var citeName = await db.Cites.Where(c => c.Id == access.CiteId).Select(c => c.Name).SingleAsync(cancellationToken);
        return (AttendanceOf(session, access), SessionMinutes.Write(session, citeName));
    }

    private SessionAttendanceView AttendanceOf(Session session, CiteAccess access)
    {
        var waiting = session.Participants.Where(p => p.WaitingSince is not null).OrderBy(p => p.WaitingSince).Select((p, i) => (p.Id, i + 1)).ToDictionary();
        return new SessionAttendanceView(ViewOf(session, access, time.GetUtcNow()), session.Participants, waiting, session.AttendanceByStructure(),
            session.Participants.FirstOrDefault(p => access.UserId is not null && p.UserId == access.UserId))
        {
            NoteTakers = [.. session.NoteTakers],
        };
    }

    /// <summary>
    /// The decisions log across the Cité's sessions: every « décision » and « action » outcome, newest session first,
    /// with its session, item and, for an action, the action of the feuille de route it became.
    /// </summary>
    public async Task<IReadOnlyList<DecisionLogEntry>> DecisionsAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.State != SessionState.Annulee).ToListAsync(cancellationToken);
        return [.. sessions.OrderByDescending(s => s.Date).ThenByDescending(s => s.StartTime)
            .SelectMany(s => s.Outcomes.Where(o => o.Kind != OutcomeKind.Information).Select(o => new DecisionLogEntry(
                s.Id, s.Title, s.Date, s.Items.FirstOrDefault(i => i.Id == o.ItemId)?.Title ?? string.Empty, o.Kind, o.Text, o.PlanId, o.ActionId)))];
    }
}
