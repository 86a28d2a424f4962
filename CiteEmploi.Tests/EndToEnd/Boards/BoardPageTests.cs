using System.Net;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Playwright;
using static CiteEmploi.Tests.EndToEnd.Boards.BoardPages;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Boards;

/// <summary>Boards in Chromium, as a workshop would use them: several people on one board, mouse and keyboard, phones.</summary>
public sealed class BoardPageTests(BoardPageTests.Workshop fixture) : IClassFixture<BoardPageTests.Workshop>
{
    public sealed class Workshop : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;
        public string OtherSlug { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Quimper");
            OtherSlug = await CreateCiteAsync("Cité de Vannes");
            await CreatePersonAsync("coord.quimper@tests.invalid", Slug, CiteRole.Coordinateur, "Camille Coordination");
            await CreatePersonAsync("part.quimper@tests.invalid", Slug, CiteRole.Partenaire, "Samia Partenaire");
            await CreatePersonAsync("coord.vannes@tests.invalid", OtherSlug, CiteRole.Coordinateur, "Yann de Vannes");
        }

        /// <summary>A fresh diagnostic board of Quimper, made as the operator would.</summary>
        public Task<BoardView> NewBoardAsync(string title) => NewBoardAsync(Slug, title, "Le diagnostic **partagé** de Quimper.");

        public string BoardUrl(BoardView board) => Url($"/c/{Slug}/tableaux/{board.Id}");
    }

    [Fact]
    public async Task TwoBrowsers_OnOneBoard_SeeEachOthersCardsAppearAndMove_WithoutRefresh()
    {
        var board = await fixture.NewBoardAsync("Diagnostic en direct");
        var (partnerContext, partner) = await fixture.SignInAsync("part.quimper@tests.invalid");
        var (coordContext, coord) = await fixture.SignInAsync("coord.quimper@tests.invalid");
        await using var _ = partnerContext;
        await using var __ = coordContext;
        await partner.GotoInteractiveAsync(fixture.BoardUrl(board));
        await coord.GotoInteractiveAsync(fixture.BoardUrl(board));
        await partner.EvaluateAsync("() => { window.__sameDocument = true; }");
        await coord.EvaluateAsync("() => { window.__sameDocument = true; }");
        await Expect(partner.Locator(".presence-list")).ToContainTextAsync("Camille Coordination");
        await Expect(coord.Locator(".presence-list")).ToContainTextAsync("Samia Partenaire");

        await partner.GetByLabel("Nouvelle carte dans « Constats »").FillAsync("Pas de bus avant 7 h pour les **horaires décalés**");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).First.ClickAsync();

        var seenByCoord = Column(coord, board, 0).Locator("[data-card]", new() { HasText = "Pas de bus avant 7 h" });
        await Expect(seenByCoord).ToBeVisibleAsync();
        await Expect(seenByCoord.Locator("strong")).ToHaveTextAsync("horaires décalés");
        await Expect(seenByCoord).ToContainTextAsync("Samia Partenaire");
        // the author's field is emptied for the next card (the form renders only when its draft or column changes)
        await Expect(partner.GetByLabel("Nouvelle carte dans « Constats »")).ToHaveValueAsync("");

        // the coordinator drags it to « Besoins non couverts »; the partner sees it arrive there
        await Expect(coord.Locator("[data-dnd-ready]")).ToHaveCountAsync(1);
        await seenByCoord.Locator(".card-text").DragToAsync(Column(coord, board, 1).Locator("h2")); // by its text, not a button
        await Expect(Column(coord, board, 1).Locator("[data-card]", new() { HasText = "Pas de bus avant 7 h" })).ToBeVisibleAsync();
        await Expect(Column(partner, board, 1).Locator("[data-card]", new() { HasText = "Pas de bus avant 7 h" })).ToBeVisibleAsync();
        await Expect(Column(partner, board, 0).Locator("[data-card]")).ToHaveCountAsync(0);

        // the board's history, opened by keyboard on the partner's page, names who did what, newest first, and grows live
        var history = partner.Locator(".activity-list li");
        await partner.GetByText("Historique du tableau").FocusAsync();
        await partner.Keyboard.PressAsync("Enter");
        await Expect(history.First).ToContainTextAsync("Camille Coordination a déplacé une carte de « Constats » vers « Besoins non couverts ».");
        await Expect(history.Nth(1)).ToContainTextAsync("Samia Partenaire a ajouté la carte « Pas de bus avant 7 h");
        await coord.GetByLabel("Nouvelle carte dans « Constats »").FillAsync("Crèche pleine");
        await coord.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).First.ClickAsync();
        await Expect(history.First).ToContainTextAsync("Camille Coordination a ajouté la carte « Crèche pleine »");

        var stored = (await fixture.App.Get<BoardService>().GetAsync((await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!, board.Id))!;
        Assert.Equal(board.Columns[1].Id, stored.Cards.Single(c => c.Text.StartsWith("Pas de bus", StringComparison.Ordinal)).ColumnId);
        Assert.True(await partner.EvaluateAsync<bool>("() => window.__sameDocument === true"), "la page du partenaire a été rechargée");
        Assert.True(await coord.EvaluateAsync<bool>("() => window.__sameDocument === true"), "la page de la coordinatrice a été rechargée");
        await partner.AssertAccessibleAsync();
        await coord.AssertAccessibleAsync();
    }

    [Fact]
    public async Task KeyboardAlone_AddsAndMovesACard_OnAPhoneSizedPage()
    {
        var board = await fixture.NewBoardAsync("Diagnostic au clavier");
        var (context, page) = await fixture.SignInAsync("part.quimper@tests.invalid", width: 360, height: 740);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.BoardUrl(board));

        await page.GetByLabel("Nouvelle carte dans « Ressources existantes »").FocusAsync();
        await page.Keyboard.TypeAsync("Garage solidaire à Kermoysan");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        var card = Column(page, board, 2).Locator("[data-card]", new() { HasText = "Garage solidaire" });
        await Expect(card).ToBeVisibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), await page.OverflowingElementsAsync());

        await card.Locator(".move-menu summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var target = card.GetByRole(AriaRole.Button, new() { Name = "« Publics prioritaires »" });
        await Expect(target).ToBeVisibleAsync();
        await target.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var moved = Column(page, board, 3).Locator("[data-card]", new() { HasText = "Garage solidaire" });
        await Expect(moved).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Carte déplacée dans « Publics prioritaires ».");
        // focus stays on the moved card, ready for the next move
        Assert.True(await moved.EvaluateAsync<bool>("card => card.contains(document.activeElement)"), "le focus a quitté la carte déplacée");
        Assert.False(await page.HasHorizontalScrollAsync(), await page.OverflowingElementsAsync());
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task DeleteWithUndo_AndVotes_HiddenUntilTheFacilitatorReveals()
    {
        var board = await fixture.NewBoardAsync("Diagnostic votes");
        var (context, page) = await fixture.SignInAsync("part.quimper@tests.invalid");
        var (coordContext, coord) = await fixture.SignInAsync("coord.quimper@tests.invalid");
        await using var _ = context;
        await using var __ = coordContext;
        await page.GotoInteractiveAsync(fixture.BoardUrl(board));
        await coord.GotoInteractiveAsync(fixture.BoardUrl(board));

        await page.GetByLabel("Nouvelle carte dans « Constats »").FillAsync("Carte à supprimer");
        await Column(page, board, 0).GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer « Carte à supprimer »" }).ClickAsync();
        await Expect(Card(page, "Carte à supprimer")).ToHaveCountAsync(0);
        await Expect(Card(coord, "Carte à supprimer")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler la suppression" }).ClickAsync();
        await Expect(Card(page, "Carte à supprimer")).ToBeVisibleAsync();
        await Expect(Card(coord, "Carte à supprimer")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "voter pour « Carte à supprimer »" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "voter pour « Carte à supprimer »" }).ClickAsync();
        await Expect(page.GetByTestId("votes-left")).ToHaveTextAsync("1");
        await Expect(Card(coord, "Carte à supprimer")).Not.ToContainTextAsync("vote");

        await coord.GetByText("Animation du tableau").ClickAsync();
        await coord.GetByRole(AriaRole.Button, new() { Name = "Révéler les votes" }).ClickAsync();
        await Expect(Card(coord, "Carte à supprimer")).ToContainTextAsync("2 votes");
        await Expect(Card(page, "Carte à supprimer")).ToContainTextAsync("2 votes");
        await coord.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Outsider_TypingTheBoardsUrl_GetsThe404_AndAMemberGetsItForAnUnknownBoard()
    {
        var board = await fixture.NewBoardAsync("Diagnostic confidentiel");
        var (context, page) = await fixture.SignInAsync("coord.vannes@tests.invalid");
        await using var _ = context;

        var response = await page.GotoAsync(fixture.BoardUrl(board));
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
        Assert.DoesNotContain("confidentiel", await page.ContentAsync(), StringComparison.Ordinal);
        var list = await page.GotoAsync(fixture.Url($"/c/{fixture.Slug}/tableaux"));
        Assert.Equal((int)HttpStatusCode.NotFound, list!.Status);
        await page.AssertAccessibleAsync();

        var (memberContext, member) = await fixture.SignInAsync("part.quimper@tests.invalid");
        await using var __ = memberContext;
        var unknown = await member.GotoAsync(fixture.Url($"/c/{fixture.Slug}/tableaux/{Guid.NewGuid()}"));
        Assert.Equal((int)HttpStatusCode.NotFound, unknown!.Status);
    }

    [Fact]
    public async Task Coordinator_CreatesAWorkshopFromTheList_ReachedFromTheNavigation()
    {
        var (context, page) = await fixture.SignInAsync("coord.quimper@tests.invalid");
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}"));
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Tableaux" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableaux", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Atelier (vous choisissez les colonnes)").CheckAsync();
        await page.GetByLabel("Titre").FillAsync("Atelier mobilité");
        await page.GetByLabel("Colonnes (une par ligne)").FillAsync("Idées\nFreins\nPistes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le tableau" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Atelier mobilité", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".board-column h2")).ToHaveCountAsync(3);
        await Expect(page.Locator(".board-column h2").Nth(1)).ToContainTextAsync("Freins");
        await page.AssertAccessibleAsync();
    }
}
