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

/// <summary>The rating, agreed-level and reopening forms over a real SQLite database: the domain's French messages beside their fields, nothing stored on a refusal.</summary>
public sealed class ConditionLevelFormTests : MudTestContext, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _database;
    private readonly SelfAssessmentService _service;

    public ConditionLevelFormTests(DatabaseFixture database)
    {
        _database = database;
        _service = new SelfAssessmentService(new CiteDbContextFactory(new TestDbContextFactory(database)), TimeProvider.System);
        Services.AddSingleton(_service);
    }

    private async Task<(CiteAccess Coordinator, ConditionView Condition)> OpenAsync()
    {
        var (a, _) = await _database.SeedTwoCitesAsync(("coord", "Camille"));
        var coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        Assert.True((await _service.OpenAsync(coordinator, "2025-S2", AssessmentMode.Collective)).Succeeded);
        return (coordinator, await ConditionAsync(coordinator));
    }

    private async Task<ConditionView> ConditionAsync(CiteAccess access) =>
        (await _service.ViewAsync(access, Period.Semester(2025, 2)))!.Conditions.Single(c => c.Code == "1.2");

    [Fact]
    public async Task AnAgreedLevel_WithoutLevelNorJustification_IsRefusedBesideEachField_ThenStoredOnceGiven()
    {
        var (coordinator, condition) = await OpenAsync();
        var saved = 0;
        var cut = Render<ConditionLevelForm>(p => p.Add(f => f.Access, coordinator).Add(f => f.Semester, "2025-S2").Add(f => f.Condition, condition)
            .Add(f => f.Agreed, true).Add(f => f.OnSaved, () => saved++));

        cut.Find("form#agree-1-2").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Choisissez un niveau de 1 à 4 pour la condition 1.2.", cut.Find("#agree-1-2-level-error").TextContent));
        Assert.Contains("Justifiez le niveau retenu : ce qui, dans la Cité, le montre.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("agree-1-2-level-error", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Null((await ConditionAsync(coordinator)).Agreed);

        cut.FindAll("input[type='radio']")[2].Click(); // 3 — En place
        cut.Find("#agree-1-2-text").Change("Préfecture et DDETS ont chacune un interlocuteur");
        cut.Find("form#agree-1-2").Submit();

        cut.WaitForAssertion(() => Assert.Equal(1, saved));
        Assert.Empty(cut.FindAll("#agree-1-2-level-error"));
        Assert.Equal((3, "Préfecture et DDETS ont chacune un interlocuteur"), ((await ConditionAsync(coordinator)).Agreed!.Level, (await ConditionAsync(coordinator)).Agreed!.Justification));
    }

    [Fact]
    public async Task ATooLongComment_IsSaidBesideTheCommentField_AndTheRatingIsNotStored()
    {
        var (coordinator, condition) = await OpenAsync();
        var cut = Render<ConditionLevelForm>(p => p.Add(f => f.Access, coordinator).Add(f => f.Semester, "2025-S2").Add(f => f.Condition, condition));

        cut.FindAll("input[type='radio']")[1].Click(); // 2 — Amorcé
        cut.Find("#rate-1-2-text").Change(new string('x', SelfAssessmentRules.CommentMaxLength + 3));
        cut.Find("form#rate-1-2").Submit();

        cut.WaitForAssertion(() => Assert.Contains($"Le commentaire compte au plus {SelfAssessmentRules.CommentMaxLength} caractères (actuellement {SelfAssessmentRules.CommentMaxLength + 3}).",
            cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#rate-1-2-level-error"));
        Assert.Empty((await ConditionAsync(coordinator)).Ratings);
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
