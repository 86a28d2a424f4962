using Bunit;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Tests.Features;
using CiteEmploi.Web.Components.Pages.SelfAssessment;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.SelfAssessment;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components.Pages.SelfAssessment;

/// <summary>The reopening form over a real SQLite database: no reason is said beside the field and nothing changes; with one, the assessment is open again.</summary>
public sealed class AssessmentReopenFormTests : MudTestContext, IClassFixture<SqliteDatabaseFixture>
{
    private readonly SqliteDatabaseFixture _database;
    private readonly SelfAssessmentService _service;

    public AssessmentReopenFormTests(SqliteDatabaseFixture database)
    {
        _database = database;
        _service = new SelfAssessmentService(new CiteDbContextFactory(new TestDbContextFactory(database)), TimeProvider.System);
        Services.AddSingleton(_service);
    }

    [Fact]
    public async Task WithoutAReason_TheMessageIsBesideTheField_AndTheAssessmentStaysClosed_ThenAReasonReopensIt()
    {
        var (a, _) = await _database.SeedTwoCitesAsync(("coord", "Camille"));
        var coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        Assert.True((await _service.OpenAsync(coordinator, "2025-S2", AssessmentMode.Coordination)).Succeeded);
        foreach (var condition in ConditionGrid.Current.Conditions)
        {
            Assert.True((await _service.AgreeAsync(coordinator, "2025-S2", condition.Code, 3, "Constaté en séance")).Succeeded);
        }
        Assert.True((await _service.CloseAsync(coordinator, "2025-S2")).Succeeded);
        var reopened = 0;
        var cut = Render<AssessmentReopenForm>(p => p.Add(f => f.Access, coordinator).Add(f => f.Semester, "2025-S2").Add(f => f.OnReopened, () => reopened++));

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Dites pourquoi vous rouvrez l'auto-évaluation : la raison est gardée dans le journal de la Cité.",
            cut.Find(".mud-input-control").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("#assessment-reopen-reason").GetAttribute("aria-invalid"));
        Assert.Equal(0, reopened);
        Assert.True((await _service.ViewAsync(coordinator, Period.Semester(2025, 2)))!.IsClosed);

        cut.Find("#assessment-reopen-reason").Change("Le COPIL a revu le niveau du copilotage");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(1, reopened));
        var view = (await _service.ViewAsync(coordinator, Period.Semester(2025, 2)))!;
        Assert.True(view.IsOpen);
        Assert.EndsWith("Raison : Le COPIL a revu le niveau du copilotage", Assert.Single(view.Reopenings).Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Dites pourquoi", cut.Markup, StringComparison.Ordinal);
    }
}
