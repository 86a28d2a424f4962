using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static CiteEmploi.Tests.EndToEnd.Boards.BoardPages;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Roadmap;

/// <summary>
/// The feuille de route in a workshop and after it: the coordinator turns board cards into actions (one gesture each,
/// seen at once on a partner's phone), brings everyone to an action (« Amener tout le monde ici »), and the plan is
/// shown as it was on a past day with the changes since.
/// </summary>
public sealed class PlanWorkshopJourneyTests(PlanWorkshopJourneyTests.Quimper fixture) : IClassFixture<PlanWorkshopJourneyTests.Quimper>
{
    private const string Coordinator = "coord.quimper@tests.invalid";
    private const string Samia = "samia.quimper@tests.invalid";
    private const string Hugo = "hugo.quimper@tests.invalid";
    private const string Permis = "Auto-école sociale : permis à 1 €/jour";
    private const string Garde = "Crèche à horaires décalés";

    public sealed class Quimper : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;
        public BoardView Board { get; private set; } = default!;
        public Guid PlanId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Quimper");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            await CreatePersonAsync(Samia, Slug, CiteRole.Partenaire, "Samia Benali");
            await CreatePersonAsync(Hugo, Slug, CiteRole.Coordinateur, "Hugo Coanimation");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(Slug))!;
            Board = await NewBoardAsync(Slug, "Atelier freins");
            var boards = App.Get<BoardService>();
            foreach (var (text, frein) in new[] { (Permis, "mobilite"), (Garde, "garde-denfants") })
            {
                var added = await boards.AddCardAsync(access, Board.Id, Board.Columns[0].Id, new CardContent(text, FreinCode: frein));
                Assert.True(added.Succeeded, added.Describe());
            }
            var plans = App.Get<PlanService>();
            PlanId = Guid.Parse((await plans.CreateAsync(access, "Feuille de route 2026-2028", 2026, 2028, 100_000m)).Value!);
            foreach (var axis in new[] { "Recenser et fédérer les acteurs", "Lever les freins périphériques" })
            {
                Assert.True((await plans.AddActionAsync(access, PlanId, null, new PlanActionContent { Title = axis })).Succeeded);
            }
        }

        public string BoardUrl => Url($"/c/{Slug}/tableaux/{Board.Id}");

        public string PlanUrl => Url($"/c/{Slug}/feuille-de-route/{PlanId}");
    }

    [Fact]
    public async Task TwoCardsBecomeActions_InOneGestureEach_ThePartnerSeesItLive_AndTheActionLeadsBackToTheBoard()
    {
        var (coordContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordContext;
        var (phoneContext, phone) = await fixture.SignInAsync(Samia, 360, 740);
        await using var __ = phoneContext;
        await phone.GotoInteractiveAsync(fixture.BoardUrl);
        await coordinator.GotoInteractiveAsync(fixture.BoardUrl);

        // a partner does not make actions of cards
        await Expect(Card(phone, Permis)).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = $"En faire une action : « {Permis} »" })).ToHaveCountAsync(0);

        // first card: the dialog offers the plan and puts it under the first axis; the coordinator picks the second axis
        await coordinator.GetByRole(AriaRole.Button, new() { Name = $"En faire une action : « {Permis} »" }).ClickAsync();
        var dialog = coordinator.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Feuille de route" })).ToHaveTextAsync("Feuille de route 2026-2028 (2026 – 2028)");
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Placer sous" })).ToHaveTextAsync("1 Recenser et fédérer les acteurs");
        await coordinator.AssertAccessibleAsync();
        await dialog.GetByLabel("Placer sous").ClickAsync();
        await coordinator.GetByRole(AriaRole.Option, new() { Name = "2 Lever les freins périphériques" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Créer l'action" }).ClickAsync();
        await Expect(coordinator.GetByText($"La carte est devenue l'action 2.1 « {Permis} ».")).ToBeVisibleAsync();
        await Expect(Card(coordinator, Permis).GetByRole(AriaRole.Link, new() { Name = "Devenue une action de la feuille de route" })).ToBeVisibleAsync();
        await Expect(coordinator.GetByRole(AriaRole.Button, new() { Name = $"En faire une action : « {Permis} »" })).ToHaveCountAsync(0);

        // the partner's phone shows it without a refresh
        await Expect(Card(phone, Permis).GetByRole(AriaRole.Link, new() { Name = "Devenue une action de la feuille de route" })).ToBeVisibleAsync();
        Assert.False(await phone.HasHorizontalScrollAsync(), "défilement horizontal : " + await phone.OverflowingElementsAsync());

        // second card: the dialog remembers where the first went
        await coordinator.GetByRole(AriaRole.Button, new() { Name = $"En faire une action : « {Garde} »" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Placer sous" })).ToHaveTextAsync("2 Lever les freins périphériques");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Créer l'action" }).ClickAsync();
        await Expect(coordinator.GetByText("La carte est devenue l'action 2.2 « Crèche à horaires décalés ».")).ToBeVisibleAsync();

        // the card leads to its action, which is pre-filled and leads back to the board
        await Card(coordinator, Permis).GetByRole(AriaRole.Link, new() { Name = "Devenue une action de la feuille de route" }).ClickAsync();
        await coordinator.WaitForInPageNavigationAsync(new System.Text.RegularExpressions.Regex("/actions/"));
        await coordinator.WaitForInteractiveAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Objectif 2.1 : {Permis}");
        await Expect(coordinator.Locator(".action-origin")).ToContainTextAsync("Issue d'une carte du tableau « Atelier freins »");
        await coordinator.AssertAccessibleAsync();
        await coordinator.Locator(".action-origin").GetByRole(AriaRole.Link, new() { Name = "« Atelier freins »" }).ClickAsync();
        await coordinator.WaitForInPageNavigationAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(fixture.BoardUrl) + "$"));

        var plan = (await fixture.App.Get<PlanService>().GetAsync((await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!, fixture.PlanId))!;
        Assert.Equal(["1", "2", "2.1", "2.2"], plan.Actions.Select(a => a.Code));
        Assert.Equal(["mobilite"], plan.Actions.Single(a => a.Code == "2.1").Content.FreinCodes);
    }

    [Fact]
    public async Task AmenerToutLeMondeIci_TakesThePlanPageToTheAction_AndOnlyInvitesAFormThatMayHoldInput()
    {
        var plans = fixture.App.Get<PlanService>();
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var target = (await plans.GetAsync(access, fixture.PlanId))!.Actions.First(a => a.Code == "2");
        var other = (await plans.GetAsync(access, fixture.PlanId))!.Actions.First(a => a.Code == "1");

        var (coordContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordContext;
        var (phoneContext, phone) = await fixture.SignInAsync(Samia, 360, 740);
        await using var __ = phoneContext;
        var (hugoContext, hugo) = await fixture.SignInAsync(Hugo);
        await using var ___ = hugoContext;
        await phone.GotoInteractiveAsync(fixture.PlanUrl);
        await hugo.GotoInteractiveAsync($"{fixture.PlanUrl}/actions/{other.Id}");
        await coordinator.GotoInteractiveAsync($"{fixture.PlanUrl}/actions/{target.Id}");

        // only the coordination brings people along
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Amener tout le monde ici" })).ToHaveCountAsync(0);
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Amener tout le monde ici" }).ClickAsync();
        await Expect(coordinator.GetByText("Chaque personne présente sur la feuille de route est amenée sur cette action.")).ToBeVisibleAsync();

        // the partner's plan page goes to the action, and says who brought them
        // an in-page (Blazor) navigation: no load event follows, so wait for the address only (PageChecks)
        await phone.WaitForInPageNavigationAsync(new System.Text.RegularExpressions.Regex($"/actions/{target.Id}$"));
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Lever les freins périphériques");
        await Expect(phone.GetByText("Camille Coordination vous amène sur l'action 2 « Lever les freins périphériques ».")).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync();

        // a form Hugo may be typing in stays: he is invited, and goes when he chooses
        var invitation = hugo.Locator("[data-follow-invitation]");
        await Expect(invitation).ToContainTextAsync("Camille Coordination vous invite sur l'action 2 « Lever les freins périphériques »");
        Assert.EndsWith($"/actions/{other.Id}", hugo.Url, StringComparison.Ordinal);
        await hugo.AssertAccessibleAsync();
        await invitation.GetByRole(AriaRole.Link, new() { Name = "Y aller" }).ClickAsync();
        await hugo.WaitForInPageNavigationAsync(new System.Text.RegularExpressions.Regex($"/actions/{target.Id}$"));

        // the coordinator's own page stayed where it was
        Assert.EndsWith($"/actions/{target.Id}", coordinator.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePlanAsItWasOnAPastDay_IsShownReadOnly_WithTheChangesSince_AndBadDatesAreRefusedBesideTheField()
    {
        var plans = fixture.App.Get<PlanService>();
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var planId = Guid.Parse((await plans.CreateAsync(access, "Feuille de route historique", 2026, 2027, 80_000m)).Value!);
        var axisId = Guid.Parse((await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = "Aller-vers" })).Value!);
        var actionId = Guid.Parse((await plans.AddActionAsync(access, planId, axisId, new PlanActionContent { Title = "Permanences au centre social" })).Value!);
        // what was recorded so far happened three days ago (the history is dated by its rows)
        await using (var db = fixture.App.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            foreach (var row in await db.PlanChanges.IgnoreQueryFilters().Where(c => c.PlanId == planId).Select(c => new { c.Id, c.At }).ToListAsync())
            {
                await db.PlanChanges.IgnoreQueryFilters().Where(c => c.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.At, row.At.AddDays(-3)));
            }
        }
        var seen = (await plans.GetAsync(access, planId))!.Actions.Single(a => a.Id == actionId);
        var renamed = await plans.EditActionAsync(access, planId, actionId, seen.Content with { Title = "Permanences hebdomadaires au centre social" }, seen.Content, seen.Version);
        Assert.True(renamed.Result.Succeeded, renamed.Result.Describe());

        var (context, page) = await fixture.SignInAsync(Samia, 360, 740);
        await using var _ = context;
        var historyUrl = fixture.Url($"/c/{fixture.Slug}/feuille-de-route/{planId}/historique");
        await page.GotoInteractiveAsync(historyUrl);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Historique de « Feuille de route historique »");
        await Expect(page.Locator(".plan-history li").First).ToContainTextAsync("Intitulé : Permanences au centre social → Permanences hebdomadaires au centre social");
        await page.AssertAccessibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), "défilement horizontal : " + await page.OverflowingElementsAsync());

        // two days ago: the old title, read only, and the renaming listed as a change since
        var twoDaysAgo = DateTime.Now.AddDays(-2);
        await page.GetByLabel("Voir la feuille de route telle qu'elle était le").FillAsync(twoDaysAgo.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await page.WaitForInPageNavigationAsync(new System.Text.RegularExpressions.Regex(@"\?le="));
        await Expect(page.GetByText("Lecture seule : la feuille de route telle qu'elle était enregistrée")).ToBeVisibleAsync();
        var table = page.Locator(".plan-tree");
        await Expect(table).ToContainTextAsync("Permanences au centre social");
        await Expect(table).Not.ToContainTextAsync("hebdomadaires");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Changements depuis le {twoDaysAgo:dd/MM/yyyy}" })).ToBeVisibleAsync();
        await Expect(page.Locator(".plan-history li")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();

        // bad days: before the plan existed, in the future, unreadable — said beside the field, nothing shown as history
        await page.GotoInteractiveAsync($"{historyUrl}?le={DateTime.Now.AddDays(-10):yyyy-MM-dd}");
        await Expect(page.GetByText($"La feuille de route n'existait pas encore le {DateTime.Now.AddDays(-10):dd/MM/yyyy}.")).ToBeVisibleAsync();
        await Expect(page.Locator(".plan-tree")).ToHaveCountAsync(0);
        await page.GotoInteractiveAsync($"{historyUrl}?le={DateTime.Now.AddDays(5):yyyy-MM-dd}");
        await Expect(page.GetByText("Choisissez un jour passé")).ToBeVisibleAsync();
        await page.GotoInteractiveAsync($"{historyUrl}?le=31-02-2026");
        await Expect(page.GetByText("Date illisible")).ToBeVisibleAsync();

        // a plan that is not there (the wall's own test is RoadmapJourneyTests') is not found
        var response = await page.GotoAsync(fixture.Url($"/c/{fixture.Slug}/feuille-de-route/{Guid.NewGuid()}/historique"));
        Assert.Equal(404, response!.Status);
    }
}
