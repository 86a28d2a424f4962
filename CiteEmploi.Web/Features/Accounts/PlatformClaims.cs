using System.Security.Claims;
using CiteEmploi.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>Claims and policies of the platform-wide roles (administrator, national).</summary>
public static class PlatformClaims
{
    public const string RoleClaim = "citeemploi:platform-role";
    public const string DisplayNameClaim = "citeemploi:display-name";
    public const string AdministratorPolicy = "Administrateur";
    public const string NationalPolicy = "National";

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.HasClaim(RoleClaim, nameof(PlatformRole.Administrateur));

    public static bool IsNational(this ClaimsPrincipal user) => user.HasClaim(RoleClaim, nameof(PlatformRole.National));

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? string.Empty;
}

/// <summary>Puts the platform role and display name in the sign-in cookie.</summary>
public sealed class AppUserClaimsPrincipalFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PlatformClaims.DisplayNameClaim, user.DisplayName));
        if (user.PlatformRole != PlatformRole.None)
        {
            identity.AddClaim(new Claim(PlatformClaims.RoleClaim, user.PlatformRole.ToString()));
        }
        return identity;
    }
}
