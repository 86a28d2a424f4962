using Bunit;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Features.Roadmap;
using static CiteEmploi.Tests.Components.Roadmap.RoadmapViews;

namespace CiteEmploi.Tests.Components.Roadmap;

/// <summary>
/// The timeline of a plan of one year (2026: 365 days, so day 73 is 20 % of the width, day 146 is 40 %…): bars, marks
/// and today's line where their dates fall, and every date also in words.
/// </summary>
public sealed class PlanTimelineTests : MudTestContext
{
    private IRenderedComponent<PlanTimeline> RenderTimeline(PlanView view, DateOnly today) => Render<PlanTimeline>(p => p
        .Add(t => t.View, view)
        .Add(t => t.ActionHref, id => $"/a/{id}")
        .Add(t => t.Today, today));

    [Fact]
    public void Bars_MilestonesAndToday_FallOnTheirDates_AndTheDatesAreWrittenInFrench()
    {
        // 15 March is day 73 (20 %); the bar covers 26 May, so it ends where 27 May (day 146, 40 %) begins
        var forum = Action("1", "Forum de l'emploi", "en-cours", start: new DateOnly(2026, 3, 15), due: new DateOnly(2026, 5, 26), late: true,
            milestones: [new Milestone(Guid.NewGuid(), "Comité de suivi", new DateOnly(2026, 10, 20), Done: false)]); // day 292: 80 %
        var whole = Action("2", "Permanence mobile", start: new DateOnly(2026, 1, 1), due: new DateOnly(2026, 12, 31));
        var undated = Action("3", "Réseau d'entreprises");
        var cut = RenderTimeline(Plan([forum, whole, undated], 2026, 2026), today: new DateOnly(2026, 8, 8)); // day 219: 60 %

        var rows = cut.FindAll("[data-timeline-action]");
        Assert.Equal([forum.Id, whole.Id], rows.Select(r => Guid.Parse(r.GetAttribute("data-timeline-action")!)));
        Assert.Equal("left:20%;width:20%", rows[0].QuerySelector("[data-bar]")!.GetAttribute("style"));
        Assert.Equal("left:0%;width:100%", rows[1].QuerySelector("[data-bar]")!.GetAttribute("style"));
        Assert.Equal("left:80%", rows[0].QuerySelector("[data-mark]")!.GetAttribute("style"));
        Assert.Equal("left:60%", cut.Find("[data-today]").GetAttribute("style"));
        Assert.Contains("plan-timeline__bar--late", rows[0].QuerySelector("[data-bar]")!.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("plan-timeline__bar--late", rows[1].QuerySelector("[data-bar]")!.ClassName, StringComparison.Ordinal);

        // in words, outside the drawing (which screen readers skip)
        Assert.Equal("Du 15/03/2026 au 26/05/2026 — en retard", rows[0].QuerySelector("[data-dates]")!.TextContent);
        Assert.Equal("Jalon : Comité de suivi, le 20/10/2026", rows[0].QuerySelector("[data-milestone]")!.TextContent);
        Assert.Equal("Du 01/01/2026 au 31/12/2026", rows[1].QuerySelector("[data-dates]")!.TextContent);
        Assert.All(cut.FindAll("[data-timeline-action] .plan-timeline__track, .plan-timeline__row--head"), t => Assert.Equal("true", t.GetAttribute("aria-hidden")));
        Assert.Contains("aujourd'hui : 08/08/2026", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("1 action sans date ni jalon n'est pas sur le calendrier.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(12, cut.FindAll(".plan-timeline__month").Count);
        Assert.Equal("janv.", cut.FindAll(".plan-timeline__month")[0].TextContent);
        Assert.Equal("2026", cut.Find(".plan-timeline__year").TextContent);
    }

    [Fact]
    public void OneDateAlone_IsADayWide_AMilestoneWithoutDates_HasNoBar_AndTodayOutsideThePeriod_HasNoLine()
    {
        var dueOnly = Action("1", "Bilan", due: new DateOnly(2026, 3, 15));
        var milestoneOnly = Action("2", "Jalons seuls", milestones: [new Milestone(Guid.NewGuid(), "Lancement", new DateOnly(2026, 1, 1), Done: true)]);
        var cut = RenderTimeline(Plan([dueOnly, milestoneOnly], 2026, 2026), today: new DateOnly(2027, 2, 1));

        var rows = cut.FindAll("[data-timeline-action]");
        // 15 March alone: day 73 (20 %), one day wide — narrower than the narrowest bar drawn, so 0.4 %
        Assert.Equal("left:20%;width:0.4%", rows[0].QuerySelector("[data-bar]")!.GetAttribute("style"));
        Assert.Equal("Échéance le 15/03/2026", rows[0].QuerySelector("[data-dates]")!.TextContent);
        Assert.Null(rows[1].QuerySelector("[data-bar]"));
        Assert.Equal("Sans dates", rows[1].QuerySelector("[data-dates]")!.TextContent);
        Assert.Equal("Jalon : Lancement, le 01/01/2026 (atteint)", rows[1].QuerySelector("[data-milestone]")!.TextContent);
        Assert.Empty(cut.FindAll(".plan-timeline__today"));
        Assert.DoesNotContain("aujourd'hui", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void APlanOfThreeYears_HasThirtySixMonths_ItsYearsMarked_AndNothingDated_SaysSo()
    {
        var cut = RenderTimeline(Plan([Action("1", "Sans dates")], 2026, 2028), today: new DateOnly(2026, 6, 1));

        Assert.Empty(cut.FindAll("[data-timeline]"));
        Assert.Contains("Aucune action datée à montrer", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Période du 01/01/2026 au 31/12/2028", cut.Markup, StringComparison.Ordinal);

        var scale = new TimelineScale(2026, 2028);
        Assert.Equal(36, scale.Months.Count);
        Assert.Equal([2026, 2027, 2028], scale.Months.Select(m => m.Year).OfType<int>());
        Assert.Equal(100, scale.Months.Sum(m => m.Width), 6);
        Assert.Null(scale.Bar(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31))); // wholly before the period
        Assert.Equal(new TimelineSpan(0, scale.Left(new DateOnly(2026, 2, 1))), scale.Bar(new DateOnly(2025, 6, 1), new DateOnly(2026, 1, 31))); // cut at its edge
    }
}
