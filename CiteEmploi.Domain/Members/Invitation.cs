using System.Text.RegularExpressions;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Members;

/// <summary>
/// An invitation to join a Cité with a role. Its link carries a secret token; only the token's hash is stored. It can
/// be used once, until it expires (7 days) or is revoked.
/// </summary>
public sealed partial class Invitation : AggregateRoot, ICiteOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const int EmailMaxLength = 254;

    private Invitation()
    {
        Email = NormalizedEmail = TokenHash = InvitedByUserId = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public string Email { get; private set; }

    public string NormalizedEmail { get; private set; }

    public CiteRole Role { get; private set; }

    public string TokenHash { get; private set; }

    public string InvitedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static Invitation Create(Guid citeId, string email, CiteRole role, string tokenHash, string invitedByUserId, DateTimeOffset now)
    {
        var cleaned = Text.Clean(email);
        var errors = new ValidationErrors();
        if (cleaned.Length == 0)
        {
            errors.Add(nameof(Email), "Indiquez l'adresse e-mail de la personne à inviter.");
        }
        else if (cleaned.Length > EmailMaxLength || !EmailRegex().IsMatch(cleaned))
        {
            errors.Add(nameof(Email), "Adresse e-mail invalide (ex. : prenom.nom@structure.fr).");
        }
        if (!Enum.IsDefined(role))
        {
            errors.Add(nameof(Role), "Rôle inconnu : coordinateur, copilote, partenaire ou observateur.");
        }
        errors.ThrowIfAny();
        var invitation = new Invitation
        {
            CiteId = citeId,
            Email = cleaned,
            NormalizedEmail = NormalizeEmail(cleaned),
            Role = role,
            TokenHash = tokenHash,
            InvitedByUserId = invitedByUserId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        invitation.Raise(new InvitationSent(citeId, invitation.Id, invitation.Email, role));
        return invitation;
    }

    public static string NormalizeEmail(string email) => Text.Clean(email).ToUpperInvariant();

    /// <summary>Why the invitation can no longer be used, in French; null while it can.</summary>
    public string? WhyUnusable(DateTimeOffset now) =>
        AcceptedAt is not null ? "Cette invitation a déjà été utilisée. Connectez-vous avec le compte créé à ce moment-là."
        : RevokedAt is not null ? "Cette invitation a été annulée par la coordination de la Cité. Demandez-lui une nouvelle invitation."
        : now >= ExpiresAt ? $"Cette invitation a expiré le {ExpiresAt:dd/MM/yyyy}. Demandez une nouvelle invitation à la coordination de la Cité."
        : null;

    public bool IsPending(DateTimeOffset now) => WhyUnusable(now) is null;

    public void Accept(DateTimeOffset now)
    {
        var why = WhyUnusable(now);
        if (why is not null)
        {
            ValidationErrors.Refuse("Token", why);
        }
        AcceptedAt = now;
        Raise(new InvitationAccepted(CiteId, Id, Email, Role));
    }

    public void Revoke(DateTimeOffset now)
    {
        if (AcceptedAt is not null || RevokedAt is not null)
        {
            return;
        }
        RevokedAt = now;
        Raise(new InvitationRevoked(CiteId, Id, Email));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();
}

public sealed record InvitationSent(Guid CiteId, Guid InvitationId, string Email, CiteRole Role) : IDomainEvent;

public sealed record InvitationAccepted(Guid CiteId, Guid InvitationId, string Email, CiteRole Role) : IDomainEvent;

public sealed record InvitationRevoked(Guid CiteId, Guid InvitationId, string Email) : IDomainEvent;
