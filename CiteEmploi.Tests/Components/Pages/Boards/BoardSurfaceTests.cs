using Bunit;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Components.Pages.Boards;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Common;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Tests.Components.Pages.Boards;

/// <summary>
/// The board surface shared by members and guests: the lock notice participants see (and the facilitator does not), live
/// as the board is read again; the votes left; the add form that goes when the board is frozen; a refusal in French.
/// </summary>
public sealed class BoardSurfaceTests : MudTestContext
{
    public BoardSurfaceTests() => AsInteractiveServer();

    private static readonly Guid ColumnId = Guid.NewGuid();

    private static BoardView Board(bool locked = false, bool facilitator = false, bool frozen = false, int votesLeft = 3) =>
        new(Guid.NewGuid(), "Atelier mobilité", "", BoardKind.Atelier, 1,
            [new ColumnView(ColumnId, "Idées", [])], [], locked, 3, false, votesLeft, BoardTimer.Idle, frozen, facilitator, true, "moi");

    private (IRenderedComponent<BoardSurface> Cut, BoardSurfaceModel Model, Actions Actions) RenderSurface(BoardView view, bool guest = false,
        BoardCommandRate? rate = null)
    {
        var actions = new Actions { View = view };
        var page = new Page();
        var model = new BoardSurfaceModel(page, actions, JSInterop.JSRuntime, rate: rate);
        model.ReloadAsync().GetAwaiter().GetResult();
        var cut = Render<BoardSurface>(p => p.Add(s => s.Model, model).Add(s => s.CardsChangeable, !guest).Add(s => s.ShowTags, !guest));
        page.Rendered = () => cut.Render(p => p.Add(s => s.Model, model));
        return (cut, model, actions);
    }

    [Fact]
    public async Task AParticipant_IsToldWhenTheBoardIsLocked_AndWhatItMeans_LiveAsTheBoardChanges()
    {
        var (cut, model, actions) = RenderSurface(Board(), guest: true);
        Assert.Empty(cut.FindAll("[role=note]"));
        Assert.NotNull(cut.Find(".board-lock-notice[aria-live=polite]")); // in the page before the notice, so it is announced

        actions.View = Board(locked: true);
        await cut.InvokeAsync(model.ReloadAsync);
        cut.Render(p => p.Add(s => s.Model, model));
        var notice = cut.Find(".board-lock-notice [role=note]");
        Assert.Contains("Tableau verrouillé par l'animation.", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("ne peuvent plus être déplacées, modifiées ni supprimées", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("vous pouvez toujours ajouter des cartes et voter", notice.TextContent, StringComparison.Ordinal);

        actions.View = Board();
        await cut.InvokeAsync(model.ReloadAsync);
        cut.Render(p => p.Add(s => s.Model, model));
        Assert.Empty(cut.FindAll("[role=note]"));
    }

    [Fact]
    public void TheFacilitator_SeesNoLockNotice_TheirPageSaysItOnTheLockButton()
    {
        var (cut, _, _) = RenderSurface(Board(locked: true, facilitator: true));
        Assert.Empty(cut.FindAll("[role=note]"));
    }

    [Fact]
    public void VotesLeft_AndTheAddForm_WhichGoesWhenTheBoardIsFrozen()
    {
        var (open, _, _) = RenderSurface(Board(votesLeft: 2));
        Assert.Equal("2", open.Find("[data-testid=votes-left]").TextContent);
        Assert.Contains("Les votes restent secrets", open.Find(".board-votes").TextContent, StringComparison.Ordinal);
        Assert.Equal("Nouvelle carte dans « Idées »", open.Find("form.card-add label").TextContent.Trim());

        var (frozen, _, _) = RenderSurface(Board(frozen: true));
        Assert.Empty(frozen.FindAll("form.card-add"));
    }

    [Fact]
    public async Task ARefusedCard_IsExplainedInFrench_AsAnAlert()
    {
        var (cut, model, actions) = RenderSurface(Board());
        actions.Refusal = CommandResult.Invalid("Text", "Une carte a un texte.");
        await cut.InvokeAsync(() => model.AddCardAsync(ColumnId));
        cut.Render(p => p.Add(s => s.Model, model));
        Assert.Contains("Une carte a un texte.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADraftSentAgain_KeepsItsKey_SoItIsAddedOnce_AndTheNextCardGetsANewKey()
    {
        var (cut, model, actions) = RenderSurface(Board());
        actions.Refusal = CommandResult.Invalid("Text", "Connexion perdue.");
        model.SetDraft(ColumnId, "Pas de bus le dimanche");
        await cut.InvokeAsync(() => model.AddCardAsync(ColumnId));
        actions.Refusal = CommandResult.Ok(Guid.NewGuid().ToString());
        await cut.InvokeAsync(() => model.AddCardAsync(ColumnId));
        model.SetDraft(ColumnId, "Horaires de la crèche");
        await cut.InvokeAsync(() => model.AddCardAsync(ColumnId));

        Assert.Equal(3, actions.AddKeys.Count);
        Assert.Equal(actions.AddKeys[0], actions.AddKeys[1]);
        Assert.NotEqual(actions.AddKeys[1], actions.AddKeys[2]);
        Assert.DoesNotContain(Guid.Empty, actions.AddKeys);
    }

    [Fact]
    public async Task ADraftChangedAfterAFailedAdd_IsANewCard_WithANewKey()
    {
        var (cut, model, actions) = RenderSurface(Board());
        actions.Refusal = CommandResult.Invalid("Text", "Connexion perdue.");
        model.SetDraft(ColumnId, "Pas de bus");
        await cut.InvokeAsync(() => model.AddCardAsync(ColumnId));
        model.SetDraft(ColumnId, "Pas de bus le dimanche");
        await cut.InvokeAsync(() => model.AddCardAsync(ColumnId));

        Assert.NotEqual(actions.AddKeys[0], actions.AddKeys[1]);
    }

    [Fact]
    public async Task BeyondThePagesPace_ACommandIsNotSent_AndThePersonIsToldInFrench()
    {
        // a burst of 3, and no token back for the length of the test (the bucket refills once an hour)
        using var rate = new BoardCommandRate(new BoardCommandRateSettings { Burst = 3, PerSecond = 1.0 / 3600 });
        var (cut, model, actions) = RenderSurface(Board(), rate: rate);
        for (var i = 0; i < 3; i++)
        {
            model.SetDraft(ColumnId, $"Carte {i}");
            await cut.InvokeAsync(() => model.AddCardAsync(ColumnId));
        }
        Assert.Null(model.Error);

        model.SetDraft(ColumnId, "Une de trop");
        await cut.InvokeAsync(() => model.AddCardAsync(ColumnId));
        var vote = await cut.InvokeAsync(() => model.RunAsync(() => actions.VoteAsync(Guid.NewGuid())));

        Assert.Equal(3, actions.AddKeys.Count);
        Assert.Equal(0, actions.Votes);
        Assert.False(vote);
        cut.Render(p => p.Add(s => s.Model, model));
        Assert.Contains(BoardCommandRate.RefusedMessage, cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Une de trop", model.Draft(ColumnId)); // the text is kept for later
    }

    private sealed class Page : IHandleEvent
    {
        public Action? Rendered { get; set; }

        public async Task HandleEventAsync(EventCallbackWorkItem item, object? arg)
        {
            await item.InvokeAsync(arg);
            Rendered?.Invoke();
        }
    }

    private sealed class Actions : IBoardActions
    {
        public BoardView? View { get; set; }

        public CommandResult Refusal { get; set; } = CommandResult.Ok();

        public Task<BoardView?> LoadAsync() => Task.FromResult(View);

        public List<Guid> AddKeys { get; } = [];

        public int Votes { get; private set; }

        public Task<CommandResult> AddCardAsync(Guid columnId, CardContent content, Guid clientKey)
        {
            AddKeys.Add(clientKey);
            return Task.FromResult(Refusal);
        }

        public Task<CommandResult> VoteAsync(Guid cardId)
        {
            Votes++;
            return Task.FromResult(Refusal);
        }

        public Task<CommandResult> WithdrawVoteAsync(Guid cardId) => Task.FromResult(Refusal);

        public Task<CommandResult> MoveCardAsync(Guid cardId, Guid columnId, int index) => Task.FromResult(Refusal);

        public Task<CommandResult> DeleteCardAsync(Guid cardId) => Task.FromResult(Refusal);

        public Task<CommandResult> RestoreCardAsync(Guid cardId) => Task.FromResult(Refusal);

        public Task<CardEditResult> EditCardAsync(Guid cardId, CardContent yours, CardContent basis, int basisVersion) => Task.FromResult(new CardEditResult(Refusal));
    }
}
