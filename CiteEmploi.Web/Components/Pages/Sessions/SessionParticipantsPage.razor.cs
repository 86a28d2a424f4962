using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Members;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Pages.Sessions;

/// <summary>
/// A session's participants: the coordination invites members and people from outside, records answers and runs the
/// door's list on a phone (search, « Arrivé·e », « Parti·e »), opens self check-in by QR code; each invited member
/// answers here; everyone reads the attendance by structure. Every change (an answer, a check-in on a phone at the
/// door) appears at once for everyone on the page.
/// </summary>
public partial class SessionParticipantsPage
{
    private static readonly InvitationAnswer[] Answers = [InvitationAnswer.Oui, InvitationAnswer.Non, InvitationAnswer.PeutEtre];
    private SessionAttendanceView? _attendance;
    private IReadOnlyList<MemberView> _members = [];
    private Guid? _loaded;
    private string? _checkInCode;
    private string? _memberId;
    private string? _memberError;
    private string? _outsiderName = string.Empty;
    private string? _outsiderEmail = string.Empty;
    private string? _outsiderStructure = string.Empty;
    private ValidationErrors _outsiderErrors = new();
    private string? _filter;
    private string? _error;
    private string? _said;
    private bool _busy;
    private InvitationMailing? _mailing;
    private IReadOnlyList<string> _sendFailures = [];

    [Parameter]
    public Guid SessionId { get; set; }

    [Inject]
    private SessionService Sessions { get; set; } = default!;

    [Inject]
    private MemberService Members { get; set; } = default!;

    [Inject]
    private SessionInvitations Invitations { get; set; } = default!;

    private bool CanRun => Access is not null && SessionService.CanRun(Access);

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Access is null || _loaded == SessionId)
        {
            return;
        }
        _loaded = SessionId;
        Follow(LiveTopics.Session(SessionId), _ => ReloadAsync(), immediate: true);
        await ReloadAsync();
        if (_attendance is null)
        {
            Navigation.NotFound();
        }
    }

    private async Task ReloadAsync()
    {
        if (Access is null)
        {
            return;
        }
        var before = _attendance?.Arrived;
        _attendance = await Sessions.AttendanceAsync(Access, SessionId);
        _checkInCode = CanRun ? await Sessions.CheckInCodeAsync(Access, SessionId) : null;
        _mailing = CanRun ? await Invitations.PendingAsync(Access, SessionId) : null;
        if (CanRun && _members.Count == 0)
        {
            _members = await Members.ListAsync(Access);
        }
        if (before is { } b && _attendance?.Arrived is { } after && after != b)
        {
            _said = $"{after} personne(s) arrivée(s).";
        }
    }

    private IEnumerable<SessionParticipant> Filtered(SessionAttendanceView attendance)
    {
        var typed = Text.Fold(_filter);
        return attendance.Participants
            .Where(p => typed.Length == 0 || Text.Fold(p.Name).Contains(typed, StringComparison.Ordinal) || Text.Fold(p.StructureName).Contains(typed, StringComparison.Ordinal))
            .OrderBy(p => Text.Fold(p.Name), StringComparer.Ordinal);
    }

    private static string AnswerLabel(InvitationAnswer answer) => answer switch
    {
        InvitationAnswer.Oui => "Oui",
        InvitationAnswer.Non => "Non",
        InvitationAnswer.PeutEtre => "Peut-être",
        _ => "Pas encore répondu",
    };

    private static string AnswerText(SessionParticipant participant, SessionAttendanceView attendance) =>
        attendance.Waiting.TryGetValue(participant.Id, out var position)
            ? $"Oui, en liste d'attente (n° {position})"
            : participant.Answer == InvitationAnswer.EnAttente ? "Pas encore répondu" : $"Réponse : {AnswerLabel(participant.Answer).ToLowerInvariant()}";

    private static string Arrival(SessionParticipant participant) => participant switch
    {
        { ArrivedAt: { } arrived, LeftAt: { } left } => $"Arrivé·e à {SessionRunTexts.Clock(arrived)}, parti·e à {SessionRunTexts.Clock(left)}",
        { ArrivedAt: { } arrived } => $"Arrivé·e à {SessionRunTexts.Clock(arrived)}",
        _ => "",
    };

    private static string SendLabel(MailingKind kind) => kind switch
    {
        MailingKind.Annulation => "Envoyer l'annulation",
        MailingKind.MiseAJour => "Envoyer la mise à jour",
        _ => "Envoyer l'invitation",
    };

    private static string MailingStatus(InvitationMailing mailing)
    {
        var withoutEmail = mailing.WithoutEmail > 0 ? $" {mailing.WithoutEmail} personne(s) sans adresse e-mail : donnez-leur le fichier." : "";
        if (mailing.Letters.Count == 0)
        {
            return (mailing.Kind == MailingKind.Annulation
                ? "L'annulation a été envoyée à toutes les personnes qui avaient reçu l'invitation (ou personne ne l'avait reçue)."
                : mailing.Sent.Count == 0 ? "Invitez des personnes ci-dessus : elles recevront l'invitation avec le fichier pour leur agenda."
                : "Toutes les personnes invitées ont l'invitation à jour.") + withoutEmail;
        }
        return mailing.Kind switch
        {
            MailingKind.Annulation => $"La séance est annulée : {mailing.Letters.Count} personne(s) ont reçu l'invitation et pas encore l'annulation.",
            MailingKind.MiseAJour => $"{mailing.Letters.Count} personne(s) n'ont pas l'invitation à jour (nouvelle invitée, ou date, horaires ou lieu changés depuis l'envoi).",
            _ => $"{mailing.Letters.Count} personne(s) à qui envoyer l'invitation, avec le fichier .ics pour leur agenda.",
        } + withoutEmail;
    }

    private string SentText(SessionParticipant participant) => _mailing is not { } mailing ? "" : mailing.Sent.FirstOrDefault(s => s.ParticipantId == participant.Id) switch
    {
        null => "",
        { Cancellation: true } => "Annulation envoyée",
        { } sent when sent.Sequence < mailing.Sequence => "Invitation envoyée, mise à jour à envoyer",
        _ => "Invitation envoyée",
    };

    private async Task SendInvitationsAsync()
    {
        if (Access is null || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var report = await Invitations.SendAsync(Access, SessionId);
            _sendFailures = report.Failures;
            _said = report.Sent > 0 ? $"{report.Sent} e-mail(s) envoyé(s)." : null;
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private Task AnswerAsync(Guid participantId, InvitationAnswer answer) => RunAsync(() => Sessions.AnswerAsync(Access!, SessionId, participantId, answer));

    private async Task InviteMemberAsync()
    {
        if (_memberId is not { } userId)
        {
            _memberError = "Choisissez un membre dans la liste.";
            return;
        }
        var result = await RunAsync(() => Sessions.InviteMemberAsync(Access!, SessionId, userId), showError: false);
        _memberError = result is { Succeeded: false } ? result.Describe() : null;
        if (result is { Succeeded: true })
        {
            _memberId = null;
        }
    }

    private async Task InviteOutsiderAsync()
    {
        var result = await RunAsync(() => Sessions.InviteOutsiderAsync(Access!, SessionId,
            new InviteeDetails(_outsiderName ?? string.Empty, _outsiderEmail ?? string.Empty, StructureName: _outsiderStructure ?? string.Empty)), showError: false);
        if (result is null)
        {
            return;
        }
        _outsiderErrors = result.Succeeded ? new() : result.Errors.IsEmpty ? ValidationErrors.Of(nameof(Session.Participants), result.Describe()) : result.Errors;
        if (result.Succeeded)
        {
            _said = $"{_outsiderName} est invité·e.";
            (_outsiderName, _outsiderEmail, _outsiderStructure) = (string.Empty, string.Empty, string.Empty);
        }
    }

    private async Task<CommandResult?> RunAsync(Func<Task<CommandResult>> command, bool showError = true)
    {
        if (Access is null || _busy)
        {
            return null;
        }
        _busy = true;
        try
        {
            var result = await command();
            _error = result.Succeeded || !showError ? null : result.Describe();
            await ReloadAsync();
            return result;
        }
        finally
        {
            _busy = false;
        }
    }
}
