using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.SelfAssessment;

/// <summary>
/// A coordinator opens a collective self-assessment; a Mission Locale partner on a phone sees it open without reloading
/// and rates a condition; the coordinator sees her rating arrive live, is told in French that a level needs its
/// justification, then records the agreed level, and the score and the table over the semesters follow. The semester is
/// 2026-S2, begun whatever today is.
/// </summary>
public sealed class SelfAssessmentJourneyTests(SelfAssessmentJourneyTests.SelfAssessmentFixture fixture) : IClassFixture<SelfAssessmentJourneyTests.SelfAssessmentFixture>
{
    private const string Coordinator = "coord.autoeval@tests.invalid";
    private const string Partner = "ml.autoeval@tests.invalid";

    public sealed class SelfAssessmentFixture() : CoordinatorAndPartnerFixture("Cité de Tourcoing", Coordinator, "Camille", Partner, "Samia", "Mission Locale de Tourcoing");

    private string Page => fixture.Url($"/c/{fixture.Slug}/auto-evaluation?semestre=2026-S2");

    [Fact]
    public async Task TheCoordinatorOpensACollectiveAssessment_APartnerRatesOnHerPhone_AndTheAgreedLevelIsRecorded()
    {
        var (coordinatorContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordinatorContext;
        var (partnerContext, partner) = await fixture.SignInAsync(Partner, width: 360, height: 740);
        await using var __ = partnerContext;
        await coordinator.GotoInteractiveAsync(Page);
        await partner.GotoInteractiveAsync(Page);
        await Expect(partner.GetByTestId("assessment-state")).ToContainTextAsync("n'est pas ouverte");

        // the coordinator opens it, collective (the default)
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'auto-évaluation" }).ClickAsync();
        await Expect(coordinator.GetByTestId("assessment-state")).ToContainTextAsync("En cours — collective");

        // the partner's phone shows the rating forms without a reload; she rates 1.1 at level 2
        var rating = partner.GetByTestId("rate-1-1");
        await Expect(rating).ToBeVisibleAsync();
        await partner.AssertAccessibleAsync();
        Assert.False(await partner.HasHorizontalScrollAsync(), await partner.OverflowingElementsAsync());
        await rating.GetByRole(AriaRole.Radio, new() { Name = "2 — Amorcé" }).CheckAsync();
        await rating.Locator("#rate-1-1-text").FillAsync("Le binôme se réunit peu");
        await rating.GetByRole(AriaRole.Button, new() { Name = "Enregistrer ma note : 1.1" }).ClickAsync();

        // the coordinator sees it arrive, with her structure and the spread
        var ratings = coordinator.Locator("[data-ratings-of='1.1']");
        await Expect(ratings).ToContainTextAsync("Samia (Mission Locale de Tourcoing) : niveau 2 — « Le binôme se réunit peu »");
        await Expect(ratings).ToContainTextAsync("toutes au niveau 2");

        // a level without justification is refused beside the field; with one it is recorded, for everyone
        var agree = coordinator.GetByTestId("agree-1-1");
        await agree.GetByRole(AriaRole.Radio, new() { Name = "3 — En place" }).CheckAsync();
        await agree.GetByRole(AriaRole.Button, new() { Name = "Retenir ce niveau : 1.1" }).ClickAsync();
        await Expect(agree).ToContainTextAsync("Justifiez le niveau retenu : ce qui, dans la Cité, le montre.");
        await agree.Locator("#agree-1-1-text").FillAsync("Binôme réuni à chaque comité de pilotage");
        await agree.GetByRole(AriaRole.Button, new() { Name = "Retenir ce niveau : 1.1" }).ClickAsync();
        await Expect(coordinator.Locator("[data-agreed-of='1.1']")).ToContainTextAsync("Niveau retenu : 3 — En place");
        await Expect(partner.Locator("[data-agreed-of='1.1']")).ToContainTextAsync("Binôme réuni à chaque comité de pilotage");

        // the score (2 points × weight 2 of 3 × 2) and the table beside the radar
        await Expect(coordinator.GetByTestId("assessment-score")).ToContainTextAsync("66,7 %");
        await Expect(coordinator.GetByTestId("assessment-radar").Locator("table")).ToContainTextAsync("2026-S2");
        await coordinator.AssertAccessibleAsync();
        Assert.False(await partner.HasHorizontalScrollAsync(), await partner.OverflowingElementsAsync());
    }
}
