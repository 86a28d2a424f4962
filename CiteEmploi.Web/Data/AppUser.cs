using Microsoft.AspNetCore.Identity;

namespace CiteEmploi.Web.Data;

/// <summary>A person with an account. What the workspace knows of them: name, e-mail, organisation — never anything about residents.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 120;
    public const int OrganisationMaxLength = 160;

    [PersonalData]
    public string DisplayName { get; set; } = string.Empty;

    [PersonalData]
    public string? Organisation { get; set; }

    /// <summary>Platform-wide role, beside the per-Cité roles of <see cref="Domain.Members.Membership"/>.</summary>
    public PlatformRole PlatformRole { get; set; }

    [PersonalData]
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Roles that are not tied to one Cité.</summary>
public enum PlatformRole
{
    None,

    /// <summary>Creates Cités, names their first coordinator, sees the security log.</summary>
    Administrateur,

    /// <summary>Reads indicators aggregated across Cités, nothing private.</summary>
    National,
}
