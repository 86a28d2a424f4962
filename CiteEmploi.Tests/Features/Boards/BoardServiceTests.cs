using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Boards;

/// <summary>The board service on a real SQLite file built by the migrations, with the live bus it publishes to.</summary>
public sealed class BoardServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private BoardService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _otherPartner = null!;
    private CiteAccess _observer = null!;
    private CiteAccess _outsider = null!;

    public async Task InitializeAsync()
    {
        // with the shared board copies, as in the app: every test below also checks that a read after a change sees it
        var snapshots = new BoardSnapshots(TimeProvider.System, _bus);
        _service = new BoardService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), TimeProvider.System, snapshots);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia"), ("part2", "Jules"), ("obs", "Léa"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _otherPartner = new CiteAccess(a.Id, a.Slug, "part2", CiteRole.Partenaire);
        _observer = new CiteAccess(a.Id, a.Slug, "obs", CiteRole.Observateur);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
    }

    public Task DisposeAsync()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
        return Task.CompletedTask;
    }

    private async Task<BoardView> NewBoardAsync(BoardKind kind = BoardKind.Diagnostic, params string[] columns)
    {
        var created = await _service.CreateAsync(_coordinator, kind, "Diagnostic 2026", "Le **diagnostic** partagé.", columns);
        Assert.True(created.Succeeded, created.Describe());
        return (await _service.GetAsync(_coordinator, Guid.Parse(created.Value!)))!;
    }

    private async Task<Guid> AddAsync(BoardView board, int column, string text, CiteAccess? who = null)
    {
        var result = await _service.AddCardAsync(who ?? _partner, board.Id, board.Columns[column].Id, new CardContent(text));
        Assert.True(result.Succeeded, result.Describe());
        return Guid.Parse(result.Value!);
    }

    private BusRecorder Listen(string topic)
    {
        var recorder = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(topic, recorder.Handle));
        return recorder;
    }

    private async Task<IReadOnlyList<string>> TextsAsync(Guid boardId, int column) =>
        [.. (await _service.GetAsync(_coordinator, boardId))!.Columns[column].Cards.Select(c => c.Text)];

    [Fact]
    public async Task Create_Diagnostic_IsListedWithItsFourColumns_AndOnlyAFacilitatorMayCreate()
    {
        var board = await NewBoardAsync();

        Assert.Equal(Board.DiagnosticColumns, board.Columns.Select(c => c.Title));
        Assert.Contains(await _service.ListAsync(_observer), s => s.Id == board.Id && s.Title == "Diagnostic 2026");
        Assert.True((await _service.CreateAsync(_partner, BoardKind.Atelier, "Atelier", null, ["A"])).IsForbidden);
        var invalid = await _service.CreateAsync(_coordinator, BoardKind.Atelier, "Atelier", null, []);
        Assert.Contains("au moins une colonne", invalid.Describe());
    }

    [Fact]
    public async Task AddCard_IsStoredThenBroadcastOnTheBoardTopic_AndLogged()
    {
        var board = await NewBoardAsync();
        var topic = Listen(LiveTopics.Board(board.Id));
        var list = Listen(LiveTopics.CiteBoards(_coordinator.CiteId));

        var id = await AddAsync(board, 0, "Peu de places en crèche");

        await topic.WaitForCountAsync(1);
        await list.WaitForCountAsync(1);
        var added = Assert.IsType<CardAdded>(Assert.Single(topic.All));
        Assert.Equal((id, "Samia"), (added.CardId, added.AuthorName));
        var stored = (await _service.GetAsync(_observer, board.Id))!;
        Assert.Equal("Peu de places en crèche", Assert.Single(stored.Columns[0].Cards).Text);
        var activity = await _service.ActivityAsync(_observer, board.Id);
        Assert.Equal(("Samia", "a ajouté la carte « Peu de places en crèche » dans « Constats »."), (activity[0].ActorName, activity[0].Summary));
        Assert.Equal("a créé le tableau « Diagnostic 2026 ».", activity[^1].Summary);
    }

    [Fact]
    public async Task BadInput_IsRefusedInFrench_AndChangesNothing()
    {
        var board = await NewBoardAsync();
        var card = await AddAsync(board, 0, "Constat");
        Assert.Equal("Une carte vide n'apporte rien : écrivez quelques mots.",
            (await _service.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("  "))).Errors.For("Text").Single());
        Assert.Contains("ne peut pas dépasser 500 caractères",
            (await _service.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent(new string('x', 501)))).Describe());
        Assert.True((await _service.AddCardAsync(_observer, board.Id, board.Columns[0].Id, new CardContent("x"))).IsForbidden);
        Assert.True((await _service.AddColumnAsync(_partner, board.Id, "Pirate")).IsForbidden);

        Assert.True((await _service.RemoveColumnAsync(_coordinator, board.Id, board.Columns[1].Id)).Succeeded);
        var move = await _service.MoveCardAsync(_partner, board.Id, card, board.Columns[1].Id, 0);
        Assert.Equal("La colonne « Besoins non couverts » a été supprimée : choisissez une autre colonne.", move.Errors.For("Columns").Single());

        var after = (await _service.GetAsync(_coordinator, board.Id))!;
        Assert.Equal(["Constat"], after.Columns[0].Cards.Select(c => c.Text));
        Assert.Equal(3, after.Columns.Count);
    }

    [Fact]
    public async Task MoveCard_ByIndex_ReordersWithinAndAcrossColumns_EvenAfterManyMovesIntoOneGap()
    {
        var board = await NewBoardAsync();
        var a = await AddAsync(board, 0, "A");
        var b = await AddAsync(board, 0, "B");
        var c = await AddAsync(board, 0, "C");

        Assert.True((await _service.MoveCardAsync(_partner, board.Id, c, board.Columns[0].Id, 0)).Succeeded);
        Assert.Equal(["C", "A", "B"], await TextsAsync(board.Id, 0));

        // 60 moves into the same gap exhaust a double's halvings: the column is renumbered on the way
        for (var i = 0; i < 60; i++)
        {
            var moving = i % 2 == 0 ? a : b;
            Assert.True((await _service.MoveCardAsync(_partner, board.Id, moving, board.Columns[0].Id, 1)).Succeeded);
        }
        Assert.Equal(["C", "B", "A"], await TextsAsync(board.Id, 0));

        Assert.True((await _service.MoveCardAsync(_otherPartner, board.Id, a, board.Columns[2].Id, 5)).Succeeded);
        Assert.Equal(["C", "B"], await TextsAsync(board.Id, 0));
        Assert.Equal(["A"], await TextsAsync(board.Id, 2));
        Assert.Contains((await _service.ActivityAsync(_partner, board.Id)), l => l.Summary == "a déplacé une carte de « Constats » vers « Ressources existantes »." && l.ActorName == "Jules");
    }

    [Fact]
    public async Task Votes_AreHiddenUntilRevealed_AndRefusedBeyondTheAllowance_EvenWhenSentAllAtOnce()
    {
        var board = await NewBoardAsync();
        var card = await AddAsync(board, 0, "Mobilité");
        Assert.True((await _service.SetVoteAllowanceAsync(_coordinator, board.Id, 3)).Succeeded);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _service.VoteAsync(_partner, board.Id, card)));

        Assert.Equal(3, attempts.Count(r => r.Succeeded));
        Assert.All(attempts.Where(r => !r.Succeeded), r => Assert.Contains("vos 3 votes", r.Describe()));
        var mine = (await _service.GetAsync(_partner, board.Id))!;
        Assert.Equal((null, 3, 0), (mine.Card(card)!.Votes, mine.Card(card)!.MyVotes, mine.MyVotesLeft));
        Assert.Null((await _service.GetAsync(_otherPartner, board.Id))!.Card(card)!.Votes);

        Assert.True((await _service.SetVotesRevealedAsync(_coordinator, board.Id, true)).Succeeded);
        Assert.Equal(3, (await _service.GetAsync(_otherPartner, board.Id))!.Card(card)!.Votes);
        Assert.True((await _service.WithdrawVoteAsync(_partner, board.Id, card)).Succeeded);
        Assert.Equal(1, (await _service.GetAsync(_partner, board.Id))!.MyVotesLeft);
    }

    [Fact]
    public async Task Edit_FromTheSameBasis_ByTwoPeople_KeepsTheFirst_AndGivesTheSecondBothTexts()
    {
        var board = await NewBoardAsync();
        var id = await AddAsync(board, 0, "Texte initial");
        var seen = (await _service.GetAsync(_partner, board.Id))!.Card(id)!;

        var first = await _service.EditCardAsync(_otherPartner, board.Id, id, seen.Content with { Text = "Texte de Jules" }, seen.Content, seen.Version);
        var second = await _service.EditCardAsync(_partner, board.Id, id, seen.Content with { Text = "Texte de Samia" }, seen.Content, seen.Version);

        Assert.True(first.Result.Succeeded);
        Assert.True(second.Result.Conflict);
        Assert.Equal(("Texte de Jules", "Texte de Samia", "Jules"), (second.Conflict!.Theirs.Text, second.Conflict.Yours.Text, second.Conflict.TheirEditorName));
        Assert.Equal("Texte de Jules", (await _service.GetAsync(_partner, board.Id))!.Card(id)!.Text);

        // choosing knowingly: an edit from the version the conflict showed goes through
        var chosen = await _service.EditCardAsync(_partner, board.Id, id, second.Conflict.Yours, second.Conflict.Theirs, second.Conflict.CurrentVersion);
        Assert.True(chosen.Result.Succeeded, chosen.Result.Describe());
        Assert.Equal("Texte de Samia", (await _service.GetAsync(_partner, board.Id))!.Card(id)!.Text);
    }

    [Fact]
    public async Task Delete_ThenRestore_IsUndone_AndADeletedCardRefusesEditsAndVotes()
    {
        var board = await NewBoardAsync();
        var id = await AddAsync(board, 0, "À supprimer");
        var seen = (await _service.GetAsync(_partner, board.Id))!.Card(id)!;

        Assert.True((await _service.DeleteCardAsync(_otherPartner, board.Id, id)).Succeeded);
        Assert.Empty((await _service.GetAsync(_partner, board.Id))!.Cards);
        var edit = await _service.EditCardAsync(_partner, board.Id, id, seen.Content with { Text = "Trop tard" }, seen.Content, seen.Version);
        Assert.Equal("Impossible de modifier cette carte : Jules l'a supprimée entre-temps.", edit.Result.Errors.For("Card").Single());
        Assert.Contains("supprimée", (await _service.VoteAsync(_partner, board.Id, id)).Describe());

        Assert.True((await _service.RestoreCardAsync(_otherPartner, board.Id, id)).Succeeded);
        Assert.Equal("À supprimer", Assert.Single((await _service.GetAsync(_partner, board.Id))!.Cards).Text);
    }

    [Fact]
    public async Task LockedBoard_RefusesMovingOthersCards_ButNotOnesOwnOrTheFacilitators()
    {
        var board = await NewBoardAsync();
        var samias = await AddAsync(board, 0, "Carte de Samia");
        Assert.True((await _service.SetLockedAsync(_coordinator, board.Id, true)).Succeeded);

        Assert.Contains("verrouillé", (await _service.MoveCardAsync(_otherPartner, board.Id, samias, board.Columns[1].Id, 0)).Describe());
        Assert.True((await _service.MoveCardAsync(_partner, board.Id, samias, board.Columns[1].Id, 0)).Succeeded);
        Assert.True((await _service.MoveCardAsync(_coordinator, board.Id, samias, board.Columns[2].Id, 0)).Succeeded);
    }

    [Fact]
    public async Task AnotherCitesMember_CannotSeeOrTouchTheBoard_EvenWithItsIds()
    {
        var board = await NewBoardAsync();
        var id = await AddAsync(board, 0, "Confidentiel");
        var column = board.Columns[0].Id;

        Assert.Null(await _service.GetAsync(_outsider, board.Id));
        Assert.DoesNotContain(await _service.ListAsync(_outsider), s => s.Id == board.Id);
        Assert.Empty(await _service.ActivityAsync(_outsider, board.Id));
        Assert.True((await _service.AddCardAsync(_outsider, board.Id, column, new CardContent("Intrusion"))).NotFound);
        Assert.True((await _service.MoveCardAsync(_outsider, board.Id, id, column, 0)).NotFound);
        Assert.True((await _service.DeleteCardAsync(_outsider, board.Id, id)).NotFound);
        Assert.True((await _service.VoteAsync(_outsider, board.Id, id)).NotFound);
        Assert.True((await _service.SetLockedAsync(_outsider, board.Id, true)).NotFound);
        Assert.True((await _service.EditCardAsync(_outsider, board.Id, id, new CardContent("x"), new CardContent("Confidentiel"), 1)).Result.NotFound);

        var after = (await _service.GetAsync(_coordinator, board.Id))!;
        Assert.Equal(["Confidentiel"], after.Cards.Select(c => c.Text));
        Assert.False(after.IsLocked);
    }

    [Fact]
    public async Task Timer_ThatFreezes_RefusesPartnersCardsOnceOver()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var service = new BoardService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), time);
        var created = await service.CreateAsync(_coordinator, BoardKind.Atelier, "Atelier minuté", null, ["Idées"]);
        var boardId = Guid.Parse(created.Value!);
        var column = (await service.GetAsync(_coordinator, boardId))!.Columns[0].Id;
        Assert.True((await service.StartTimerAsync(_coordinator, boardId, TimeSpan.FromMinutes(2), freezesWhenOver: true)).Succeeded);
        Assert.True((await service.AddCardAsync(_partner, boardId, column, new CardContent("À temps"))).Succeeded);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.True((await service.GetAsync(_partner, boardId))!.IsFrozen);
        Assert.Contains("Le temps est écoulé", (await service.AddCardAsync(_partner, boardId, column, new CardContent("Trop tard"))).Describe());
        Assert.True((await service.AddCardAsync(_coordinator, boardId, column, new CardContent("Synthèse"))).Succeeded);
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
