using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>A coordinator creates, edits and archives Cités in Chromium, as a person would.</summary>
public sealed class CitesEndToEndTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AdministratorCreatesACite_ThroughTheForm_ThenIsAskedToNameItsCoordinator()
    {
        var (context, page) = await fixture.SignInThroughTheFormAsync(AppFixture.AdminEmail);
        await using var _ = context;
        await page.WaitForInteractiveAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle Cité" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle Cité", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Nom de la Cité").FillAsync("Cité de l'emploi de Belfort");
        await page.GetByLabel("Nom du territoire").FillAsync("Grand Belfort");
        await page.GetByRole(AriaRole.Radio, new() { Name = "EPCI (intercommunalité)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un QPV" }).ClickAsync();
        await page.GetByLabel("Code du QPV 1").FillAsync("QN09001M");
        await page.GetByLabel("Nom du quartier 1").FillAsync("Les Résidences");
        await page.GetByLabel("Budget total (€)").FillAsync("100 000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un cofinanceur" }).ClickAsync();
        await page.GetByLabel("Nom du cofinanceur 1").FillAsync("Préfecture");
        await page.GetByLabel("Montant 1 (€)").FillAsync("50000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la Cité" }).ClickAsync();

        await page.WaitForInPageNavigationAsync("**/admin?cite=cite-de-l-emploi-de-belfort");
        await Expect(page.GetByText("Cité créée : « Cité de l'emploi de Belfort »")).ToBeVisibleAsync();
        await Expect(page.AdminCites()).ToContainTextAsync("Cité de l'emploi de Belfort");
        await Expect(page.GetByLabel("Cité", new() { Exact = true })).ToHaveValueAsync("Cité de l'emploi de Belfort");
        await page.AssertAccessibleAsync();

        var stored = await fixture.App.Get<CiteService>().GetAsync("cite-de-l-emploi-de-belfort");
        Assert.NotNull(stored);
        Assert.Equal(100_000m, stored.Profile.BudgetAmount);
        Assert.Equal("QN09001M", Assert.Single(stored.Profile.Qpvs).Code);
    }

    [Fact]
    public async Task BadInput_ShowsFrenchMessagesBesideTheFields_AndSavesNothing()
    {
        var before = (await fixture.App.Get<CiteService>().ListAsync(includeArchived: true)).Count;
        var (context, page) = await fixture.SignInAsync(AppFixture.AdminEmail);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url("/cites/nouvelle"));

        await page.GetByLabel("Nom de la Cité").FillAsync("!!!");
        await page.GetByLabel("Identifiant court (dans les adresses)").FillAsync("Pas Bon!");
        await page.GetByLabel("Budget total (€)").FillAsync("-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un QPV" }).ClickAsync();
        await page.GetByLabel("Code du QPV 1").FillAsync("ZZ123");
        await page.GetByLabel("Nom du quartier 1").FillAsync("Quartier inventé");
        await page.GetByLabel("E-mail").FillAsync("pas-un-email");
        await page.GetByLabel("Coordinateur ou coordinatrice").FillAsync("Alex");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la Cité" }).ClickAsync();

        await Expect(page.Locator("#form-summary")).ToContainTextAsync("rien n'a été enregistré");
        await Expect(page.Locator("#cite-Name-error")).ToContainTextAsync("doit contenir au moins une lettre ou un chiffre");
        await Expect(page.Locator("#cite-BudgetAmount-error")).ToContainTextAsync("ne peut pas être négatif");
        await Expect(page.Locator("#cite-Qpvs-error")).ToContainTextAsync("Code QPV inconnu « ZZ123 »");
        await Expect(page.Locator("#cite-CoordinatorEmail-error")).ToContainTextAsync("Adresse e-mail invalide");
        await Expect(page.Locator("#cite-TerritoryName-error")).ToContainTextAsync("Indiquez le nom du territoire");
        await Expect(page.GetByLabel("Nom de la Cité")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Nom de la Cité")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("cite-Name-error"));
        await page.AssertAccessibleAsync();

        // An unreadable amount is reported, not silently turned into zero.
        await page.GetByLabel("Budget total (€)").FillAsync("cent mille");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la Cité" }).ClickAsync();
        await Expect(page.Locator("#cite-BudgetAmount-error")).ToContainTextAsync("Montant invalide");

        Assert.Equal(before, (await fixture.App.Get<CiteService>().ListAsync(includeArchived: true)).Count);
        Assert.EndsWith("/cites/nouvelle", page.Url, StringComparison.Ordinal);
    }
}
