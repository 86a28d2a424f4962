using Bunit;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Components.Pages.Boards;
using CiteEmploi.Web.Features.Boards;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Tests.Components.Pages.Boards;

/// <summary>
/// A card of a board: what it offers this viewer (votes, changes, « Déplacer vers… »), and — since every change on a board
/// renders each viewer's page again — that it renders again only when what it shows changed.
/// </summary>
public sealed class BoardCardTests : MudTestContext
{
    public BoardCardTests() => AsInteractiveServer();

    private static readonly Guid CardId = Guid.NewGuid();
    private static readonly Guid ColumnId = Guid.NewGuid();
    private static readonly IReadOnlyList<ColumnTarget> Targets = [new(ColumnId, "Idées"), new(Guid.NewGuid(), "Besoins")];

    // a new copy each time, as each change of the board gives (equal by value, not the same instances)
    private static CardView Card(int? votes = null, int myVotes = 0) =>
        new(CardId, ColumnId, "**Permis** de conduire", "k", "Samia", CardColour.Jaune, null, null, 1, votes, myVotes, DateTimeOffset.UnixEpoch, null, null)
        {
            Rendered = CardText.Of("**Permis** de conduire"),
        };

    private static void Parameters(ComponentParameterCollectionBuilder<BoardCard> p, CardView card, IBoardCardHost host, string? editor = null,
        bool mayChange = true, bool canVote = true, bool voteDisabled = false, bool canMakeAction = false, string? actionHref = null) => p
        .Add(c => c.Card, card)
        .Add(c => c.Host, host)
        .Add(c => c.MayChange, mayChange)
        .Add(c => c.CanVote, canVote)
        .Add(c => c.VoteDisabled, voteDisabled)
        .Add(c => c.ShowTags, true)
        .Add(c => c.EditorName, editor)
        .Add(c => c.IsFirst, true)
        .Add(c => c.IsLast, true)
        .Add(c => c.MoveTargets, Targets)
        .Add(c => c.CanMakeAction, canMakeAction)
        .Add(c => c.ActionHref, actionHref);

    [Fact]
    public void TheSameCardFromTheNextChange_IsNotRenderedAgain_AChangedOneIs()
    {
        var host = new Host();
        var cut = Render<BoardCard>(p => Parameters(p, Card(), host));
        Assert.Equal("Permis", cut.Find(".card-text strong").TextContent);
        var moves = cut.FindAll(".move-menu button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(["« Besoins »"], moves); // « Déplacer vers… » leaves out its own column
        // (bUnit counts the renders of the card's whole subtree: MudBlazor's buttons may add their own after a change)
        var first = cut.RenderCount;

        cut.Render(p => Parameters(p, Card(), host));
        cut.Render(p => Parameters(p, Card(), host));
        Assert.Equal(first, cut.RenderCount);

        cut.Render(p => Parameters(p, Card(votes: 2), host));
        var afterVotes = cut.RenderCount;
        Assert.True(afterVotes > first);
        Assert.Contains("2 votes", cut.Find(".vote-count").TextContent, StringComparison.Ordinal);
        cut.Render(p => Parameters(p, Card(votes: 2), host));
        Assert.Equal(afterVotes, cut.RenderCount);

        cut.Render(p => Parameters(p, Card(votes: 2), host, editor: "Karim"));
        Assert.True(cut.RenderCount > afterVotes);
        Assert.Contains("Karim modifie cette carte", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void VoteButtons_PlusOneNamesTheCard_IsDisabledWithoutVotesLeft_AndMinusOneOnlyWithAVoteOfMine()
    {
        var host = new Host();
        var cut = Render<BoardCard>(p => Parameters(p, Card(), host));
        var plus = cut.Find("button[aria-label='+1 : voter pour « Permis de conduire »']");
        Assert.False(plus.HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("button[aria-label^='−1']"));

        plus.Click();
        Assert.Equal(["vote"], host.Calls);

        cut.Render(p => Parameters(p, Card(myVotes: 1), host, voteDisabled: true));
        Assert.True(cut.Find("button[aria-label^='+1']").HasAttribute("disabled"));
        Assert.Contains("(dont 1 de vous)", cut.Find(".vote-count").TextContent, StringComparison.Ordinal);
        cut.Find("button[aria-label='−1 : retirer un vote de « Permis de conduire »']").Click();
        Assert.Equal(["vote", "withdraw"], host.Calls);
    }

    [Fact]
    public void ACardTheViewerMayNotChange_OffersNoChange_AndIsNotDraggable_AndAGuestWithoutVotesSeesNoVoteButton()
    {
        var cut = Render<BoardCard>(p => Parameters(p, Card(), new Host(), mayChange: false, canVote: false));
        Assert.Equal("false", cut.Find("li[data-card]").GetAttribute("draggable"));
        Assert.Empty(cut.FindAll(".move-menu"));
        Assert.Empty(cut.FindAll("button"));

        var changeable = Render<BoardCard>(p => Parameters(p, Card(), new Host()));
        Assert.Equal("true", changeable.Find("li[data-card]").GetAttribute("draggable"));
        Assert.NotNull(changeable.Find("button[aria-label='Modifier « Permis de conduire »']"));
        Assert.NotNull(changeable.Find("button[aria-label='Supprimer « Permis de conduire »']"));
    }

    [Fact]
    public void EnFaireUneAction_IsOfferedOnlyWhenAllowed_AndACardThatBecameAnAction_LinksToIt_AndIsNotOfferedAgain()
    {
        var host = new Host();
        var plain = Render<BoardCard>(p => Parameters(p, Card(), host));
        Assert.Empty(plain.FindAll("button[aria-label^='En faire une action']"));

        var cut = Render<BoardCard>(p => Parameters(p, Card(), host, canMakeAction: true));
        cut.Find("button[aria-label='En faire une action : « Permis de conduire »']").Click();
        Assert.Equal(["action"], host.Calls);
        Assert.Empty(cut.FindAll(".card-action-link"));

        var planId = Guid.NewGuid();
        var actionId = Guid.NewGuid();
        var href = $"/c/x/feuille-de-route/{planId}/actions/{actionId}";
        cut.Render(p => Parameters(p, Card() with { PlanId = planId, PlanActionId = actionId }, host, canMakeAction: true, actionHref: href));
        Assert.Equal(href, cut.Find("a.card-action-link").GetAttribute("href"));
        Assert.Empty(cut.FindAll("button[aria-label^='En faire une action']"));

        // a guest sees that it became an action, without a link it could not follow
        var guest = Render<BoardCard>(p => Parameters(p, Card() with { PlanId = planId, PlanActionId = actionId }, host, mayChange: false));
        Assert.Empty(guest.FindAll("a.card-action-link"));
        Assert.Contains("Devenue une action", guest.Find(".card-action-link").TextContent, StringComparison.Ordinal);
    }

    private sealed class Host : IBoardCardHost
    {
        public List<string> Calls { get; } = [];

        public Task HandleEventAsync(EventCallbackWorkItem item, object? arg) => item.InvokeAsync(arg);

        public Task VoteAsync(CardView card)
        {
            Calls.Add("vote");
            return Task.CompletedTask;
        }

        public Task WithdrawVoteAsync(CardView card)
        {
            Calls.Add("withdraw");
            return Task.CompletedTask;
        }

        public void StartEdit(CardView card) => Calls.Add("edit");

        public Task DeleteAsync(CardView card) => Task.CompletedTask;

        public Task MoveByAsync(CardView card, int delta) => Task.CompletedTask;

        public Task MoveToAsync(CardView card, Guid columnId) => Task.CompletedTask;

        public Task SaveEditAsync() => Task.CompletedTask;

        public Task MakeActionAsync(CardView card)
        {
            Calls.Add("action");
            return Task.CompletedTask;
        }

        public Task KeepMineAsync() => Task.CompletedTask;

        public void KeepTheirs()
        {
        }

        public void CancelEdit()
        {
        }
    }
}
