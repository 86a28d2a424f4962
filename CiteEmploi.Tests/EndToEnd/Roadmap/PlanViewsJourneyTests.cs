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
/// The plan's three views in a workshop: the coordinator moves actions on the kanban (by the keyboard's menu, then by
/// dragging) while a partner on a phone sees them move without a refresh; both look at the timeline; the coordinator
/// then changes three actions' status at once in the table, and their progress follows. axe at 1280 and 360 px on each view.
/// </summary>
public sealed class PlanViewsJourneyTests(PlanViewsJourneyTests.Rennes fixture) : IClassFixture<PlanViewsJourneyTests.Rennes>
{
    private const string Coordinator = "coord.rennes@tests.invalid";
    private const string Samia = "samia.rennes@tests.invalid";

    public sealed class Rennes : AppFixture
    {
        public string PlanUrl { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var slug = await CreateCiteAsync("Cité de Rennes");
            await CreatePersonAsync(Coordinator, slug, CiteRole.Coordinateur, "Camille Coordination");
            var samia = await CreatePersonAsync(Samia, slug, CiteRole.Partenaire, "Samia Benali");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(slug))!;
            var directory = App.Get<DirectoryService>();
            var missionLocale = Guid.Parse((await directory.CreateStructureAsync(access, new StructureDetails { Name = "Mission Locale de Rennes" })).Value!);
            var franceTravail = Guid.Parse((await directory.CreateStructureAsync(access, new StructureDetails { Name = "France Travail Rennes" })).Value!);
            Assert.True((await directory.LinkMemberAsync(access, samia, missionLocale)).Succeeded);

            var plans = App.Get<PlanService>();
            var planId = Guid.Parse((await plans.CreateAsync(access, "Feuille de route 2026-2027", 2026, 2027, 100_000m)).Value!);
            var axis = Guid.Parse((await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = "Aller-vers et raccrocher au droit commun" })).Value!);
            async Task add(PlanActionContent content) => Assert.True((await plans.AddActionAsync(access, planId, axis, content)).Succeeded);
            await add(new PlanActionContent
            {
                Title = "Permanence mobile dans les QPV", PilotStructureId = missionLocale, StartDate = new DateOnly(2026, 2, 1), DueDate = new DateOnly(2026, 6, 30),
                Milestones = [new Milestone(Guid.Empty, "Première permanence", new DateOnly(2026, 3, 2), false)],
            });
            await add(new PlanActionContent { Title = "Forum de l'emploi de quartier", PilotStructureId = franceTravail, DueDate = new DateOnly(2026, 10, 15) });
            await add(new PlanActionContent { Title = "Repérage des invisibles", PilotStructureId = missionLocale, StatusCode = "en-cours", StartDate = new DateOnly(2026, 1, 15), DueDate = new DateOnly(2026, 12, 15) });
            await add(new PlanActionContent { Title = "Job dating", PilotStructureId = franceTravail });
            PlanUrl = Url($"/c/{slug}/feuille-de-route/{planId}");
        }
    }

    private static ILocator Card(IPage page, string title) =>
        page.Locator("[data-kanban-card]", new() { HasText = title });

    /// <summary>A view's link (« Tableau » is not the menu's « Tableaux », the boards).</summary>
    private static ILocator ViewLink(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Vues de la feuille de route" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator Column(IPage page, string status) => page.Locator($"[data-column='{status}']");

    private static async Task AssertFitsAPhoneAsync(IPage page)
    {
        Assert.False(await page.HasHorizontalScrollAsync(), "défilement horizontal : " + await page.OverflowingElementsAsync());
    }

    [Fact]
    public async Task KanbanMovesReachAPhoneLive_TimelineShowsTheDates_ABulkChangeUpdatesProgress()
    {
        var (coordContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordContext;
        await coordinator.GotoInteractiveAsync(fixture.PlanUrl + "?vue=kanban");
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Feuille de route 2026-2027", Level = 1 })).ToBeVisibleAsync();
        await Expect(ViewLink(coordinator, "Kanban")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Column(coordinator, "a-lancer").Locator("[data-kanban-card]")).ToHaveCountAsync(3);
        await Expect(Column(coordinator, "en-cours")).ToContainTextAsync("Repérage des invisibles");
        await Expect(coordinator.GetByText("1 action de niveau supérieur (axe ou objectif) n'est pas sur le kanban")).ToBeVisibleAsync();
        await coordinator.AssertAccessibleAsync();

        // The partner, on a phone, on the same kanban: her actions move, the others say why not; the page never scrolls sideways.
        var (samiaContext, samia) = await fixture.SignInAsync(Samia, 360, 740);
        await using var __ = samiaContext;
        await samia.GotoInteractiveAsync(fixture.PlanUrl + "?vue=kanban");
        await Expect(Card(samia, "Permanence mobile dans les QPV").GetByText("Changer de statut")).ToHaveCountAsync(1);
        await Expect(Card(samia, "Forum de l'emploi de quartier")).ToContainTextAsync("Votre structure ne la pilote pas");
        await Expect(Card(samia, "Forum de l'emploi de quartier").GetByText("Changer de statut")).ToHaveCountAsync(0);
        await AssertFitsAPhoneAsync(samia);
        await samia.AssertAccessibleAsync();

        // By the keyboard's menu: the card changes column at once, its progress follows, and the phone sees it.
        var permanence = Card(coordinator, "Permanence mobile dans les QPV");
        await permanence.GetByText("Changer de statut").ClickAsync();
        await permanence.GetByRole(AriaRole.Button, new() { Name = "En cours", Exact = true }).ClickAsync();
        await Expect(Column(coordinator, "en-cours")).ToContainTextAsync("Permanence mobile dans les QPV");
        await Expect(coordinator.GetByText("« Permanence mobile dans les QPV » : En cours.")).ToBeVisibleAsync();
        await Expect(Card(coordinator, "Permanence mobile dans les QPV")).ToContainTextAsync("50 %");
        await Expect(Column(samia, "en-cours")).ToContainTextAsync("Permanence mobile dans les QPV");
        await Expect(Card(samia, "Permanence mobile dans les QPV")).ToContainTextAsync("50 %");
        await Expect(Column(samia, "a-lancer")).Not.ToContainTextAsync("Permanence mobile");

        // By dragging: « Job dating » to « Suspendue ».
        await Card(coordinator, "Job dating").Locator(".plan-kanban__code").DragToAsync(Column(coordinator, "suspendue").Locator(".mud-drop-zone"));
        await Expect(Column(coordinator, "suspendue")).ToContainTextAsync("Job dating");
        await Expect(Column(samia, "suspendue")).ToContainTextAsync("Job dating");
        await Expect(Card(samia, "Job dating")).ToContainTextAsync("25 %");
        await coordinator.AssertAccessibleAsync();
        await AssertFitsAPhoneAsync(samia);

        // The timeline, with the same filters: dates and milestones in words, today's line; on the phone it scrolls in its own region.
        await ViewLink(coordinator, "Calendrier").ClickAsync();
        await coordinator.WaitForInPageNavigationAsync("**vue=calendrier*");
        var rows = coordinator.Locator("[data-timeline-action]");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Filter(new() { HasText = "Permanence mobile" })).ToContainTextAsync("Du 01/02/2026 au 30/06/2026");
        await Expect(rows.Filter(new() { HasText = "Permanence mobile" })).ToContainTextAsync("Jalon : Première permanence, le 02/03/2026");
        await Expect(rows.Filter(new() { HasText = "Forum de l'emploi" })).ToContainTextAsync("Échéance le 15/10/2026");
        await Expect(coordinator.GetByText("2 actions sans date ni jalon ne sont pas sur le calendrier.")).ToBeVisibleAsync();
        await coordinator.AssertAccessibleAsync();
        await samia.GotoInteractiveAsync(fixture.PlanUrl + "?vue=calendrier");
        await Expect(samia.Locator("[data-timeline-action]")).ToHaveCountAsync(3);
        await AssertFitsAPhoneAsync(samia);
        await samia.AssertAccessibleAsync();

        // The table: three actions changed at once; the progress follows the status, and the phone sees it.
        await ViewLink(coordinator, "Tableau").ClickAsync();
        await coordinator.GetByLabel("Sélectionner 1.1 « Permanence mobile dans les QPV »").CheckAsync();
        await coordinator.GetByLabel("Sélectionner 1.2 « Forum de l'emploi de quartier »").CheckAsync();
        await coordinator.GetByLabel("Sélectionner 1.4 « Job dating »").CheckAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "3 actions sélectionnées" })).ToBeVisibleAsync();
        await coordinator.AssertAccessibleAsync();
        await coordinator.ChooseAsync("Nouveau statut", "Réalisée");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Appliquer aux 3 actions" }).ClickAsync();
        await Expect(coordinator.GetByText("3 actions modifiées.")).ToBeVisibleAsync();
        foreach (var title in new[] { "Permanence mobile dans les QPV", "Forum de l'emploi de quartier", "Job dating" })
        {
            var row = coordinator.Locator("tr", new() { Has = coordinator.GetByRole(AriaRole.Link, new() { Name = title }) });
            await Expect(row).ToContainTextAsync("Réalisée");
            await Expect(row).ToContainTextAsync("100 %");
        }
        await Expect(coordinator.Locator("tr", new() { HasText = "Repérage des invisibles" })).ToContainTextAsync("50 %");
        await Expect(coordinator.Locator("[data-bulk]")).ToHaveCountAsync(0); // the selection is cleared
        await ViewLink(samia, "Tableau").ClickAsync();
        await Expect(samia.Locator("tr", new() { HasText = "Job dating" })).ToContainTextAsync("100 %");
        await samia.GetByLabel("Sélectionner 1.3 « Repérage des invisibles »").CheckAsync();
        await Expect(samia.GetByRole(AriaRole.Heading, new() { Name = "1 action sélectionnée" })).ToBeVisibleAsync();
        await AssertFitsAPhoneAsync(samia);
        await samia.AssertAccessibleAsync();

        // A filter holds from one view to the next: only what is under way, on the kanban then on the timeline.
        await samia.GotoInteractiveAsync(fixture.PlanUrl + "?vue=kanban&statut=en-cours");
        await Expect(samia.Locator("[data-kanban-card]")).ToHaveCountAsync(1);
        await Expect(Column(samia, "en-cours")).ToContainTextAsync("Repérage des invisibles");
        await ViewLink(samia, "Calendrier").ClickAsync();
        await samia.WaitForInPageNavigationAsync("**statut=en-cours*");
        await Expect(samia.Locator("[data-timeline-action]")).ToHaveCountAsync(1);
        await Expect(samia.Locator("[data-timeline-action]")).ToContainTextAsync("Du 15/01/2026 au 15/12/2026");
    }
}
