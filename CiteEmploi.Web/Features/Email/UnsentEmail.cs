namespace CiteEmploi.Web.Features.Email;

/// <summary>
/// An e-mail that did not leave (no SMTP configured, or the server refused it), kept for the platform administrators to
/// read and pass on (page « Courriels non envoyés »): the only place a reset or invitation link without SMTP is shown.
/// </summary>
public sealed class UnsentEmail
{
    public const int ToMaxLength = 256;
    public const int SubjectMaxLength = 300;
    public const int BodyMaxLength = 8000;
    public const int ReasonMaxLength = 500;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string To { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    /// <summary>How many files were attached (not kept: a session's .ics is downloaded from its page).</summary>
    public int Attachments { get; set; }

    /// <summary>Why it did not leave (French).</summary>
    public string Reason { get; set; } = string.Empty;
}
