using System.Text.RegularExpressions;
using CiteEmploi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Email;

/// <summary>
/// The e-mails that did not leave, kept in the database for the platform administrators, latest first: at most
/// <see cref="MaxKept"/>, none older than <see cref="Retention"/> (the links inside expire long before: 24 hours for a
/// reset, 7 days for an invitation).
/// </summary>
public sealed partial class UnsentEmails(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public const int MaxKept = 200;
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    public const string NoSmtpReason = "L'envoi d'e-mails n'est pas configuré sur ce serveur (CiteEmploi:Smtp:Host).";

    public async Task KeepAsync(string to, string subject, string body, int attachments, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.UnsentEmails.Add(new UnsentEmail
        {
            At = now,
            To = Cut(to, UnsentEmail.ToMaxLength),
            Subject = Cut(subject, UnsentEmail.SubjectMaxLength),
            Body = Cut(body, UnsentEmail.BodyMaxLength),
            Attachments = attachments,
            Reason = Cut(reason, UnsentEmail.ReasonMaxLength),
        });
        await db.SaveChangesAsync(cancellationToken);
        await PruneAsync(db, now, cancellationToken);
    }

    /// <summary>The kept e-mails, latest first.</summary>
    public async Task<IReadOnlyList<UnsentEmail>> ListAsync(CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow() - Retention;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.UnsentEmails.AsNoTracking().OrderByDescending(e => e.Id).Take(MaxKept).ToListAsync(cancellationToken);
        // DateTimeOffset is compared in memory: SQLite stores it as text
        return [.. rows.Where(e => e.At >= since)];
    }

    /// <summary>The first link of the e-mail (the one to pass on), or null.</summary>
    public static string? LinkOf(string body) => Link().Match(body) is { Success: true } match ? match.Value : null;

    private static async Task PruneAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keptFrom = await db.UnsentEmails.OrderByDescending(e => e.Id).Skip(MaxKept - 1).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (keptFrom is { } oldestKept)
        {
            await db.UnsentEmails.Where(e => e.Id < oldestKept).ExecuteDeleteAsync(cancellationToken);
        }
        var since = now - Retention;
        var expired = (await db.UnsentEmails.Select(e => new { e.Id, e.At }).ToListAsync(cancellationToken)).Where(e => e.At < since).Select(e => e.Id).ToList();
        if (expired.Count > 0)
        {
            await db.UnsentEmails.Where(e => expired.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}

/// <summary>Masks secrets in text bound for the log: reset codes, tokens, invitation and set-up links' tokens.</summary>
public static partial class TokenMask
{
    public const string Mask = "***";

    public static string Apply(string text) => Secret().Replace(text, m => m.Groups["name"].Value + Mask);

    [GeneratedRegex(@"(?<name>(?:[?&](?:code|token)=)|(?:/(?:invitation|installation|emargement/[^/\s?#]+|affichage/[^/\s?#]+)/))[^&\s#""<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}
