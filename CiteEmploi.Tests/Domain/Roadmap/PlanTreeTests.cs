using CiteEmploi.Domain.Roadmap;
using static CiteEmploi.Tests.Domain.Roadmap.PlanActionTests;

namespace CiteEmploi.Tests.Domain.Roadmap;

public class PlanTreeTests
{
    private readonly Plan _plan = NewPlan();
    private readonly List<PlanAction> _actions = [];

    private PlanAction Add(string title, PlanAction? parent = null, PlanActionContent? content = null, double? position = null)
    {
        var action = PlanAction.Add(_plan, parent?.Id, position ?? (_actions.Count + 1) * 1024, (content ?? new PlanActionContent()) with { Title = title },
            References, _actions, null, Camille, Now);
        _actions.Add(action);
        return action;
    }

    private PlanTree Tree() => PlanTree.Build(_plan.Statuses, _actions.Where(a => !a.IsDeleted).Select(a => a.Snapshot()));

    private static PlanActionContent Status(string code, ProgressMode mode = ProgressMode.Statut, int manual = 0) =>
        new() { StatusCode = code, ProgressMode = mode, ManualProgress = manual };

    [Fact]
    public void Codes_FollowThePlaceAmongSiblings_AndAMoveRenumbers()
    {
        var axis1 = Add("Recenser", position: 2048);
        var axis2 = Add("Aller-vers", position: 1024);
        var objA = Add("Objectif A", axis1);
        var objB = Add("Objectif B", axis1);

        Assert.Equal(["1 Aller-vers", "2 Recenser", "2.1 Objectif A", "2.2 Objectif B"], Tree().Nodes.Select(n => $"{n.Code} {n.Action.Title}"));

        objB.Move(_plan, axis2.Id, 1, _actions, Camille, Now);
        var tree = Tree();
        Assert.Equal("1.1", tree.Find(objB.Id)!.Code);
        Assert.Equal((2, axis2.Id), (tree.Find(objB.Id)!.Depth, tree.Find(objB.Id)!.AxisId));
        Assert.Equal("2.1", tree.Find(objA.Id)!.Code);
    }

    [Fact]
    public void Progress_PerMode_ManualStatusAndChildrenWithEqualWeights_WithoutAbandonedOnes()
    {
        var axis = Add("Axe", content: Status("a-lancer", ProgressMode.SousActions));
        var objective = Add("Objectif", axis, Status("en-cours", ProgressMode.SousActions));
        Add("Fait", objective, Status("realisee"));                          // 100 from status
        Add("Saisi", objective, Status("en-cours", ProgressMode.Manuel, 20)); // 20 typed
        Add("Abandonné", objective, Status("abandonnee"));                   // left out
        var empty = Add("Objectif vide", axis, Status("en-cours", ProgressMode.SousActions)); // no children: status 50

        var tree = Tree();

        Assert.Equal(60, tree.Find(objective.Id)!.Progress);
        Assert.Equal(50, tree.Find(empty.Id)!.Progress);
        Assert.Equal(55, tree.Find(axis.Id)!.Progress);
    }

    [Fact]
    public void Late_DuePassedAndOpen_NotWhenDoneOrAbandonedOrNotYetDue()
    {
        var due = new DateOnly(2026, 3, 1);
        var late = Add("En retard", content: Status("en-cours") with { DueDate = due });
        var done = Add("Réalisée", content: Status("realisee") with { DueDate = due });
        var dropped = Add("Abandonnée", content: Status("abandonnee") with { DueDate = due });
        var tree = Tree();

        Assert.True(tree.IsLate(tree.Find(late.Id)!, new DateOnly(2026, 3, 2)));
        Assert.False(tree.IsLate(tree.Find(late.Id)!, due));
        Assert.False(tree.IsLate(tree.Find(done.Id)!, new DateOnly(2026, 3, 2)));
        Assert.False(tree.IsLate(tree.Find(dropped.Id)!, new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Budget_TotalsPerAxisAndFunder_RemainingToCommit_AndOverCommitmentIsOnlyAFlag()
    {
        static BudgetLine line(string funder, BudgetKind kind, decimal planned, decimal committed, decimal spent = 0) => new(funder, kind, 2026, planned, committed, spent);
        var axis1 = Add("Recenser");
        var axis2 = Add("Aller-vers");
        var a = Add("Forum", axis1, new PlanActionContent { BudgetLines = [line("Cité de l'emploi", BudgetKind.EnveloppeCite, 40_000.10m, 30_000.05m, 10m), line("CAF", BudgetKind.Cofinancement, 5_000m, 5_000m)] });
        Add("Permanences", axis2, new PlanActionContent { BudgetLines = [line("Cité de l’emploi", BudgetKind.EnveloppeCite, 50_000m, 45_000m), line("cite de l'emploi", BudgetKind.EnveloppeCite, 0.01m, 0.01m)] });
        var b = Add("Bus", axis2, new PlanActionContent { BudgetLines = [line("Ville", BudgetKind.Valorisation, 1_000m, 2_000m)] });

        var budget = PlanBudget.Of(_plan.Envelope, Tree());

        Assert.Equal(new BudgetTotals(40_000.10m + 5_000m, 35_000.05m, 10m), budget.Axes.Single(x => x.AxisId == axis1.Id).Totals);
        Assert.Equal(new BudgetTotals(51_000.01m, 47_000.01m, 0m), budget.Axes.Single(x => x.AxisId == axis2.Id).Totals);
        Assert.Equal(new BudgetTotals(90_000.11m, 75_000.06m, 10m), budget.EnvelopeLines);
        Assert.Equal(24_999.94m, budget.RemainingToCommit);
        Assert.False(budget.IsOverCommitted);
        Assert.Equal(3, budget.Funders.Count); // the two spellings of the Cité are one funder
        Assert.Equal([b.Id], budget.ActionsCommittedBeyondPlanned);
        Assert.DoesNotContain(a.Id, budget.ActionsCommittedBeyondPlanned);

        Add("Gros chantier", axis1, new PlanActionContent { BudgetLines = [line("Cité de l'emploi", BudgetKind.EnveloppeCite, 30_000m, 25_000m)] });
        var over = PlanBudget.Of(_plan.Envelope, Tree());
        Assert.True(over.IsOverCommitted);
        Assert.Equal(-0.06m, over.RemainingToCommit);
    }
}
