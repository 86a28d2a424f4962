using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Email;
using CiteEmploi.Web.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Members;

/// <summary>
/// A Cité's members and invitations: invite by e-mail with a role, revoke, change roles, remove (never the last
/// coordinator), and join through an invitation link. Every operation inside a Cité takes its <see cref="CiteAccess"/>
/// and opens a context scoped to that Cité; every change is written to the security log.
/// </summary>
public sealed class MemberService(
    CiteDbContextFactory citeDb,
    IDbContextFactory<AppDbContext> platformDb,
    UserManager<AppUser> users,
    IEmailSender email,
    SecurityLog log,
    ClientOrigin origin,
    PublicLinks links,
    TimeProvider time,
    ILogger<MemberService> logger)
{
    public async Task<IReadOnlyList<MemberView>> ListAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var rows = await (
                from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                select new { m.UserId, u.DisplayName, u.Email, u.Organisation, m.Role, m.JoinedAt })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderBy(r => r.Role)
            .ThenBy(r => Text.Fold(r.DisplayName), StringComparer.Ordinal)
            .Select(r => new MemberView(r.UserId, r.DisplayName, r.Email ?? string.Empty, r.Organisation, r.Role, r.JoinedAt))];
    }

    public async Task<IReadOnlyList<PendingInvitationView>> PendingInvitationsAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.ManageMembers))
        {
            return [];
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        var all = await db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken);
        return [.. all.Where(i => i.IsPending(now)).OrderBy(i => i.Email, StringComparer.OrdinalIgnoreCase)
            .Select(i => new PendingInvitationView(i.Id, i.Email, i.Role, i.ExpiresAt))];
    }

    /// <summary>Invites a person; the link is e-mailed when SMTP is configured, and returned in every case.</summary>
    public async Task<(CommandResult Result, InvitationLink? Link)> InviteAsync(CiteAccess access, string emailAddress, CiteRole role, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.ManageMembers))
        {
            return (CommandResult.Forbidden(), null);
        }
        var token = SecretTokens.New();
        Invitation invitation;
        try
        {
            invitation = Invitation.Create(access.CiteId, emailAddress, role, SecretTokens.Hash(token), access.UserId ?? "operateur", time.GetUtcNow());
        }
        catch (DomainValidationException ex)
        {
            return (CommandResult.Invalid(ex.Errors), null);
        }

        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var alreadyMember = await (
                from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                where u.NormalizedEmail == invitation.NormalizedEmail
                select m.Id)
            .AnyAsync(cancellationToken);
        if (alreadyMember)
        {
            return (CommandResult.Invalid(nameof(Invitation.Email), $"{invitation.Email} fait déjà partie de cette Cité : changez son rôle dans la liste des membres."), null);
        }

        // A new invitation replaces the pending ones for the same address: only the latest link works.
        var now = time.GetUtcNow();
        foreach (var older in await db.Invitations.Where(i => i.NormalizedEmail == invitation.NormalizedEmail && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken))
        {
            older.Revoke(now);
        }
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);

        var url = $"{links.BaseUri()}/invitation/{token}";
        var citeName = await db.Cites.Where(c => c.Id == access.CiteId).Select(c => c.Name).SingleAsync(cancellationToken);
        var sent = false;
        if (email.IsConfigured)
        {
            try
            {
                await email.SendAsync(invitation.Email, $"Invitation à rejoindre « {citeName} » sur CiteEmploi",
                    $"Bonjour,\n\nVous êtes invité·e à rejoindre la Cité « {citeName} » sur CiteEmploi, avec le rôle {role.Label()}.\n\n" +
                    $"Ouvrez ce lien pour créer votre accès (valable 7 jours, une seule fois) :\n{url}\n", cancellationToken);
                sent = true;
            }
            catch (EmailNotSentException ex)
            {
                // the coordinator is shown the link to pass on instead; the operator reads why in the log
                logger.LogWarning(ex, "L'invitation de {Email} n'a pas pu être envoyée par e-mail : {Reason}", invitation.Email, ex.Message);
            }
        }
        else
        {
            // the link is shown to the person inviting, and only to them: never in the log
            logger.LogInformation("Invitation pour {Email} à « {Cite} » : SMTP non configuré, le lien est montré à la personne qui invite.", invitation.Email, citeName);
        }
        await log.RecordAsync(SecurityEventKind.InvitationSent, $"Invitation ({role.Label()}) à « {citeName} »{(sent ? ", envoyée par e-mail" : "")}.",
            origin.IpAddress, email: invitation.Email, citeId: access.CiteId, actorUserId: access.UserId, cancellationToken: cancellationToken);
        return (CommandResult.Ok(), new InvitationLink(invitation.Email, url, sent));
    }

    public async Task<CommandResult> RevokeInvitationAsync(CiteAccess access, Guid invitationId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.ManageMembers))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null)
        {
            return CommandResult.Missing();
        }
        invitation.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await log.RecordAsync(SecurityEventKind.InvitationRevoked, "Invitation annulée.", origin.IpAddress, email: invitation.Email,
            citeId: access.CiteId, actorUserId: access.UserId, cancellationToken: cancellationToken);
        return CommandResult.Ok();
    }

    public async Task<CommandResult> ChangeRoleAsync(CiteAccess access, string userId, CiteRole role, CancellationToken cancellationToken = default) =>
        await ChangeMembershipAsync(access, userId, (membership, all) =>
        {
            var old = membership.Role;
            membership.ChangeRole(role, all);
            return (SecurityEventKind.RoleChanged, $"Rôle changé : {old.Label()} → {role.Label()}.");
        }, remove: false, cancellationToken);

    public async Task<CommandResult> RemoveAsync(CiteAccess access, string userId, CancellationToken cancellationToken = default) =>
        await ChangeMembershipAsync(access, userId, (membership, all) =>
        {
            membership.Remove(all);
            return (SecurityEventKind.MemberRemoved, $"Retiré·e de la Cité (rôle {membership.Role.Label()}).");
        }, remove: true, cancellationToken);

    private async Task<CommandResult> ChangeMembershipAsync(CiteAccess access, string userId,
        Func<Membership, IReadOnlyCollection<Membership>, (SecurityEventKind Kind, string Detail)> change, bool remove, CancellationToken cancellationToken)
    {
        if (!access.Can(CitePermission.ManageMembers))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var all = await db.Memberships.ToListAsync(cancellationToken);
        var membership = all.SingleOrDefault(m => m.UserId == userId);
        if (membership is null)
        {
            return CommandResult.Missing();
        }
        (SecurityEventKind Kind, string Detail) entry;
        try
        {
            entry = change(membership, all);
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
        if (remove)
        {
            db.Memberships.Remove(membership);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflicted();
        }
        var target = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        await log.RecordAsync(entry.Kind, entry.Detail, origin.IpAddress, userId, target, access.CiteId, access.UserId, cancellationToken: cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>Adds an existing account to a Cité directly (administrator naming a coordinator, demonstration loader).</summary>
    internal async Task AddAsync(CiteAccess access, string userId, CiteRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        if (!await db.Memberships.AnyAsync(m => m.UserId == userId, cancellationToken))
        {
            db.Memberships.Add(Membership.Create(access.CiteId, userId, role, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    // --- Joining through an invitation link (the person is not a member yet: platform-level look-ups by token) ---

    public async Task<InvitationView?> FindInvitationAsync(string token, CancellationToken cancellationToken = default)
    {
        var (invitation, citeName, citeSlug) = await LoadInvitationAsync(token, cancellationToken);
        if (invitation is null)
        {
            return null;
        }
        var accountExists = await users.FindByEmailAsync(invitation.Email) is not null;
        return new InvitationView(citeName!, citeSlug!, invitation.Email, invitation.Role, invitation.WhyUnusable(time.GetUtcNow()), accountExists);
    }

    /// <summary>Creates the invited person's account and membership. Refused once used, revoked or expired.</summary>
    public async Task<(AccountResult Result, AppUser? User, string? CiteSlug)> AcceptWithNewAccountAsync(string token, string displayName, string? organisation, string password)
    {
        var check = await CheckUsableAsync(token);
        if (check.Problem is not null)
        {
            return (check.Problem, null, null);
        }
        var invitation = check.Invitation!;
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add("DisplayName", "Indiquez votre nom tel que les autres membres le verront.");
        }
        else if (displayName.Trim().Length > AppUser.DisplayNameMaxLength)
        {
            errors.Add("DisplayName", $"Le nom ne peut pas dépasser {AppUser.DisplayNameMaxLength} caractères.");
        }
        if (organisation?.Trim().Length > AppUser.OrganisationMaxLength)
        {
            errors.Add("Organisation", $"Le nom de la structure ne peut pas dépasser {AppUser.OrganisationMaxLength} caractères.");
        }
        if (!errors.IsEmpty)
        {
            return (new AccountResult(false, errors), null, null);
        }
        var user = new AppUser
        {
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true, // the link reached this mailbox
            DisplayName = Text.Clean(displayName),
            Organisation = string.IsNullOrWhiteSpace(organisation) ? null : Text.Clean(organisation),
            CreatedAt = time.GetUtcNow(),
        };
        var created = AccountResult.From(await users.CreateAsync(user, password));
        if (!created.Succeeded)
        {
            return (created, null, null);
        }
        var slug = await JoinAsync(invitation, user);
        return (AccountResult.Ok(), user, slug);
    }

    /// <summary>Joins with the signed-in account, which must be the invited address.</summary>
    public async Task<(AccountResult Result, string? CiteSlug)> AcceptAsExistingUserAsync(string token, AppUser user)
    {
        var check = await CheckUsableAsync(token);
        if (check.Problem is not null)
        {
            return (check.Problem, null);
        }
        if (!string.Equals(user.NormalizedEmail, check.Invitation!.NormalizedEmail, StringComparison.Ordinal))
        {
            return (AccountResult.Refused("Token", $"Cette invitation est destinée à {check.Invitation.Email} : connectez-vous avec ce compte-là."), null);
        }
        return (AccountResult.Ok(), await JoinAsync(check.Invitation, user));
    }

    private async Task<(Invitation? Invitation, AccountResult? Problem)> CheckUsableAsync(string token)
    {
        var (invitation, _, _) = await LoadInvitationAsync(token, CancellationToken.None);
        if (invitation is null)
        {
            await log.RecordAsync(SecurityEventKind.InvitationRefused, "Lien d'invitation inconnu.", origin.IpAddress);
            return (null, AccountResult.Refused("Token", "Ce lien d'invitation n'est pas valide. Vérifiez qu'il a été copié en entier, ou demandez une nouvelle invitation."));
        }
        if (invitation.WhyUnusable(time.GetUtcNow()) is { } why)
        {
            await log.RecordAsync(SecurityEventKind.InvitationRefused, why, origin.IpAddress, email: invitation.Email, citeId: invitation.CiteId);
            return (null, AccountResult.Refused("Token", why));
        }
        return (invitation, null);
    }

    private async Task<string> JoinAsync(Invitation invitation, AppUser user)
    {
        await using var db = await platformDb.CreateDbContextAsync();
        db.CiteScope = invitation.CiteId;
        var tracked = await db.Invitations.SingleAsync(i => i.Id == invitation.Id);
        tracked.Accept(time.GetUtcNow());
        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id))
        {
            db.Memberships.Add(Membership.Create(invitation.CiteId, user.Id, invitation.Role, time.GetUtcNow()));
        }
        await db.SaveChangesAsync();
        var slug = await db.Cites.Where(c => c.Id == invitation.CiteId).Select(c => c.Slug).SingleAsync();
        await log.RecordAsync(SecurityEventKind.InvitationAccepted, $"Invitation acceptée : rôle {invitation.Role.Label()}.", origin.IpAddress,
            user.Id, user.Email, invitation.CiteId);
        return slug;
    }

    private async Task<(Invitation? Invitation, string? CiteName, string? CiteSlug)> LoadInvitationAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.Hash(token);
        await using var db = await platformDb.CreateDbContextAsync(cancellationToken);
        // Looked up by the secret's hash across Cités: the token itself is the proof of being invited.
        var invitation = await db.Invitations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            return (null, null, null);
        }
        var cite = await db.Cites.AsNoTracking().Where(c => c.Id == invitation.CiteId).Select(c => new { c.Name, c.Slug }).SingleAsync(cancellationToken);
        return (invitation, cite.Name, cite.Slug);
    }
}
