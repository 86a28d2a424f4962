using Bunit;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Features.Roadmap;

namespace CiteEmploi.Tests.Components.Roadmap;

/// <summary>The plan's tree table and its budget summary, rendered from views built by the domain.</summary>
public sealed class PlanViewsTests : MudTestContext
{
    private static readonly Guid MissionLocale = Guid.NewGuid();

    private static PlanView ViewOf(IReadOnlyList<PlanActionView> actions) => new(
        Guid.NewGuid(), "Feuille de route 2026-2028", 2026, 2028, 100_000m, Plan.DefaultLevels, Plan.DefaultStatuses, PlanState.Brouillon, [], 1,
        actions, new Dictionary<Guid, string> { [MissionLocale] = "Mission Locale" }, CanEditPlan: true, CanValidate: true, AsOf: null);

    private static PlanActionView Action(Guid id, Guid? parent, string code, int depth, string title, string status, int progress, bool late,
        Guid? pilot = null, DateOnly? due = null, bool matches = true) => new(
        id, parent, code, depth, Plan.DefaultLevels[depth - 1], parent ?? id,
        new PlanActionContent { Title = title, StatusCode = status, PilotStructureId = pilot, DueDate = due }, 1, progress, late, BudgetTotals.Zero,
        null, [], null, null, CanEdit: true, Matches: matches);

    [Fact]
    public void TheTree_ShowsCodeTitlePilotStatusProgressAndLateness_IndentedByLevel()
    {
        var axis = Guid.NewGuid();
        var child = Guid.NewGuid();
        var view = ViewOf(
        [
            Action(axis, null, "1", 1, "Recenser et fédérer les acteurs", "en-cours", 50, false, matches: false),
            Action(child, axis, "1.1", 2, "Cartographier les acteurs", "a-lancer", 0, true, MissionLocale, new DateOnly(2026, 3, 31)),
        ]);
        var cut = Render<PlanTreeTable>(p => p
            .Add(t => t.View, view)
            .Add(t => t.ActionHref, id => $"/a/{id}"));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("plan-tree__context", rows[0].ClassName, StringComparison.Ordinal); // an ancestor kept for context
        Assert.Contains("plan-tree__axis", rows[0].ClassName, StringComparison.Ordinal);
        var second = rows[1].TextContent;
        Assert.Contains("1.1", second, StringComparison.Ordinal);
        Assert.Contains("Objectif", second, StringComparison.Ordinal);
        Assert.Contains("Mission Locale", second, StringComparison.Ordinal);
        Assert.Contains("À lancer", second, StringComparison.Ordinal);
        Assert.Contains("31/03/2026", second, StringComparison.Ordinal);
        Assert.Contains("En retard", second, StringComparison.Ordinal);
        Assert.DoesNotContain("En retard", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("--depth:1", rows[1].QuerySelector(".plan-tree__title")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("--depth:0", rows[0].QuerySelector(".plan-tree__title")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal($"/a/{child}", rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("50 %", rows[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFilteredView_SaysNothingMatches()
    {
        var cut = Render<PlanTreeTable>(p => p
            .Add(t => t.View, ViewOf([]))
            .Add(t => t.ActionHref, id => $"/a/{id}")
            .Add(t => t.Filtered, true));

        Assert.Contains("Aucune action ne correspond à ces filtres.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void FiveHundredActions_AreShownFiftyAtATime()
    {
        var actions = Enumerable.Range(1, 500).Select(i => Action(Guid.NewGuid(), null, $"{i}", 1, $"Action {i}", "en-cours", 50, false)).ToList();
        var cut = Render<PlanTreeTable>(p => p
            .Add(t => t.View, ViewOf(actions))
            .Add(t => t.ActionHref, id => $"/a/{id}"));

        Assert.Equal(50, cut.FindAll("tbody tr").Count);
        Assert.Contains("1–50 sur 500", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewViewOfThePlan_RendersAgainOnlyTheRowsThatChanged()
    {
        var actions = Enumerable.Range(1, 50).Select(i => Action(Guid.NewGuid(), null, $"{i}", 1, $"Action {i}", "en-cours", 50, false)).ToList();
        var cut = Render<PlanTreeTable>(p => p
            .Add(t => t.View, ViewOf(actions))
            .Add(t => t.ActionHref, id => $"/a/{id}"));
        var rows = cut.FindComponents<PlanTreeRow>(); // the same wrappers throughout: each counts its component's renders
        var before = rows.Select(r => r.RenderCount).ToList();

        // a live refresh: every action is a new record, unequal to the last (a new list inside, as from a new read);
        // one of them has a new title and version
        var next = actions.Select(a => a with { ChildIds = [.. a.ChildIds] }).ToList();
        next[7] = next[7] with { Content = next[7].Content with { Title = "Permis de conduire" }, Version = 2 };
        cut.Render(p => p.Add(t => t.View, ViewOf(next)));

        var renderedAgain = rows.Where((r, i) => r.RenderCount > before[i]).Select(r => r.Instance.Action.Code).ToList();
        Assert.Contains("Permis de conduire", cut.FindAll("tbody tr")[7].TextContent, StringComparison.Ordinal);
        Assert.Equal(["8"], renderedAgain);

        // someone opens another action's form: that row says so, and only it renders
        var counts = rows.Select(r => r.RenderCount).ToList();
        cut.Render(p => p.Add(t => t.Editors, new Dictionary<Guid, IReadOnlyList<string>> { [next[2].Id] = ["Samia"] }));
        Assert.Equal(["3"], rows.Where((r, i) => r.RenderCount > counts[i]).Select(r => r.Instance.Action.Code));
        Assert.Contains("Samia modifie cette action", cut.FindAll("tbody tr")[2].TextContent, StringComparison.Ordinal);
    }

    private static PlanBudget BudgetOf(decimal envelope, params (string Title, BudgetLine Line)[] axes)
    {
        var snapshots = axes.Select((a, i) => new PlanActionSnapshot(Guid.NewGuid(), null, i, a.Title, string.Empty, null, [], string.Empty, [], [], [], null, null,
            "en-cours", ProgressMode.Statut, 0, [], [a.Line], null, null)).ToList();
        return PlanBudget.Of(envelope, PlanTree.Build(Plan.DefaultStatuses, snapshots));
    }

    [Fact]
    public void OverCommitment_IsAWarning_WithTheAmountsInFrench()
    {
        var budget = BudgetOf(100_000m,
            ("Aller-vers", new BudgetLine("Enveloppe Cité", BudgetKind.EnveloppeCite, 2026, 80_000m, 75_000.50m, 10_000m)),
            ("Lever les freins", new BudgetLine("Enveloppe Cité", BudgetKind.EnveloppeCite, 2026, 40_000m, 45_000m, 0m)),
            ("Lever les freins", new BudgetLine("CAF", BudgetKind.Cofinancement, 2026, 20_000m, 20_000m, 0m)));
        var cut = Render<PlanBudgetSummary>(p => p.Add(b => b.Budget, budget));

        const string nnbsp = "\u202F";
        Assert.Equal($"-20{nnbsp}000,50 €", cut.Find("[data-remaining]").TextContent.Trim());
        var warning = cut.Find("[data-overcommitted]").TextContent;
        Assert.Contains($"120{nnbsp}000,50 € engagés pour une enveloppe de 100{nnbsp}000,00 €", warning, StringComparison.Ordinal);
        Assert.Contains($"20{nnbsp}000,50 € au-delà", warning, StringComparison.Ordinal);
        Assert.Contains("CAF", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Cofinancement", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void WithinTheEnvelope_ThereIsNoWarning_AndWhatIsLeftIsShown()
    {
        var budget = BudgetOf(100_000m, ("Aller-vers", new BudgetLine("Enveloppe Cité", BudgetKind.EnveloppeCite, 2026, 30_000m, 25_000m, 0m)));
        var cut = Render<PlanBudgetSummary>(p => p.Add(b => b.Budget, budget));

        Assert.Equal("75\u202F000,00 €", cut.Find("[data-remaining]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-overcommitted]"));
        Assert.DoesNotContain("dépasse", cut.Markup, StringComparison.Ordinal);
    }
}
