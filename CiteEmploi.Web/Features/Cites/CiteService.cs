using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Cites;

/// <summary>
/// Creating, listing, renaming and archiving Cités. One database context per operation. Creating and listing every
/// Cité are platform operations (administrators, command-line verbs); changing one Cité takes a <see cref="CiteAccess"/>.
/// </summary>
public sealed class CiteService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<CiteSummary>> ListAsync(bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Cites.AsNoTracking();
        if (!includeArchived)
        {
            query = query.Where(c => c.ArchivedAt == null);
        }
        return Summaries(await query.ToListAsync(cancellationToken));
    }

    /// <summary>Archived last, then by name (accents and case ignored).</summary>
    public static IReadOnlyList<CiteSummary> Summaries(IEnumerable<Cite> cites) =>
    [
        .. cites
            .OrderBy(c => c.IsArchived)
            .ThenBy(c => c.NormalizedName, StringComparer.Ordinal)
            .Select(c => new CiteSummary(c.Id, c.Slug, c.Name, c.PerimeterType, c.TerritoryName, c.Qpvs.Count, c.IsArchived, c.IsDemonstration)),
    ];

    /// <summary>The Cité a member has entered.</summary>
    public async Task<CiteDetails?> GetAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cite = await db.Cites.AsNoTracking().SingleOrDefaultAsync(c => c.Id == access.CiteId, cancellationToken);
        return cite is null ? null : ToDetails(cite);
    }

    /// <summary>Platform look-up by slug (administrators, command-line verbs, demonstration loader).</summary>
    public async Task<CiteDetails?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cite = await db.Cites.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        return cite is null ? null : ToDetails(cite);
    }

    /// <summary>Creates a Cité. Without a slug, one is derived from the name (with a number added if it is taken).</summary>
    public async Task<CommandResult> CreateAsync(CiteProfile profile, string? slug = null, bool isDemonstration = false, CancellationToken cancellationToken = default)
    {
        Cite cite;
        try
        {
            cite = Cite.Create(profile, slug, time.GetUtcNow(), isDemonstration);
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await NameTakenAsync(db, cite.NormalizedName, exceptId: null, cancellationToken))
        {
            return NameTaken();
        }
        if (string.IsNullOrWhiteSpace(slug))
        {
            var free = await FreeSlugAsync(db, cite.Slug, cancellationToken);
            if (free != cite.Slug)
            {
                cite = Cite.Create(profile, free, time.GetUtcNow(), isDemonstration);
            }
        }
        else if (await db.Cites.AnyAsync(c => c.Slug == cite.Slug, cancellationToken))
        {
            return CommandResult.Invalid(nameof(Cite.Slug), $"L'identifiant court « {cite.Slug} » est déjà utilisé par une autre Cité.");
        }

        db.Cites.Add(cite);
        return await SaveAsync(db, cite.Slug, cancellationToken);
    }

    /// <summary>Full rights on a Cité for the server operator (command-line verbs); null when the slug is unknown.</summary>
    internal async Task<CiteAccess?> OperatorAccessAsync(string slug, CancellationToken cancellationToken = default) =>
        await GetAsync(slug, cancellationToken) is { } cite ? CiteAccess.Operator(cite.Id, cite.Slug) : null;

    public async Task<CommandResult> RenameAsync(CiteAccess access, string newName, int expectedVersion, CancellationToken cancellationToken = default) =>
        await ChangeAsync(access, expectedVersion, cite => cite.Rename(newName), checkName: true, cancellationToken);

    public async Task<CommandResult> UpdateProfileAsync(CiteAccess access, CiteProfile profile, int expectedVersion, CancellationToken cancellationToken = default) =>
        await ChangeAsync(access, expectedVersion, cite => cite.UpdateProfile(profile), checkName: true, cancellationToken);

    public async Task<CommandResult> ArchiveAsync(CiteAccess access, CancellationToken cancellationToken = default) =>
        await ChangeAsync(access, expectedVersion: null, cite => cite.Archive(time.GetUtcNow()), checkName: false, cancellationToken);

    public async Task<CommandResult> RestoreAsync(CiteAccess access, CancellationToken cancellationToken = default) =>
        await ChangeAsync(access, expectedVersion: null, cite => cite.Restore(), checkName: false, cancellationToken);

    /// <summary>Sets (or clears) the position of one of the Cité's QPVs (the diagnostic's map).</summary>
    public async Task<CommandResult> PlaceQpvAsync(CiteAccess access, string code, GeoPoint? position, CancellationToken cancellationToken = default) =>
        await ChangeAsync(access, expectedVersion: null, cite => cite.PlaceQpv(code, position), checkName: false, cancellationToken);

    /// <summary>Replaces the Cité's QPVs and their positions (an operator's file): all or nothing.</summary>
    public async Task<CommandResult> ReplaceQpvsAsync(CiteAccess access, IReadOnlyList<Qpv> qpvs, CancellationToken cancellationToken = default) =>
        await ChangeAsync(access, expectedVersion: null, cite => cite.ReplaceQpvs(qpvs), checkName: false, cancellationToken);

    private async Task<CommandResult> ChangeAsync(CiteAccess access, int? expectedVersion, Action<Cite> change, bool checkName, CancellationToken cancellationToken)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cite = await db.Cites.SingleOrDefaultAsync(c => c.Id == access.CiteId, cancellationToken);
        if (cite is null)
        {
            return CommandResult.Missing();
        }
        if (expectedVersion is not null && cite.Version != expectedVersion)
        {
            return CommandResult.Conflicted();
        }
        try
        {
            change(cite);
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
        if (checkName && await NameTakenAsync(db, cite.NormalizedName, cite.Id, cancellationToken))
        {
            return NameTaken();
        }
        return await SaveAsync(db, cite.Slug, cancellationToken);
    }

    private static async Task<CommandResult> SaveAsync(AppDbContext db, string slug, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok(slug);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflicted();
        }
        catch (DbUpdateException)
        {
            // A unique index caught what the checks above missed: someone created the same name at the same moment.
            return NameTaken();
        }
    }

    private static CommandResult NameTaken() =>
        CommandResult.Invalid(nameof(Cite.Name), "Une Cité porte déjà ce nom (sans tenir compte des accents ni des majuscules). Choisissez un autre nom.");

    private static Task<bool> NameTakenAsync(AppDbContext db, string normalizedName, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Cites.AnyAsync(c => c.NormalizedName == normalizedName && c.Id != exceptId, cancellationToken);

    private static async Task<string> FreeSlugAsync(AppDbContext db, string wanted, CancellationToken cancellationToken)
    {
        // Each candidate is looked up itself: a long slug is cut before its suffix, so its candidates do not all
        // start with the wanted slug and a prefix query would miss them.
        if (!await db.Cites.AnyAsync(c => c.Slug == wanted, cancellationToken))
        {
            return wanted;
        }
        for (var i = 2; ; i++)
        {
            var suffix = $"-{i}";
            var candidate = wanted.Length + suffix.Length > Cite.SlugMaxLength
                ? wanted[..(Cite.SlugMaxLength - suffix.Length)].TrimEnd('-') + suffix
                : wanted + suffix;
            if (!await db.Cites.AnyAsync(c => c.Slug == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }

    private static CiteDetails ToDetails(Cite c) =>
        new(c.Id, c.Slug, c.Version, c.ToProfile(), c.IsDemonstration, c.CreatedAt, c.ArchivedAt);
}
