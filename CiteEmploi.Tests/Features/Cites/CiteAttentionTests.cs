using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Members;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Features.Cites;

/// <summary>
/// « À traiter » on a Cité's overview, counted by the running app's own services from data made here: the late
/// actions of its plans, the invitations waiting, the next session; what a partner may not act on is not shown, and
/// another Cité's access counts nothing of this one.
/// </summary>
public sealed class CiteAttentionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<CiteAttention> AttentionAsync(CiteAccess access)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CiteAttentionService>().ForAsync(access);
    }

    [Fact]
    public async Task LateActions_PendingInvitations_AndTheNextSession_AreCounted_ForTheCiteAndItsRolesOnly()
    {
        var slug = await fixture.CreateCiteAsync("Cité de Lorient");
        var other = await fixture.CreateCiteAsync("Cité de Vannes");
        var cites = fixture.App.Get<CiteService>();
        var access = (await cites.OperatorAccessAsync(slug))!;
        var otherAccess = (await cites.OperatorAccessAsync(other))!;
        var empty = await AttentionAsync(access);
        Assert.True(empty.IsEmpty);
        Assert.Equal(0, empty.StaleServices);

        var today = DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));
        var plans = fixture.App.Get<PlanService>();
        var planId = Guid.Parse((await plans.CreateAsync(access, "Feuille de route 2026", today.Year, today.Year + 1, 0m)).Value!);
        Assert.True((await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = "Échue hier", DueDate = today.AddDays(-1) })).Succeeded);
        Assert.True((await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = "Échue il y a un mois", DueDate = today.AddMonths(-1) })).Succeeded);
        Assert.True((await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = "Pour demain", DueDate = today.AddDays(1) })).Succeeded);
        var sessions = fixture.App.Get<SessionService>();
        Assert.True((await sessions.CreateAsync(access, new SessionDetails(SessionKind.ComitePilotage, "COPIL de printemps", today.AddDays(30), new TimeOnly(9, 0), new TimeOnly(12, 0)))).Succeeded);
        Assert.True((await sessions.CreateAsync(access, new SessionDetails(SessionKind.Atelier, "Atelier mobilité", today.AddDays(3), new TimeOnly(14, 0), new TimeOnly(16, 0)))).Succeeded);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var (invited, _) = await scope.ServiceProvider.GetRequiredService<MemberService>().InviteAsync(access, "nouvelle@tests.invalid", CiteRole.Partenaire);
            Assert.True(invited.Succeeded, invited.Describe());
        }

        var attention = await AttentionAsync(access);
        Assert.Equal(2, attention.LateActions);
        Assert.Equal(planId, attention.LatePlanId);
        Assert.Equal(1, attention.PendingInvitations);
        Assert.Equal("Atelier mobilité", attention.NextSession?.Title);
        Assert.False(attention.IsEmpty);

        // a partner reads the late actions and the next session, not what only the coordination acts on
        var partner = new CiteAccess(access.CiteId, access.Slug, null, CiteRole.Partenaire);
        var theirs = await AttentionAsync(partner);
        Assert.Equal(2, theirs.LateActions);
        Assert.Null(theirs.PendingInvitations);
        Assert.Null(theirs.StaleServices);

        // the other Cité's coordination sees none of it
        Assert.True((await AttentionAsync(otherAccess)).IsEmpty);
    }
    [Fact]
    public async Task Activity_ListsTheLatestBoards_TheSessionsHeld_AndTheLastQuartersIndicators_OfThisCiteOnly()
    {
        var slug = await fixture.CreateCiteAsync("Cité de Quimperlé");
        var other = await fixture.CreateCiteAsync("Cité de Concarneau");
        var cites = fixture.App.Get<CiteService>();
        var access = (await cites.OperatorAccessAsync(slug))!;
        var otherAccess = (await cites.OperatorAccessAsync(other))!;
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var activity = scope.ServiceProvider.GetRequiredService<CiteActivityService>();
        var empty = await activity.ForAsync(access);
        Assert.Empty(empty.RecentBoards);
        Assert.Empty(empty.RecentSessions);
        Assert.Equal(0, empty.Indicators!.Entered);
        Assert.True(empty.Indicators.ToEnter > 0);

        foreach (var title in new[] { "Diagnostic mobilité", "Atelier garde d'enfants", "Atelier numérique", "Forum emploi" })
        {
            await fixture.NewBoardAsync(slug, title);
        }
        await fixture.NewBoardAsync(other, "Tableau d'une autre Cité");
        var today = DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));
        var sessions = fixture.App.Get<SessionService>();
        Assert.True((await sessions.CreateAsync(access, new SessionDetails(SessionKind.ComitePilotage, "COPIL d'hier", today.AddDays(-1), new TimeOnly(9, 0), new TimeOnly(12, 0)))).Succeeded);
        Assert.True((await sessions.CreateAsync(access, new SessionDetails(SessionKind.Atelier, "Atelier de demain", today.AddDays(1), new TimeOnly(9, 0), new TimeOnly(12, 0)))).Succeeded);
        var quarter = CiteEmploi.Domain.Indicators.Period.Containing(today, CiteEmploi.Domain.Indicators.PeriodKind.Trimestre).Previous();
        var indicators = fixture.App.Get<CiteEmploi.Web.Features.Indicators.IndicatorService>();
        var entered = await indicators.RecordAsync(access, new CiteEmploi.Domain.Indicators.IndicatorEntry("personnes-reperees", quarter.Code, Number: 42));
        Assert.True(entered.Succeeded, entered.Describe());

        var shown = await activity.ForAsync(access);

        // the three latest boards, newest first; only the session already held; the value typed for the last quarter
        Assert.Equal(["Forum emploi", "Atelier numérique", "Atelier garde d'enfants"], shown.RecentBoards.Select(b => b.Title));
        Assert.Equal(["COPIL d'hier"], shown.RecentSessions.Select(s => s.Title));
        Assert.Equal(quarter.Code, shown.Indicators!.PeriodCode);
        Assert.Equal(1, shown.Indicators.Entered);
        Assert.Equal(empty.Indicators.ToEnter, shown.Indicators.ToEnter);
        var theirs = await activity.ForAsync(otherAccess);
        Assert.Equal(["Tableau d'une autre Cité"], theirs.RecentBoards.Select(b => b.Title));
        Assert.Empty(theirs.RecentSessions);
        Assert.Equal(0, theirs.Indicators!.Entered);
    }
}
