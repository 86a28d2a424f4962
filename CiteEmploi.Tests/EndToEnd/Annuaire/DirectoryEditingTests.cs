using System.Net;
using System.Text.RegularExpressions;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Annuaire;

/// <summary>
/// The directory's structure and service pages as people use them, on a phone-sized screen where it matters: a
/// coordinator fills the directory, a partner keeps their own structure up to date, and everyone else only reads.
/// Few journeys, each checking many things: browser tests are slow.
/// </summary>
public sealed partial class DirectoryEditingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private DirectoryService Directory => fixture.App.Get<DirectoryService>();

    [Fact]
    public async Task Coordinator_CreatesAStructureAndAService_WithFrenchMessagesBesideTheBadFields_ThenPublishes()
    {
        var slug = await fixture.CreateCiteAsync("Cité du Valmont");
        var cites = fixture.App.Get<CiteService>();
        var cite = (await cites.GetAsync(slug))!;
        Assert.True((await cites.UpdateProfileAsync(slug, cite.Profile with { Qpvs = [new Qpv("QP090001", "Les Résidences")] }, cite.Version)).Succeeded);
        await fixture.CreatePersonAsync("coord.valmont@tests.invalid", slug, CiteRole.Coordinateur, "Léa Coordinatrice");
        var (context, page) = await fixture.SignInAsync("coord.valmont@tests.invalid", 360, 740);
        await using var _ = context;
        var operatorAccess = (await cites.OperatorAccessAsync(slug))!;

        // An empty directory says so, and offers the first structure.
        await page.GotoInteractiveAsync(fixture.Url($"/c/{slug}/annuaire/structures"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aucune structure pour l'instant" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Rien à vérifier")).ToBeVisibleAsync();
        await AssertPhoneFriendlyAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle structure" }).ClickAsync();
        await page.WaitForInPageNavigationAsync($"**/c/{slug}/annuaire/structures/nouvelle");
        await AssertPhoneFriendlyAsync(page);

        // Too short a name and a bad e-mail: each message beside its field, nothing saved.
        await page.GetByLabel("Nom de la structure").FillAsync("ML");
        await page.GetByLabel("E-mail").FillAsync("accueil-at-ml-valmont.fr");
        await page.GetByLabel("Commune", new() { Exact = true }).FillAsync("Valmont");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la structure" }).ClickAsync();
        await Expect(page.Locator("#structure-Name-error")).ToContainTextAsync("entre 3 et 150 caractères (actuellement 2)");
        await Expect(page.GetByLabel("Nom de la structure")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Nom de la structure")).ToHaveAttributeAsync("aria-describedby", "structure-Name-error");
        await Expect(page.Locator("#structure-Email-error")).ToContainTextAsync("Adresse e-mail invalide « accueil-at-ml-valmont.fr »");
        await Expect(page.Locator("#form-summary")).ToContainTextAsync("2 informations sont à corriger : rien n'a été enregistré");
        await Expect(page.GetByLabel("Commune", new() { Exact = true })).ToHaveValueAsync("Valmont");
        Assert.Empty(await Directory.ListStructuresAsync(operatorAccess));
        await AssertPhoneFriendlyAsync(page);

        await page.GetByLabel("Nom de la structure").FillAsync("Mission Locale du Valmont");
        await page.GetByLabel("E-mail").FillAsync("accueil@ml-valmont.fr");
        await page.GetByLabel("Téléphone").FillAsync("03 84 54 24 24");
        await page.GetByLabel("Code INSEE de la commune").FillAsync("90010");
        await page.GetByLabel("Horaires d'accueil").FillAsync("Mo-Fr 09:00-12:00,14:00-17:00");
        await page.GetByLabel("Description").FillAsync("Accompagne les **jeunes de 16 à 25 ans** vers l'emploi.");
        await page.GetByLabel("Filtrer la liste").FillAsync("mission loc");
        await page.GetByLabel("Filtrer la liste").PressAsync("Enter"); // filters; must not submit the form
        await page.GetByLabel("Mission Locale", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Les Résidences (QP090001)").CheckAsync();
        await Expect(page.GetByLabel("Mission Locale", new() { Exact = true })).ToBeCheckedAsync();
        Assert.Empty(await Directory.ListStructuresAsync(operatorAccess));
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la structure" }).ClickAsync();
        await page.WaitForInPageNavigationAsync(StructurePageUrl());
        var structure = Assert.Single(await Directory.ListStructuresAsync(operatorAccess));
        var stored = (await Directory.GetStructureAsync(operatorAccess, structure.Id))!.Structure;
        Assert.Equal(["mission-locale"], stored.Networks);
        Assert.Equal(["QP090001"], stored.QpvCodes);

        // The structure page: Markdown rendered, click-to-call and e-mail links.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mission Locale du Valmont" })).ToBeVisibleAsync();
        await Expect(page.Locator(".markdown strong")).ToHaveTextAsync("jeunes de 16 à 25 ans");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "03 84 54 24 24" })).ToHaveAttributeAsync("href", "tel:0384542424");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "accueil@ml-valmont.fr" })).ToHaveAttributeAsync("href", "mailto:accueil@ml-valmont.fr");
        await Expect(page.Locator("main")).ToContainTextAsync("Les Résidences (QP090001)");
        await Expect(page.Locator("main")).ToContainTextAsync("du lundi au vendredi");
        await AssertPhoneFriendlyAsync(page);

        // Someone else saves the structure while the coordinator edits it: told at once, then on saving; input kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier la structure" }).ClickAsync();
        await page.WaitForInPageNavigationAsync($"**/annuaire/structures/{structure.Id}/modifier");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Téléphone").FillAsync("03 84 00 00 01");
        await page.GetByLabel("Téléphone").BlurAsync();
        Assert.True((await Directory.UpdateStructureAsync(operatorAccess, structure.Id, stored.ToDetails() with { Website = "https://ml-valmont.fr" }, stored.Version)).Succeeded);
        await Expect(page.GetByText("Quelqu'un vient d'enregistrer cette structure. Vos saisies sont conservées.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.Locator("#form-summary")).ToContainTextAsync("Quelqu'un d'autre a enregistré cette structure pendant votre saisie");
        await Expect(page.GetByLabel("Téléphone")).ToHaveValueAsync("03 84 00 00 01");
        await AssertPhoneFriendlyAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForInPageNavigationAsync(StructurePageUrl());
        Assert.Equal("03 84 00 00 01", (await Directory.GetStructureAsync(operatorAccess, structure.Id))!.Structure.Phone);

        // A service: publishing without a thématique is refused beside the thématiques, nothing saved.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau service" }).ClickAsync();
        await page.WaitForInPageNavigationAsync($"**/annuaire/structures/{structure.Id}/services/nouveau");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Nom du service").FillAsync("Aide au permis de conduire");
        await page.GetByLabel("Description").FillAsync("Un financement et un suivi pour passer le permis B.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et publier" }).ClickAsync();
        await Expect(page.Locator("#service-Thematiques-error")).ToContainTextAsync("Choisissez au moins une thématique avant de publier");
        await Expect(page.GetByLabel("Nom du service")).ToHaveValueAsync("Aide au permis de conduire");
        Assert.Equal(0, (await Directory.ListStructuresAsync(operatorAccess)).Single().DraftServices);
        await AssertPhoneFriendlyAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Mobilité", Exact = true }).ClickAsync(); // the category's panel
        await page.GetByLabel("Préparer un permis").CheckAsync();
        await Expect(page.Locator("#service-Thematiques-hint")).ToContainTextAsync("Freins couverts : Mobilité");
        // « Tous publics » excludes the others, both ways.
        await page.GetByLabel("Jeunes", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Tous publics").CheckAsync();
        await Expect(page.GetByLabel("Jeunes", new() { Exact = true })).Not.ToBeCheckedAsync();
        await page.GetByLabel("Jeunes", new() { Exact = true }).CheckAsync();
        await Expect(page.GetByLabel("Tous publics")).Not.ToBeCheckedAsync();
        await page.GetByLabel("Gratuit").CheckAsync();
        await page.GetByLabel("E-mail du contact").FillAsync("permis@ml-valmont.fr");
        await page.GetByLabel("Heures par semaine").FillAsync("3,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et publier" }).ClickAsync();
        await page.WaitForInPageNavigationAsync(ServicePageUrl());
        var service = Assert.Single((await Directory.GetStructureAsync(operatorAccess, structure.Id))!.Services);
        Assert.Equal(ServiceStatus.Publie, service.Status);
        Assert.Equal(["jeunes"], service.Publics);
        Assert.Equal(3.5m, service.WeeklyHours);
        Assert.Equal("permis@ml-valmont.fr", service.Contact?.Email);

        // Status actions on the stored service: archive (after a confirmation), back to draft, publish again.
        await page.GotoInteractiveAsync(fixture.Url($"/c/{slug}/annuaire/services/{service.Id}/modifier"));
        var state = page.GetByRole(AriaRole.Region, new() { Name = "État du service" });
        await Expect(state.Locator(".status-chip")).ToHaveTextAsync("Publié");
        await state.GetByRole(AriaRole.Button, new() { Name = "Archiver" }).ClickAsync();
        await page.AssertAccessibleAsync(); // with the confirmation dialog open
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Archiver" }).ClickAsync();
        await Expect(state.Locator(".status-chip")).ToHaveTextAsync("Archivé");
        await Expect(page.GetByText("Ce service est archivé : remettez-le en brouillon pour modifier ses informations.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nom du service")).ToHaveCountAsync(0);
        await AssertPhoneFriendlyAsync(page);
        await state.GetByRole(AriaRole.Button, new() { Name = "Remettre en brouillon" }).ClickAsync();
        await Expect(state.Locator(".status-chip")).ToHaveTextAsync("Brouillon");
        await Expect(page.GetByLabel("Nom du service")).ToHaveValueAsync("Aide au permis de conduire");
        await state.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        await Expect(state.Locator(".status-chip")).ToHaveTextAsync("Publié");
        // Our own actions are not mistaken for someone else's save.
        await Expect(page.GetByText("Quelqu'un vient d'enregistrer ce service")).ToHaveCountAsync(0);
        Assert.Equal(ServiceStatus.Publie, (await Directory.GetServiceAsync(operatorAccess, service.Id))!.Service.Status);

        // Back on the list: the structure with its published service.
        await page.GotoInteractiveAsync(fixture.Url($"/c/{slug}/annuaire/structures"));
        await Expect(page.Locator($"[data-structure='{structure.Id}']")).ToContainTextAsync("1 service publié");
        await AssertPhoneFriendlyAsync(page);
    }

    [Fact]
    public async Task LinkedPartner_ConfirmsAndEditsTheirService_OthersSeeItLive_AndNobodyElseGetsTheEditPages()
    {
        var slug = await fixture.CreateCiteAsync("Cité de Sombreval");
        await fixture.CreatePersonAsync("coord.sombreval@tests.invalid", slug, CiteRole.Coordinateur, "Coordinateur Sombreval");
        await fixture.CreatePersonAsync("paula@auto-ecole.invalid", slug, CiteRole.Partenaire, "Paula Partenaire");
        await fixture.CreatePersonAsync("pierre@autre.invalid", slug, CiteRole.Partenaire, "Pierre Autrepart");
        await fixture.CreatePersonAsync("olga@tests.invalid", slug, CiteRole.Observateur, "Olga Observatrice");
        var operatorAccess = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var structureId = Guid.Parse((await Directory.CreateStructureAsync(operatorAccess, new StructureDetails { Name = "Auto-école sociale de Sombreval" })).Value!);
        var serviceId = Guid.Parse((await Directory.CreateServiceAsync(operatorAccess, structureId, new ServiceDetails
        {
            Name = "Permis accompagné",
            Description = "Des leçons de conduite à petit prix avec un moniteur formé à l'accompagnement.",
            Thematiques = ["mobilite--preparer-un-permis"],
        }, publish: true)).Value!);
        var staleId = await AddStaleServiceAsync(operatorAccess, structureId, "Code de la route en ligne");

        // The coordinator links Paula's account to the structure.
        var (coordContext, coordinator) = await fixture.SignInAsync("coord.sombreval@tests.invalid");
        await using var _ = coordContext;
        await coordinator.GotoInteractiveAsync(fixture.Url($"/c/{slug}/annuaire/structures/{structureId}"));
        await coordinator.GetByLabel("Associer un membre de la Cité").ClickAsync();
        await coordinator.GetByRole(AriaRole.Option, new() { Name = "Paula Partenaire" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Associer", Exact = true }).ClickAsync();
        await Expect(coordinator.Locator("[data-member='paula@auto-ecole.invalid']")).ToContainTextAsync("Paula Partenaire");
        await coordinator.AssertAccessibleAsync();

        // An observer watches the structure page: no edit button for them.
        var (watcherContext, watcher) = await fixture.SignInAsync("olga@tests.invalid");
        await using var __ = watcherContext;
        await watcher.GotoInteractiveAsync(fixture.Url($"/c/{slug}/annuaire/structures/{structureId}"));
        await watcher.EvaluateAsync("() => { window.__sameDocument = true; }");
        await Expect(watcher.GetByRole(AriaRole.Link, new() { Name = "Permis accompagné" })).ToBeVisibleAsync();
        await Expect(watcher.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await Expect(watcher.GetByRole(AriaRole.Link, new() { Name = "Nouveau service" })).ToHaveCountAsync(0);
        // Drafts are for those who may edit: the stale imported draft is not listed for an observer.
        await Expect(watcher.GetByText("Code de la route en ligne")).ToHaveCountAsync(0);
        await watcher.AssertAccessibleAsync();

        // Paula, on her phone, sees what to check for her structure and confirms it in one click.
        var (partnerContext, partner) = await fixture.SignInAsync("paula@auto-ecole.invalid", 360, 740);
        await using var ___ = partnerContext;
        await partner.GotoInteractiveAsync(fixture.Url($"/c/{slug}/annuaire/structures"));
        var toCheck = partner.GetByRole(AriaRole.Region, new() { Name = "Informations à vérifier" });
        await Expect(toCheck).ToContainTextAsync("Code de la route en ligne");
        await Expect(partner.Locator($"[data-structure='{structureId}'] .structure-stale")).ToHaveTextAsync("À vérifier : 1");
        await AssertPhoneFriendlyAsync(partner);
        await toCheck.GetByRole(AriaRole.Button, new() { Name = "Toujours exact : Code de la route en ligne" }).ClickAsync();
        await Expect(toCheck).ToContainTextAsync("Rien à vérifier");
        await Expect(partner.Locator($"[data-structure='{structureId}'] .structure-stale")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await Directory.StaleServicesAsync(operatorAccess), s => s.ServiceId == staleId);

        // She edits her published service; meanwhile the coordinator saves it too: her input is kept, she saves knowingly.
        await partner.GetByRole(AriaRole.Link, new() { Name = "Auto-école sociale de Sombreval" }).ClickAsync();
        await partner.WaitForInPageNavigationAsync($"**/annuaire/structures/{structureId}");
        await Expect(partner.GetByRole(AriaRole.Link, new() { Name = "Modifier la structure" })).ToBeVisibleAsync();
        await AssertPhoneFriendlyAsync(partner);
        await partner.GetByRole(AriaRole.Link, new() { Name = "Modifier « Permis accompagné »" }).ClickAsync();
        await partner.WaitForInPageNavigationAsync($"**/annuaire/services/{serviceId}/modifier");
        await partner.WaitForInteractiveAsync();
        await AssertPhoneFriendlyAsync(partner);
        await partner.GetByLabel("Nom du service").FillAsync("Permis accompagné — nouvelles dates");
        await partner.GetByLabel("Nom du service").BlurAsync();

        var current = (await Directory.GetServiceAsync(operatorAccess, serviceId))!.Service;
        Assert.True((await Directory.UpdateServiceAsync(operatorAccess, serviceId,
            current.ToDetails() with { AccessConditions = "Inscription à l'accueil." }, current.Version)).Succeeded);
        await Expect(partner.GetByText("Quelqu'un vient d'enregistrer ce service. Vos saisies sont conservées.")).ToBeVisibleAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(partner.Locator("#form-summary")).ToContainTextAsync("Vos saisies sont conservées");
        await Expect(partner.GetByLabel("Nom du service")).ToHaveValueAsync("Permis accompagné — nouvelles dates");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await partner.WaitForInPageNavigationAsync(ServicePageUrl());
        Assert.Equal("Permis accompagné — nouvelles dates", (await Directory.GetServiceAsync(operatorAccess, serviceId))!.Service.Name);

        // The observer's page follows without a reload.
        await Expect(watcher.GetByRole(AriaRole.Link, new() { Name = "Permis accompagné — nouvelles dates" })).ToBeVisibleAsync();
        Assert.True(await watcher.EvaluateAsync<bool>("() => window.__sameDocument === true"), "la page de l'observatrice a été rechargée");

        // A partner of another structure reads the page but gets no edit button, and the edit addresses do not exist for him.
        var (otherContext, other) = await fixture.SignInAsync("pierre@autre.invalid");
        await using var ____ = otherContext;
        await other.GotoInteractiveAsync(fixture.Url($"/c/{slug}/annuaire/structures/{structureId}"));
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = "Permis accompagné — nouvelles dates" })).ToBeVisibleAsync();
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = "Nouveau service" })).ToHaveCountAsync(0);
        await other.AssertAccessibleAsync();
        foreach (var path in new[]
        {
            $"/c/{slug}/annuaire/services/{serviceId}/modifier",
            $"/c/{slug}/annuaire/structures/{structureId}/modifier",
            $"/c/{slug}/annuaire/structures/{structureId}/services/nouveau",
            $"/c/{slug}/annuaire/structures/nouvelle",
        })
        {
            var response = await other.GotoAsync(fixture.Url(path));
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        }
        var observerTry = await watcherContext.NewPageAsync();
        var refused = await observerTry.GotoAsync(fixture.Url($"/c/{slug}/annuaire/services/{serviceId}/modifier"));
        Assert.Equal((int)HttpStatusCode.NotFound, refused!.Status);
    }

    private static async Task AssertPhoneFriendlyAsync(IPage page)
    {
        await page.AssertAccessibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), $"défilement horizontal sur {page.Url} : {await page.OverflowingElementsAsync()}");
    }

    /// <summary>A draft last updated over a year ago, as an import of an old data·inclusion file would leave it.</summary>
    private async Task<Guid> AddStaleServiceAsync(CiteAccess access, Guid structureId, string name)
    {
        await using var db = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(access);
        var structure = db.Structures.Single(s => s.Id == structureId);
        var service = Service.Import(structure, new ExternalReference("tests", name), new ServiceDetails
        {
            Name = name,
            Description = "Des séances de code en ligne avec un suivi hebdomadaire.",
            Thematiques = ["mobilite--preparer-un-permis"],
        }, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-Service.StaleAfterMonths - 6), DateTimeOffset.UtcNow);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return service.Id;
    }

    [GeneratedRegex(@"/annuaire/structures/[0-9a-f-]{36}$")]
    private static partial Regex StructurePageUrl();

    [GeneratedRegex(@"/annuaire/services/[0-9a-f-]{36}$")]
    private static partial Regex ServicePageUrl();
}
