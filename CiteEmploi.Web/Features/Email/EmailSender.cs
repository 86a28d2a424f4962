using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace CiteEmploi.Web.Features.Email;

/// <summary>Sends the workspace's e-mails (invitations, password resets).</summary>
public interface IEmailSender
{
    /// <summary>True when e-mail goes out (SMTP configured); otherwise people are shown the links to copy.</summary>
    bool IsConfigured { get; }

    /// <exception cref="EmailNotSentException">The SMTP server could not be reached or refused the message.</exception>
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);

    /// <summary>The same with files attached (a session's calendar invitation).</summary>
    /// <exception cref="EmailNotSentException">The SMTP server could not be reached or refused the message.</exception>
    Task SendAsync(string to, string subject, string body, IReadOnlyList<EmailAttachment> attachments, CancellationToken cancellationToken = default);
}

/// <summary>A file attached to an e-mail: its name, its MIME type (with its parameters) and its bytes.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>An e-mail that did not leave, with the French reason for the operator's log.</summary>
public sealed class EmailNotSentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>SMTP settings: <c>CiteEmploi:Smtp:Host</c>, <c>Port</c>, <c>User</c>, <c>Password</c>, <c>From</c>, <c>EnableSsl</c>.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "no-reply@citeemploi.invalid";
    public bool EnableSsl { get; set; } = true;

    /// <summary>How long connecting and each exchange with the server may take before the sending is given up.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// SMTP (MailKit) when a host is configured. An e-mail that does not leave (no SMTP, or the server failed) is kept for
/// the administrators (<see cref="UnsentEmails"/>, page « Courriels non envoyés »); the log only says that it did not
/// leave, to whom and about what, never its body: a reset or invitation link in a log is a key anyone reading it holds.
/// </summary>
public sealed class SmtpEmailSender(SmtpSettings settings, ILogger<SmtpEmailSender> logger, UnsentEmails? unsent = null) : IEmailSender
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(settings.Host);

    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default) =>
        SendAsync(to, subject, body, [], cancellationToken);

    public async Task SendAsync(string to, string subject, string body, IReadOnlyList<EmailAttachment> attachments, CancellationToken cancellationToken = default)
    {
        if (settings.Host is not { } host || string.IsNullOrWhiteSpace(host))
        {
            await KeepAsync(to, subject, body, attachments.Count, UnsentEmails.NoSmtpReason, cancellationToken);
            logger.LogInformation("SMTP non configuré : e-mail non envoyé à {To} ({Subject}) ; à lire par un administrateur, page « Courriels non envoyés ».",
                to, TokenMask.Apply(subject));
            return;
        }
        try
        {
            await SendThroughAsync(host, to, subject, body, attachments, cancellationToken);
        }
        catch (EmailNotSentException ex)
        {
            await KeepAsync(to, subject, body, attachments.Count, ex.Message, cancellationToken);
            throw;
        }
    }

    private async Task KeepAsync(string to, string subject, string body, int attachments, string reason, CancellationToken cancellationToken)
    {
        if (unsent is not null)
        {
            await unsent.KeepAsync(to, subject, body, attachments, reason, cancellationToken);
        }
    }

    private async Task SendThroughAsync(string host, string to, string subject, string body, IReadOnlyList<EmailAttachment> attachments, CancellationToken cancellationToken)
    {
        var server = $"{host}:{settings.Port}";
        MimeMessage message;
        try
        {
            var text = new TextPart(TextFormat.Plain) { Text = body };
            MimeEntity content = text;
            if (attachments.Count > 0)
            {
                var mixed = new Multipart("mixed") { text };
                foreach (var attachment in attachments)
                {
                    mixed.Add(new MimePart(ContentType.Parse(attachment.ContentType))
                    {
                        Content = new MimeContent(new MemoryStream(attachment.Content)),
                        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                        ContentTransferEncoding = ContentEncoding.Base64,
                        FileName = attachment.FileName,
                    });
                }
                content = mixed;
            }
            message = new MimeMessage([MailboxAddress.Parse(settings.From)], [MailboxAddress.Parse(to)], subject, content);
        }
        catch (ParseException ex)
        {
            throw new EmailNotSentException($"E-mail non envoyé : l'adresse d'expédition ({settings.From}) ou de destination ({to}) n'est pas valide.", ex);
        }

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            // EnableSsl as System.Net.Mail meant it (STARTTLS), except on 465 where TLS starts with the connection.
            var security = !settings.EnableSsl ? SecureSocketOptions.None
                : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(host, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException)
        {
            throw new EmailNotSentException($"E-mail non envoyé : le serveur SMTP {server} est injoignable ({ex.Message}).", ex);
        }
        catch (AuthenticationException ex)
        {
            throw new EmailNotSentException($"E-mail non envoyé : le serveur SMTP {server} a refusé l'identifiant ou le mot de passe configurés.", ex);
        }
        catch (SmtpCommandException ex)
        {
            throw new EmailNotSentException($"E-mail non envoyé : le serveur SMTP {server} a refusé le message ({(int)ex.StatusCode} {ex.Message}).", ex);
        }
        catch (Exception ex) when (ex is SslHandshakeException or SmtpProtocolException or ServiceNotConnectedException or NotSupportedException
            or IOException or TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new EmailNotSentException($"E-mail non envoyé : l'échange avec le serveur SMTP {server} a échoué ({ex.Message}).", ex);
        }
    }
}
