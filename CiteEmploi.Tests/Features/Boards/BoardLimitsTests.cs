using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Boards;

/// <summary>
/// Issue 15's weak points on a real SQLite file built by the migrations: a board and a guest have a card cap, and an
/// add sent again with the same client key (a retry after a lost acknowledgement) returns the first card.
/// </summary>
public sealed class BoardLimitsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private BoardService _boards = null!;
    private BoardGuestService _guests = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _otherPartner = null!;

    public async Task InitializeAsync()
    {
        var factory = new TestDbContextFactory(database, _bus);
        var citeDb = new CiteDbContextFactory(factory);
        _boards = new BoardService(citeDb, TimeProvider.System, new BoardSnapshots(TimeProvider.System, _bus));
        _guests = new BoardGuestService(factory, citeDb, TimeProvider.System);
        var (a, _) = await database.SeedTwoCitesAsync(("l-coord", "Camille"), ("l-part", "Samia"), ("l-part2", "Jules"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "l-coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "l-part", CiteRole.Partenaire);
        _otherPartner = new CiteAccess(a.Id, a.Slug, "l-part2", CiteRole.Partenaire);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<BoardView> NewBoardAsync()
    {
        var created = await _boards.CreateAsync(_coordinator, BoardKind.Atelier, "Atelier mobilité", null, ["Idées", "Freins"]);
        Assert.True(created.Succeeded, created.Describe());
        return (await _boards.GetAsync(_coordinator, Guid.Parse(created.Value!)))!;
    }

    private async Task<BoardGuestAccess> GuestOfAsync(BoardView board, string name)
    {
        var opened = await _guests.OpenAsync(_coordinator, board.Id, BoardGuestCode.DefaultDuration);
        Assert.True(opened.Succeeded, opened.Describe());
        var joined = await _guests.JoinAsync(opened.Value, name);
        Assert.True(joined.Result.Succeeded, joined.Result.Describe());
        return (await _guests.ResolveAsync(joined.Secret))!;
    }

    private async Task<int> StoredCardsAsync(Guid boardId)
    {
        await using var db = database.NewContext();
        return await db.Cards.IgnoreQueryFilters().CountAsync(c => c.BoardId == boardId);
    }

    /// <summary>Fills the board straight in the database (as many cards as a long-lived diagnostic could hold).</summary>
    private async Task FillAsync(BoardView board, int count)
    {
        await using var db = database.NewContext();
        var stored = await db.Boards.IgnoreQueryFilters().SingleAsync(b => b.Id == board.Id);
        var author = new BoardActor("l-part", "Samia", IsFacilitator: false);
        for (var i = 0; i < count; i++)
        {
            db.Cards.Add(Card.Add(stored, board.Columns[i % 2].Id, new CardContent($"Carte {i}"), Card.SpacedPosition(i), author, DateTimeOffset.UtcNow));
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AddCard_OrRestore_OnAFullBoard_IsRefusedInFrench_AndChangesNothing_UntilACardIsDeleted()
    {
        var board = await NewBoardAsync();
        await FillAsync(board, Board.MaxCards - 1);
        var last = await _boards.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("La dernière qui rentre"));
        Assert.True(last.Succeeded, last.Describe());

        var refused = await _boards.AddCardAsync(_coordinator, board.Id, board.Columns[1].Id, new CardContent("Une de trop"));

        Assert.False(refused.Succeeded);
        Assert.Equal($"Ce tableau compte déjà {Board.MaxCards} cartes, le maximum : regroupez ou supprimez des cartes, ou poursuivez sur un autre tableau.",
            Assert.Single(refused.Errors.For("Cards")));
        Assert.Equal(Board.MaxCards, await StoredCardsAsync(board.Id));

        // a deleted card does not count: room again for one
        Assert.True((await _boards.DeleteCardAsync(_partner, board.Id, Guid.Parse(last.Value!))).Succeeded);
        Assert.True((await _boards.AddCardAsync(_coordinator, board.Id, board.Columns[1].Id, new CardContent("À la place"))).Succeeded);

        // …and bringing the deleted one back would pass the cap: refused the same way, the card stays deleted
        var restored = await _boards.RestoreCardAsync(_partner, board.Id, Guid.Parse(last.Value!));
        Assert.False(restored.Succeeded);
        Assert.StartsWith($"Ce tableau compte déjà {Board.MaxCards} cartes", Assert.Single(restored.Errors.For("Cards")), StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.NotNull((await db.Cards.IgnoreQueryFilters().SingleAsync(c => c.Id == Guid.Parse(last.Value!))).DeletedAt);
    }

    [Fact]
    public async Task AGuest_StopsAtTheirShare_WhileAnotherGuestAndMembersStillAdd()
    {
        var board = await NewBoardAsync();
        var nadia = await GuestOfAsync(board, "Nadia");
        for (var i = 0; i < Board.MaxCardsPerGuest; i++)
        {
            var added = await _boards.AddCardAsync(nadia, board.Columns[i % 2].Id, new CardContent($"Idée {i}"));
            Assert.True(added.Succeeded, added.Describe());
        }

        var refused = await _boards.AddCardAsync(nadia, board.Columns[0].Id, new CardContent("Encore une"));

        Assert.Equal($"Vous avez déjà ajouté {Board.MaxCardsPerGuest} cartes à ce tableau, le maximum pour un·e invité·e.",
            Assert.Single(refused.Errors.For("Cards")));
        Assert.Equal(Board.MaxCardsPerGuest, await StoredCardsAsync(board.Id));
        var leo = await _guests.ResolveAsync((await _guests.JoinAsync((await _guests.CurrentAsync(_coordinator, board.Id))!.Code, "Léo")).Secret);
        Assert.True((await _boards.AddCardAsync(leo!, board.Columns[0].Id, new CardContent("Première de Léo"))).Succeeded);
        Assert.True((await _boards.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("Un membre n'a pas de quota"))).Succeeded);
    }

    [Fact]
    public async Task AddCard_SentTwiceWithTheSameKey_StoresOneCard_AndAnswersTheSameId()
    {
        var board = await NewBoardAsync();
        var key = Guid.NewGuid();
        var topic = new BusRecorder();
        using var subscription = _bus.Subscribe(LiveTopics.Board(board.Id), topic.Handle);

        var first = await _boards.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("Permis à 1 €"), key);
        var retry = await _boards.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("Permis à 1 €"), key);

        Assert.True(first.Succeeded, first.Describe());
        Assert.True(retry.Succeeded, retry.Describe());
        Assert.Equal(first.Value, retry.Value);
        Assert.Equal(1, await StoredCardsAsync(board.Id));
        var stored = (await _boards.GetAsync(_coordinator, board.Id))!;
        Assert.Equal(Guid.Parse(first.Value!), Assert.Single(stored.Columns[0].Cards).Id);
        Assert.Single(await _boards.ActivityAsync(_coordinator, board.Id), a => a.Summary.Contains("Permis", StringComparison.Ordinal));
        await topic.WaitForCountAsync(1);
        Assert.Single(topic.All.OfType<CardAdded>());

        // another key is another card; without a key every add is a new card, as before
        Assert.NotEqual(first.Value, (await _boards.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("Permis à 1 €"), Guid.NewGuid())).Value);
        Assert.True((await _boards.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("Sans clé"))).Succeeded);
        Assert.True((await _boards.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("Sans clé"))).Succeeded);
        Assert.Equal(4, await StoredCardsAsync(board.Id));
    }

    [Fact]
    public async Task TheSameKey_FromAGuestRetrying_ReturnsTheirCard_ButFromSomeoneElse_IsRefused_AndOnAnotherBoard_IsANewCard()
    {
        var board = await NewBoardAsync();
        var other = await NewBoardAsync();
        var guest = await GuestOfAsync(board, "Nadia");
        var key = Guid.NewGuid();

        var first = await _boards.AddCardAsync(guest, board.Columns[1].Id, new CardContent("Pas de bus le dimanche"), key);
        var retry = await _boards.AddCardAsync(guest, board.Columns[1].Id, new CardContent("Pas de bus le dimanche"), key);
        var stolen = await _boards.AddCardAsync(_otherPartner, board.Id, board.Columns[0].Id, new CardContent("Même clé, autre auteur"), key);
        var elsewhere = await _boards.AddCardAsync(_partner, other.Id, other.Columns[0].Id, new CardContent("Même clé, autre tableau"), key);

        Assert.Equal(first.Value, retry.Value);
        Assert.False(stolen.Succeeded);
        Assert.Contains("clé", stolen.Describe(), StringComparison.Ordinal);
        Assert.True(elsewhere.Succeeded, elsewhere.Describe());
        Assert.NotEqual(first.Value, elsewhere.Value);
        Assert.Equal(1, await StoredCardsAsync(board.Id));
        Assert.Equal(1, await StoredCardsAsync(other.Id));
    }
}
