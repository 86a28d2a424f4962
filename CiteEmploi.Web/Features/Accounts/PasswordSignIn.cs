using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Email;
using CiteEmploi.Web.Features.Security;
using Microsoft.AspNetCore.Identity;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>What a sign-in attempt came to; the answer shown is the same for every way of failing.</summary>
public enum SignInOutcome
{
    SignedIn,
    Refused,
    Throttled,
}

/// <summary>
/// The sign-in form's work: the throttle, then Identity's password check with lockout. Its answer tells nothing about
/// the address (issue 15): an address without an account, a wrong password and a locked account get the same message,
/// after the same work (one password hash checked in every case); a lockout is told to the account's owner by mail,
/// once when it starts, with its end and the way to reset, never to whoever typed the address.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IPasswordHasher<AppUser> hasher,
    SignInThrottle throttle,
    SecurityLog log,
    IEmailSender email,
    PublicLinks links,
    LockoutNotices notices,
    ILogger<PasswordSignIn> logger)
{
    public const string RefusedMessage = "Adresse e-mail ou mot de passe incorrect.";

    public const string ThrottledMessage = "Trop de tentatives de connexion. Patientez quelques minutes avant de réessayer.";

    public const string LockoutSubject = "Votre compte CiteEmploi est verrouillé pour quelques minutes";

    private static readonly AppUser Nobody = new() { Id = "personne", UserName = "personne" };
    private static string? _decoyHash;

    public async Task<(SignInOutcome Outcome, AppUser? User)> SignInAsync(string emailAddress, string password, bool rememberMe, string? ipAddress)
    {
        if (throttle.IsBlocked(ipAddress, emailAddress))
        {
            await log.RecordAsync(SecurityEventKind.SignInThrottled, "Tentatives de connexion trop nombreuses.", ipAddress, email: emailAddress);
            return (SignInOutcome.Throttled, null);
        }

        var user = await users.FindByEmailAsync(emailAddress);
        var lockedBefore = user is not null && await users.IsLockedOutAsync(user);
        if (user is null || lockedBefore)
        {
            // Identity checks no password for these two: check one anyway, so that they take as long as a wrong password.
            hasher.VerifyHashedPassword(user ?? Nobody, DecoyHash(), password);
        }
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await log.RecordAsync(SecurityEventKind.SignIn, "Connexion réussie.", ipAddress, user!.Id, user.Email);
            return (SignInOutcome.SignedIn, user);
        }

        throttle.RecordFailure(ipAddress, emailAddress);
        if (user is not null && result.IsLockedOut && !lockedBefore)
        {
            await log.RecordAsync(SecurityEventKind.LockedOut, "Compte verrouillé après des échecs de connexion ; son ou sa titulaire est prévenu·e par e-mail.",
                ipAddress, user.Id, user.Email);
            await TellOwnerAsync(user);
        }
        await log.RecordAsync(SecurityEventKind.SignInFailed, lockedBefore ? "Échec de connexion (compte verrouillé)." : "Échec de connexion.",
            ipAddress, user?.Id, emailAddress);
        return (SignInOutcome.Refused, null);
    }

    private string DecoyHash() => _decoyHash ??= hasher.HashPassword(Nobody, SecretTokens.New());

    private async Task TellOwnerAsync(AppUser user)
    {
        var end = await users.GetLockoutEndDateAsync(user) ?? DateTimeOffset.UtcNow;
        if (!notices.TryClaim(user.Id, end))
        {
            return; // a request posted at the same instant is telling it
        }
        var local = FrenchTime.Local(end);
        var body = $"Bonjour {user.DisplayName},\n\n"
            + $"Après plusieurs mots de passe erronés, votre compte CiteEmploi ({user.Email}) est verrouillé jusqu'à "
            + $"{local.ToString("HH'h'mm", FrenchCulture.Culture)} (heure de Paris), le {local.ToString("d MMMM yyyy", FrenchCulture.Culture)}. "
            + "Vous pourrez vous reconnecter ensuite avec votre mot de passe.\n\n"
            + $"Pour ne pas attendre, ou si vous l'avez oublié, choisissez un nouveau mot de passe ici :\n{links.To("/compte/mot-de-passe-oublie")}\n\n"
            + "Si ce n'était pas vous, quelqu'un essaie peut-être de deviner votre mot de passe : choisissez-en un nouveau, long, "
            + "que vous n'utilisez nulle part ailleurs.";
        try
        {
            await email.SendAsync(user.Email!, LockoutSubject, body);
        }
        catch (EmailNotSentException ex)
        {
            logger.LogWarning(ex, "Le verrouillage du compte {Email} n'a pas pu lui être annoncé par e-mail.", user.Email);
        }
    }
}
