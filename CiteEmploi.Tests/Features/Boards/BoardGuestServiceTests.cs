using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Boards;

/// <summary>Guest codes and guests on a real SQLite file built by the migrations: opening, joining, expiry, closing, forgeries, other boards.</summary>
public sealed class BoardGuestServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private BoardService _boards = null!;
    private BoardGuestService _guests = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _otherCite = null!;

    public async Task InitializeAsync()
    {
        var factory = new TestDbContextFactory(database, _bus);
        var citeDb = new CiteDbContextFactory(factory);
        _boards = new BoardService(citeDb, _time);
        _guests = new BoardGuestService(factory, citeDb, _time);
        var (a, b) = await database.SeedTwoCitesAsync(("g-coord", "Camille"), ("g-part", "Samia"), ("g-autre", "Yann"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "g-coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "g-part", CiteRole.Partenaire);
        _otherCite = new CiteAccess(b.Id, b.Slug, "g-autre", CiteRole.Coordinateur);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<BoardView> NewBoardAsync(CiteAccess? who = null)
    {
        var access = who ?? _coordinator;
        var created = await _boards.CreateAsync(access, BoardKind.Diagnostic, "Atelier mobilité", null, null);
        Assert.True(created.Succeeded, created.Describe());
        return (await _boards.GetAsync(access, Guid.Parse(created.Value!)))!;
    }

    private async Task<string> OpenAsync(BoardView board, CiteAccess? who = null, TimeSpan? duration = null)
    {
        var opened = await _guests.OpenAsync(who ?? _coordinator, board.Id, duration ?? BoardGuestCode.DefaultDuration);
        Assert.True(opened.Succeeded, opened.Describe());
        return opened.Value!;
    }

    private async Task<BoardGuestAccess> JoinAsync(string code, string name = "Nadia")
    {
        var joined = await _guests.JoinAsync(code.ToLowerInvariant(), name);
        Assert.True(joined.Result.Succeeded, joined.Result.Describe());
        return (await _guests.ResolveAsync(joined.Secret))!;
    }

    [Fact]
    public async Task Open_ShowsTheCodeToTheFacilitator_WithTheDefaultExpiry_AndIsRefusedToAPartner()
    {
        var board = await NewBoardAsync();

        Assert.True((await _guests.OpenAsync(_partner, board.Id, BoardGuestCode.DefaultDuration)).IsForbidden);
        var code = await OpenAsync(board);

        var current = (await _guests.CurrentAsync(_coordinator, board.Id))!;
        Assert.Equal(code, current.Code);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(4), current.ExpiresAt);
        Assert.Null(await _guests.CurrentAsync(_partner, board.Id));
        Assert.Contains((await _boards.ActivityAsync(_coordinator, board.Id)), a => a.Summary.Contains("ouvert le tableau aux invités", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpeningAgain_ClosesThePreviousCode()
    {
        var board = await NewBoardAsync();
        var first = await OpenAsync(board);
        var guest = await JoinAsync(first);

        var second = await OpenAsync(board);

        Assert.NotEqual(first, second);
        Assert.Equal(BoardGuest.CodeRefused, (await _guests.JoinAsync(first, "Léo")).Result.Errors.For(BoardGuest.CodeField).Single());
        Assert.Null(await _boards.GetAsync(guest));
    }

    [Fact]
    public async Task AGuest_AddsCardsAndVotes_OnTheirBoard_UnderTheirNameMarkedAsGuest()
    {
        var board = await NewBoardAsync();
        var guest = await JoinAsync(await OpenAsync(board), "  Nadia  ");

        var added = await _boards.AddCardAsync(guest, board.Columns[0].Id, new CardContent("Pas de bus le dimanche"));
        Assert.True(added.Succeeded, added.Describe());
        var voted = await _boards.VoteAsync(guest, Guid.Parse(added.Value!));
        Assert.True(voted.Succeeded, voted.Describe());

        var seen = (await _boards.GetAsync(guest))!;
        var card = Assert.Single(seen.Cards);
        Assert.Equal("Nadia", card.AuthorName);
        Assert.StartsWith(BoardGuest.KeyPrefix, card.AuthorKey);
        Assert.Equal(1, card.MyVotes);
        Assert.False(seen.CanFacilitate);
        Assert.Equal(board.VotesPerPerson - 1, seen.MyVotesLeft);
        Assert.Equal("Nadia", guest.Name);
    }

    [Fact]
    public async Task Expiry_CutsTheGuestOff_AndStopsJoining()
    {
        var board = await NewBoardAsync();
        var code = await OpenAsync(board, duration: TimeSpan.FromHours(1));
        var guest = await JoinAsync(code);

        _time.Advance(TimeSpan.FromHours(1));

        var refused = await _boards.AddCardAsync(guest, board.Columns[0].Id, new CardContent("Trop tard"));
        Assert.False(refused.Succeeded);
        Assert.Contains("La session invité est terminée", refused.Describe());
        Assert.Null(await _boards.GetAsync(guest));
        Assert.Null(await _guests.ResolveByIdAsync(guest.GuestId));
        Assert.Equal(BoardGuest.CodeRefused, (await _guests.JoinAsync(code, "Léo")).Result.Errors.For(BoardGuest.CodeField).Single());
        Assert.Null(await _guests.CurrentAsync(_coordinator, board.Id));
        Assert.Empty((await _boards.GetAsync(_coordinator, board.Id))!.Cards);
    }

    [Fact]
    public async Task Closing_CutsTheGuestOff_AtOnce_AndTellsTheBoard()
    {
        var board = await NewBoardAsync();
        var guest = await JoinAsync(await OpenAsync(board));
        var card = await _boards.AddCardAsync(guest, board.Columns[0].Id, new CardContent("Avant la fermeture"));
        var heard = new BusRecorder();
        using var subscription = _bus.Subscribe(LiveTopics.Board(board.Id), heard.Handle);

        Assert.True((await _guests.CloseAsync(_partner, board.Id)).IsForbidden);
        Assert.True((await _guests.CloseAsync(_coordinator, board.Id)).Succeeded);

        // the bus delivers after the commit, on its own thread
        await heard.WaitForCountAsync(1);
        Assert.Contains(heard.All, m => m is GuestAccessClosed);
        Assert.False((await _boards.VoteAsync(guest, Guid.Parse(card.Value!))).Succeeded);
        Assert.Null(await _boards.GetAsync(guest));
        var stored = Assert.Single((await _boards.GetAsync(_coordinator, board.Id))!.Cards);
        Assert.Equal(0, stored.MyVotes + (stored.Votes ?? 0));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pas-un-secret")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AForgedCookie_NamesNobody(string? secret) => Assert.Null(await _guests.ResolveAsync(secret));

    [Fact]
    public async Task AStolenHash_IsNotASecret()
    {
        var board = await NewBoardAsync();
        var joined = await _guests.JoinAsync(await OpenAsync(board), "Nadia");

        Assert.NotNull(await _guests.ResolveAsync(joined.Secret));
        Assert.Null(await _guests.ResolveAsync(BoardGuestService.Hash(joined.Secret!)));
    }

    [Theory]
    [InlineData("", "Nadia", BoardGuest.CodeField, "Indiquez le code")]
    [InlineData("K7P", "Nadia", BoardGuest.CodeField, "6 caractères")]
    [InlineData("ZZZZZZ", "Nadia", BoardGuest.CodeField, "inconnu, expiré ou fermé")]
    [InlineData("ZZZZZZ", "", BoardGuest.NameField, "Indiquez le nom")]
    [InlineData("ZZZZZZ", "Un nom beaucoup trop long pour tenir sur un écran", BoardGuest.NameField, "au plus 40 caractères")]
    public async Task Join_RefusesWithAFrenchMessageBesideTheField_AndStoresNothing(string code, string name, string field, string message)
    {
        var before = await CountGuestsAsync();

        var joined = await _guests.JoinAsync(code, name);

        Assert.False(joined.Result.Succeeded);
        Assert.Null(joined.Secret);
        Assert.Contains(joined.Result.Errors.For(field), m => m.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await CountGuestsAsync());
    }

    [Fact]
    public async Task AGuest_CannotReachAnotherBoard_NorAnotherCite()
    {
        var board = await NewBoardAsync();
        var otherBoard = await NewBoardAsync();
        var otherCiteBoard = await NewBoardAsync(_otherCite);
        var otherCiteCard = await _boards.AddCardAsync(_otherCite, otherCiteBoard.Id, otherCiteBoard.Columns[0].Id, new CardContent("Carte de B"));
        var otherCard = await _boards.AddCardAsync(_partner, otherBoard.Id, otherBoard.Columns[0].Id, new CardContent("Autre tableau"));
        var guest = await JoinAsync(await OpenAsync(board));

        // the guest's commands take no board id: a column or card of another board is simply not found on theirs
        Assert.False((await _boards.AddCardAsync(guest, otherBoard.Columns[0].Id, new CardContent("Ailleurs"))).Succeeded);
        Assert.True((await _boards.VoteAsync(guest, Guid.Parse(otherCard.Value!))).NotFound);
        Assert.True((await _boards.VoteAsync(guest, Guid.Parse(otherCiteCard.Value!))).NotFound);
        Assert.Equal(board.Id, (await _boards.GetAsync(guest))!.Id);
        Assert.DoesNotContain((await _boards.GetAsync(_coordinator, otherBoard.Id))!.Cards, c => c.Text == "Ailleurs");
        Assert.Equal(0, (await _boards.GetAsync(_otherCite, otherCiteBoard.Id))!.Cards.Single().MyVotes);

        // a code of Cité B's board opens that board only, in Cité B
        var guestOfB = await JoinAsync(await OpenAsync(otherCiteBoard, _otherCite));
        Assert.Equal(otherCiteBoard.Id, guestOfB.BoardId);
        Assert.Equal(_otherCite.CiteId, guestOfB.CiteId);
        Assert.True((await _boards.VoteAsync(guestOfB, Guid.Parse(otherCard.Value!))).NotFound);
    }

    private async Task<int> CountGuestsAsync()
    {
        await using var db = database.NewContext();
        return await db.BoardGuests.IgnoreQueryFilters().CountAsync();
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
