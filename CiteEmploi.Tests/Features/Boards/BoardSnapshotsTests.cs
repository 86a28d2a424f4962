using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Boards;

/// <summary>The shared board copies: one read per change for all viewers, never a copy older than a committed change.</summary>
public sealed class BoardSnapshotsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private BoardSnapshots _snapshots = null!;
    private BoardService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _outsider = null!;

    public async Task InitializeAsync()
    {
        _snapshots = new BoardSnapshots(TimeProvider.System, _bus);
        _service = new BoardService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), TimeProvider.System, _snapshots);
        var (a, b) = await database.SeedTwoCitesAsync(("snap-coord", "snap-coord"), ("snap-part", "snap-part"), ("snap-dehors", "snap-dehors"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "snap-coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "snap-part", CiteRole.Partenaire);
        _outsider = new CiteAccess(b.Id, b.Slug, "snap-dehors", CiteRole.Coordinateur);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<BoardView> NewBoardAsync()
    {
        var created = await _service.CreateAsync(_coordinator, BoardKind.Atelier, "Atelier", null, ["Idées"]);
        Assert.True(created.Succeeded, created.Describe());
        return (await _service.GetAsync(_coordinator, Guid.Parse(created.Value!)))!;
    }

    [Fact]
    public async Task TwentyViewers_AfterOneChange_ReadTheBoardOnce_AndEachSeesTheirOwnVotes()
    {
        var board = await NewBoardAsync();
        var added = await _service.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent("Permis"));
        Assert.True((await _service.VoteAsync(_partner, board.Id, Guid.Parse(added.Value!))).Succeeded);
        var before = _snapshots.Loads;

        var views = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _service.GetAsync(i % 2 == 0 ? _partner : _coordinator, board.Id)));

        Assert.Equal(before + 1, _snapshots.Loads);
        Assert.All(views, v => Assert.Equal("Permis", Assert.Single(v!.Cards).Text));
        Assert.All(views.Where((_, i) => i % 2 == 0), v => Assert.Equal(1, v!.Cards.Single().MyVotes));
        Assert.All(views.Where((_, i) => i % 2 == 1), v => Assert.Equal(0, v!.Cards.Single().MyVotes));
        var activity = await _service.ActivityAsync(_coordinator, board.Id, 50);
        Assert.Equal(before + 1, _snapshots.Loads); // the page's activity panel comes from the same copy
        Assert.Contains(activity, a => a.Summary.StartsWith("a ajouté la carte « Permis »", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryCommittedChange_IsSeenByTheNextRead_WithoutAnyOtherSignal()
    {
        var board = await NewBoardAsync();
        for (var i = 0; i < 5; i++)
        {
            await _service.AddCardAsync(_partner, board.Id, board.Columns[0].Id, new CardContent($"Carte {i}"));
            var view = (await _service.GetAsync(_coordinator, board.Id))!;
            Assert.Equal(i + 1, view.Cards.Count());
        }
    }

    [Fact]
    public async Task AnotherCitesAccess_NeverGetsTheCopy()
    {
        var board = await NewBoardAsync();
        Assert.NotNull(await _service.GetAsync(_coordinator, board.Id)); // the copy exists for Cité A
        Assert.Null(await _service.GetAsync(_outsider, board.Id));
    }

    [Fact]
    public async Task AChangeCommittedWhileTheBoardIsBeingRead_MakesThatCopyStale()
    {
        var snapshots = new BoardSnapshots(TimeProvider.System);
        var citeId = Guid.NewGuid();
        var boardId = Guid.NewGuid();
        var old = new BoardSnapshot(Board.Create(citeId, BoardKind.Atelier, "Avant", null, ["Idées"], new BoardActor("k", "n", true), DateTimeOffset.UtcNow), [], []);
        var fresh = old with { Cards = [] };

        // the read started before the commit: it returns the old state, and the commit lands during it
        var first = await snapshots.GetAsync(citeId, boardId, _ =>
        {
            snapshots.Changed(boardId);
            return Task.FromResult<BoardSnapshot?>(old);
        }, CancellationToken.None);
        Assert.Same(old, first);

        var second = await snapshots.GetAsync(citeId, boardId, _ => Task.FromResult<BoardSnapshot?>(fresh), CancellationToken.None);
        Assert.Same(fresh, second);
        Assert.Equal(2, snapshots.Loads);

        var third = await snapshots.GetAsync(citeId, boardId, _ => throw new InvalidOperationException("should be the shared copy"), CancellationToken.None);
        Assert.Same(fresh, third);
    }

    [Fact]
    public async Task CardTexts_AreRenderedOnceForAllViewers_AndKeptForCardsWhoseTextDidNotChange()
    {
        var board = await NewBoardAsync();
        var column = board.Columns[0].Id;
        var first = Guid.Parse((await _service.AddCardAsync(_partner, board.Id, column, new CardContent("**Permis** de conduire"))).Value!);

        var partners = (await _service.GetAsync(_partner, board.Id))!.Card(first)!;
        var coordinators = (await _service.GetAsync(_coordinator, board.Id))!.Card(first)!;
        Assert.Same(partners.Rendered, coordinators.Rendered);
        Assert.Contains("<strong>Permis</strong> de conduire", partners.Rendered.Html, StringComparison.Ordinal);
        Assert.Equal("Permis de conduire", partners.Rendered.Excerpt);

        var second = Guid.Parse((await _service.AddCardAsync(_partner, board.Id, column, new CardContent(new string('a', 60)))).Value!);
        var afterAdd = (await _service.GetAsync(_partner, board.Id))!;
        Assert.Same(partners.Rendered, afterAdd.Card(first)!.Rendered); // the new copy did not render the unchanged card again
        Assert.Equal(partners, afterAdd.Card(first)); // so a page sees the same card and skips it
        Assert.Equal(new string('a', 39) + "…", afterAdd.Card(second)!.Rendered.Excerpt);

        var edited = await _service.EditCardAsync(_partner, board.Id, first, partners.Content with { Text = "_Bus_ le soir" }, partners.Content, partners.Version);
        Assert.True(edited.Result.Succeeded, edited.Result.Describe());
        var afterEdit = (await _service.GetAsync(_partner, board.Id))!.Card(first)!;
        Assert.Contains("<em>Bus</em> le soir", afterEdit.Rendered.Html, StringComparison.Ordinal);
        Assert.NotEqual(partners, afterEdit);
    }
}
