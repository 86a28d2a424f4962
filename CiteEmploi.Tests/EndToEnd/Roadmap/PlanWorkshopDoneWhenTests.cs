using System.Text;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Roadmap;

/// <summary>
/// Issue 12's « done when », in one journey: a coordinator and three partners in separate browsers, one on a phone,
/// turn five board cards into actions, fill pilots, dates and budgets together, see each other's changes at once, and
/// the coordinator exports the plan; axe at 1280 and 360 px. (Killing the server mid-edit: PlanDurabilityTests.)
/// </summary>
public sealed class PlanWorkshopDoneWhenTests(PlanWorkshopDoneWhenTests.Brest fixture) : IClassFixture<PlanWorkshopDoneWhenTests.Brest>
{
    private const string Coordinator = "coord.brest@tests.invalid";

    /// <summary>The cards, each shorter than a card's excerpt (its buttons are named after it).</summary>
    private static readonly string[] Cards =
    [
        "Auto-école sociale : permis à 1 €/jour",
        "Crèche à horaires décalés",
        "Ateliers numériques en pied d'immeuble",
        "Français à visée professionnelle",
        "Bilan de santé avant la formation",
    ];

    /// <summary>Three partners, each linked to the structure that will pilot one of the new actions (by index in <see cref="Cards"/>).</summary>
    private static readonly (string Email, string Name, string Structure, int Card, string Due, string DueIso, int Committed)[] Partners =
    [
        ("samia.brest@tests.invalid", "Samia Benali", "Mission Locale de Brest", 0, "30/06/2026", "2026-06-30", 1000),
        ("karim.brest@tests.invalid", "Karim Haddad", "France Travail Brest", 2, "31/07/2026", "2026-07-31", 2000),
        ("lea.brest@tests.invalid", "Léa Morvan", "CCAS de Brest", 3, "30/09/2026", "2026-09-30", 3000),
    ];

    public sealed class Brest : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;
        public BoardView Board { get; private set; } = default!;
        public Guid PlanId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Brest");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(Slug))!;
            var directory = App.Get<DirectoryService>();
            foreach (var partner in Partners)
            {
                var person = await CreatePersonAsync(partner.Email, Slug, CiteRole.Partenaire, partner.Name);
                var structure = await directory.CreateStructureAsync(access, new StructureDetails { Name = partner.Structure });
                Assert.True(structure.Succeeded, structure.Describe());
                Assert.True((await directory.LinkMemberAsync(access, person, Guid.Parse(structure.Value!))).Succeeded);
            }
            Board = await NewBoardAsync(Slug, "Atelier freins");
            foreach (var text in Cards)
            {
                var added = await App.Get<BoardService>().AddCardAsync(access, Board.Id, Board.Columns[0].Id, new CardContent(text));
                Assert.True(added.Succeeded, added.Describe());
            }
            var plans = App.Get<PlanService>();
            PlanId = Guid.Parse((await plans.CreateAsync(access, "Feuille de route 2026-2028", 2026, 2028, 100_000m)).Value!);
            Assert.True((await plans.AddActionAsync(access, PlanId, null, new PlanActionContent { Title = "Lever les freins périphériques" })).Succeeded);
        }

        public string BoardUrl => Url($"/c/{Slug}/tableaux/{Board.Id}");

        public string PlanUrl => Url($"/c/{Slug}/feuille-de-route/{PlanId}");
    }

    private static ILocator Row(IPage page, string title) =>
        page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    private static async Task AxeAtBothWidthsAsync(IPage page, int width, int height)
    {
        await page.AssertAccessibleAsync();
        await page.SetViewportSizeAsync(width == 360 ? 1280 : 360, width == 360 ? 800 : 740);
        await page.AssertAccessibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), "défilement horizontal : " + await page.OverflowingElementsAsync());
        await page.SetViewportSizeAsync(width, height);
    }

    [Fact]
    public async Task ACoordinatorAndThreePartners_TurnFiveCardsIntoActions_FillThemTogether_AndTheCoordinatorExportsThePlan()
    {
        var contexts = new List<IBrowserContext>();
        try
        {
            var (coordContext, board) = await fixture.SignInAsync(Coordinator);
            contexts.Add(coordContext);
            var plan = await coordContext.NewPageAsync();
            var partners = new List<IPage>();
            foreach (var (partner, i) in Partners.Select((p, i) => (p, i)))
            {
                // the second partner is on a phone
                var (context, page) = i == 1 ? await fixture.SignInAsync(partner.Email, 360, 740) : await fixture.SignInAsync(partner.Email);
                contexts.Add(context);
                await page.GotoInteractiveAsync(fixture.PlanUrl);
                partners.Add(page);
            }
            await plan.GotoInteractiveAsync(fixture.PlanUrl);
            await board.GotoInteractiveAsync(fixture.BoardUrl);
            await Expect(partners[1].GetByText("Aucune action pour l'instant.")).ToHaveCountAsync(0); // the axis is there
            await AxeAtBothWidthsAsync(partners[1], 360, 740);

            // Five cards become five actions under the axis, one gesture each; every partner's plan shows them live.
            foreach (var (text, i) in Cards.Select((c, i) => (c, i)))
            {
                await board.GetByRole(AriaRole.Button, new() { Name = $"En faire une action : « {text} »" }).ClickAsync();
                var dialog = board.GetByRole(AriaRole.Dialog);
                await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Placer sous" })).ToHaveTextAsync("1 Lever les freins périphériques");
                if (i == 0)
                {
                    await board.AssertAccessibleAsync();
                }
                await dialog.GetByRole(AriaRole.Button, new() { Name = "Créer l'action" }).ClickAsync();
                var made = board.Locator(".mud-snackbar", new() { HasText = $"La carte est devenue l'action 1.{i + 1} « {text} »." });
                await Expect(made).ToBeVisibleAsync();
                // the confirmation sits over the bottom of the board: closed, as a person in a hurry would, to reach the next card
                await made.GetByRole(AriaRole.Button).Last.ClickAsync();
                await Expect(made).ToHaveCountAsync(0);
            }
            foreach (var page in partners.Append(plan))
            {
                foreach (var (text, i) in Cards.Select((c, i) => (c, i)))
                {
                    await Expect(Row(page, text)).ToContainTextAsync($"1.{i + 1}");
                }
            }
            await AxeAtBothWidthsAsync(plan, 1280, 800);

            // The coordinator gives three of them a pilot; the partners see it at once.
            foreach (var partner in Partners)
            {
                await board.GotoInteractiveAsync(fixture.PlanUrl);
                await board.GetByRole(AriaRole.Link, new() { Name = Cards[partner.Card], Exact = true }).ClickAsync();
                await board.WaitForInPageNavigationAsync(new System.Text.RegularExpressions.Regex("/actions/"));
                await board.WaitForInteractiveAsync();
                await board.GetByLabel("Structure pilote").FillAsync(partner.Structure[..8]);
                await board.GetByRole(AriaRole.Option, new() { Name = partner.Structure }).ClickAsync();
                await board.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
                await Expect(board.GetByText("Action enregistrée.")).ToBeVisibleAsync();
            }
            foreach (var page in partners.Append(plan))
            {
                foreach (var partner in Partners)
                {
                    await Expect(Row(page, Cards[partner.Card])).ToContainTextAsync(partner.Structure);
                }
            }

            // Each partner opens the action their structure pilots and fills its dates and budget, all three at the
            // same time; the coordinator's plan follows each save, due dates and remaining budget.
            foreach (var (page, partner) in partners.Zip(Partners))
            {
                await page.GetByRole(AriaRole.Link, new() { Name = Cards[partner.Card], Exact = true }).ClickAsync();
                await page.WaitForInPageNavigationAsync(new System.Text.RegularExpressions.Regex("/actions/"));
                await page.WaitForInteractiveAsync();
                await Expect(page.GetByLabel("Structure pilote")).ToBeDisabledAsync();
                await page.GetByLabel("Début", new() { Exact = true }).FillAsync("01/02/2026");
                await page.GetByLabel("Début", new() { Exact = true }).PressAsync("Tab");
                await page.GetByLabel("Échéance", new() { Exact = true }).FillAsync(partner.Due);
                await page.GetByLabel("Échéance", new() { Exact = true }).PressAsync("Tab");
                await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter une ligne de budget" }).ClickAsync();
                await page.GetByLabel("Financeur (ligne 1)").FillAsync("Enveloppe Cité 2026");
                await page.GetByLabel("Prévu € (ligne 1)").FillAsync($"{partner.Committed * 2}");
                await page.GetByLabel("Engagé € (ligne 1)").FillAsync($"{partner.Committed}");
            }
            await Task.WhenAll(partners.Select(p => p.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync()));
            foreach (var page in partners)
            {
                await Expect(page.GetByText("Action enregistrée.")).ToBeVisibleAsync();
            }
            await AxeAtBothWidthsAsync(partners[1], 360, 740);
            foreach (var partner in Partners)
            {
                await Expect(Row(plan, Cards[partner.Card])).ToContainTextAsync(partner.Due);
            }
            await Expect(plan.Locator("[data-remaining]")).ToHaveTextAsync("94\u202F000,00 €");

            // The coordinator exports the plan: the five actions with their pilots and dates.
            await plan.GetByRole(AriaRole.Button, new() { Name = "Exporter la feuille de route" }).ClickAsync();
            var download = await plan.RunAndWaitForDownloadAsync(() => plan.GetByRole(AriaRole.Menuitem, new() { Name = "Tableur CSV" }).ClickAsync());
            var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
            foreach (var text in Cards)
            {
                Assert.Contains(text, csv, StringComparison.Ordinal);
            }
            foreach (var partner in Partners)
            {
                var line = csv.Split('\n').Single(l => l.Contains(Cards[partner.Card], StringComparison.Ordinal));
                Assert.Contains(partner.Structure, line, StringComparison.Ordinal);
                Assert.Contains("2026-02-01", line, StringComparison.Ordinal);
                Assert.Contains(partner.DueIso, line, StringComparison.Ordinal);
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
}
