using System.Net;
using System.Text.RegularExpressions;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Roadmap;

/// <summary>
/// The feuille de route tried as a workshop would: a coordinator creates the plan, an axis and an action with a pilot,
/// dates and a budget line; a partner on a phone sees it appear and edits their action while the coordinator has it
/// open; an observer reads but cannot edit; a member of another Cité meets the same 404 as for a page that does not exist.
/// </summary>
public sealed partial class RoadmapJourneyTests(RoadmapJourneyTests.Lorient fixture) : IClassFixture<RoadmapJourneyTests.Lorient>
{
    private const string Coordinator = "coord.lorient@tests.invalid";
    private const string Samia = "samia.lorient@tests.invalid";
    private const string Observer = "obs.lorient@tests.invalid";
    private const string Outsider = "coord.vannes@tests.invalid";

    public sealed class Lorient : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;
        public string Other { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Lorient");
            Other = await CreateCiteAsync("Cité de Vannes");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            var samia = await CreatePersonAsync(Samia, Slug, CiteRole.Partenaire, "Samia Benali");
            await CreatePersonAsync(Observer, Slug, CiteRole.Observateur, "Léa Observatrice");
            await CreatePersonAsync(Outsider, Other, CiteRole.Coordinateur, "Yann de Vannes");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(Slug))!;
            var directory = App.Get<DirectoryService>();
            var missionLocale = await directory.CreateStructureAsync(access, new StructureDetails { Name = "Mission Locale de Lorient" });
            Assert.True(missionLocale.Succeeded, missionLocale.Describe());
            var franceTravail = await directory.CreateStructureAsync(access, new StructureDetails { Name = "France Travail Lorient" });
            Assert.True(franceTravail.Succeeded, franceTravail.Describe());
            var linked = await directory.LinkMemberAsync(access, samia, Guid.Parse(missionLocale.Value!));
            Assert.True(linked.Succeeded, linked.Describe());
        }

        public string PlansUrl(string? slug = null) => Url($"/c/{slug ?? Slug}/feuille-de-route");
    }

    [GeneratedRegex(@"/feuille-de-route/[0-9a-f-]{36}$")]
    private static partial Regex PlanUrl();

    [GeneratedRegex(@"/actions/[0-9a-f-]{36}$")]
    private static partial Regex ActionUrl();

    private static async Task AssertFitsAPhoneAsync(IPage page)
    {
        Assert.False(await page.HasHorizontalScrollAsync(), "défilement horizontal : " + await page.OverflowingElementsAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeInViewportAsync();
    }

    [Fact]
    public async Task CoordinatorBuildsThePlan_PartnerSeesItLiveAndEditsTheirAction_ObserverOnlyReads()
    {
        var (coordContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordContext;
        await coordinator.GotoInteractiveAsync(fixture.PlansUrl());
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Feuille de route", Level = 1 })).ToBeVisibleAsync();
        await Expect(coordinator.GetByText("Aucune feuille de route pour l'instant.")).ToBeVisibleAsync();
        await Expect(coordinator.Locator(".empty-state")).ToContainTextAsync("Créez-la ci-dessous"); // the Cité's plans first, the form after them
        Assert.True(await coordinator.EvaluateAsync<bool>("() => !!(document.getElementById('liste-feuilles').compareDocumentPosition(document.getElementById('nouvelle-feuille')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        await Expect(coordinator.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Feuille de route" })).ToBeVisibleAsync();
        await coordinator.AssertAccessibleAsync();

        // Bad input: each French message beside its field, nothing created.
        await coordinator.GetByLabel("Année de début *").FillAsync("2027");
        await coordinator.GetByLabel("Année de fin *").FillAsync("2025");
        await coordinator.GetByLabel("Enveloppe de la Cité (€)").FillAsync("100 000,555");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Créer la feuille de route" }).ClickAsync();
        await Expect(coordinator.Locator("#plan-EndYear-error")).ToContainTextAsync("La période finit avant de commencer (2027 → 2025).");
        await Expect(coordinator.Locator("#plan-Envelope-error")).ToContainTextAsync("deux décimales au plus");
        await Expect(coordinator.GetByText("Aucune feuille de route pour l'instant.")).ToBeVisibleAsync();
        await coordinator.AssertAccessibleAsync();

        await coordinator.GetByLabel("Titre *").FillAsync("Feuille de route 2026-2028");
        await coordinator.GetByLabel("Année de début *").FillAsync("2026");
        await coordinator.GetByLabel("Année de fin *").FillAsync("2028");
        await coordinator.GetByLabel("Enveloppe de la Cité (€)").FillAsync("100 000");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Créer la feuille de route" }).ClickAsync();
        await coordinator.WaitForInPageNavigationAsync(PlanUrl());
        var planUrl = coordinator.Url;
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Feuille de route 2026-2028", Level = 1 })).ToBeVisibleAsync();
        await Expect(coordinator.GetByText("Brouillon", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(coordinator.GetByText("Enveloppe : 100\u202F000,00 €")).ToBeVisibleAsync();

        // The partner, on a phone, opens the plan: empty for now, fits the screen.
        var (samiaContext, samia) = await fixture.SignInAsync(Samia, 360, 740);
        await using var __ = samiaContext;
        await samia.GotoInteractiveAsync(planUrl);
        await Expect(samia.GetByText("Aucune action pour l'instant.")).ToBeVisibleAsync();
        await Expect(samia.Locator("[data-presence]")).ToContainTextAsync("Camille Coordination");
        await Expect(samia.Locator("[data-presence]")).ToContainTextAsync("Samia Benali (vous)");
        await Expect(samia.GetByText("Vous modifiez les actions que votre structure pilote")).ToBeVisibleAsync();
        await Expect(samia.GetByRole(AriaRole.Link, new() { Name = "Ajouter un axe" })).ToHaveCountAsync(0);
        await AssertFitsAPhoneAsync(samia);
        await samia.AssertAccessibleAsync();

        // The coordinator adds an axis, then an objective piloted by the Mission Locale, with dates and a budget line.
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Ajouter un axe" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle action", Level = 1 })).ToBeVisibleAsync();
        await coordinator.WaitForInteractiveAsync();
        await coordinator.GetByLabel("Intitulé *").FillAsync("Aller-vers et raccrocher au droit commun");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'action" }).ClickAsync();
        await coordinator.WaitForInPageNavigationAsync(ActionUrl());
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Axe 1 : Aller-vers et raccrocher au droit commun", Level = 1 })).ToBeVisibleAsync();
        await Expect(samia.GetByRole(AriaRole.Link, new() { Name = "Aller-vers et raccrocher au droit commun" })).ToBeVisibleAsync();
        await coordinator.AssertAccessibleAsync();

        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Ajouter une sous-action (Objectif)" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle action", Level = 1 })).ToBeVisibleAsync();
        await coordinator.GetByLabel("Intitulé *").FillAsync("Permanence mobile dans les QPV");
        await coordinator.GetByLabel("Structure pilote").FillAsync("Mission");
        await coordinator.GetByRole(AriaRole.Option, new() { Name = "Mission Locale de Lorient" }).ClickAsync();
        await coordinator.GetByLabel("Début", new() { Exact = true }).FillAsync("01/02/2026");
        await coordinator.GetByLabel("Début", new() { Exact = true }).PressAsync("Tab");
        await coordinator.GetByLabel("Échéance", new() { Exact = true }).FillAsync("30/06/2026");
        await coordinator.GetByLabel("Échéance", new() { Exact = true }).PressAsync("Tab");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter une ligne de budget" }).ClickAsync();
        await coordinator.GetByLabel("Financeur (ligne 1)").FillAsync("Enveloppe Cité 2026");
        await coordinator.GetByLabel("Prévu € (ligne 1)").FillAsync("12 500,50");
        await coordinator.GetByLabel("Engagé € (ligne 1)").FillAsync("-10");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'action" }).ClickAsync();
        // the domain refuses the negative amount beside it, and nothing is added
        await Expect(coordinator.Locator("[id='action-BudgetLines[0]-Committed-error']")).ToContainTextAsync("Ligne de budget 1 : l'engagé ne peut pas être négati");
        await coordinator.GetByLabel("Engagé € (ligne 1)").FillAsync("10 000");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'action" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Objectif 1.1 : Permanence mobile dans les QPV", Level = 1 })).ToBeVisibleAsync();
        var actionUrl = coordinator.Url;
        await Expect(coordinator.Locator("[id='action-BudgetLines[0]-Planned']")).ToHaveValueAsync("12500,50");
        await coordinator.AssertAccessibleAsync();

        // On the partner's phone, without a refresh: the objective, its pilot, its due date; the budget follows.
        var row = samia.Locator("tr", new() { Has = samia.GetByRole(AriaRole.Link, new() { Name = "Permanence mobile dans les QPV" }) });
        await Expect(row).ToContainTextAsync("Mission Locale de Lorient");
        await Expect(row).ToContainTextAsync("30/06/2026");
        await Expect(row).ToContainTextAsync("1.1");
        await Expect(samia.Locator("[data-remaining]")).ToHaveTextAsync("90\u202F000,00 €");
        await Expect(row.Locator("[data-editing]")).ToHaveTextAsync("Camille Coordination modifie cette action");
        await AssertFitsAPhoneAsync(samia);
        await samia.AssertAccessibleAsync();

        // The partner edits her action while the coordinator has it open: the coordinator is told, keeps her typing,
        // and her save merges field by field.
        await samia.GetByRole(AriaRole.Link, new() { Name = "Permanence mobile dans les QPV" }).ClickAsync();
        await Expect(samia.GetByRole(AriaRole.Heading, new() { Name = "Objectif 1.1 : Permanence mobile dans les QPV", Level = 1 })).ToBeVisibleAsync();
        await Expect(samia.GetByLabel("Structure pilote")).ToBeDisabledAsync();
        await Expect(samia.Locator("[data-others-editing]")).ToContainTextAsync("Camille Coordination modifie aussi cette action");
        await Expect(coordinator.Locator("[data-others-editing]")).ToContainTextAsync("Samia Benali modifie aussi cette action");
        await AssertFitsAPhoneAsync(samia);
        await samia.AssertAccessibleAsync();
        await coordinator.GetByLabel("Description (Markdown)").FillAsync("Deux **demi-journées** par semaine.");
        await samia.GetByLabel("Contact (nom, fonction)").FillAsync("Samia Benali, conseillère");
        await samia.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(samia.GetByText("Action enregistrée.")).ToBeVisibleAsync();
        await Expect(coordinator.Locator("[data-changed-elsewhere]")).ToContainTextAsync("Quelqu'un vient de modifier cette action (Samia Benali). Vos saisies sont conservées.");
        await Expect(coordinator.GetByLabel("Description (Markdown)")).ToHaveValueAsync("Deux **demi-journées** par semaine.");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(coordinator.GetByText("Action enregistrée.")).ToBeVisibleAsync();
        await Expect(coordinator.GetByLabel("Contact (nom, fonction)")).ToHaveValueAsync("Samia Benali, conseillère");
        await Expect(coordinator.Locator(".markdown strong")).ToHaveTextAsync("demi-journées");
        await Expect(coordinator.Locator("[data-conflict]")).ToHaveCountAsync(0);
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Historique" })).ToBeVisibleAsync();
        await Expect(coordinator.Locator(".action-history")).ToContainTextAsync("Samia Benali");

        // Both change the same field: the second to save is shown the conflict, her text kept, and saving again keeps it.
        await Expect(coordinator.Locator("[data-changed-elsewhere]")).ToHaveCountAsync(0);
        await coordinator.GetByLabel("Contact (nom, fonction)").FillAsync("Camille Coordination (référente)");
        await samia.GetByLabel("Contact (nom, fonction)").FillAsync("Samia Benali, conseillère emploi");
        await samia.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(coordinator.Locator("[data-changed-elsewhere]")).ToBeVisibleAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(coordinator.Locator("[data-conflict]")).ToContainTextAsync("Samia Benali a modifié les mêmes champs que vous : contact.");
        await Expect(coordinator.GetByLabel("Contact (nom, fonction)")).ToHaveValueAsync("Camille Coordination (référente)");
        await coordinator.AssertAccessibleAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(coordinator.Locator("[data-conflict]")).ToHaveCountAsync(0);
        await Expect(samia.GetByLabel("Contact (nom, fonction)")).ToHaveValueAsync("Samia Benali, conseillère emploi"); // her typing is never overwritten under her
        await Expect(samia.Locator("[data-changed-elsewhere]")).ToContainTextAsync("Camille Coordination");

        // The observer reads the plan and the action, and can change nothing.
        var (obsContext, observer) = await fixture.SignInAsync(Observer);
        await using var ___ = obsContext;
        await observer.GotoInteractiveAsync(planUrl + "?pilote=" + Regex.Match(actionUrl, @"[0-9a-f-]{36}$").Value);
        await Expect(observer.GetByText("Aucune action ne correspond à ces filtres.")).ToBeVisibleAsync(); // an action id is not a structure: nothing matches
        await observer.GotoInteractiveAsync(actionUrl);
        await Expect(observer.GetByText("Vous lisez cette action : seules la coordination et les membres des structures qui la pilotent la modifient.")).ToBeVisibleAsync();
        await Expect(observer.GetByLabel("Intitulé *")).ToBeDisabledAsync();
        await Expect(observer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" })).ToHaveCountAsync(0);
        await Expect(observer.GetByRole(AriaRole.Button, new() { Name = "Supprimer" })).ToHaveCountAsync(0);
        await observer.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Filters_LiveInTheAddress_AndAFilteredViewCanBeShared()
    {
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var plans = fixture.App.Get<PlanService>();
        var created = await plans.CreateAsync(access, "Plan filtré", 2026, 2026, 50_000m);
        var planId = Guid.Parse(created.Value!);
        var axis = await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = "Lever les freins" });
        await plans.AddActionAsync(access, planId, Guid.Parse(axis.Value!), new PlanActionContent
        {
            Title = "Garde d'enfants en horaires décalés", StatusCode = "en-cours", DueDate = new DateOnly(2026, 1, 15), FreinCodes = ["garde-denfants"],
        });
        await plans.AddActionAsync(access, planId, Guid.Parse(axis.Value!), new PlanActionContent { Title = "Auto-école sociale", StatusCode = "a-lancer", FreinCodes = ["mobilite"] });

        var (context, page) = await fixture.SignInAsync(Observer, 360, 740);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/feuille-de-route/{planId}?frein=mobilite"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Auto-école sociale" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Garde d'enfants en horaires décalés" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lever les freins" })).ToBeVisibleAsync(); // its axis, for context
        await Expect(page.GetByText("1 action affichée.")).ToBeVisibleAsync();
        await AssertFitsAPhoneAsync(page);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Effacer les filtres" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Garde d'enfants en horaires décalés" })).ToBeVisibleAsync();
        await page.GetByText("Filtrer les actions", new() { Exact = true }).ClickAsync(); // no filter left: the filters are folded again
        await page.GetByText("En retard seulement").ClickAsync();
        await page.WaitForInPageNavigationAsync("**retard=1*");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Auto-école sociale" })).ToHaveCountAsync(0);
        await Expect(page.Locator("tr", new() { HasText = "Garde d'enfants" })).ToContainTextAsync("En retard");
    }

    [Fact]
    public async Task AMemberOfAnotherCite_GetsTheSame404_OnEveryFeuilleDeRoutePage()
    {
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var plans = fixture.App.Get<PlanService>();
        var created = await plans.CreateAsync(access, "Plan secret de Lorient", 2026, 2027, 10_000m);
        var planId = Guid.Parse(created.Value!);
        var action = await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = "Action secrète" });

        var (context, page) = await fixture.SignInAsync(Outsider);
        await using var _ = context;
        var paths = new[]
        {
            $"/c/{fixture.Slug}/feuille-de-route",
            $"/c/{fixture.Slug}/feuille-de-route/{planId}",
            $"/c/{fixture.Slug}/feuille-de-route/{planId}/actions/{action.Value}",
            $"/c/{fixture.Slug}/feuille-de-route/{planId}/actions/nouvelle",
            $"/c/{fixture.Slug}/feuille-de-route/{planId}/historique",
            $"/c/{fixture.Slug}/feuille-de-route/{planId}/historique?le=2026-01-01",
            // their own Cité, with the other Cité's plan and action: not found either
            $"/c/{fixture.Other}/feuille-de-route/{planId}",
            $"/c/{fixture.Other}/feuille-de-route/{planId}/actions/{action.Value}",
            $"/c/{fixture.Other}/feuille-de-route/{planId}/historique",
            // what does not exist at all, for comparison
            $"/c/cite-inexistante/feuille-de-route",
            $"/c/{fixture.Other}/feuille-de-route/{Guid.NewGuid()}",
        };
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(fixture.Url(path));
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
            var content = await page.ContentAsync();
            Assert.DoesNotContain("secr", content, StringComparison.Ordinal);
            Assert.DoesNotContain("Lorient", content, StringComparison.Ordinal);
        }
        await page.AssertAccessibleAsync();

        // Their own Cité's page works and lists nothing of Lorient.
        await page.GotoInteractiveAsync(fixture.PlansUrl(fixture.Other));
        await Expect(page.GetByText("Aucune feuille de route pour l'instant.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
