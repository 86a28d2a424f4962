using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Features.Roadmap;

namespace CiteEmploi.Tests.Components.Roadmap;

/// <summary>Plan views as <see cref="PlanService"/> hands them to the pages, built by hand for component tests.</summary>
internal static class RoadmapViews
{
    public static readonly Guid MissionLocale = Guid.NewGuid();
    public static readonly Guid FranceTravail = Guid.NewGuid();

    public static PlanView Plan(IReadOnlyList<PlanActionView> actions, int startYear = 2026, int endYear = 2028, bool canEditPlan = true) => new(
        Guid.NewGuid(), "Feuille de route", startYear, endYear, 100_000m, global::CiteEmploi.Domain.Roadmap.Plan.DefaultLevels, global::CiteEmploi.Domain.Roadmap.Plan.DefaultStatuses,
        PlanState.Brouillon, [], 1, actions,
        new Dictionary<Guid, string> { [MissionLocale] = "Mission Locale", [FranceTravail] = "France Travail" },
        CanEditPlan: canEditPlan, CanValidate: canEditPlan, AsOf: null);

    public static PlanActionView Action(string code, string title, string status = "a-lancer", int progress = 0, bool late = false,
        Guid? pilot = null, DateOnly? start = null, DateOnly? due = null, IReadOnlyList<Guid>? children = null, bool canEdit = true,
        bool matches = true, IReadOnlyList<Milestone>? milestones = null, Guid? id = null)
    {
        var depth = code.Count(c => c == '.') + 1;
        return new PlanActionView(id ?? Guid.NewGuid(), null, code, depth, global::CiteEmploi.Domain.Roadmap.Plan.DefaultLevels[depth - 1], Guid.NewGuid(),
            new PlanActionContent { Title = title, StatusCode = status, PilotStructureId = pilot, StartDate = start, DueDate = due, Milestones = milestones ?? [] },
            1, progress, late, BudgetTotals.Zero, null, children ?? [], null, null, canEdit, matches);
    }
}
