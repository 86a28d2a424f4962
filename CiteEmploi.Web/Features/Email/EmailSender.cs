using System.Net;
using System.Net.Mail;

namespace CiteEmploi.Web.Features.Email;

/// <summary>Sends the workspace's e-mails (invitations, password resets).</summary>
public interface IEmailSender
{
    /// <summary>True when e-mail goes out (SMTP configured); otherwise people are shown the links to copy.</summary>
    bool IsConfigured { get; }

    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

/// <summary>SMTP settings: <c>CiteEmploi:Smtp:Host</c>, <c>Port</c>, <c>User</c>, <c>Password</c>, <c>From</c>, <c>EnableSsl</c>.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "no-reply@citeemploi.invalid";
    public bool EnableSsl { get; set; } = true;
}

/// <summary>SMTP when a host is configured; otherwise nothing is sent and the link is logged instead.</summary>
public sealed class SmtpEmailSender(SmtpSettings settings, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(settings.Host);

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured)
        {
            logger.LogInformation("SMTP non configuré : e-mail non envoyé à {To} ({Subject}).\n{Body}", to, subject, body);
            return;
        }
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.EnableSsl };
        if (!string.IsNullOrEmpty(settings.User))
        {
            client.Credentials = new NetworkCredential(settings.User, settings.Password);
        }
        using var message = new MailMessage(settings.From, to, subject, body);
        await client.SendMailAsync(message, cancellationToken);
    }
}
