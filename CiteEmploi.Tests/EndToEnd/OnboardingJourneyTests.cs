using System.Net;
using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>
/// The whole onboarding, as the issue describes it: administrator → creates a Cité → invites its coordinator → the
/// coordinator invites a partner → each sees exactly what their role allows, and the security log tells the story.
/// </summary>
public sealed class OnboardingJourneyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AdministratorToCoordinatorToPartner_EachSeesWhatTheirRoleAllows()
    {
        var (adminContext, admin) = await fixture.SignInAsync(AppFixture.AdminEmail);
        await using var _ = adminContext;
        await admin.GotoInteractiveAsync(fixture.Url("/cites/nouvelle"));
        await admin.GetByLabel("Nom de la Cité").FillAsync("Cité de l'emploi de Vierzon");
        await admin.GetByLabel("Nom du territoire").FillAsync("Vierzon");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Créer la Cité" }).ClickAsync();
        await admin.WaitForInPageNavigationAsync("**/admin?cite=cite-de-l-emploi-de-vierzon");

        // The new Cité is preselected: the administrator names its coordinator.
        await admin.GetByLabel("E-mail du coordinateur ou de la coordinatrice").FillAsync("lea.coord@vierzon.invalid");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Inviter comme coordinateur·rice" }).ClickAsync();
        var coordinatorLink = await admin.GetByLabel("Lien d'invitation").InputValueAsync();
        await admin.AssertAccessibleAsync();

        await using var coordContext = await Browser.NewContextAsync();
        var coordinator = await coordContext.NewPageAsync();
        await Join(coordinator, coordinatorLink, "Léa Coordinatrice", "phrase de léa la coordinatrice");
        await coordinator.WaitForURLAsync("**/c/cite-de-l-emploi-de-vierzon");
        await Expect(coordinator.GetByText("Coordinateur·rice")).ToBeVisibleAsync();

        await coordinator.GotoInteractiveAsync(fixture.Url("/c/cite-de-l-emploi-de-vierzon/membres"));
        await coordinator.GetByLabel("Adresse e-mail").FillAsync("paul@epide.invalid");
        await coordinator.ChooseAsync("Rôle", "Partenaire");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Inviter" }).ClickAsync();
        var partnerLink = await coordinator.GetByLabel("Lien d'invitation").InputValueAsync();

        await using var partnerContext = await Browser.NewContextAsync(360, 740);
        var partner = await partnerContext.NewPageAsync();
        await Join(partner, partnerLink, "Paul Partenaire", "phrase de paul le partenaire");
        await partner.WaitForURLAsync("**/c/cite-de-l-emploi-de-vierzon");
        await partner.WaitForInteractiveAsync();

        // The partner reads, but neither edits, nor invites, nor reads the log. On a phone the menu opens first.
        await partner.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        var nav = partner.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Membres" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Profil de la Cité" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Journal de sécurité" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await partner.AssertAccessibleAsync();
        foreach (var path in new[] { "/c/cite-de-l-emploi-de-vierzon/modifier", "/c/cite-de-l-emploi-de-vierzon/journal", "/admin" })
        {
            var response = await partner.GotoAsync(fixture.Url(path));
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        }

        // The administrator is not a member: no Cité content, but the whole security log.
        var refused = await admin.GotoAsync(fixture.Url("/c/cite-de-l-emploi-de-vierzon"));
        Assert.Equal((int)HttpStatusCode.NotFound, refused!.Status);
        await admin.GotoInteractiveAsync(fixture.Url("/admin"));
        var log = admin.GetByRole(AriaRole.Region, new() { Name = "Journal de sécurité" });
        await Expect(log).ToContainTextAsync("lea.coord@vierzon.invalid");
        await Expect(log).ToContainTextAsync("paul@epide.invalid");
        await Expect(log).ToContainTextAsync("Invitation acceptée");
        await Expect(admin.AdminCites()
            .GetByRole(AriaRole.Row, new() { Name = "Cité de l'emploi de Vierzon" })).ToContainTextAsync("2");
    }

    private static async Task Join(IPage page, string link, string name, string password)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Votre nom (visible des membres de la Cité)").FillAsync(name);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirmation du mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon accès et rejoindre" }).ClickAsync();
    }
}
