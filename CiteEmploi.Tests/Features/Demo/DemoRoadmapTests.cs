using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;
using CiteEmploi.Web.Features.Roadmap;

namespace CiteEmploi.Tests.Features.Demo;

/// <summary>The demonstration feuille de route loaded by the real app.</summary>
public sealed class DemoRoadmapTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task LoadDemo_HasAPlanOnThreeAxes_PilotedByTheDirectory_WithBudgetsAndAHistory()
    {
        await fixture.LoadDemoAsync();
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(DemoLoader.Slug))!;
        var service = fixture.App.Get<PlanService>();
        var summary = Assert.Single(await service.ListAsync(access));
        var plan = (await service.GetAsync(access, summary.Id))!;

        Assert.Contains("démonstration", plan.Title);
        Assert.Equal(PlanState.Revise, plan.State);
        Assert.Equal(["Recenser et fédérer les acteurs", "Aller-vers et raccrocher au droit commun", "Innover et lever les freins périphériques"],
            plan.Actions.Where(a => a.Depth == 1).Select(a => a.Title));
        var leaves = plan.Actions.Where(a => a.Depth == 3).ToList();
        Assert.InRange(leaves.Count, 10, 16);
        Assert.All(leaves.Where(a => a.Content.PilotStructureId is not null), a => Assert.NotNull(plan.StructureName(a.Content.PilotStructureId)));
        Assert.True(leaves.Count(a => a.Content.PilotStructureId is not null) >= 10);

        var budget = (await service.BudgetAsync(access, summary.Id))!;
        Assert.Equal(100_000m, budget.Envelope);
        Assert.InRange(budget.EnvelopeLines.Planned, 50_000m, 100_000m);
        Assert.True(budget.Funders.Count(f => f.Kind == BudgetKind.Cofinancement) >= 3);

        // before the COPIL the plan was a draft, with everything already drafted but the action decided in the
        // demonstration COPIL three weeks ago (DemoSessions); the whole history is there
        var beforeCopil = (await service.AsOfAsync(access, summary.Id, DateTimeOffset.UtcNow.AddDays(-100)))!;
        Assert.Equal(PlanState.Brouillon, beforeCopil.State);
        Assert.Equal(plan.Actions.Count(a => a.Origin?.Kind != OriginKind.PointOrdreDuJour), beforeCopil.Actions.Count);
        Assert.True((await service.HistoryAsync(access, summary.Id, null, wholePlan: true)).Count > plan.Actions.Count);
    }
}
