using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>
/// The boards of a Cité and everything done on them. Each command runs in its own context and write transaction
/// (SQLite's <c>BEGIN IMMEDIATE</c>: reads and writes of one command see no other command in between, so vote
/// allowances and positions stay exact), is written with its activity-log lines in the same commit, and is
/// acknowledged only once committed; the committed events then reach the board's live topic.
/// Reads of a whole board go through <see cref="BoardSnapshots"/> when one is given (the app always gives it): one
/// database read per change, shared by all the board's viewers.
/// </summary>
public sealed class BoardService(CiteDbContextFactory citeDb, TimeProvider time, BoardSnapshots? snapshots = null)
{
    /// <summary>The key and name of the server operator when it acts on a board (demonstration loader).</summary>
    private const string OperatorKey = "operateur";

    /// <summary>Facilitating a board: whoever runs sessions or may edit all of the Cité's content.</summary>
    public static bool CanFacilitate(CiteAccess access) => CanFacilitate(access.Role);

    /// <inheritdoc cref="CanFacilitate(CiteAccess)"/>
    public static bool CanFacilitate(CiteRole role) =>
        role.Allows(CitePermission.RunSessions) || role.Allows(CitePermission.EditAllContent);

    public async Task<IReadOnlyList<BoardSummary>> ListAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var boards = await db.Boards.AsNoTracking()
            .Select(b => new { b.Id, b.Title, b.Kind, b.CreatedAt, b.CreatedByName })
            .ToListAsync(cancellationToken);
        var counts = await db.Cards.Where(c => c.DeletedAt == null)
            .GroupBy(c => c.BoardId)
            .Select(g => new { BoardId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.BoardId, x => x.Count, cancellationToken);
        return [.. boards
            .OrderByDescending(b => b.CreatedAt)
            .Select(b => new BoardSummary(b.Id, b.Title, b.Kind, counts.GetValueOrDefault(b.Id), b.CreatedAt, b.CreatedByName))];
    }

    /// <summary>Creates a board; the result's value is the new board's id.</summary>
    public async Task<CommandResult> CreateAsync(CiteAccess access, BoardKind kind, string title, string? description, IReadOnlyList<string>? columns, CancellationToken cancellationToken = default)
    {
        if (!CanFacilitate(access))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var actor = await ActorAsync(db, access, cancellationToken);
        try
        {
            var board = Board.Create(access.CiteId, kind, title, description, columns, actor, time.GetUtcNow());
            db.Boards.Add(board);
            await SaveWithActivityAsync(db, board, actor, cancellationToken);
            return CommandResult.Ok(board.Id.ToString());
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
    }

    /// <summary>The board as this person sees it; null when it is not a board of this Cité.</summary>
    public async Task<BoardView?> GetAsync(CiteAccess access, Guid boardId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var stored = await StoredAsync(access.CiteId, boardId, cancellationToken);
        return stored is null
            ? null
            : View(stored, KeyOf(access), CanFacilitate(access), access.Can(CitePermission.Contribute), time.GetUtcNow());
    }

    /// <summary>The board of this Cité and its cards as last stored (shared copy when there is one); null when it is not the Cité's.</summary>
    private Task<BoardSnapshot?> StoredAsync(Guid citeId, Guid boardId, CancellationToken cancellationToken)
    {
        async Task<BoardSnapshot?> load(CancellationToken token)
        {
            await using var db = await citeDb.CreateAsync(citeId, token);
            var board = await db.Boards.AsNoTracking().SingleOrDefaultAsync(b => b.Id == boardId, token);
            if (board is null)
            {
                return null;
            }
            var cards = await db.Cards.AsNoTracking().Where(c => c.BoardId == boardId && c.DeletedAt == null).ToListAsync(token);
            var activity = await LatestActivityAsync(db, boardId, BoardSnapshot.ActivityLines, token);
            // texts rendered here, once for all viewers, reusing the previous copy's for cards whose text did not change
            return new BoardSnapshot(board, cards, activity).WithTexts(snapshots?.Latest(citeId, boardId));
        }
        return snapshots is null ? load(cancellationToken) : snapshots.GetAsync(citeId, boardId, load, cancellationToken);
    }

    /// <summary>The latest lines of the board's activity log, newest first.</summary>
    public async Task<IReadOnlyList<ActivityView>> ActivityAsync(CiteAccess access, Guid boardId, int max = 100, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        if (snapshots is not null && max <= BoardSnapshot.ActivityLines)
        {
            var stored = await StoredAsync(access.CiteId, boardId, cancellationToken);
            return stored is null ? [] : [.. stored.Activity.Take(max)];
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return await LatestActivityAsync(db, boardId, max, cancellationToken);
    }

    private static Task<List<ActivityView>> LatestActivityAsync(AppDbContext db, Guid boardId, int max, CancellationToken cancellationToken) =>
        db.BoardActivities.AsNoTracking()
            .Where(a => a.BoardId == boardId)
            .OrderByDescending(a => a.Id)
            .Take(max)
            .Select(a => new ActivityView(a.Id, a.At, a.ActorName, a.Summary))
            .ToListAsync(cancellationToken);

    /// <summary>The name others see for this person on boards (presence, cards, activity).</summary>
    public async Task<string> DisplayNameAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return (await ActorAsync(db, access, cancellationToken)).Name;
    }

    // ---- cards ----

    /// <summary>
    /// Adds a card at the end of a column; the result's value is the new card's id. With a <paramref name="clientKey"/>
    /// (a Guid the client made for this add), sending it again returns the same card and adds nothing.
    /// </summary>
    public Task<CommandResult> AddCardAsync(CiteAccess access, Guid boardId, Guid columnId, CardContent content, Guid? clientKey = null, CancellationToken cancellationToken = default) =>
        OnBoardAsync(access, boardId, CitePermission.Contribute,
            (db, board, actor, now) => AddAtEndAsync(db, board, columnId, content, clientKey, actor, now, cancellationToken), cancellationToken);

    /// <summary>Edits a card from what the person saw (<paramref name="basis"/> at <paramref name="basisVersion"/>).</summary>
    public async Task<CardEditResult> EditCardAsync(CiteAccess access, Guid boardId, Guid cardId, CardContent yours, CardContent basis, int basisVersion, CancellationToken cancellationToken = default)
    {
        CardConflictView? conflict = null;
        var result = await OnCardAsync(access, boardId, cardId, async (db, board, card, actor, now) =>
        {
            try
            {
                card.Edit(board, yours, basis, basisVersion, actor, now);
            }
            catch (CardEditConflictException ex)
            {
                conflict = new CardConflictView(ex.Current.Content, ex.Yours, ex.Current.Version, ex.Current.EditedByName, ex.Fields);
            }
            await Task.CompletedTask;
        }, cancellationToken);
        return conflict is null ? new CardEditResult(result) : new CardEditResult(CommandResult.Conflicted(), conflict);
    }

    /// <summary>Moves a card to <paramref name="index"/> among the other cards of <paramref name="columnId"/> (0 = top).</summary>
    public Task<CommandResult> MoveCardAsync(CiteAccess access, Guid boardId, Guid cardId, Guid columnId, int index, CancellationToken cancellationToken = default) =>
        OnCardAsync(access, boardId, cardId, async (db, board, card, actor, now) =>
        {
            board.OpenColumn(columnId);
            var others = await db.Cards
                .Where(c => c.BoardId == boardId && c.ColumnId == columnId && c.DeletedAt == null && c.Id != cardId)
                .OrderBy(c => c.Position)
                .ToListAsync(cancellationToken);
            var at = Math.Clamp(index, 0, others.Count);
            var position = Between(others, at);
            if (position is null)
            {
                // the gap is exhausted: spread the column out again (nobody sees it), then land in the middle
                for (var i = 0; i < others.Count; i++)
                {
                    others[i].Renumber(Card.SpacedPosition(i));
                }
                position = Between(others, at);
            }
            card.Move(board, columnId, position!.Value, actor, now);
        }, cancellationToken);

    public Task<CommandResult> DeleteCardAsync(CiteAccess access, Guid boardId, Guid cardId, CancellationToken cancellationToken = default) =>
        OnCardAsync(access, boardId, cardId, (db, board, card, actor, now) =>
        {
            card.Delete(board, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Undoes a deletion, while the board has room for the card (<see cref="Board.MaxCards"/>).</summary>
    public Task<CommandResult> RestoreCardAsync(CiteAccess access, Guid boardId, Guid cardId, CancellationToken cancellationToken = default) =>
        OnCardAsync(access, boardId, cardId, async (db, board, card, actor, now) =>
        {
            if (card.DeletedAt is not null)
            {
                // the author's share is not asked again: it counts deleted cards too, so a restore leaves it as it was
                board.EnsureRoomForCard(await CardsOnBoardAsync(db, board.Id, cancellationToken), 0, actor);
            }
            card.Restore(board, actor, now);
        }, cancellationToken);

    public Task<CommandResult> VoteAsync(CiteAccess access, Guid boardId, Guid cardId, CancellationToken cancellationToken = default) =>
        OnCardAsync(access, boardId, cardId, (db, board, card, actor, now) => VoteWithinAllowanceAsync(db, board, card, actor, now, cancellationToken), cancellationToken);

    public Task<CommandResult> WithdrawVoteAsync(CiteAccess access, Guid boardId, Guid cardId, CancellationToken cancellationToken = default) =>
        OnCardAsync(access, boardId, cardId, (db, board, card, actor, now) =>
        {
            card.WithdrawVote(board, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    // ---- guests (see BoardGuestService and docs/decisions/0008-board-guests.md) ----

    /// <summary>What a guest whose code was closed or expired is told when they try anything.</summary>
    public static CommandResult GuestSessionEnded => CommandResult.Invalid(BoardGuest.CodeField, "La session invité est terminée : l'accès au tableau a été fermé ou a expiré.");

    /// <summary>The guest's board as they see it; null once their code is closed or expired.</summary>
    public async Task<BoardView?> GetAsync(BoardGuestAccess guest, CancellationToken cancellationToken = default)
    {
        await using var db = await citeDb.CreateAsync(guest.CiteId, cancellationToken);
        if (await GuestActorAsync(db, guest, cancellationToken) is not { } actor)
        {
            return null;
        }
        var stored = await StoredAsync(guest.CiteId, guest.BoardId, cancellationToken);
        return stored is null ? null : View(stored, actor.Key, canFacilitate: false, canContribute: true, time.GetUtcNow());
    }

    /// <summary>A guest adds a card to a column of their board (the same <paramref name="clientKey"/> twice adds it once).</summary>
    public Task<CommandResult> AddCardAsync(BoardGuestAccess guest, Guid columnId, CardContent content, Guid? clientKey = null, CancellationToken cancellationToken = default) =>
        AsGuestAsync(guest, (db, board, actor, now) => AddAtEndAsync(db, board, columnId, content, clientKey, actor, now, cancellationToken), cancellationToken);

    /// <summary>A guest puts one of their votes on a card of their board.</summary>
    public Task<CommandResult> VoteAsync(BoardGuestAccess guest, Guid cardId, CancellationToken cancellationToken = default) =>
        AsGuestOnCardAsync(guest, cardId, (db, board, card, actor, now) => VoteWithinAllowanceAsync(db, board, card, actor, now, cancellationToken), cancellationToken);

    public Task<CommandResult> WithdrawVoteAsync(BoardGuestAccess guest, Guid cardId, CancellationToken cancellationToken = default) =>
        AsGuestOnCardAsync(guest, cardId, (db, board, card, actor, now) =>
        {
            card.WithdrawVote(board, actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    // The board is always the guest's own: no board id comes from the caller.
    private async Task<CommandResult> AsGuestAsync(BoardGuestAccess guest, Func<AppDbContext, Board, BoardActor, DateTimeOffset, Task<string?>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await citeDb.CreateAsync(guest.CiteId, cancellationToken);
        return await OnBoardAsync(db, guest.BoardId, () => GuestActorAsync(db, guest, cancellationToken), change, cancellationToken);
    }

    private Task<CommandResult> AsGuestOnCardAsync(BoardGuestAccess guest, Guid cardId, Func<AppDbContext, Board, Card, BoardActor, DateTimeOffset, Task> change,
        CancellationToken cancellationToken) =>
        AsGuestAsync(guest, async (db, board, actor, now) =>
        {
            var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId && c.BoardId == board.Id, cancellationToken)
                ?? throw new CommandTargetMissingException();
            await change(db, board, card, actor, now);
            return null;
        }, cancellationToken);

    /// <summary>The guest as an actor while their code is open (read now, from the database); null once it is not.</summary>
    private async Task<BoardActor?> GuestActorAsync(AppDbContext db, BoardGuestAccess guest, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = await (
                from g in db.BoardGuests
                join c in db.BoardGuestCodes on g.CodeId equals c.Id
                where g.Id == guest.GuestId && g.BoardId == guest.BoardId && c.BoardId == guest.BoardId
                select new { Guest = g, c.ClosedAt, c.ExpiresAt })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        return row is { ClosedAt: null } && now < row.ExpiresAt ? row.Guest.Actor : null;
    }

    // ---- facilitation ----

    public Task<CommandResult> ChangeDetailsAsync(CiteAccess access, Guid boardId, string title, string? description, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) => b.ChangeDetails(title, description, a), cancellationToken);

    public Task<CommandResult> AddColumnAsync(CiteAccess access, Guid boardId, string title, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) => b.AddColumn(title, a), cancellationToken);

    public Task<CommandResult> RenameColumnAsync(CiteAccess access, Guid boardId, Guid columnId, string title, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) => b.RenameColumn(columnId, title, a), cancellationToken);

    public Task<CommandResult> MoveColumnAsync(CiteAccess access, Guid boardId, Guid columnId, int index, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) => b.MoveColumn(columnId, index, a), cancellationToken);

    public Task<CommandResult> RemoveColumnAsync(CiteAccess access, Guid boardId, Guid columnId, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, now) => b.RemoveColumn(columnId, a, now), cancellationToken);

    public Task<CommandResult> RestoreColumnAsync(CiteAccess access, Guid boardId, Guid columnId, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) => b.RestoreColumn(columnId, a), cancellationToken);

    public Task<CommandResult> SetLockedAsync(CiteAccess access, Guid boardId, bool locked, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) =>
        {
            if (locked)
            {
                b.Lock(a);
            }
            else
            {
                b.Unlock(a);
            }
        }, cancellationToken);

    public Task<CommandResult> SetVoteAllowanceAsync(CiteAccess access, Guid boardId, int votesPerPerson, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) => b.SetVoteAllowance(votesPerPerson, a), cancellationToken);

    public Task<CommandResult> SetVotesRevealedAsync(CiteAccess access, Guid boardId, bool revealed, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) =>
        {
            if (revealed)
            {
                b.RevealVotes(a);
            }
            else
            {
                b.HideVotes(a);
            }
        }, cancellationToken);

    public Task<CommandResult> StartTimerAsync(CiteAccess access, Guid boardId, TimeSpan duration, bool freezesWhenOver, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, now) => b.StartTimer(duration, freezesWhenOver, a, now), cancellationToken);

    public Task<CommandResult> PauseTimerAsync(CiteAccess access, Guid boardId, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, now) => b.PauseTimer(a, now), cancellationToken);

    public Task<CommandResult> ResumeTimerAsync(CiteAccess access, Guid boardId, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, now) => b.ResumeTimer(a, now), cancellationToken);

    public Task<CommandResult> AddTimeAsync(CiteAccess access, Guid boardId, TimeSpan added, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, now) => b.AddTime(added, a, now), cancellationToken);

    public Task<CommandResult> StopTimerAsync(CiteAccess access, Guid boardId, CancellationToken cancellationToken = default) =>
        FacilitateAsync(access, boardId, (b, a, _) => b.StopTimer(a), cancellationToken);

    // ---- plumbing ----

    /// <summary>The stable key of a person on boards: their account id (the operator has its own).</summary>
    public static string KeyOf(CiteAccess access) => access.UserId ?? OperatorKey;

    internal static BoardView View(BoardSnapshot stored, string myKey, bool canFacilitate, bool canContribute, DateTimeOffset now)
    {
        var (board, cards) = (stored.Board, stored.Cards);
        CardView view(Card c) => new(c.Id, c.ColumnId, c.Text, c.AuthorKey, c.AuthorName, c.Colour, c.FreinCode, c.PublicCode, c.Version,
            board.VotesAreRevealed ? c.Voters.Count : null, c.VotesOf(myKey), c.CreatedAt, c.EditedAt, c.EditedByName, c.PlanId, c.PlanActionId)
        {
            Rendered = stored.Texts.TryGetValue(c.Id, out var text) ? text : CardText.Of(c.Text),
        };
        ColumnView column(BoardColumn col) => new(col.Id, col.Title,
            [.. cards.Where(c => c.ColumnId == col.Id).OrderBy(c => c.Position).ThenBy(c => c.CreatedAt).Select(view)]);
        var open = board.OpenColumns.Select(column).ToList();
        var myVotes = open.SelectMany(c => c.Cards).Sum(c => c.MyVotes);
        return new BoardView(board.Id, board.Title, board.Description, board.Kind, board.Version,
            open, [.. board.Columns.Where(c => c.IsRemoved).Select(column)],
            board.IsLocked, board.VotesPerPerson, board.VotesAreRevealed, Math.Max(0, board.VotesPerPerson - myVotes),
            board.TimerAt(now), board.IsFrozenAt(now), canFacilitate, canContribute, myKey);
    }

    // One body for members and guests: a new card goes after the column's last one.
    private static async Task<string?> AddAtEndAsync(AppDbContext db, Board board, Guid columnId, CardContent content, Guid? clientKey, BoardActor actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (clientKey is { } key)
        {
            // a retry of an add already stored (its answer was lost): the same card, nothing added
            var sent = await db.Cards.Where(c => c.BoardId == board.Id && c.ClientKey == key)
                .Select(c => new { c.Id, c.AuthorKey })
                .SingleOrDefaultAsync(cancellationToken);
            if (sent is not null)
            {
                return sent.AuthorKey == actor.Key
                    ? sent.Id.ToString()
                    : throw new DomainValidationException(ValidationErrors.Of(nameof(Card.ClientKey), "Cette clé d'ajout a déjà servi à quelqu'un d'autre sur ce tableau : créez une nouvelle clé pour chaque carte."));
            }
        }
        var onBoard = await CardsOnBoardAsync(db, board.Id, cancellationToken);
        // a guest's share counts every card they added, deleted ones too, so deleting does not make room for a flood
        var byAuthor = BoardGuest.IsGuestKey(actor.Key)
            ? await db.Cards.CountAsync(c => c.BoardId == board.Id && c.AuthorKey == actor.Key, cancellationToken)
            : 0;
        board.EnsureRoomForCard(onBoard, byAuthor, actor);
        var last = await db.Cards.Where(c => c.BoardId == board.Id && c.ColumnId == columnId && c.DeletedAt == null)
            .MaxAsync(c => (double?)c.Position, cancellationToken);
        var card = Card.Add(board, columnId, content, Card.PositionBetween(last, null) ?? (last!.Value + 1), actor, now, clientKey);
        db.Cards.Add(card);
        return card.Id.ToString();
    }

    /// <summary>The board's cards that are not deleted: what <see cref="Board.MaxCards"/> counts.</summary>
    private static Task<int> CardsOnBoardAsync(AppDbContext db, Guid boardId, CancellationToken cancellationToken) =>
        db.Cards.CountAsync(c => c.BoardId == boardId && c.DeletedAt == null, cancellationToken);

    // One body for members and guests: the allowance counts the voter's votes on every card of the board.
    private static async Task VoteWithinAllowanceAsync(AppDbContext db, Board board, Card card, BoardActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var voters = await db.Cards.Where(c => c.BoardId == board.Id && c.DeletedAt == null).Select(c => c.Voters).ToListAsync(cancellationToken);
        card.Vote(board, actor, voters.Sum(v => v.Count(k => k == actor.Key)), now);
    }

    private static double? Between(List<Card> ordered, int index) =>
        Card.PositionBetween(index > 0 ? ordered[index - 1].Position : null, index < ordered.Count ? ordered[index].Position : null);

    private Task<CommandResult> FacilitateAsync(CiteAccess access, Guid boardId, Action<Board, BoardActor, DateTimeOffset> change, CancellationToken cancellationToken) =>
        CanFacilitate(access)
            ? OnBoardAsync(access, boardId, CitePermission.Read, (_, board, actor, now) =>
            {
                change(board, actor, now);
                return Task.FromResult<string?>(null);
            }, cancellationToken)
            : Task.FromResult(CommandResult.Forbidden());

    // A deleted card is loaded too: each domain method refuses it, naming who deleted it (Restore accepts it).
    private Task<CommandResult> OnCardAsync(CiteAccess access, Guid boardId, Guid cardId, Func<AppDbContext, Board, Card, BoardActor, DateTimeOffset, Task> change,
        CancellationToken cancellationToken) =>
        OnBoardAsync(access, boardId, CitePermission.Contribute, async (db, board, actor, now) =>
        {
            var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId && c.BoardId == boardId, cancellationToken);
            if (card is null)
            {
                throw new CommandTargetMissingException();
            }
            await change(db, board, card, actor, now);
            return null;
        }, cancellationToken);

    /// <summary>Runs one command on one board in a write transaction; the result's value is what the command returns.</summary>
    private async Task<CommandResult> OnBoardAsync(CiteAccess access, Guid boardId, CitePermission permission,
        Func<AppDbContext, Board, BoardActor, DateTimeOffset, Task<string?>> change, CancellationToken cancellationToken)
    {
        if (!access.Can(permission))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return await OnBoardAsync(db, boardId, async () => await ActorAsync(db, access, cancellationToken), change, cancellationToken);
    }

    private Task<CommandResult> OnBoardAsync(AppDbContext db, Guid boardId, Func<Task<BoardActor?>> actorOf,
        Func<AppDbContext, Board, BoardActor, DateTimeOffset, Task<string?>> change, CancellationToken cancellationToken) =>
        CommandPipeline.RunAsync(
            db,
            load: () => db.Boards.SingleOrDefaultAsync(b => b.Id == boardId, cancellationToken),
            authorise: _ => actorOf(),
            refusal: GuestSessionEnded,
            act: (board, actor) => change(db, board, actor, time.GetUtcNow()),
            save: (board, actor) => SaveWithActivityAsync(db, board, actor, cancellationToken),
            cancellationToken);

    // The log lines are written by the same SaveChanges as the change: both are stored, or neither.
    private async Task SaveWithActivityAsync(AppDbContext db, Board board, BoardActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var events = db.ChangeTracker.Entries<AggregateRoot>().SelectMany(e => e.Entity.DomainEvents).OfType<IBoardEvent>().ToList();
        foreach (var e in events)
        {
            if (BoardActivity.For(e, actor, now, id => board.Columns.FirstOrDefault(c => c.Id == id)?.Title) is { } line)
            {
                db.BoardActivities.Add(line);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    internal static async Task<BoardActor> ActorAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        return new BoardActor(KeyOf(access), await ActorNames.OfAsync(db, access, cancellationToken), CanFacilitate(access));
    }
}
