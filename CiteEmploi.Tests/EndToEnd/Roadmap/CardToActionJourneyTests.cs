using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.Playwright;
using static CiteEmploi.Tests.EndToEnd.Boards.BoardPages;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Roadmap;

/// <summary>
/// A workshop's cards become actions: the coordinator turns two cards of the board into actions of the feuille de route,
/// one gesture each; a partner on a phone sees each card say so at once; the action leads back to its board.
/// </summary>
public sealed class CardToActionJourneyTests(CardToActionJourneyTests.Quimper fixture) : IClassFixture<CardToActionJourneyTests.Quimper>
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
        await coordinator.WaitForURLAsync(u => u.Contains("/actions/", StringComparison.Ordinal));
        await coordinator.WaitForInteractiveAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Objectif 2.1 : {Permis}");
        await Expect(coordinator.Locator(".action-origin")).ToContainTextAsync("Issue d'une carte du tableau « Atelier freins »");
        await coordinator.AssertAccessibleAsync();
        await coordinator.Locator(".action-origin").GetByRole(AriaRole.Link, new() { Name = "« Atelier freins »" }).ClickAsync();
        await coordinator.WaitForURLAsync(fixture.BoardUrl);

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
        await phone.WaitForURLAsync(u => u.EndsWith($"/actions/{target.Id}", StringComparison.Ordinal));
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Lever les freins périphériques");
        await Expect(phone.GetByText("Camille Coordination vous amène sur l'action 2 « Lever les freins périphériques ».")).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync();

        // a form Hugo may be typing in stays: he is invited, and goes when he chooses
        var invitation = hugo.Locator("[data-follow-invitation]");
        await Expect(invitation).ToContainTextAsync("Camille Coordination vous invite sur l'action 2 « Lever les freins périphériques »");
        Assert.EndsWith($"/actions/{other.Id}", hugo.Url, StringComparison.Ordinal);
        await hugo.AssertAccessibleAsync();
        await invitation.GetByRole(AriaRole.Link, new() { Name = "Y aller" }).ClickAsync();
        await hugo.WaitForURLAsync(u => u.EndsWith($"/actions/{target.Id}", StringComparison.Ordinal));

        // the coordinator's own page stayed where it was
        Assert.EndsWith($"/actions/{target.Id}", coordinator.Url, StringComparison.Ordinal);
    }
}
