using AngleSharp.Dom;
using Bunit;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Features.Roadmap;
using MudBlazor;
using static CiteEmploi.Tests.Components.Roadmap.RoadmapViews;

namespace CiteEmploi.Tests.Components.Roadmap;

/// <summary>The kanban by status: its columns, its cards, and a card moved by its menu or by a drop.</summary>
public sealed class PlanKanbanTests : MudTestContext
{
    private readonly List<(Guid Id, string Status)> _asked = [];

    private IRenderedComponent<PlanKanban> RenderKanban(PlanView view, bool accept = true) => Render<PlanKanban>(p => p
        .Add(k => k.View, view)
        .Add(k => k.ActionHref, id => $"/a/{id}")
        .Add(k => k.ChangeStatus, (id, status) =>
        {
            _asked.Add((id, status));
            return Task.FromResult(accept);
        }));

    private static string? ColumnOf(IRenderedComponent<PlanKanban> cut, Guid actionId) =>
        cut.Find($"[data-kanban-card='{actionId}']").Closest("[data-column]")?.GetAttribute("data-column");

    private static IElement MenuButton(IRenderedComponent<PlanKanban> cut, Guid actionId, string label) =>
        cut.Find($"[data-kanban-card='{actionId}']").QuerySelectorAll("details button").Single(b => b.TextContent.Trim() == label);

    [Fact]
    public void Columns_AreThePlansStatusesInOrder_CardsAreTheMatchingActionsWithoutSubActions()
    {
        var objectiveChild = Action("1.1.1", "Permanences en pied d'immeuble", "en-cours", 50, late: true, pilot: MissionLocale, due: new DateOnly(2026, 3, 31));
        var objective = Action("1.1", "Aller vers les invisibles", "en-cours", 50, children: [objectiveChild.Id]);
        var axis = Action("1", "Aller-vers", "en-cours", 50, children: [objective.Id], matches: false);
        var done = Action("2", "Forum de l'emploi", "realisee", 100, pilot: FranceTravail);
        var notMatching = Action("3", "Job dating", "a-lancer", matches: false);
        var cut = RenderKanban(Plan([axis, objective, objectiveChild, done, notMatching]));

        Assert.Equal(["À lancer 0 action", "En cours 1 action", "Suspendue 0 action", "Réalisée 1 action", "Abandonnée 0 action"],
            cut.FindAll("[data-column] h3").Select(h => string.Join(" ", h.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.Equal([objectiveChild.Id, done.Id], cut.FindAll("[data-kanban-card]").Select(c => Guid.Parse(c.GetAttribute("data-kanban-card")!)));
        Assert.Equal("en-cours", ColumnOf(cut, objectiveChild.Id));
        Assert.Equal("realisee", ColumnOf(cut, done.Id));
        var card = cut.Find($"[data-kanban-card='{objectiveChild.Id}']").TextContent;
        Assert.Contains("1.1.1", card, StringComparison.Ordinal);
        Assert.Contains("Mission Locale", card, StringComparison.Ordinal);
        Assert.Contains("31/03/2026", card, StringComparison.Ordinal);
        Assert.Contains("50 %", card, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-late]"));
        Assert.Contains("En retard", cut.Find($"[data-kanban-card='{objectiveChild.Id}'] [data-late]").TextContent, StringComparison.Ordinal);
        // the objective matches but has a sub-action: said, not shown
        Assert.Contains("1 action de niveau supérieur (axe ou objectif) n'est pas sur le kanban", cut.Markup, StringComparison.Ordinal);
        // a column's region scrolls on its own and can be reached by keyboard
        Assert.Equal("0", cut.Find("[data-kanban]").GetAttribute("tabindex"));
    }

    [Fact]
    public void TheMenu_OffersTheOtherStatuses_AndAMoveShowsTheCardInItsNewColumn()
    {
        var action = Action("1", "Forum de l'emploi", "a-lancer");
        var cut = RenderKanban(Plan([action]));

        var offered = cut.FindAll($"[data-kanban-card='{action.Id}'] details button").Select(b => b.TextContent.Trim());
        Assert.Equal(["En cours", "Suspendue", "Réalisée", "Abandonnée"], offered);
        MenuButton(cut, action.Id, "Réalisée").Click();

        Assert.Equal([(action.Id, "realisee")], _asked);
        Assert.Equal("realisee", ColumnOf(cut, action.Id));
        Assert.Equal("Changer de statut de « Forum de l'emploi » (Réalisée)", cut.Find($"[data-kanban-card='{action.Id}'] summary").TextContent.Trim());
    }

    [Fact]
    public void ARefusedMove_PutsTheCardBack()
    {
        var action = Action("1", "Forum de l'emploi", "en-cours");
        var cut = RenderKanban(Plan([action]), accept: false);

        MenuButton(cut, action.Id, "Abandonnée").Click();

        Assert.Equal([(action.Id, "abandonnee")], _asked);
        Assert.Equal("en-cours", ColumnOf(cut, action.Id));
    }

    [Fact]
    public async Task ADrop_OnAnotherColumn_ChangesTheStatus_OnItsOwnColumn_Nothing()
    {
        var action = Action("1", "Forum de l'emploi", "a-lancer");
        var cut = RenderKanban(Plan([action]));
        var container = cut.FindComponent<MudDropContainer<PlanActionView>>();

        await cut.InvokeAsync(() => container.Instance.ItemDropped.InvokeAsync(new MudItemDropInfo<PlanActionView>(action, "a-lancer", 0)));
        Assert.Empty(_asked);
        await cut.InvokeAsync(() => container.Instance.ItemDropped.InvokeAsync(new MudItemDropInfo<PlanActionView>(action, "en-cours", 0)));

        Assert.Equal([(action.Id, "en-cours")], _asked);
        Assert.Equal("en-cours", ColumnOf(cut, action.Id));
    }

    [Fact]
    public void ACardThePersonMayNotEdit_HasNoMenu_AndSaysWhy_AndIsNotDraggable()
    {
        var theirs = Action("1", "Forum de l'emploi", canEdit: true);
        var notTheirs = Action("2", "Job dating", canEdit: false);
        var cut = RenderKanban(Plan([theirs, notTheirs], canEditPlan: false));

        var locked = cut.Find($"[data-kanban-card='{notTheirs.Id}']");
        Assert.Empty(locked.QuerySelectorAll("details"));
        Assert.Contains("Seules la coordination et la structure pilote changent son statut.", locked.TextContent, StringComparison.Ordinal);
        Assert.Single(cut.Find($"[data-kanban-card='{theirs.Id}']").QuerySelectorAll("details"));
        Assert.Equal("false", locked.Closest("[draggable]")?.GetAttribute("draggable"));
        Assert.Equal("true", cut.Find($"[data-kanban-card='{theirs.Id}']").Closest("[draggable]")?.GetAttribute("draggable"));
    }

    [Fact]
    public void AFullColumn_DrawsItsFirstFifty_AndShowsMoreOnDemand_ItsCountStaysWhole()
    {
        var actions = Enumerable.Range(1, 120).Select(i => Action($"{i}", $"Action {i}")).Append(Action("121", "Déjà lancée", "en-cours")).ToList();
        var cut = RenderKanban(Plan(actions));

        Assert.Equal(50, cut.FindAll("[data-column='a-lancer'] [data-kanban-card]").Count);
        Assert.Single(cut.FindAll("[data-column='en-cours'] [data-kanban-card]"));
        Assert.Contains("120 actions", cut.Find("[data-column='a-lancer'] h3").TextContent, StringComparison.Ordinal);
        var more = cut.Find("[data-column='a-lancer'] [data-more]");
        Assert.Equal("Afficher 50 de plus dans « À lancer » (70 non affichées)", string.Join(" ", more.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(cut.FindAll("[data-column='en-cours'] [data-more]"));

        more.Click();
        Assert.Equal(100, cut.FindAll("[data-column='a-lancer'] [data-kanban-card]").Count);
        cut.Find("[data-column='a-lancer'] [data-more]").Click();

        Assert.Equal(120, cut.FindAll("[data-column='a-lancer'] [data-kanban-card]").Count);
        Assert.Equal("Action 120", cut.FindAll("[data-column='a-lancer'] [data-kanban-card] a")[^1].TextContent);
        Assert.Empty(cut.FindAll("[data-more]"));
    }

    [Fact]
    public void ANewReadOfThePlan_MovesACardAnotherPersonMoved()
    {
        var action = Action("1", "Forum de l'emploi", "a-lancer");
        var cut = RenderKanban(Plan([action]));
        Assert.Equal("a-lancer", ColumnOf(cut, action.Id));

        cut.Render(p => p.Add(k => k.View, Plan([action with { Content = action.Content with { StatusCode = "suspendue" }, Progress = 25 }])));

        Assert.Equal("suspendue", ColumnOf(cut, action.Id));
        Assert.Contains("25 %", cut.Find($"[data-kanban-card='{action.Id}']").TextContent, StringComparison.Ordinal);
    }
}
