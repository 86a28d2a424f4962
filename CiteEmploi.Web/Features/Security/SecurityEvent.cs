namespace CiteEmploi.Web.Features.Security;

/// <summary>One line of the security log: who did what, when, from where.</summary>
public sealed class SecurityEvent
{
    public const int DetailMaxLength = 500;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public SecurityEventKind Kind { get; set; }

    /// <summary>The account concerned (the one signing in, the one whose role changed…).</summary>
    public string? UserId { get; set; }

    public string? Email { get; set; }

    /// <summary>Who did it, when it was someone else (the coordinator who invited, the administrator…).</summary>
    public string? ActorUserId { get; set; }

    public string? ActorEmail { get; set; }

    /// <summary>The Cité concerned, when there is one; coordinators see their Cité's lines.</summary>
    public Guid? CiteId { get; set; }

    public string? IpAddress { get; set; }

    public string Detail { get; set; } = string.Empty;
}

public enum SecurityEventKind
{
    SignIn,
    SignInFailed,
    SignInThrottled,
    LockedOut,
    SignOut,
    AdministratorCreated,
    InvitationSent,
    InvitationRevoked,
    InvitationAccepted,
    InvitationRefused,
    RoleChanged,
    MemberRemoved,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    PersonalDataExported,
    AccountDeleted,
    CiteCreated,
    ProfileUpdated,

    /// <summary>A closed self-assessment reopened by the coordination, with its reason (docs/decisions/0034).</summary>
    SelfAssessmentReopened,

    /// <summary>A referral deleted by the coordination (not its recorder's same-day correction), docs/decisions/0035.</summary>
    ReferralDeleted,
}
