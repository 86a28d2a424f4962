using System.Globalization;
using System.Net;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Sessions;

/// <summary>
/// Preparing a COPIL as a coordinator would: the « Nouvelle séance » form refuses bad input with French messages and
/// creates nothing, then creates the session from the COPIL template; the coordinator adds an item, reorders by
/// keyboard, by the buttons and by dragging (onto a neighbour: a drag that scrolls the page does not start in Chromium), and sees the planned end and the overrun warning; a partner on a phone
/// sees the new session and every change without a refresh, read-only; a change made elsewhere while the coordinator
/// types keeps what is typed. axe at 1280 and 360 px on both pages; a member
/// of another Cité gets the 404 on both routes.
/// </summary>
public sealed class SessionPrepareTests(SessionPrepareTests.Lorient fixture) : IClassFixture<SessionPrepareTests.Lorient>
{
    private const string Coordinator = "coord.lorient@tests.invalid";
    private const string Samia = "samia.lorient@tests.invalid";
    private const string Outsider = "coord.vannes@tests.invalid";

    public sealed class Lorient : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;

        public string Other { get; private set; } = string.Empty;

        /// <summary>A technical committee already planned (for the wall).</summary>
        public Guid Comite { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Lorient");
            Other = await CreateCiteAsync("Cité de Vannes");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            await CreatePersonAsync(Samia, Slug, CiteRole.Partenaire, "Samia Benali");
            await CreatePersonAsync(Outsider, Other, CiteRole.Coordinateur, "Yann de Vannes");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(Slug))!;
            var created = await App.Get<SessionService>().CreateAsync(access,
                new SessionDetails(SessionKind.ComiteTechnique, "Comité technique secret", DateOnly.FromDateTime(DateTime.Today).AddDays(60), new TimeOnly(14, 0), new TimeOnly(16, 0), "Mairie"));
            Assert.True(created.Succeeded, created.Describe());
            Comite = Guid.Parse(created.Value!);
        }

        public string ListUrl => Url($"/c/{Slug}/seances");
    }

    private static ILocator Item(IPage page, string title) => page.Locator("[data-agenda-item]", new() { HasText = title });

    private static ILocator Titles(IPage page) => page.Locator("[data-agenda-item] .agenda-item__title");

    private static async Task AssertFitsAPhoneAsync(IPage page)
    {
        Assert.False(await page.HasHorizontalScrollAsync(), "défilement horizontal : " + await page.OverflowingElementsAsync());
        // the title and the first control are on the first screen
        var heading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).BoundingBoxAsync();
        Assert.NotNull(heading);
        Assert.True(heading.Y + heading.Height <= 740, $"titre hors de l'écran ({heading.Y})");
    }

    [Fact]
    public async Task ACoordinatorPreparesACopil_FromTheTemplate_AndAPartnerOnAPhoneFollowsLive()
    {
        var day = DateOnly.FromDateTime(DateTime.Today).AddDays(30);
        var (coordContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordContext;
        var (samiaContext, samia) = await fixture.SignInAsync(Samia, 360, 740);
        await using var __ = samiaContext;

        // The partner watches the list on her phone: no form for her, the planned committee is there.
        await samia.GotoInteractiveAsync(fixture.ListUrl);
        await Expect(samia.GetByRole(AriaRole.Heading, new() { Name = "Séances", Level = 1 })).ToBeVisibleAsync();
        await Expect(samia.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle séance" })).ToHaveCountAsync(0);
        await Expect(samia.GetByRole(AriaRole.Link, new() { Name = "Nouvelle séance" })).ToHaveCountAsync(0);
        await Expect(samia.Locator("[data-session]")).ToHaveCountAsync(1);
        await AssertFitsAPhoneAsync(samia);
        await samia.AssertAccessibleAsync();

        await coordinator.GotoInteractiveAsync(fixture.ListUrl);
        await Expect(coordinator.GetByRole(AriaRole.Link, new() { Name = "Séances", Exact = true })).ToBeVisibleAsync(); // in the Cité's navigation
        await coordinator.AssertAccessibleAsync();
        // the meetings to come first, then the form, which « Nouvelle séance » at the top leads to
        Assert.True(await coordinator.EvaluateAsync<bool>("() => !!(document.getElementById('seances-a-venir').compareDocumentPosition(document.getElementById('nouvelle-seance')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        await Expect(coordinator.GetByRole(AriaRole.Link, new() { Name = "Nouvelle séance" })).ToHaveAttributeAsync("href", "#nouvelle-seance");

        // Bad input: a French message beside each field, nothing created.
        var create = coordinator.GetByRole(AriaRole.Button, new() { Name = "Créer la séance" });
        await coordinator.GetByLabel("Titre *").FillAsync("COPIL de printemps");
        await coordinator.GetByLabel("Date *").FillAsync("31/02/2030");
        await create.ClickAsync();
        await Expect(coordinator.Locator("#nouvelle-Date-error")).ToContainTextAsync("Saisissez une date valide au format jj/mm/aaaa");
        await coordinator.GetByLabel("Date *").FillAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await coordinator.GetByLabel("Début *").FillAsync("09:30");
        await coordinator.GetByLabel("Fin *").FillAsync("09:00");
        await coordinator.GetByLabel("Capacité (places)").FillAsync("5000");
        await coordinator.GetByLabel("Lieu").FillAsync(new string('x', Session.PlaceMaxLength + 1));
        await create.ClickAsync();
        await Expect(coordinator.Locator("#nouvelle-EndTime-error")).ToContainTextAsync("L'heure de fin doit suivre l'heure de début.");
        await Expect(coordinator.Locator("#nouvelle-Capacity-error")).ToContainTextAsync("La capacité est un nombre de places de 1 à 2000");
        await Expect(coordinator.Locator("#nouvelle-Place-error")).ToContainTextAsync("Le lieu ne dépasse pas 300 caractères.");
        await Expect(coordinator.Locator("#nouvelle-Date-error")).ToHaveCountAsync(0);
        await coordinator.AssertAccessibleAsync();
        await Expect(coordinator.Locator("[data-session]")).ToHaveCountAsync(1);
        Assert.Single(await fixture.App.Get<SessionService>().ListAsync((await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!));

        // A COPIL from its template.
        await coordinator.GetByLabel("Fin *").FillAsync("11:30");
        await coordinator.GetByLabel("Capacité (places)").FillAsync("30");
        await coordinator.GetByLabel("Lieu").FillAsync("Salle du conseil, mairie de Lorient");
        await coordinator.ChooseAsync("Ordre du jour de départ", "Comité de pilotage");
        await create.ClickAsync();
        // the session and its nine items are written one command after another: on a busy machine that takes a while
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "COPIL de printemps", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Matches("/seances/[0-9a-f-]{36}$", coordinator.Url);
        var sessionUrl = coordinator.Url;
        await Expect(coordinator.GetByText("Comité de pilotage", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Titles(coordinator)).ToHaveCountAsync(9);
        await Expect(Item(coordinator, "Points d'étape par partenaire")).ToContainTextAsync("10:15");
        await Expect(Titles(coordinator).Nth(4)).ToHaveTextAsync("4.1 Service public de l'emploi (France Travail, Mission locale)");
        await Expect(coordinator.Locator("[data-agenda-total]")).ToContainTextAsync("Total : 1 h 55 · fin prévue à 11:25");
        await Expect(coordinator.Locator("[data-overrun]")).ToHaveCountAsync(0);
        var run = coordinator.GetByRole(AriaRole.Link, new() { Name = "Mener la séance" });
        Assert.EndsWith("/direct", await run.GetAttributeAsync("href"), StringComparison.Ordinal);
        await coordinator.AssertAccessibleAsync();

        // The partner's list shows it without a refresh, with its French day; she opens it: read-only.
        var listed = samia.Locator("[data-session]", new() { HasText = "COPIL de printemps" });
        await Expect(listed).ToContainTextAsync(day.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR")) + ", 09:30 – 11:30");
        await Expect(listed).ToContainTextAsync("Salle du conseil");
        await samia.GotoInteractiveAsync(sessionUrl);
        await Expect(Titles(samia)).ToHaveCountAsync(9);
        await Expect(samia.GetByRole(AriaRole.Button, new() { Name = "Monter « Décisions »" })).ToHaveCountAsync(0);
        await Expect(samia.GetByRole(AriaRole.Link, new() { Name = "Mener la séance" })).ToHaveCountAsync(0);
        await Expect(samia.GetByText("Vous consultez l'ordre du jour")).ToBeVisibleAsync();
        await AssertFitsAPhoneAsync(samia);
        await samia.AssertAccessibleAsync();

        // An item longer than the whole session: refused beside its field, nothing added.
        await coordinator.GetByLabel("Intitulé *").FillAsync("Tout le reste");
        await coordinator.GetByLabel("Durée (min) *").FillAsync("150");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter le point" }).ClickAsync();
        await Expect(coordinator.Locator("#nouveau-point-PlannedMinutes-error")).ToContainTextAsync("Ce point dure 150 min, plus que la séance entière (120 min).");
        await Expect(Titles(coordinator)).ToHaveCountAsync(9);

        // A new item at the end: the agenda now runs past the session's end, for both.
        await coordinator.GetByLabel("Intitulé *").FillAsync("Point presse");
        await coordinator.GetByLabel("Durée (min) *").FillAsync("10");
        await coordinator.GetByLabel("Intervenant·e").FillAsync("Service communication");
        await coordinator.GetByLabel("Description (Markdown)").FillAsync("Le **communiqué** commun");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter le point" }).ClickAsync();
        await Expect(Titles(coordinator)).ToHaveCountAsync(10);
        await Expect(Titles(coordinator).Nth(9)).ToHaveTextAsync("7 Point presse");
        await Expect(Item(coordinator, "Point presse")).ToContainTextAsync("11:25");
        await Expect(Item(coordinator, "Point presse").Locator("strong")).ToHaveTextAsync("communiqué");
        await Expect(coordinator.Locator("[data-agenda-total]")).ToContainTextAsync("Total : 2 h 05 · fin prévue à 11:35");
        await Expect(coordinator.Locator("[data-overrun]")).ToContainTextAsync("L'ordre du jour dépasse la fin prévue de 5 min");
        await Expect(Titles(samia).Nth(9)).ToHaveTextAsync("7 Point presse");
        await Expect(samia.Locator("[data-overrun]")).ToContainTextAsync("L'ordre du jour dépasse la fin prévue de 5 min");

        // By keyboard: Alt+Flèche haut on the selected item; focus stays on it and the move is announced.
        var presse = Item(coordinator, "Point presse");
        await presse.FocusAsync();
        await coordinator.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(coordinator.Locator("[data-announcement]")).ToHaveTextAsync("Point déplacé en position 6");
        await Expect(Titles(coordinator).Nth(8)).ToHaveTextAsync("6 Point presse");
        await Expect(presse).ToBeFocusedAsync();
        await Expect(Item(coordinator, "Point presse")).ToContainTextAsync("11:15");
        await Expect(Titles(samia).Nth(8)).ToHaveTextAsync("6 Point presse");

        // By the buttons: « Monter », then « Indenter » (a sub-item of « Points d'étape par partenaire »).
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Monter « Point presse »" }).ClickAsync();
        await Expect(coordinator.Locator("[data-announcement]")).ToHaveTextAsync("Point déplacé en position 5");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Indenter « Point presse »" }).ClickAsync();
        await Expect(coordinator.Locator("[data-announcement]")).ToHaveTextAsync("Point déplacé en position 4.4");
        await Expect(presse).ToBeFocusedAsync();
        await Expect(Titles(samia).Nth(7)).ToHaveTextAsync("4.4 Point presse");

        // By dragging (by its start time, not a button): « Prochaines étapes » onto « Décisions », just above, takes its place.
        await Expect(coordinator.Locator("ol.agenda[data-dnd-ready]")).ToHaveCountAsync(1);
        await Item(coordinator, "Prochaines étapes").Locator(".agenda-item__start").DragToAsync(Item(coordinator, "Décisions").Locator(".agenda-item__start"));
        await Expect(Titles(coordinator).Nth(8)).ToHaveTextAsync("5 Prochaines étapes et date du prochain comité");
        await Expect(coordinator.Locator("[data-announcement]")).ToHaveTextAsync("Point déplacé en position 5");
        await Expect(Titles(samia).Nth(8)).ToHaveTextAsync("5 Prochaines étapes et date du prochain comité");
        await Expect(Item(samia, "Décisions")).ToContainTextAsync("11:20");
        await coordinator.AssertAccessibleAsync();

        // The details, with the same validation: an end before the start is refused; a later end clears the warning.
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Modifier les informations" }).ClickAsync();
        await coordinator.Locator("#details-EndTime").FillAsync("08:00");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les informations" }).ClickAsync();
        await Expect(coordinator.Locator("#details-EndTime-error")).ToContainTextAsync("L'heure de fin doit suivre l'heure de début.");
        await coordinator.Locator("#details-EndTime").FillAsync("11:45");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les informations" }).ClickAsync();
        await Expect(coordinator.Locator("[data-overrun]")).ToHaveCountAsync(0);
        await Expect(samia.Locator("[data-overrun]")).ToHaveCountAsync(0);
        await Expect(samia.Locator("[data-agenda-total]")).ToContainTextAsync("séance de 09:30 à 11:45");

        // Another coordinator's change arrives while this one is typing: the agenda follows, what is typed stays.
        var addTitle = coordinator.Locator("form[aria-label='Nouveau point']").GetByLabel("Intitulé *");
        await addTitle.FillAsync("Pause café");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Modifier « Décisions »" }).ClickAsync();
        var editForm = coordinator.Locator("form[aria-label^='Modifier le point']");
        await editForm.GetByLabel("Intitulé *").FillAsync("Décisions du comité");
        var operatorAccess = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var added = await fixture.App.Get<SessionService>().AddItemAsync(operatorAccess, Guid.Parse(sessionUrl[^36..]), null, new AgendaItemContent("Questions diverses", 5));
        Assert.True(added.Succeeded, added.Describe());
        await Expect(Item(coordinator, "Questions diverses")).ToContainTextAsync("11:35");
        await Expect(Item(samia, "Questions diverses")).ToBeVisibleAsync();
        await Expect(addTitle).ToHaveValueAsync("Pause café");
        await Expect(editForm.GetByLabel("Intitulé *")).ToHaveValueAsync("Décisions du comité");
        await editForm.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le point" }).ClickAsync();
        await Expect(Titles(coordinator).Nth(9)).ToHaveTextAsync("6 Décisions du comité");
        await Expect(Titles(samia).Nth(9)).ToHaveTextAsync("6 Décisions du comité");
        await Expect(addTitle).ToHaveValueAsync("Pause café");

        // Removing asks first; the partner sees the item go.
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Retirer « Questions diverses »" }).ClickAsync();
        await coordinator.DialogButton("Retirer").ClickAsync();
        await Expect(Item(coordinator, "Questions diverses")).ToHaveCountAsync(0);
        await Expect(Item(samia, "Questions diverses")).ToHaveCountAsync(0);
        await Expect(coordinator.Locator("[data-announcement]")).ToHaveTextAsync("Point « Questions diverses » retiré.");

        // On a phone, the coordinator's editor fits too (opened there: the layout's drawer follows the width at load).
        await coordinator.SetViewportSizeAsync(360, 740);
        await coordinator.GotoInteractiveAsync(sessionUrl);
        await Expect(Titles(coordinator)).ToHaveCountAsync(10);
        await Expect(coordinator.GetByRole(AriaRole.Button, new() { Name = "Monter « Décisions du comité »" })).ToBeVisibleAsync();
        await AssertFitsAPhoneAsync(coordinator);
        await coordinator.AssertAccessibleAsync();
        await coordinator.GotoInteractiveAsync(fixture.ListUrl);
        await AssertFitsAPhoneAsync(coordinator);
        await coordinator.AssertAccessibleAsync();
    }

    [Fact]
    public async Task AMemberOfAnotherCite_GetsTheSame404_OnBothSessionRoutes()
    {
        var (context, page) = await fixture.SignInAsync(Outsider);
        await using var _ = context;
        foreach (var path in new[]
        {
            $"/c/{fixture.Slug}/seances",
            $"/c/{fixture.Slug}/seances/{fixture.Comite}",
            $"/c/{fixture.Other}/seances/{fixture.Comite}", // their own Cité, the other's session
            $"/c/{fixture.Other}/seances/{Guid.NewGuid()}",
        })
        {
            var response = await page.GotoAsync(fixture.Url(path));
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
            var content = await page.ContentAsync();
            Assert.DoesNotContain("secret", content, StringComparison.Ordinal);
            Assert.DoesNotContain("Lorient", content, StringComparison.Ordinal);
        }
        await page.AssertAccessibleAsync();

        // Their own list works, empty, and says so.
        await page.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Other}/seances"));
        await Expect(page.GetByText("Aucune séance prévue.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
