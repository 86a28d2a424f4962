using System.Text.RegularExpressions;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Playwright;
using static CiteEmploi.Tests.EndToEnd.Boards.BoardPages;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Boards;

/// <summary>
/// Issue 5's « done when », tried as a workshop would run it: a coordinator, three partners and two guests on phones on
/// one board; facilitation by keyboard alone; a concurrent edit; the exports; a page that loses its network meanwhile.
/// </summary>
public sealed partial class WorkshopTests : IClassFixture<WorkshopTests.Room>
{
    private const string Coordinator = "coord.brest@tests.invalid";
    private const string Samia = "samia.brest@tests.invalid";
    private const string Karim = "karim.brest@tests.invalid";
    private const string Lea = "lea.brest@tests.invalid";

    private readonly Room _room;

    public WorkshopTests(Room room) => _room = room;

    public sealed class Room : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Brest");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            await CreatePersonAsync(Samia, Slug, CiteRole.Partenaire, "Samia Partenaire");
            await CreatePersonAsync(Karim, Slug, CiteRole.Partenaire, "Karim Partenaire");
            await CreatePersonAsync(Lea, Slug, CiteRole.Partenaire, "Léa Partenaire");
        }

        /// <summary>A fresh diagnostic board (default columns: Constats, Besoins non couverts, Ressources existantes, Publics prioritaires).</summary>
        public Task<BoardView> NewBoardAsync(string title) => NewBoardAsync(Slug, title, "Atelier **mobilité** de Brest.");

        /// <summary>The board as stored now, read as the operator.</summary>
        public async Task<BoardView> StoredAsync(BoardView board) =>
            (await App.Get<BoardService>().GetAsync((await App.Get<CiteService>().OperatorAccessAsync(Slug))!, board.Id))!;

        public string BoardUrl(BoardView board, string? baseUrl = null) => (baseUrl ?? App.BaseUrl) + $"/c/{Slug}/tableaux/{board.Id}";
    }

    private static async Task AddCardAsync(IPage page, string columnTitle, string text)
    {
        var field = page.GetByLabel($"Nouvelle carte dans « {columnTitle} »");
        await field.FillAsync(text);
        await page.Locator("form.card-add", new() { Has = field }).GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await Expect(Card(page, text)).ToBeVisibleAsync();
    }

    /// <summary>Marks the document, so a later check proves the page was never reloaded.</summary>
    private static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.__sameDocument = true; }");

    private static async Task AssertNotReloadedAsync(IPage page, string who) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), $"la page de {who} a été rechargée");

    private static async Task<IPage> JoinAsGuestAsync(List<IBrowserContext> contexts, string joinUrl, string name)
    {
        var phone = await PhoneAsync(contexts);
        await phone.GotoAsync(joinUrl);
        await JoinAsync(phone, name);
        return phone;
    }

    /// <summary>
    /// Presses Tab until <paramref name="element"/> has the focus, as a keyboard user walks the page: fails if it is never
    /// reached (hidden in a closed menu, not focusable…).
    /// </summary>
    private static async Task TabToAsync(IPage page, ILocator element)
    {
        await element.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var presses = 0; presses < 250; presses++)
        {
            if (await element.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"La touche Tab n'atteint jamais {element}.");
    }

    [GeneratedRegex(@"^0(4:[0-5]\d|5:00)$")]
    private static partial Regex FiveMinutesRunning();

    [GeneratedRegex(@"^05:[2-5]\d$")]
    private static partial Regex SixMinutesRunning();

    [Fact]
    public async Task Workshop_CoordinatorThreePartnersAndTwoGuestsOnPhones_FillMoveVoteAndWatchTheTimer_AllLiveEverywhere()
    {
        var board = await _room.NewBoardAsync("Atelier mobilité");
        var contexts = new List<IBrowserContext>();
        try
        {
            // three browsers on desktops, one partner on a phone-sized window
            var signIns = await Task.WhenAll(
                _room.SignInAsync(Coordinator), _room.SignInAsync(Samia), _room.SignInAsync(Karim), _room.SignInAsync(Lea, width: 360, height: 740));
            contexts.AddRange(signIns.Select(s => s.Context));
            var (coord, samia, karim, lea) = (signIns[0].Page, signIns[1].Page, signIns[2].Page, signIns[3].Page);
            await Task.WhenAll(new[] { coord, samia, karim, lea }.Select(p => p.GotoInteractiveAsync(_room.BoardUrl(board))));

            // the coordinator opens the board to guests; two people join on phones with the code
            await coord.GetByText("Animation du tableau").ClickAsync();
            await coord.GetByRole(AriaRole.Button, new() { Name = "Ouvrir aux invités" }).ClickAsync();
            await Expect(coord.GetByTestId("guest-code")).ToHaveTextAsync(new Regex("^[A-HJKMNP-Z2-9]{6}$"));
            var code = (await coord.GetByTestId("guest-code").TextContentAsync())!;
            var guests = await Task.WhenAll(
                JoinAsGuestAsync(contexts, _room.Url($"/rejoindre/{code}"), "Nadia"),
                JoinAsGuestAsync(contexts, _room.Url($"/rejoindre/{code}"), "Léo"));
            var (nadia, leo) = (guests[0], guests[1]);
            IPage[] everyone = [coord, samia, karim, lea, nadia, leo];
            await Task.WhenAll(everyone.Select(MarkDocumentAsync));

            // everyone sees the six people on the board
            foreach (var page in everyone)
            {
                await Expect(page.Locator(".presence-list li")).ToHaveCountAsync(6);
            }
            await Expect(lea.Locator(".presence-list")).ToContainTextAsync("Nadia (invité·e)");
            await Expect(nadia.Locator(".presence-list")).ToContainTextAsync("Karim Partenaire");

            // everyone adds a card at the same time, and everyone's card appears on every page
            var cards = new (IPage Page, string Column, string Text)[]
            {
                (samia, "Constats", "Pas de bus avant 7 h"),
                (nadia, "Constats", "Crèche fermée à 18 h"),
                (coord, "Constats", "Horaires décalés en logistique"),
                (karim, "Ressources existantes", "Garage solidaire"),
                (lea, "Ressources existantes", "Auto-école sociale"),
                (leo, "Publics prioritaires", "Jeunes sans permis"),
            };
            await Task.WhenAll(cards.Select(c => AddCardAsync(c.Page, c.Column, c.Text)));
            foreach (var page in everyone)
            {
                foreach (var card in cards)
                {
                    await Expect(Card(page, card.Text)).ToBeVisibleAsync();
                }
            }
            await Expect(Card(coord, "Crèche fermée à 18 h")).ToContainTextAsync("Nadia");

            // Samia drags her card to « Besoins non couverts »; Léa, on her phone, moves hers with the keyboard menu
            await Expect(samia.Locator("[data-dnd-ready]")).ToHaveCountAsync(1);
            // grabbed by its text, as a person would: pressed on one of its buttons, a card does not start a drag
            await Card(samia, "Pas de bus avant 7 h").Locator(".card-text").DragToAsync(Column(samia, board, 1).Locator("h2"));
            var leaCard = Card(lea, "Auto-école sociale");
            await leaCard.Locator(".move-menu summary").FocusAsync();
            await lea.Keyboard.PressAsync("Enter");
            var target = leaCard.GetByRole(AriaRole.Button, new() { Name = "« Publics prioritaires »" });
            await Expect(target).ToBeVisibleAsync();
            await target.FocusAsync();
            await lea.Keyboard.PressAsync("Enter");
            foreach (var page in everyone)
            {
                await Expect(Column(page, board, 1).Locator("[data-card]", new() { HasText = "Pas de bus avant 7 h" })).ToBeVisibleAsync();
                await Expect(Column(page, board, 3).Locator("[data-card]", new() { HasText = "Auto-école sociale" })).ToBeVisibleAsync();
                await Expect(Column(page, board, 0).Locator("[data-card]")).ToHaveCountAsync(2);
                await Expect(Column(page, board, 2).Locator("[data-card]")).ToHaveCountAsync(1);
            }

            // votes: the card shown last in « Constats » gets three votes, the first one gets one, so revealing must reorder them
            var constats = await Column(coord, board, 0).Locator("[data-card] .card-text").AllTextContentsAsync();
            var (first, last) = (constats[0].Trim(), constats[1].Trim());
            var votes = new (IPage Page, string Card)[] { (karim, last), (nadia, last), (leo, last), (samia, first) };
            await Task.WhenAll(votes.Select(async v =>
            {
                await Card(v.Page, v.Card).GetByRole(AriaRole.Button, new() { Name = "+1 : voter pour" }).ClickAsync();
                await Expect(Card(v.Page, v.Card)).ToContainTextAsync("dont 1 de vous");
                await Expect(v.Page.GetByTestId("votes-left")).ToHaveTextAsync("2");
            }));
            // hidden until revealed: nobody sees a count, not even the facilitator
            await Expect(Card(coord, last)).Not.ToContainTextAsync("vote");
            await Expect(Card(leo, first)).Not.ToContainTextAsync("vote");

            await coord.GetByRole(AriaRole.Button, new() { Name = "Révéler les votes" }).ClickAsync();
            foreach (var page in everyone)
            {
                await Expect(Column(page, board, 0).Locator("[data-card] .card-text")).ToHaveTextAsync([last, first]);
                await Expect(Card(page, last)).ToContainTextAsync("3 votes");
                await Expect(Card(page, first)).ToContainTextAsync("1 vote");
            }

            // the timer, seen by every page, guests included: start 5 min, add a minute, pause, stop
            await coord.GetByLabel("Durée (minutes)").FillAsync("5");
            await coord.GetByRole(AriaRole.Button, new() { Name = "Lancer le minuteur" }).ClickAsync();
            foreach (var page in everyone)
            {
                await Expect(page.GetByRole(AriaRole.Timer).Locator(".timer-figure")).ToHaveTextAsync(FiveMinutesRunning());
            }
            await coord.GetByRole(AriaRole.Button, new() { Name = "+1 minute" }).ClickAsync();
            foreach (var page in everyone)
            {
                await Expect(page.GetByRole(AriaRole.Timer).Locator(".timer-figure")).ToHaveTextAsync(SixMinutesRunning());
            }
            await coord.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
            foreach (var page in everyone)
            {
                await Expect(page.GetByRole(AriaRole.Timer)).ToContainTextAsync("(en pause)");
            }
            // paused means frozen at the stored remaining time: every page shows the same figure
            var pausedAt = (await coord.Locator(".timer-figure").TextContentAsync())!;
            foreach (var page in everyone)
            {
                await Expect(page.Locator(".timer-figure")).ToHaveTextAsync(pausedAt);
            }
            await coord.GetByRole(AriaRole.Button, new() { Name = "Arrêter" }).ClickAsync();
            foreach (var page in everyone)
            {
                await Expect(page.GetByRole(AriaRole.Timer)).ToHaveCountAsync(0);
            }

            // all of it happened without any page being reloaded, and stored as seen
            string[] names = ["Camille", "Samia", "Karim", "Léa", "Nadia", "Léo"];
            for (var i = 0; i < everyone.Length; i++)
            {
                await AssertNotReloadedAsync(everyone[i], names[i]);
            }
            var stored = await _room.StoredAsync(board);
            Assert.Equal(6, stored.Cards.Count());
            Assert.Equal(3, stored.Card(stored.Cards.Single(c => c.Text == last).Id)!.Votes);
            Assert.Equal(board.Columns[3].Id, stored.Cards.Single(c => c.Text == "Auto-école sociale").ColumnId);

            await coord.AssertAccessibleAsync();
            await samia.AssertAccessibleAsync();
            await lea.AssertAccessibleAsync();
            await nadia.AssertAccessibleAsync();
            foreach (var phone in new[] { lea, nadia, leo })
            {
                Assert.False(await phone.HasHorizontalScrollAsync(), await phone.OverflowingElementsAsync());
            }
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [GeneratedRegex(@"^0(2:[0-5]\d|3:00)$")]
    private static partial Regex ThreeMinutesRunning();

    [GeneratedRegex(@"^03:[1-5]\d$")]
    private static partial Regex FourMinutesRunning();

    [Fact]
    public async Task KeyboardAlone_TheFacilitatorLocks_RunsTheTimer_RevealsVotes_AndBringsEveryoneToAColumn()
    {
        var board = await _room.NewBoardAsync("Atelier au clavier");
        var contexts = new List<IBrowserContext>();
        try
        {
            var signIns = await Task.WhenAll(_room.SignInAsync(Coordinator), _room.SignInAsync(Samia), _room.SignInAsync(Lea, width: 360, height: 740));
            contexts.AddRange(signIns.Select(s => s.Context));
            var (coord, samia, lea) = (signIns[0].Page, signIns[1].Page, signIns[2].Page);
            await Task.WhenAll(new[] { coord, samia, lea }.Select(p => p.GotoInteractiveAsync(_room.BoardUrl(board))));
            var keys = coord.Keyboard;

            // from here on the coordinator only uses the keyboard
            await TabToAsync(coord, coord.GetByLabel("Nouvelle carte dans « Constats »"));
            await keys.TypeAsync("Carte de l'animation");
            await keys.PressAsync("Tab");
            await keys.PressAsync("Enter");
            await Expect(Card(samia, "Carte de l'animation")).ToBeVisibleAsync();
            await AddCardAsync(samia, "Constats", "Carte de Samia");

            await TabToAsync(coord, coord.Locator("summary", new() { HasText = "Animation du tableau" }));
            await keys.PressAsync("Enter");
            await TabToAsync(coord, coord.GetByRole(AriaRole.Button, new() { Name = "Ouvrir aux invités" }));
            await keys.PressAsync("Enter");
            await Expect(coord.GetByTestId("guest-code")).ToHaveTextAsync(new Regex("^[A-HJKMNP-Z2-9]{6}$"));
            var nadia = await JoinAsGuestAsync(contexts, _room.Url($"/rejoindre/{await coord.GetByTestId("guest-code").TextContentAsync()}"), "Nadia");

            // Samia starts dragging the coordinator's card while the board is still open…
            var held = Card(samia, "Carte de l'animation");
            await held.Locator(".card-text").HoverAsync(); // by its text: pressed on one of its buttons, a card does not start a drag
            await samia.Mouse.DownAsync();
            var drop = (await Column(samia, board, 2).Locator("h2").BoundingBoxAsync())!;
            await samia.Mouse.MoveAsync(drop.X + 10, drop.Y + 5, new() { Steps = 5 });

            // …the coordinator locks it…
            await TabToAsync(coord, coord.GetByRole(AriaRole.Button, new() { Name = "Verrouiller le tableau" }));
            await keys.PressAsync("Enter");
            await Expect(coord.GetByRole(AriaRole.Button, new() { Name = "Déverrouiller le tableau" })).ToBeFocusedAsync();
            // the lock button says what it locks; the participants — the guest too — are told at once, in French
            await Expect(coord.GetByRole(AriaRole.Button, new() { Name = "Déverrouiller le tableau" })).ToHaveAccessibleDescriptionAsync(new Regex("ne peuvent plus déplacer, modifier ni supprimer les cartes des autres"));
            foreach (var participant in new[] { samia, nadia })
            {
                await Expect(participant.GetByRole(AriaRole.Note)).ToContainTextAsync("Tableau verrouillé par l'animation. Les cartes des autres ne peuvent plus être déplacées, modifiées ni supprimées ; vous pouvez toujours ajouter des cartes et voter.");
            }
            await Expect(coord.GetByRole(AriaRole.Note)).ToHaveCountAsync(0);

            // …so her drop is refused, in French, and the card stays where it was, for everyone
            // (the lock notice appeared above the columns and moved them down: her hand follows the column before letting go)
            var dropNow = (await Column(samia, board, 2).Locator("h2").BoundingBoxAsync())!;
            await samia.Mouse.MoveAsync(dropNow.X + 10, dropNow.Y + 5, new() { Steps = 5 });
            await samia.Mouse.UpAsync();
            await Expect(samia.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le tableau est verrouillé : seul·e l'animateur·rice peut déplacer les cartes des autres.");
            await Expect(Column(samia, board, 0).Locator("[data-card]", new() { HasText = "Carte de l'animation" })).ToBeVisibleAsync();
            await Expect(Column(coord, board, 0).Locator("[data-card]", new() { HasText = "Carte de l'animation" })).ToBeVisibleAsync();
            Assert.Equal(board.Columns[0].Id, (await _room.StoredAsync(board)).Cards.Single(c => c.Text == "Carte de l'animation").ColumnId);
            // and while locked her page offers no way to move it, but still moves her own card
            await Expect(held.Locator(".move-menu")).ToHaveCountAsync(0);
            await Expect(held).ToHaveAttributeAsync("draggable", "false");
            await Expect(Card(samia, "Carte de Samia").Locator(".move-menu")).ToHaveCountAsync(1);

            // the timer: start 3 min, pause, resume, add a minute, stop — each seen on the partner's and the guest's page
            await TabToAsync(coord, coord.GetByLabel("Durée (minutes)"));
            await keys.PressAsync("Control+A");
            await keys.TypeAsync("3");
            await TabToAsync(coord, coord.GetByRole(AriaRole.Button, new() { Name = "Lancer le minuteur" }));
            await keys.PressAsync("Enter");
            await Expect(samia.Locator(".timer-figure")).ToHaveTextAsync(ThreeMinutesRunning());
            await Expect(nadia.Locator(".timer-figure")).ToHaveTextAsync(ThreeMinutesRunning());

            await TabToAsync(coord, coord.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }));
            await keys.PressAsync("Enter");
            await Expect(samia.GetByRole(AriaRole.Timer)).ToContainTextAsync("(en pause)");
            await Expect(nadia.GetByRole(AriaRole.Timer)).ToContainTextAsync("(en pause)");
            // focus stays on the same button, now « Reprendre »: a second Enter resumes
            await Expect(coord.GetByRole(AriaRole.Button, new() { Name = "Reprendre" })).ToBeFocusedAsync();
            await keys.PressAsync("Enter");
            await Expect(samia.GetByRole(AriaRole.Timer)).Not.ToContainTextAsync("(en pause)");

            await TabToAsync(coord, coord.GetByRole(AriaRole.Button, new() { Name = "+1 minute" }));
            await keys.PressAsync("Enter");
            await Expect(samia.Locator(".timer-figure")).ToHaveTextAsync(FourMinutesRunning());
            await Expect(nadia.Locator(".timer-figure")).ToHaveTextAsync(FourMinutesRunning());

            await TabToAsync(coord, coord.GetByRole(AriaRole.Button, new() { Name = "Arrêter" }));
            await keys.PressAsync("Enter");
            await Expect(samia.GetByRole(AriaRole.Timer)).ToHaveCountAsync(0);
            await Expect(nadia.GetByRole(AriaRole.Timer)).ToHaveCountAsync(0);
            await Expect(coord.GetByRole(AriaRole.Button, new() { Name = "Lancer le minuteur" })).ToBeFocusedAsync();

            await TabToAsync(coord, coord.GetByRole(AriaRole.Button, new() { Name = "Révéler les votes" }));
            await keys.PressAsync("Enter");
            await Expect(samia.Locator(".board-votes")).ToContainTextAsync("Votes révélés.");
            await Expect(nadia.Locator(".board-votes")).ToContainTextAsync("Votes révélés.");

            // « Suivez-moi » : the phones' view goes to « Ressources existantes », which gets the focus
            var leaTarget = Column(lea, board, 2);
            var nadiaTarget = Column(nadia, board, 2);
            await Expect(leaTarget).Not.ToBeInViewportAsync();
            await Expect(nadiaTarget).Not.ToBeInViewportAsync();
            await TabToAsync(coord, coord.GetByLabel("Suivez-moi : amener tout le monde sur"));
            await keys.PressAsync("ArrowDown");
            await keys.PressAsync("ArrowDown");
            await Expect(coord.GetByLabel("Suivez-moi : amener tout le monde sur")).ToHaveValueAsync(board.Columns[2].Id.ToString());
            await TabToAsync(coord, coord.GetByRole(AriaRole.Button, new() { Name = "Suivez-moi", Exact = true }));
            await keys.PressAsync("Enter");
            foreach (var (page, column) in new[] { (lea, leaTarget), (nadia, nadiaTarget), (samia, Column(samia, board, 2)) })
            {
                await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Camille Coordination vous amène sur la colonne « Ressources existantes ».");
                await Expect(column).ToBeFocusedAsync();
                await Expect(column).ToBeInViewportAsync();
            }
            // the facilitator's own page is not taken along: focus stays on the button, the message says what was done
            await Expect(coord.GetByRole(AriaRole.Button, new() { Name = "Suivez-moi", Exact = true })).ToBeFocusedAsync();
            await Expect(coord.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Tout le monde est amené sur la colonne choisie.");

            await coord.AssertAccessibleAsync();
            await lea.AssertAccessibleAsync();
            await nadia.AssertAccessibleAsync();
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ConcurrentEdit_TheSecondToSaveSeesBothTexts_AndChooses_NothingIsLostSilently()
    {
        var board = await _room.NewBoardAsync("Atelier édition simultanée");
        var signIns = await Task.WhenAll(_room.SignInAsync(Samia), _room.SignInAsync(Karim));
        await using var _ = signIns[0].Context;
        await using var __ = signIns[1].Context;
        var (samia, karim) = (signIns[0].Page, signIns[1].Page);
        await Task.WhenAll(samia.GotoInteractiveAsync(_room.BoardUrl(board)), karim.GotoInteractiveAsync(_room.BoardUrl(board)));
        await AddCardAsync(samia, "Besoins non couverts", "Bus de nuit à créer");
        await Expect(Card(karim, "Bus de nuit à créer")).ToBeVisibleAsync();

        // both open the card; each sees that the other is on it
        await Card(karim, "Bus de nuit à créer").GetByRole(AriaRole.Button, new() { Name = "Modifier" }).ClickAsync();
        await Expect(Card(samia, "Bus de nuit à créer")).ToContainTextAsync("Karim Partenaire modifie cette carte…");
        await Card(samia, "Bus de nuit à créer").GetByRole(AriaRole.Button, new() { Name = "Modifier" }).ClickAsync();
        var karimText = karim.GetByLabel("Texte de la carte");
        var samiaText = samia.GetByLabel("Texte de la carte");
        await Expect(karimText).ToHaveValueAsync("Bus de nuit à créer");
        await Expect(samiaText).ToHaveValueAsync("Bus de nuit à créer");

        // Karim saves first: stored, and shown to Samia's page under her open editor
        await karimText.FillAsync("Bus de nuit vers la zone de Kergaradec");
        await karim.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(karim.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Carte enregistrée.");
        await Expect(Card(karim, "Bus de nuit vers la zone de Kergaradec")).ToBeVisibleAsync();

        // Samia saves second: nothing is overwritten; she sees both texts and her own is still in the field
        await samiaText.FillAsync("Bus de nuit le week-end aussi");
        await samia.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        var conflict = samia.Locator(".card-conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict).ToContainTextAsync("Karim Partenaire a modifié cette carte pendant que vous l'éditiez.");
        await Expect(conflict.Locator("blockquote")).ToHaveTextAsync(["Bus de nuit vers la zone de Kergaradec", "Bus de nuit le week-end aussi"]);
        await Expect(samiaText).ToHaveValueAsync("Bus de nuit le week-end aussi");
        Assert.Equal("Bus de nuit vers la zone de Kergaradec", (await _room.StoredAsync(board)).Cards.Single().Text);
        await samia.AssertAccessibleAsync();

        // she merges the two by hand and keeps her text, knowingly: everyone gets it
        await samiaText.FillAsync("Bus de nuit vers Kergaradec, le week-end aussi");
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Garder mon texte" }).ClickAsync();
        await Expect(samia.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Carte enregistrée.");
        await Expect(Card(karim, "Bus de nuit vers Kergaradec, le week-end aussi")).ToBeVisibleAsync();
        await Expect(Card(samia, "Bus de nuit vers Kergaradec, le week-end aussi")).ToBeVisibleAsync();
        await Expect(samia.Locator(".card-conflict")).ToHaveCountAsync(0);
        Assert.Equal("Bus de nuit vers Kergaradec, le week-end aussi", (await _room.StoredAsync(board)).Cards.Single().Text);
    }

    [Fact]
    public async Task Export_MarkdownAndCsv_AreDownloadedFromThePage_WithTheBoardAsShown()
    {
        var board = await _room.NewBoardAsync("Export de l'atelier");
        var (context, coord) = await _room.SignInAsync(Coordinator);
        await using var _ = context;
        await coord.GotoInteractiveAsync(_room.BoardUrl(board));
        await AddCardAsync(coord, "Constats", "Pas de bus avant 7 h, « horaires décalés »");
        await AddCardAsync(coord, "Constats", "=1+1 à vérifier");
        await AddCardAsync(coord, "Publics prioritaires", "Jeunes \"sans permis\"");
        // the second card gets the votes: once revealed, the page shows it first, and so do the exports
        await Card(coord, "=1+1 à vérifier").GetByRole(AriaRole.Button, new() { Name = "+1 : voter pour" }).ClickAsync();
        await Expect(coord.GetByTestId("votes-left")).ToHaveTextAsync("2");
        await Card(coord, "=1+1 à vérifier").GetByRole(AriaRole.Button, new() { Name = "+1 : voter pour" }).ClickAsync();
        await Expect(coord.GetByTestId("votes-left")).ToHaveTextAsync("1");
        await coord.GetByText("Animation du tableau").ClickAsync();
        await coord.GetByRole(AriaRole.Button, new() { Name = "Révéler les votes" }).ClickAsync();
        await Expect(Column(coord, board, 0).Locator("[data-card] .card-text")).ToHaveTextAsync(["=1+1 à vérifier", "Pas de bus avant 7 h, « horaires décalés »"]);

        var markdownFile = await coord.RunAndWaitForDownloadAsync(() => coord.GetByRole(AriaRole.Button, new() { Name = "Exporter en Markdown" }).ClickAsync());
        Assert.Equal("export-de-l-atelier.md", markdownFile.SuggestedFilename);
        var markdownBytes = await File.ReadAllBytesAsync((await markdownFile.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, markdownBytes[..3]); // a BOM, so the accents survive a double click
        var markdown = System.Text.Encoding.UTF8.GetString(markdownBytes[3..]).ReplaceLineEndings("\n");
        Assert.StartsWith("# Export de l'atelier\n\nAtelier **mobilité** de Brest.\n\n## Constats\n\n", markdown, StringComparison.Ordinal);
        Assert.True(markdown.Contains("## Constats\n\n- =1+1 à vérifier — _Camille Coordination, 2 votes_\n- Pas de bus avant 7 h, « horaires décalés » — _Camille Coordination, 0 vote_\n", StringComparison.Ordinal), markdown);
        Assert.True(markdown.Contains("## Besoins non couverts\n\n_Aucune carte._\n", StringComparison.Ordinal), markdown);
        Assert.True(markdown.Contains("## Publics prioritaires\n\n- Jeunes \"sans permis\" — _Camille Coordination, 0 vote_\n", StringComparison.Ordinal), markdown);

        var csvFile = await coord.RunAndWaitForDownloadAsync(() => coord.GetByRole(AriaRole.Button, new() { Name = "Exporter en CSV" }).ClickAsync());
        Assert.Equal("export-de-l-atelier.csv", csvFile.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync((await csvFile.PathAsync())!, System.Text.Encoding.UTF8)).Where(l => l.Length > 0).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("Colonne;Carte;Auteur;Couleur;Frein;Public;Votes;Créée le", lines[0]);
        // sorted by votes as shown once revealed; a leading « = » never runs as a spreadsheet formula; quotes doubled
        Assert.StartsWith("\"Constats\";\"'=1+1 à vérifier\";\"Camille Coordination\";\"Jaune\";\"\";\"\";2;", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"Constats\";\"Pas de bus avant 7 h, « horaires décalés »\";\"Camille Coordination\";\"Jaune\";\"\";\"\";0;", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("\"Publics prioritaires\";\"Jeunes \"\"sans permis\"\"\";", lines[3], StringComparison.Ordinal);
        Assert.Matches(@";\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", lines[1]);
    }

    [Fact]
    public async Task Reconnection_APageThatLostItsNetwork_ShowsTheBoardAsStored_WithWhatChangedMeanwhile_WithoutReload()
    {
        var board = await _room.NewBoardAsync("Atelier Wi-Fi capricieux");
        await using var network = new FlakyNetworkProxy(_room.App.BaseUrl);
        var signIns = await Task.WhenAll(_room.SignInAsync(Samia, width: 360, height: 740, baseUrl: network.BaseUrl), _room.SignInAsync(Karim));
        await using var _ = signIns[0].Context;
        await using var __ = signIns[1].Context;
        var (samia, karim) = (signIns[0].Page, signIns[1].Page);
        await Task.WhenAll(samia.GotoInteractiveAsync(_room.BoardUrl(board, network.BaseUrl)), karim.GotoInteractiveAsync(_room.BoardUrl(board)));
        await AddCardAsync(karim, "Constats", "Carte d'avant la coupure");
        await Expect(Card(samia, "Carte d'avant la coupure")).ToBeVisibleAsync();
        await MarkDocumentAsync(samia);

        // Samia's Wi-Fi drops; meanwhile Karim adds a card, moves the first one and votes
        network.Cut();
        await Expect(samia.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        await AddCardAsync(karim, "Ressources existantes", "Carte ajoutée pendant la coupure");
        var first = Card(karim, "Carte d'avant la coupure");
        await first.Locator(".move-menu summary").ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "« Besoins non couverts »" }).ClickAsync();
        await Expect(Column(karim, board, 1).Locator("[data-card]", new() { HasText = "Carte d'avant la coupure" })).ToBeVisibleAsync();
        await Expect(Card(samia, "Carte ajoutée pendant la coupure")).ToHaveCountAsync(0);

        // the network comes back: her page shows the stored board by itself, without a reload
        network.Restore();
        await Expect(samia.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(Column(samia, board, 2).Locator("[data-card]", new() { HasText = "Carte ajoutée pendant la coupure" })).ToBeVisibleAsync();
        await Expect(Column(samia, board, 1).Locator("[data-card]", new() { HasText = "Carte d'avant la coupure" })).ToBeVisibleAsync();
        await Expect(Column(samia, board, 0).Locator("[data-card]")).ToHaveCountAsync(0);
        await AssertNotReloadedAsync(samia, "Samia");

        // and it is live again both ways
        await AddCardAsync(samia, "Constats", "Carte d'après la coupure");
        await Expect(Card(karim, "Carte d'après la coupure")).ToBeVisibleAsync();
        await AddCardAsync(karim, "Constats", "Réponse de Karim");
        await Expect(Card(samia, "Réponse de Karim")).ToBeVisibleAsync();
    }
}
