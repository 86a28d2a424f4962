using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Email;
using CiteEmploi.Web.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>One of the person's memberships, as shown on their account pages and in their data export.</summary>
public sealed record OwnMembership(Guid CiteId, string CiteName, string CiteSlug, CiteRole Role, DateTimeOffset JoinedAt);

/// <summary>
/// What a signed-in person does on their own account (profile, password, personal data, deletion), and the
/// anonymous password reset. Every change is written to the security log.
/// </summary>
public sealed class AccountSelfService(
    UserManager<AppUser> users,
    IDbContextFactory<AppDbContext> dbFactory,
    IEmailSender emailSender,
    SecurityLog log,
    PublicLinks links,
    TimeProvider time,
    ILogger<AccountSelfService> logger)
{
    public const string ResetPath = "/compte/reinitialiser-mot-de-passe";

    private static readonly JsonSerializerOptions ExportJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The person's memberships with the Cités' names (read across Cités on purpose: they are the person's own).</summary>
    public async Task<IReadOnlyList<OwnMembership>> MembershipsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from m in db.Memberships.IgnoreQueryFilters().AsNoTracking()
                          join c in db.Cites.IgnoreQueryFilters().AsNoTracking() on m.CiteId equals c.Id
                          where m.UserId == userId
                          select new { m.CiteId, c.Name, c.Slug, m.Role, m.JoinedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new OwnMembership(r.CiteId, r.Name, r.Slug, r.Role, r.JoinedAt))];
    }

    /// <summary>Changes the display name and organisation.</summary>
    public async Task<AccountResult> UpdateProfileAsync(AppUser user, string? displayName, string? organisation, string? ipAddress)
    {
        var name = displayName?.Trim() ?? string.Empty;
        var org = string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim();
        var errors = new ValidationErrors();
        if (name.Length == 0)
        {
            errors.Add("DisplayName", "Indiquez votre nom.");
        }
        else if (name.Length > AppUser.DisplayNameMaxLength)
        {
            errors.Add("DisplayName", $"Le nom ne doit pas dépasser {AppUser.DisplayNameMaxLength} caractères.");
        }
        if (org is { Length: > AppUser.OrganisationMaxLength })
        {
            errors.Add("Organisation", $"L'organisation ne doit pas dépasser {AppUser.OrganisationMaxLength} caractères.");
        }
        if (!errors.IsEmpty)
        {
            return new AccountResult(false, errors);
        }
        user.DisplayName = name;
        user.Organisation = org;
        var result = AccountResult.From(await users.UpdateAsync(user));
        if (result.Succeeded)
        {
            await log.RecordAsync(SecurityEventKind.ProfileUpdated, "Nom ou organisation modifiés par la personne.", ipAddress, user.Id, user.Email);
        }
        return result;
    }

    /// <summary>Changes the password after checking the current one. Errors: CurrentPassword, Password, Confirmation.</summary>
    public async Task<AccountResult> ChangePasswordAsync(AppUser user, string? currentPassword, string? newPassword, string? confirmation, string? ipAddress)
    {
        var errors = CheckNewPassword(newPassword, confirmation);
        if (string.IsNullOrEmpty(currentPassword))
        {
            errors.Add("CurrentPassword", "Indiquez votre mot de passe actuel.");
        }
        if (!errors.IsEmpty)
        {
            return new AccountResult(false, errors);
        }
        var identity = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
        if (!identity.Succeeded)
        {
            return new AccountResult(false, MapPasswordErrors(identity, mismatchField: "CurrentPassword"));
        }
        await log.RecordAsync(SecurityEventKind.PasswordChanged, "Mot de passe modifié par la personne.", ipAddress, user.Id, user.Email);
        return AccountResult.Ok();
    }

    /// <summary>
    /// Sends a reset link when an account has this address; says nothing either way (no account enumeration).
    /// Without SMTP the e-mail is kept for the administrators (« Courriels non envoyés »), who pass the link on.
    /// </summary>
    public async Task RequestPasswordResetAsync(string email, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email);
        await log.RecordAsync(SecurityEventKind.PasswordResetRequested,
            user is null ? "Réinitialisation demandée pour une adresse sans compte." : "Réinitialisation du mot de passe demandée.",
            ipAddress, user?.Id, email, cancellationToken: cancellationToken);
        if (user is null)
        {
            return;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var url = $"{links.BaseUri()}{ResetPath}?email={Uri.EscapeDataString(user.Email!)}&code={code}";
        try
        {
            await emailSender.SendAsync(user.Email!, "Réinitialisation de votre mot de passe CiteEmploi",
                $"Bonjour {user.DisplayName},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 24 heures, une seule fois) :\n{url}\n\n"
                + "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The requester is told the same thing either way; the operator sees why nothing arrived.
            logger.LogWarning(ex, "Le lien de réinitialisation de {Email} n'a pas pu être envoyé par e-mail.", user.Email);
        }
    }

    /// <summary>Why a reset link cannot be used (French), or null when it can.</summary>
    public async Task<string?> CheckResetLinkAsync(string? email, string? code)
    {
        var (user, token) = await ResolveResetLinkAsync(email, code);
        return user is null || token is null
               || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token)
            ? InvalidResetLink
            : null;
    }

    public const string InvalidResetLink = "Ce lien de réinitialisation n'est pas valide ou a expiré (il sert une seule fois, pendant 24 heures) : demandez-en un nouveau.";

    /// <summary>Sets a new password from a reset link. Errors: Token, Password, Confirmation.</summary>
    public async Task<AccountResult> ResetPasswordAsync(string? email, string? code, string? newPassword, string? confirmation, string? ipAddress)
    {
        var (user, token) = await ResolveResetLinkAsync(email, code);
        if (user is null || token is null)
        {
            return AccountResult.Refused("Token", InvalidResetLink);
        }
        var errors = CheckNewPassword(newPassword, confirmation);
        if (!errors.IsEmpty)
        {
            return new AccountResult(false, errors);
        }
        var identity = await users.ResetPasswordAsync(user, token, newPassword!);
        if (!identity.Succeeded)
        {
            if (identity.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                return AccountResult.Refused("Token", InvalidResetLink);
            }
            return new AccountResult(false, MapPasswordErrors(identity, mismatchField: "Token"));
        }
        // The link proved the mailbox: a lockout from earlier failed sign-ins no longer stands in the way.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await log.RecordAsync(SecurityEventKind.PasswordReset, "Mot de passe réinitialisé par lien.", ipAddress, user.Id, user.Email);
        return AccountResult.Ok();
    }

    /// <summary>The person's data as a JSON document: account fields, memberships, security log lines about them.</summary>
    public async Task<byte[]> ExportPersonalDataAsync(AppUser user, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var account = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in typeof(AppUser).GetProperties().Where(p => p.IsDefined(typeof(PersonalDataAttribute), inherit: true)))
        {
            account[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = property.GetValue(user);
        }
        account["platformRole"] = user.PlatformRole.ToString();

        var memberships = await MembershipsAsync(user.Id, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var email = user.Email;
        var events = await db.SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == user.Id || (email != null && e.Email == email))
            .OrderBy(e => e.Id)
            .Select(e => new { e.At, e.Kind, e.Detail, e.IpAddress, e.CiteId })
            .ToListAsync(cancellationToken);

        var document = new
        {
            exportedAt = time.GetUtcNow(),
            about = "Données personnelles de votre compte CiteEmploi. L'espace de travail ne contient aucune donnée sur les habitants accompagnés.",
            account,
            memberships = memberships.Select(m => new { cite = m.CiteName, citeSlug = m.CiteSlug, role = m.Role.ToString(), m.JoinedAt }),
            securityEvents = events.Select(e => new { e.At, kind = e.Kind.ToString(), e.Detail, e.IpAddress, e.CiteId }),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, ExportJson);
        await log.RecordAsync(SecurityEventKind.PersonalDataExported, "Données personnelles téléchargées.", ipAddress, user.Id, user.Email, cancellationToken: cancellationToken);
        return bytes;
    }

    /// <summary>
    /// Deletes the account (memberships go with it) after checking the password, unless the person is the last
    /// coordinator of a Cité or the last administrator. Errors: CurrentPassword, Form.
    /// </summary>
    public async Task<AccountResult> DeleteAccountAsync(AppUser user, string? currentPassword, string? ipAddress)
    {
        if (string.IsNullOrEmpty(currentPassword))
        {
            return AccountResult.Refused("CurrentPassword", "Indiquez votre mot de passe actuel pour confirmer.");
        }
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            return AccountResult.Refused("CurrentPassword", "Mot de passe actuel incorrect.");
        }
        if (await WhyNotDeletableAsync(user) is { } why)
        {
            return AccountResult.Refused("Form", why);
        }
        var result = AccountResult.From(await users.DeleteAsync(user));
        if (result.Succeeded)
        {
            await log.RecordAsync(SecurityEventKind.AccountDeleted, "Compte supprimé par la personne.", ipAddress, user.Id, user.Email);
        }
        return result;
    }

    /// <summary>Why the account cannot be deleted right now (French), or null.</summary>
    public async Task<string?> WhyNotDeletableAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (user.PlatformRole == PlatformRole.Administrateur
            && !await db.Users.AnyAsync(u => u.Id != user.Id && u.PlatformRole == PlatformRole.Administrateur, cancellationToken))
        {
            return "Vous êtes le seul compte administrateur : nommez d'abord un autre administrateur, sinon plus personne ne pourra gérer l'espace de travail.";
        }
        var memberships = db.Memberships.IgnoreQueryFilters();
        var soleCoordinatorOf = await (from mine in memberships
                                       join c in db.Cites.IgnoreQueryFilters() on mine.CiteId equals c.Id
                                       where mine.UserId == user.Id && mine.Role == CiteRole.Coordinateur
                                             && !memberships.Any(o => o.CiteId == mine.CiteId && o.UserId != user.Id && o.Role == CiteRole.Coordinateur)
                                       select c.Name)
            .ToListAsync(cancellationToken);
        if (soleCoordinatorOf.Count > 0)
        {
            var names = string.Join(", ", soleCoordinatorOf.Order(StringComparer.CurrentCultureIgnoreCase).Select(n => $"« {n} »"));
            return $"Vous êtes la seule personne à coordonner {names} : nommez d'abord une autre coordinatrice ou un autre coordinateur dans la liste des membres.";
        }
        return null;
    }

    private static ValidationErrors CheckNewPassword(string? password, string? confirmation)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("Password", "Choisissez un nouveau mot de passe.");
        }
        else if (password != confirmation)
        {
            errors.Add("Confirmation", "Les deux mots de passe ne sont pas identiques.");
        }
        return errors;
    }

    private static ValidationErrors MapPasswordErrors(IdentityResult result, string mismatchField)
    {
        var errors = new ValidationErrors();
        foreach (var error in result.Errors)
        {
            var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? mismatchField
                : error.Code.Contains("Password", StringComparison.Ordinal) ? "Password"
                : "Form";
            errors.Add(field, error.Description);
        }
        return errors;
    }

    private async Task<(AppUser? User, string? Token)> ResolveResetLinkAsync(string? email, string? code)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(code))
        {
            return (null, null);
        }
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return (null, null);
        }
        return (await users.FindByEmailAsync(email.Trim()), token);
    }
}
