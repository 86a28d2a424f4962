namespace CiteEmploi.Web.Features.Accounts;

/// <summary>The one-time link that creates the first administrator; only its hash is stored.</summary>
public sealed class SetupToken
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public Guid Id { get; set; } = Guid.NewGuid();

    public string TokenHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
