using System.Text;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Email;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// « Envoyer l'invitation », « Envoyer la mise à jour », « Envoyer l'annulation » : one e-mail per invited person with
/// the session's calendar attached (METHOD:REQUEST, or CANCEL), through the app's SMTP sender. Without SMTP nothing is
/// sent and the page offers the .ics download instead. What was sent is recorded on the session (the SEQUENCE each
/// person holds), only for the e-mails that left, so a failed one is offered again.
/// </summary>
public sealed class SessionInvitations(SessionService sessions, IEmailSender email, PublicLinks links)
{
    /// <summary>True when e-mails go out (SMTP configured).</summary>
    public bool CanSend => email.IsConfigured;

    /// <summary>What would be sent now (for the coordination); null when not allowed or not this Cité's.</summary>
    public Task<InvitationMailing?> PendingAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        sessions.InvitationMailingAsync(access, sessionId, links.BaseUri(), cancellationToken);

    /// <summary>Sends what is pending; says how many left and, in French, those that did not.</summary>
    public async Task<InvitationSendReport> SendAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (!SessionService.CanRun(access))
        {
            return new InvitationSendReport(0, ["Seule la coordination de la Cité envoie les invitations."]);
        }
        if (!email.IsConfigured)
        {
            return new InvitationSendReport(0, ["L'envoi d'e-mails n'est pas configuré sur ce serveur : téléchargez le fichier .ics et joignez-le à votre propre message."]);
        }
        if (await PendingAsync(access, sessionId, cancellationToken) is not { } mailing)
        {
            return new InvitationSendReport(0, ["Cette séance n'existe pas ou plus."]);
        }
        var sent = new List<Guid>();
        var failures = new List<string>();
        foreach (var letter in mailing.Letters)
        {
            var method = letter.Kind == MailingKind.Annulation ? "CANCEL" : "REQUEST";
            try
            {
                await email.SendAsync(letter.Email, Subject(letter.Kind, mailing.Title), Body(mailing, letter),
                    [new EmailAttachment(mailing.FileName, $"text/calendar; method={method}; charset=utf-8", Encoding.UTF8.GetBytes(letter.Ics))], cancellationToken);
                sent.Add(letter.ParticipantId);
            }
            catch (EmailNotSentException ex)
            {
                failures.Add($"{letter.Name} ({letter.Email}) : {ex.Message}");
            }
        }
        if (sent.Count > 0)
        {
            var recorded = await sessions.RecordInvitationsSentAsync(access, sessionId, sent, cancellationToken);
            if (!recorded.Succeeded)
            {
                failures.Add($"Les e-mails sont partis, mais leur envoi n'a pas pu être noté sur la séance ({recorded.Describe()}).");
            }
        }
        return new InvitationSendReport(sent.Count, failures);
    }

    /// <summary>The e-mail's subject, by what it carries.</summary>
    public static string Subject(MailingKind kind, string title) => kind switch
    {
        MailingKind.Annulation => $"Annulée : {title}",
        MailingKind.MiseAJour => $"Mise à jour : {title}",
        _ => $"Invitation : {title}",
    };

    private static string Body(InvitationMailing mailing, InvitationLetter letter)
    {
        var text = new StringBuilder($"Bonjour {letter.Name},\n\n");
        text.Append(letter.Kind switch
        {
            MailingKind.Annulation => $"La séance « {mailing.Title} » de {mailing.CiteName} est annulée. Le fichier joint la retire de votre agenda.",
            MailingKind.MiseAJour => $"La séance « {mailing.Title} » de {mailing.CiteName} a changé (date, horaires, lieu ou ordre du jour). Le fichier joint met à jour votre agenda.",
            _ => $"Vous êtes invité·e à la séance « {mailing.Title} » de {mailing.CiteName}. Le fichier joint l'ajoute à votre agenda ; vous pouvez y répondre.",
        });
        if (letter.Kind != MailingKind.Annulation)
        {
            text.Append("\n\nLa séance et son ordre du jour : ").Append(mailing.SessionUrl);
        }
        return text.Append("\n\n— CiteEmploi").ToString();
    }
}

/// <summary>How many invitations left, and why the others did not (French, one line per person).</summary>
public sealed record InvitationSendReport(int Sent, IReadOnlyList<string> Failures);
