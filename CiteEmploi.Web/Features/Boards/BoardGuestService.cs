using System.Security.Cryptography;
using System.Text;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>
/// Proof that someone joined one board as a guest with a code that was open when this was made. Only
/// <see cref="BoardGuestService"/> makes one; only the guest overloads of <see cref="BoardService"/> accept it, and they
/// take no board id: a guest can reach their own board and nothing else. It is not a <see cref="CiteAccess"/>, so no
/// other feature of the Cité can be called with it (docs/decisions/0008-board-guests.md).
/// </summary>
public sealed class BoardGuestAccess
{
    internal BoardGuestAccess(Guid citeId, Guid boardId, Guid guestId, string name, DateTimeOffset expiresAt)
    {
        CiteId = citeId;
        BoardId = boardId;
        GuestId = guestId;
        Name = name;
        ExpiresAt = expiresAt;
    }

    public Guid CiteId { get; }

    public Guid BoardId { get; }

    public Guid GuestId { get; }

    /// <summary>The display name the guest chose.</summary>
    public string Name { get; }

    /// <summary>When the code expires, unless the facilitator closes it before (every command checks again).</summary>
    public DateTimeOffset ExpiresAt { get; }
}

/// <summary>The open guest code of a board, as its facilitator sees it.</summary>
public sealed record GuestCodeView(string Code, DateTimeOffset ExpiresAt, int GuestCount);

/// <summary>The outcome of joining: refused with messages per field, or the secret to keep in the guest's cookie.</summary>
public sealed record GuestJoinResult(CommandResult Result, string? Secret = null, DateTimeOffset? ExpiresAt = null);

/// <summary>
/// Guest codes of boards: the facilitator opens and closes them; anyone with a code joins under a display name and gets
/// a random secret (only its SHA-256 is stored) that names them on that one board while the code stays open.
/// </summary>
public sealed class BoardGuestService(IDbContextFactory<AppDbContext> dbFactory, CiteDbContextFactory citeDb, TimeProvider time)
{
    /// <summary>The cookie holding a guest's secret.</summary>
    public const string CookieName = "CiteEmploi.Invite";

    /// <summary>The longest secret accepted from a cookie (a longer value is not ours and is not hashed).</summary>
    private const int MaxSecretLength = 100;

    /// <summary>Opens the board to guests with a new code (closing any code still open); the result's value is the code.</summary>
    public async Task<CommandResult> OpenAsync(CiteAccess access, Guid boardId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (!BoardService.CanFacilitate(access))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var board = await db.Boards.SingleOrDefaultAsync(b => b.Id == boardId, cancellationToken);
        if (board is null)
        {
            return CommandResult.Missing();
        }
        var actor = await BoardService.ActorAsync(db, access, cancellationToken);
        var now = time.GetUtcNow();
        try
        {
            foreach (var open in await OpenCodesAsync(db, boardId, cancellationToken))
            {
                open.Close(actor, now);
            }
            var code = await UnusedCodeAsync(db, cancellationToken);
            db.BoardGuestCodes.Add(BoardGuestCode.Open(board, code, duration, actor, now));
            await SaveWithActivityAsync(db, actor, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return CommandResult.Ok(code);
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
    }

    /// <summary>Closes the board's guest code: guests are cut off at once.</summary>
    public async Task<CommandResult> CloseAsync(CiteAccess access, Guid boardId, CancellationToken cancellationToken = default)
    {
        if (!BoardService.CanFacilitate(access))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Boards.AnyAsync(b => b.Id == boardId, cancellationToken))
        {
            return CommandResult.Missing();
        }
        var actor = await BoardService.ActorAsync(db, access, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var open in await OpenCodesAsync(db, boardId, cancellationToken))
        {
            open.Close(actor, now);
        }
        await SaveWithActivityAsync(db, actor, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>The board's open code, for its facilitator; null when guests cannot join.</summary>
    public async Task<GuestCodeView?> CurrentAsync(CiteAccess access, Guid boardId, CancellationToken cancellationToken = default)
    {
        if (!BoardService.CanFacilitate(access))
        {
            return null;
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        var open = (await db.BoardGuestCodes.AsNoTracking().Where(c => c.BoardId == boardId && c.ClosedAt == null).ToListAsync(cancellationToken))
            .Where(c => c.IsOpenAt(now))
            .OrderByDescending(c => c.OpenedAt)
            .FirstOrDefault();
        if (open is null)
        {
            return null;
        }
        var guests = await db.BoardGuests.CountAsync(g => g.CodeId == open.Id, cancellationToken);
        return new GuestCodeView(open.Code, open.ExpiresAt, guests);
    }

    /// <summary>
    /// Someone without an account joins with a code and a display name. Anonymous: the code alone says which board
    /// (and so which Cité) — a code that is unknown, expired or closed gets the same message.
    /// </summary>
    public async Task<GuestJoinResult> JoinAsync(string? typedCode, string? displayName, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var code = BoardGuestCode.Normalize(typedCode);
        if (string.IsNullOrWhiteSpace(typedCode))
        {
            errors.Add(BoardGuest.CodeField, "Indiquez le code affiché dans la salle.");
        }
        else if (code is null)
        {
            errors.Add(BoardGuest.CodeField, $"Un code a {BoardGuestCode.CodeLength} caractères, lettres et chiffres (par exemple K7P4XM).");
        }
        if (BoardGuest.ValidateName(displayName).Error is { } nameError)
        {
            errors.Add(BoardGuest.NameField, nameError);
        }
        if (!errors.IsEmpty)
        {
            return new GuestJoinResult(CommandResult.Invalid(errors));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // On purpose across Cités: the join page has no Cité, the code names it.
        var opened = await db.BoardGuestCodes.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        var now = time.GetUtcNow();
        if (opened is null || !opened.IsOpenAt(now))
        {
            return new GuestJoinResult(CommandResult.Invalid(BoardGuest.CodeField, BoardGuest.CodeRefused));
        }
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        try
        {
            db.BoardGuests.Add(opened.Join(displayName, Hash(secret), now));
        }
        catch (DomainValidationException ex)
        {
            return new GuestJoinResult(CommandResult.Invalid(ex.Errors));
        }
        await db.SaveChangesAsync(cancellationToken);
        return new GuestJoinResult(CommandResult.Ok(opened.BoardId.ToString()), secret, opened.ExpiresAt);
    }

    /// <summary>The guest a cookie's secret names, while their code is open; null otherwise (forged, stale, closed).</summary>
    public async Task<BoardGuestAccess?> ResolveAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength)
        {
            return null;
        }
        var hash = Hash(secret);
        return await ResolveWhereAsync(g => g.SecretHash == hash, cancellationToken);
    }

    /// <summary>
    /// The guest of an id the server itself handed to the interactive page (Blazor's persisted state, protected by the
    /// server's data-protection keys); every command checks the code again anyway.
    /// </summary>
    internal Task<BoardGuestAccess?> ResolveByIdAsync(Guid guestId, CancellationToken cancellationToken = default) =>
        ResolveWhereAsync(g => g.Id == guestId, cancellationToken);

    private async Task<BoardGuestAccess?> ResolveWhereAsync(System.Linq.Expressions.Expression<Func<BoardGuest, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await (
                from g in db.BoardGuests.IgnoreQueryFilters().Where(which)
                join c in db.BoardGuestCodes.IgnoreQueryFilters() on g.CodeId equals c.Id
                select new { g.Id, g.CiteId, g.BoardId, g.DisplayName, Code = c })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        return row is not null && row.Code.IsOpenAt(time.GetUtcNow()) && row.Code.BoardId == row.BoardId && row.Code.CiteId == row.CiteId
            ? new BoardGuestAccess(row.CiteId, row.BoardId, row.Id, row.DisplayName, row.Code.ExpiresAt)
            : null;
    }

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    // Closed codes are filtered in memory: SQLite cannot compare DateTimeOffset columns, and a board has few codes.
    private static async Task<List<BoardGuestCode>> OpenCodesAsync(AppDbContext db, Guid boardId, CancellationToken cancellationToken) =>
        await db.BoardGuestCodes.Where(c => c.BoardId == boardId && c.ClosedAt == null).ToListAsync(cancellationToken);

    private static async Task<string> UnusedCodeAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // 31^6 ≈ 887 million codes: a collision is rare, and the unique index stands behind this check anyway.
        for (var attempt = 0; ; attempt++)
        {
            var code = BoardGuestCode.NewCode();
            if (attempt >= 5 || !await db.BoardGuestCodes.IgnoreQueryFilters().AnyAsync(c => c.Code == code, cancellationToken))
            {
                return code;
            }
        }
    }

    private static async Task SaveWithActivityAsync(AppDbContext db, BoardActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var events = db.ChangeTracker.Entries<BoardGuestCode>().SelectMany(e => e.Entity.DomainEvents).OfType<IBoardEvent>().ToList();
        foreach (var e in events)
        {
            if (BoardActivity.For(e, actor, now, _ => null) is { } line)
            {
                db.BoardActivities.Add(line);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
