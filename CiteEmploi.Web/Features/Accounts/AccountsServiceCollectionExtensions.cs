using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace CiteEmploi.Web.Features.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Identity on the app's database, the sign-in cookie, password and lockout rules, and the policies.</summary>
    public static IServiceCollection AddCiteEmploiAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddHttpContextAccessor();
        services.AddScoped<ClientOrigin>();
        services.AddScoped<CircuitHandler, ClientOriginCircuitHandler>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/connexion";
            options.LogoutPath = "/deconnexion";
            // A page the person may not see answers the same 404 as a page that does not exist.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
            options.ReturnUrlParameter = "retour";
            options.Cookie.Name = "CiteEmploi.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
        });

        services.AddIdentityCore<AppUser>(options =>
            {
                // Long rather than complicated (ANSSI / NIST advice): 10 characters, no composition rules.
                options.Password.RequiredLength = 10;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppUserClaimsPrincipalFactory>();

        services.AddAuthorizationBuilder()
            // Everything needs a signed-in person unless a page or endpoint says [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformClaims.AdministratorPolicy, p => p.RequireClaim(PlatformClaims.RoleClaim, nameof(PlatformRole.Administrateur)))
            .AddPolicy(PlatformClaims.NationalPolicy, p => p.RequireClaim(PlatformClaims.RoleClaim, nameof(PlatformRole.National), nameof(PlatformRole.Administrateur)));

        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<LockoutNotices>();
        services.AddSingleton<AccountSetupService>();
        services.AddScoped<AccountSelfService>();
        services.AddScoped<PasswordSignIn>();
        return services;
    }
}
