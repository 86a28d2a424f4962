using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Roadmap;

/// <summary>
/// « En faire une action »: a board card becomes an action of a feuille de route in one command, linked both ways, on a
/// real SQLite file with the live bus the board's viewers listen to.
/// </summary>
public sealed class CardToActionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private PlanService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _outsider = null!;
    private Guid _planId;
    private Guid _axisId;
    private Guid _boardId;
    private Guid _cardId;

    public async Task InitializeAsync()
    {
        _service = new PlanService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), TimeProvider.System, new PlanSnapshots(TimeProvider.System, _bus));
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        var created = await _service.CreateAsync(_coordinator, "Feuille de route 2026", 2026, 2026, 100_000m);
        _planId = Guid.Parse(created.Value!);
        _axisId = Guid.Parse((await _service.AddActionAsync(_coordinator, _planId, null, new PlanActionContent { Title = "Lever les freins" })).Value!);

        var actor = new BoardActor(BoardService.KeyOf(_coordinator), "Camille", IsFacilitator: true);
        var board = Board.Create(a.Id, BoardKind.Atelier, "Atelier mobilité", null, ["Idées"], actor, DateTimeOffset.UtcNow);
        var card = Card.Add(board, board.Columns[0].Id, new CardContent("## Auto-école sociale\nPermis à 1 € par jour pour les jeunes du QPV", FreinCode: "mobilite"),
            1, actor, DateTimeOffset.UtcNow);
        (_boardId, _cardId) = (board.Id, card.Id);
        await using var db = database.NewContext();
        db.Boards.Add(board);
        db.Cards.Add(card);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
        return Task.CompletedTask;
    }

    private async Task<Card> StoredCardAsync()
    {
        await using var db = database.NewContext();
        return await db.Cards.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == _cardId);
    }

    [Fact]
    public async Task ACard_BecomesAnAction_PreFilled_LinkedBothWays_AndTheBoardAndThePlanHearIt()
    {
        var board = new BusRecorder();
        var plan = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Board(_boardId), board.Handle));
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Plan(_planId), plan.Handle));

        var result = await _service.AddActionFromCardAsync(_coordinator, _planId, _axisId, _cardId);

        Assert.True(result.Succeeded, result.Describe());
        var actionId = Guid.Parse(result.Value!);
        var action = (await _service.GetAsync(_coordinator, _planId))!.Actions.Single(a => a.Id == actionId);
        Assert.Equal("Auto-école sociale", action.Title);
        Assert.Equal("1.1", action.Code);
        Assert.Contains("Permis à 1 € par jour", action.Content.Description, StringComparison.Ordinal);
        Assert.Equal(["mobilite"], action.Content.FreinCodes);
        Assert.Equal(new ActionOrigin(OriginKind.Carte, _cardId), action.Origin);
        var card = await StoredCardAsync();
        Assert.Equal((_planId, actionId), (card.PlanId!.Value, card.PlanActionId!.Value));

        var origin = await _service.OriginAsync(_coordinator, action.Origin);
        Assert.Equal(("Atelier mobilité", $"tableaux/{_boardId}"), (origin!.Title, origin.Path));

        await board.WaitForCountAsync(1);
        Assert.Contains(board.All, e => e is CardLinkedToAction linked && linked.ActionId == actionId);
        await plan.WaitForCountAsync(1);
        Assert.Contains(plan.All, e => e is PlanActionAdded added && added.ActionId == actionId);

        // the board's log says it, and a second « En faire une action » is refused: a workshop never doubles an action
        await using (var db = database.NewContext())
        {
            Assert.Contains(await db.BoardActivities.IgnoreQueryFilters().Where(x => x.BoardId == _boardId).Select(x => x.Summary).ToListAsync(),
                s => s.Contains("une action de la feuille de route", StringComparison.Ordinal));
        }
        var again = await _service.AddActionFromCardAsync(_coordinator, _planId, _axisId, _cardId);
        Assert.False(again.Succeeded);
        Assert.Contains("déjà devenue une action", again.Describe(), StringComparison.Ordinal);
        Assert.Single((await _service.GetAsync(_coordinator, _planId))!.Actions, a => a.Origin is not null);
    }

    [Fact]
    public async Task OnlyTheCoordination_MakesActionsOfCards_AndAnotherCiteNeitherReachesThePlanNorTheCard()
    {
        Assert.True((await _service.AddActionFromCardAsync(_partner, _planId, _axisId, _cardId)).IsForbidden);
        Assert.True((await _service.AddActionFromCardAsync(_outsider, _planId, _axisId, _cardId)).NotFound);
        Assert.Null(await _service.OriginAsync(_outsider, new ActionOrigin(OriginKind.Carte, _cardId)));

        // the outsider's own plan cannot take this Cité's card either
        var theirs = Guid.Parse((await _service.CreateAsync(_outsider, "Ailleurs", 2026, 2026, 0m)).Value!);
        Assert.True((await _service.AddActionFromCardAsync(_outsider, theirs, null, _cardId)).NotFound);
        Assert.Empty((await _service.GetAsync(_outsider, theirs))!.Actions);

        var card = await StoredCardAsync();
        Assert.Null(card.PlanActionId);
        Assert.Single((await _service.GetAsync(_coordinator, _planId))!.Actions);
    }
}
