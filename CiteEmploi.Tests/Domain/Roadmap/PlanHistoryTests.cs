using System.Text.Json;
using CiteEmploi.Domain.Roadmap;
using static CiteEmploi.Tests.Domain.Roadmap.PlanActionTests;

namespace CiteEmploi.Tests.Domain.Roadmap;

/// <summary>Changes made at known times, then the plan rebuilt as of each of them and compared with what it was.</summary>
public class PlanHistoryTests
{
    private readonly Plan _plan = NewPlan();
    private readonly List<PlanAction> _actions = [];
    private readonly List<PlanChange> _history = [];
    private readonly List<(DateTimeOffset At, string Expected)> _moments = [];

    private static DateTimeOffset At(int day) => new(2026, 1, day, 10, 0, 0, TimeSpan.Zero);

    // What the service does around each command: snapshot, act, diff, and (here) remember what the plan looked like.
    private void Record(int day, PlanAction? action, Action change)
    {
        var planBefore = _plan.Snapshot();
        var before = action is null || action.IsDeleted ? null : action.Snapshot();
        change();
        var target = action ?? _actions[^1];
        _history.AddRange(PlanHistory.Diff(CiteId, _plan.Id, planBefore, _plan.Snapshot(), Camille, At(day)));
        _history.AddRange(PlanHistory.Diff(CiteId, _plan.Id, before, target.IsDeleted ? null : target.Snapshot(), Camille, At(day)));
        _moments.Add((At(day), Describe(_plan.Snapshot(), _actions.Where(a => !a.IsDeleted).Select(a => a.Snapshot()))));
    }

    private static string Describe(PlanSnapshot? plan, IEnumerable<PlanActionSnapshot> actions) =>
        JsonSerializer.Serialize(new { plan, actions = actions.OrderBy(a => a.Id) }, PlanHistory.Json);

    private PlanAction Add(string title, PlanAction? parent = null)
    {
        var action = PlanAction.Add(_plan, parent?.Id, (_actions.Count + 1) * 1024, new PlanActionContent { Title = title }, References, _actions, null, Camille, At(1));
        _actions.Add(action);
        return action;
    }

    [Fact]
    public void AsOf_EachMoment_IsThePlanAsItWas_ThroughCreationsEditsMovesAndDeletions()
    {
        _history.AddRange(PlanHistory.Diff(CiteId, _plan.Id, null, _plan.Snapshot(), Camille, At(1)));
        PlanAction axis1 = null!, axis2 = null!, objective = null!;
        Record(2, null, () => axis1 = Add("Recenser"));
        Record(3, null, () => axis2 = Add("Aller-vers"));
        Record(4, null, () => objective = Add("Forum", axis1));
        Record(5, objective, () => objective.Edit(_plan, objective.Content with
        {
            Title = "Forum des métiers",
            DueDate = new DateOnly(2026, 6, 1),
            BudgetLines = [new BudgetLine("CAF", BudgetKind.Cofinancement, 2026, 1_234.56m, 0.01m, 0m)],
        }, objective.Content, objective.Version, References, Camille, At(5)));
        Record(6, objective, () => _plan.Adopt(new DateOnly(2026, 1, 6), "Adoptée en COPIL.", Camille));
        Record(7, objective, () => objective.Move(_plan, axis2.Id, 1, _actions, Camille, At(7)));
        Record(8, objective, () => objective.ChangeStatus(_plan, "realisee", Camille, At(8)));
        Record(9, objective, () => objective.Delete(_actions, Camille, At(9)));

        Assert.Null(PlanHistory.AsOf(_history, At(1).AddMinutes(-1)).Plan);
        Assert.Empty(PlanHistory.AsOf(_history, At(1)).Actions);
        foreach (var (at, expected) in _moments)
        {
            var rebuilt = PlanHistory.AsOf(_history, at);
            Assert.Equal(expected, Describe(rebuilt.Plan, rebuilt.Actions));
            // and just before the next change, it is still the same
            var later = PlanHistory.AsOf(_history, at.AddHours(23));
            Assert.Equal(expected, Describe(later.Plan, later.Actions));
        }
        var onDay7 = PlanHistory.AsOf(_history, At(7)).Tree();
        Assert.Equal("2.1", onDay7.Nodes.Single(n => n.Id == objective.Id).Code);
        Assert.Equal(1_234.56m, onDay7.Find(objective.Id)!.Action.BudgetLines.Single().Planned);
    }

    [Fact]
    public void Diff_RecordsOnlyTheChangedFields_WithBeforeAndAfter()
    {
        var action = Add("Forum");
        var before = action.Snapshot();
        action.ChangeDates(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), Samia, At(2));

        var changes = PlanHistory.Diff(CiteId, _plan.Id, before, action.Snapshot(), Samia, At(2));

        Assert.Equal(["startDate", "dueDate"], changes.Select(c => c.Field));
        Assert.Equal(("null", "\"2026-03-01\""), (changes[1].Before, changes[1].After));
        Assert.All(changes, c => Assert.Equal((action.Id, "part", "Samia", At(2)), (c.ActionId!.Value, c.UserId!, c.UserName, c.At)));
    }
}
