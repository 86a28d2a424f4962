using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using Microsoft.Playwright;
using static CiteEmploi.Tests.EndToEnd.Boards.BoardPages;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Boards;

/// <summary>Guests on phones join a board with its code, add and vote, are seen live, and are cut off when the code closes.</summary>
public sealed class BoardGuestTests(BoardGuestTests.Room fixture) : IClassFixture<BoardGuestTests.Room>
{
    public sealed class Room : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Lorient");
            await CreatePersonAsync("coord.lorient@tests.invalid", Slug, CiteRole.Coordinateur, "Camille Coordination");
        }

        public Task<BoardView> NewBoardAsync(string title) => NewBoardAsync(Slug, title);
    }

    [Fact]
    public async Task TwoGuestsOnPhones_JoinWithTheCode_AddAndVote_AreSeenLive_AndAreCutOffWhenTheCodeCloses()
    {
        var board = await fixture.NewBoardAsync("Atelier garde d'enfants");
        var contexts = new List<IBrowserContext>();
        try
        {
            var (coordContext, coord) = await fixture.SignInAsync("coord.lorient@tests.invalid");
            contexts.Add(coordContext);
            await coord.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/tableaux/{board.Id}"));
            await coord.GetByText("Animation du tableau").ClickAsync();
            await coord.GetByRole(AriaRole.Button, new() { Name = "Ouvrir aux invités" }).ClickAsync();
            var codeShown = coord.GetByTestId("guest-code");
            await Expect(codeShown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-HJKMNP-Z2-9]{6}$"));
            var code = (await codeShown.TextContentAsync())!;
            await Expect(coord.Locator("img.guest-qr")).ToBeVisibleAsync();
            Assert.StartsWith("data:image/png;base64,", await coord.Locator("img.guest-qr").GetAttributeAsync("src"));

            // Nadia scans the QR code: the code is already in the field
            var nadia = await PhoneAsync(contexts);
            await nadia.GotoAsync(fixture.Url($"/rejoindre/{code}"));
            await Expect(nadia.GetByLabel("Code du tableau")).ToHaveValueAsync(code);
            await nadia.AssertAccessibleAsync();
            Assert.False(await nadia.HasHorizontalScrollAsync(), await nadia.OverflowingElementsAsync());
            await JoinAsync(nadia, "Nadia");

            // Léo types it, first wrongly
            var leo = await PhoneAsync(contexts);
            await leo.GotoAsync(fixture.Url("/rejoindre"));
            await leo.GetByLabel("Code du tableau").FillAsync("ZZZZZZ");
            await leo.GetByRole(AriaRole.Button, new() { Name = "Rejoindre le tableau" }).ClickAsync();
            await Expect(leo.Locator("#join-Nom-error")).ToContainTextAsync("Indiquez le nom");
            await leo.GetByLabel("Votre nom affiché").FillAsync("Léo");
            await leo.GetByRole(AriaRole.Button, new() { Name = "Rejoindre le tableau" }).ClickAsync();
            await Expect(leo.Locator("#join-Code-error")).ToContainTextAsync("inconnu, expiré ou fermé");
            await Expect(leo.Locator("#join-Nom-error")).ToHaveCountAsync(0);
            await leo.AssertAccessibleAsync();
            await leo.GetByLabel("Code du tableau").FillAsync(code.ToLowerInvariant());
            await JoinAsync(leo, "Léo");

            await Expect(coord.Locator(".presence-list")).ToContainTextAsync("Nadia (invité·e)");
            await Expect(coord.Locator(".presence-list")).ToContainTextAsync("Léo (invité·e)");
            await Expect(nadia.Locator(".presence-list")).ToContainTextAsync("Camille Coordination");

            await nadia.GetByLabel("Nouvelle carte dans « Constats »").FillAsync("Pas de crèche après 18 h");
            await nadia.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).First.ClickAsync();
            var onLeo = leo.Locator("[data-card]", new() { HasText = "Pas de crèche après 18 h" });
            await Expect(onLeo).ToBeVisibleAsync();
            await Expect(onLeo).ToContainTextAsync("Nadia");
            await Expect(coord.Locator("[data-card]", new() { HasText = "Pas de crèche après 18 h" })).ToBeVisibleAsync();

            var left = int.Parse((await leo.GetByTestId("votes-left").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            await onLeo.GetByRole(AriaRole.Button, new() { Name = "+1 : voter pour « Pas de crèche après 18 h »" }).ClickAsync();
            await Expect(leo.GetByTestId("votes-left")).ToHaveTextAsync((left - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(onLeo).ToContainTextAsync("dont 1 de vous");
            await leo.AssertAccessibleAsync();
            Assert.False(await leo.HasHorizontalScrollAsync(), await leo.OverflowingElementsAsync());

            // nothing else of the Cité is within a guest's reach: no navigation, and every address answers the login page or « introuvable »
            Assert.Equal(0, await nadia.Locator("nav, .cite-switcher").CountAsync());
            foreach (var path in new[] { "/", $"/c/{fixture.Slug}", $"/c/{fixture.Slug}/tableaux", $"/c/{fixture.Slug}/tableaux/{board.Id}",
                         $"/c/{fixture.Slug}/membres", $"/c/{fixture.Slug}/annuaire", $"/c/{fixture.Slug}/journal", "/admin" })
            {
                var probe = await nadia.Context.NewPageAsync();
                await probe.GotoAsync(fixture.Url(path));
                Assert.True(probe.Url.Contains("/connexion", StringComparison.Ordinal) || await probe.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" }).CountAsync() > 0,
                    $"{path} a répondu à une invitée : {probe.Url}");
                Assert.Equal(0, await probe.GetByText("Pas de crèche après 18 h").CountAsync());
                await probe.CloseAsync();
            }
            // …and inside her live page (the circuit is anonymous): the Cité's board answers « introuvable »
            await nadia.EvaluateAsync($"() => Blazor.navigateTo('/c/{fixture.Slug}/tableaux/{board.Id}')");
            await Expect(nadia.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
            await Expect(nadia.GetByText("Pas de crèche après 18 h")).ToHaveCountAsync(0);
            await nadia.GotoAsync(fixture.Url("/invite/tableau"));
            await nadia.WaitForInteractiveAsync();
            await Expect(nadia.Locator("[data-card]", new() { HasText = "Pas de crèche après 18 h" })).ToBeVisibleAsync();

            // the facilitator closes the code: both phones are told at once, and nothing more is accepted
            await coord.GetByRole(AriaRole.Button, new() { Name = "Fermer l'accès invité" }).ClickAsync();
            await Expect(nadia.GetByRole(AriaRole.Heading, new() { Name = "La session invité est terminée" })).ToBeVisibleAsync();
            await Expect(leo.GetByRole(AriaRole.Heading, new() { Name = "La session invité est terminée" })).ToBeVisibleAsync();
            await Expect(leo.Locator("[data-card]")).ToHaveCountAsync(0);
            await Expect(coord.Locator(".presence-list")).Not.ToContainTextAsync("invité·e");
            await leo.ReloadAsync();
            await Expect(leo.GetByRole(AriaRole.Heading, new() { Name = "La session invité est terminée" })).ToBeVisibleAsync();
            await leo.AssertAccessibleAsync();
            await leo.GotoAsync(fixture.Url($"/rejoindre/{code}"));
            await leo.GetByLabel("Votre nom affiché").FillAsync("Léo");
            await leo.GetByRole(AriaRole.Button, new() { Name = "Rejoindre le tableau" }).ClickAsync();
            await Expect(leo.Locator("#join-Code-error")).ToContainTextAsync("inconnu, expiré ou fermé");
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
