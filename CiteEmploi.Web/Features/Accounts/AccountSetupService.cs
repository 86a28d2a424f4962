using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>
/// First start: while no administrator exists, nothing is open but the one-time set-up link printed to the console
/// (it expires after 24 hours and works once). The <c>create-admin</c> verb does the same from the command line.
/// </summary>
public sealed class AccountSetupService(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    SecurityLog securityLog,
    TimeProvider time)
{
    private volatile bool _administratorExists;

    public async Task<bool> AdministratorExistsAsync(CancellationToken cancellationToken = default)
    {
        if (_administratorExists)
        {
            return true;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        _administratorExists = await db.Users.AnyAsync(u => u.PlatformRole == PlatformRole.Administrateur, cancellationToken);
        return _administratorExists;
    }

    /// <summary>A fresh set-up token (older unused ones stop working), or null when an administrator exists.</summary>
    public async Task<string?> IssueSetupTokenAsync(CancellationToken cancellationToken = default)
    {
        if (await AdministratorExistsAsync(cancellationToken))
        {
            return null;
        }
        var token = SecretTokens.New();
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SetupTokens.Where(t => t.UsedAt == null).ExecuteDeleteAsync(cancellationToken);
        db.SetupTokens.Add(new SetupToken { TokenHash = SecretTokens.Hash(token), CreatedAt = now, ExpiresAt = now + SetupToken.Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Why the link cannot be used, in French; null when it can.</summary>
    public async Task<string?> CheckSetupTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (await AdministratorExistsAsync(cancellationToken))
        {
            return "L'installation est terminée : un compte administrateur existe déjà. Connectez-vous.";
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = SecretTokens.Hash(token);
        var stored = await db.SetupTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        return stored is null ? "Ce lien d'installation n'est pas valide. Utilisez le dernier lien affiché dans la console du serveur."
            : stored.UsedAt is not null ? "Ce lien d'installation a déjà été utilisé."
            : time.GetUtcNow() >= stored.ExpiresAt ? "Ce lien d'installation a expiré : redémarrez le serveur pour en obtenir un nouveau."
            : null;
    }

    /// <summary>Creates the first administrator through the set-up link.</summary>
    public async Task<AccountResult> CreateFirstAdministratorAsync(string token, string email, string displayName, string password, string? ipAddress)
    {
        if (await CheckSetupTokenAsync(token) is { } why)
        {
            return AccountResult.Refused("Token", why);
        }
        var result = await CreateAdministratorAsync(email, displayName, password, ipAddress);
        if (result.Succeeded)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var hash = SecretTokens.Hash(token);
            await db.SetupTokens.Where(t => t.TokenHash == hash).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, time.GetUtcNow()));
        }
        return result;
    }

    /// <summary>Creates an administrator account (set-up link or <c>create-admin</c> verb).</summary>
    public async Task<AccountResult> CreateAdministratorAsync(string email, string displayName, string password, string? ipAddress)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
            PlatformRole = PlatformRole.Administrateur,
            CreatedAt = time.GetUtcNow(),
        };
        var result = AccountResult.From(await users.CreateAsync(user, password));
        if (result.Succeeded)
        {
            _administratorExists = true;
            await securityLog.RecordAsync(SecurityEventKind.AdministratorCreated, "Compte administrateur créé.", ipAddress, user.Id, user.Email);
        }
        return result;
    }
}
