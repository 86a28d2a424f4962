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

    private (IRenderedComponent<BoardSurface> Cut, BoardSurfaceModel Model, Actions Actions) RenderSurface(BoardView view, bool guest = false)
    {
        var actions = new Actions { View = view };
        var page = new Page();
        var model = new BoardSurfaceModel(page, actions, JSInterop.JSRuntime);
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

        public Task<CommandResult> AddCardAsync(Guid columnId, CardContent content) => Task.FromResult(Refusal);

        public Task<CommandResult> VoteAsync(Guid cardId) => Task.FromResult(Refusal);

        public Task<CommandResult> WithdrawVoteAsync(Guid cardId) => Task.FromResult(Refusal);

        public Task<CommandResult> MoveCardAsync(Guid cardId, Guid columnId, int index) => Task.FromResult(Refusal);

        public Task<CommandResult> DeleteCardAsync(Guid cardId) => Task.FromResult(Refusal);

        public Task<CommandResult> RestoreCardAsync(Guid cardId) => Task.FromResult(Refusal);

        public Task<CardEditResult> EditCardAsync(Guid cardId, CardContent yours, CardContent basis, int basisVersion) => Task.FromResult(new CardEditResult(Refusal));
    }
}
