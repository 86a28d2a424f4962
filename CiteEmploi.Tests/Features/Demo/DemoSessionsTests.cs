using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Features.Sessions;

namespace CiteEmploi.Tests.Features.Demo;

/// <summary>The demonstration sessions loaded by the real app: a past COPIL with its minutes and decisions, an interconnaissance to come.</summary>
public sealed class DemoSessionsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task LoadDemo_HasAClosedCopilWithAttendanceDecisionsAndAnActionOfThePlan_AndAnUpcomingInterconnaissanceWithInvitations()
    {
        await fixture.LoadDemoAsync();
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(DemoLoader.Slug))!;
        var sessions = fixture.App.Get<SessionService>();
        var list = await sessions.ListAsync(access);
        var today = DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));
        Assert.All(list, s => Assert.Contains("(démonstration)", s.Title, StringComparison.Ordinal));

        var copil = Assert.Single(list, s => s.Kind == SessionKind.ComitePilotage);
        Assert.Equal(SessionState.Close, copil.State);
        Assert.True(copil.Date < today);
        var attendance = (await sessions.AttendanceAsync(access, copil.Id))!;
        Assert.True(attendance.ByStructure.Count(s => s.Arrived > 0) >= 6);
        Assert.Contains(attendance.ByStructure, s => s.StructureName == "CAF" || s.StructureName.Contains("CAF", StringComparison.Ordinal));
        Assert.All(attendance.Participants.Where(p => p.ArrivedAt is not null), p => Assert.Equal(copil.Date, DateOnly.FromDateTime(FrenchTime.Local(p.ArrivedAt!.Value))));
        Assert.Contains(attendance.Session.Notes, n => n.Text.Length > 0);
        Assert.Equal(2, attendance.Session.Outcomes.Count(o => o.Kind == OutcomeKind.Decision));
        var action = Assert.Single(attendance.Session.Outcomes, o => o.Kind == OutcomeKind.Action);

        // the action outcome became an action of the demonstration feuille de route, which remembers its origin
        var plans = fixture.App.Get<PlanService>();
        var plan = (await plans.GetAsync(access, action.PlanId!.Value))!;
        var made = Assert.Single(plan.Actions, a => a.Id == action.ActionId);
        Assert.Equal(new ActionOrigin(OriginKind.PointOrdreDuJour, action.Id), made.Origin);
        var minutes = (await sessions.MinutesAsync(access, copil.Id))!.Value.Markdown;
        Assert.Contains(action.Text, minutes, StringComparison.Ordinal);

        var interco = Assert.Single(list, s => s.Kind == SessionKind.Interconnaissance);
        Assert.Equal(SessionState.Prevue, interco.State);
        Assert.True(interco.Date > today);
        var invited = (await sessions.AttendanceAsync(access, interco.Id))!;
        Assert.True(invited.Participants.Count >= 10);
        Assert.True(invited.Yes >= 6);
        Assert.All(invited.Participants, p => Assert.EndsWith(".invalid", p.Email, StringComparison.Ordinal));

        // who met whom: the COPIL's structures have met; some invited to the interconnaissance never have
        var met = (await sessions.AcquaintancesAsync(access))!;
        Assert.Equal(1, met.ClosedSessions);
        Assert.True(met.Structures.Count >= 6);
        Assert.Empty(met.Structures.SelectMany(s => s.NeverMet));
        var newcomers = invited.Participants.Select(p => p.StructureName).Except(met.Structures.Select(s => s.Name)).ToList();
        Assert.NotEmpty(newcomers);
    }
}
