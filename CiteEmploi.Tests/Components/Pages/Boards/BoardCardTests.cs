// The test drives Blazor's own Renderer (RenderTree types), the only way to count a component's renders without a browser.
#pragma warning disable BL0006
using System.Runtime.ExceptionServices;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Components.Pages.Boards;
using CiteEmploi.Web.Features.Boards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Components.Pages.Boards;

/// <summary>
/// Every change on a board renders each viewer's page again; a card renders again only when what it shows changed.
/// Driven by Blazor's own renderer, as the page's render would: the page passes each card its parameters again.
/// </summary>
public sealed class BoardCardTests
{
    private static readonly Guid CardId = Guid.NewGuid();
    private static readonly Guid ColumnId = Guid.NewGuid();
    private static readonly IReadOnlyList<ColumnTarget> Targets = [new(ColumnId, "Idées"), new(Guid.NewGuid(), "Besoins")];

    // a new copy each time, as each change of the board gives (equal by value, not the same instances)
    private static CardView Card(int? votes = null) =>
        new(CardId, ColumnId, "**Permis** de conduire", "k", "Samia", CardColour.Jaune, null, null, 1, votes, 0, DateTimeOffset.UnixEpoch, null, null)
        {
            Rendered = CardText.Of("**Permis** de conduire"),
        };

    private static ParameterView Parameters(CardView card, string? editor = null) => ParameterView.FromDictionary(new Dictionary<string, object?>
    {
        [nameof(BoardCard.Card)] = card,
        [nameof(BoardCard.Host)] = new Host(),
        [nameof(BoardCard.MayChange)] = true,
        [nameof(BoardCard.CanVote)] = true,
        [nameof(BoardCard.ShowTags)] = true,
        [nameof(BoardCard.EditorName)] = editor,
        [nameof(BoardCard.IsFirst)] = true,
        [nameof(BoardCard.IsLast)] = true,
        [nameof(BoardCard.MoveTargets)] = Targets,
    });

    [Fact]
    public async Task TheSameCardFromTheNextChange_IsNotRenderedAgain_AChangedOneIs()
    {
        using var renderer = new CountingRenderer();
        var id = renderer.Attach(new BoardCard());

        await renderer.SetAsync(id, Parameters(Card()));
        Assert.Equal(1, renderer.RendersOf(id));
        Assert.Contains("<strong>Permis</strong> de conduire", renderer.TextOf(id), StringComparison.Ordinal);
        Assert.Contains("« Besoins »", renderer.TextOf(id), StringComparison.Ordinal); // « Déplacer vers… » leaves out its own column
        Assert.DoesNotContain("« Idées »", renderer.TextOf(id), StringComparison.Ordinal);

        await renderer.SetAsync(id, Parameters(Card()));
        await renderer.SetAsync(id, Parameters(Card()));
        Assert.Equal(1, renderer.RendersOf(id));

        await renderer.SetAsync(id, Parameters(Card(votes: 2)));
        Assert.Equal(2, renderer.RendersOf(id));
        Assert.Contains("2 votes", renderer.TextOf(id), StringComparison.Ordinal);

        await renderer.SetAsync(id, Parameters(Card(votes: 2), editor: "Karim"));
        Assert.Equal(3, renderer.RendersOf(id));
        Assert.Contains("Karim modifie cette carte", renderer.TextOf(id), StringComparison.Ordinal);
    }

    private sealed class Host : IBoardCardHost
    {
        public Task HandleEventAsync(EventCallbackWorkItem item, object? arg) => item.InvokeAsync(arg);

        public Task VoteAsync(CardView card) => Task.CompletedTask;

        public Task WithdrawVoteAsync(CardView card) => Task.CompletedTask;

        public void StartEdit(CardView card)
        {
        }

        public Task DeleteAsync(CardView card) => Task.CompletedTask;

        public Task MoveByAsync(CardView card, int delta) => Task.CompletedTask;

        public Task MoveToAsync(CardView card, Guid columnId) => Task.CompletedTask;

        public Task SaveEditAsync() => Task.CompletedTask;

        public Task KeepMineAsync() => Task.CompletedTask;

        public void KeepTheirs()
        {
        }

        public void CancelEdit()
        {
        }
    }

    /// <summary>Blazor's renderer, counting how many times each component rendered (one diff per render in a batch).</summary>
    private sealed class CountingRenderer() : Renderer(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance)
    {
        private readonly Dictionary<int, int> _renders = [];

        public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

        public int Attach(IComponent component) => AssignRootComponentId(component);

        public Task SetAsync(int componentId, ParameterView parameters) => Dispatcher.InvokeAsync(() => RenderRootComponentAsync(componentId, parameters));

        public int RendersOf(int componentId) => _renders.GetValueOrDefault(componentId);

        /// <summary>The text and markup the component shows now.</summary>
        public string TextOf(int componentId)
        {
            var frames = GetCurrentRenderTreeFrames(componentId);
            return string.Concat(frames.Array.Take(frames.Count)
                .Where(f => f.FrameType is RenderTreeFrameType.Text or RenderTreeFrameType.Markup)
                .Select(f => f.FrameType == RenderTreeFrameType.Text ? f.TextContent : f.MarkupContent));
        }

        protected override void HandleException(Exception exception) => ExceptionDispatchInfo.Capture(exception).Throw();

        protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
        {
            for (var i = 0; i < renderBatch.UpdatedComponents.Count; i++)
            {
                var componentId = renderBatch.UpdatedComponents.Array[i].ComponentId;
                _renders[componentId] = RendersOf(componentId) + 1;
            }
            return Task.CompletedTask;
        }
    }
}
