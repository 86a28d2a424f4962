using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Features.Annuaire.Near;
using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Annuaire;

/// <summary>A field worker helping someone in Saint-Denis asks for what is closest: by commune, then by the phone's position.</summary>
public sealed class DirectoryNearEndToEndTests(DirectoryNearEndToEndTests.NearPeopleFixture fixture)
    : IClassFixture<DirectoryNearEndToEndTests.NearPeopleFixture>
{
    private const string FieldWorker = "terrain.pres@tests.invalid";

    /// <summary>The services of <see cref="NearSearchTests.NearFixture"/>, and a field worker of that Cité.</summary>
    public sealed class NearPeopleFixture : NearSearchTests.NearFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await CreatePersonAsync(FieldWorker, Access.Slug, CiteRole.Observateur, "Animatrice de terrain");
        }
    }

    private string SearchPage => fixture.Url($"/c/{fixture.Access.Slug}/annuaire");

    [Fact]
    public async Task PicksACommune_AndSeesTheServicesByDistance_ThenUsesThePhonesPosition()
    {
        var (context, page) = await fixture.SignInAsync(FieldWorker);
        await using var _ = context;
        await page.GotoInteractiveAsync(SearchPage);

        var place = page.Locator("input#pres");
        var option = page.GetByRole(AriaRole.Option, new() { Name = "Saint-Denis (93)" });
        for (var attempt = 0; attempt < 3 && !await option.IsVisibleAsync(); attempt++)
        {
            // typed as a person would; on a loaded machine the first keys can reach the page before its list is ready
            await place.ClearAsync();
            await place.PressSequentiallyAsync("saint-den", new() { Delay = 50 });
            try
            {
                await option.WaitForAsync(new() { Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt < 2)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"near-autocomplete-{attempt}.png") });
            }
        }
        await option.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]pres=commune(%3A|:)93066(&|$)"));
        await Expect(page.Locator(".results-status")).ToContainTextAsync("5 services près de Saint-Denis (93), du plus proche au plus loin");
        var results = page.GetByRole(AriaRole.List, new() { Name = "Résultats" });
        var cards = results.Locator(".service-card");
        await Expect(cards.First.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Garage solidaire du centre");
        await Expect(cards.First).ToContainTextAsync("à 500 m");
        await Expect(cards.Nth(1).GetByRole(AriaRole.Heading)).ToHaveTextAsync("Atelier numérique de la gare");
        await Expect(cards.Nth(2)).ToContainTextAsync("centre de la commune (Bobigny)");
        await Expect(cards.Last).ToContainTextAsync("à 398 km");
        // the service given by phone is apart, not ranked by distance; the one without an address is counted
        var remote = page.GetByRole(AriaRole.List, new() { Name = "Services à distance" });
        await Expect(remote.Locator(".service-card")).ToHaveCountAsync(1);
        await Expect(remote).ToContainTextAsync("Conseil en mobilité par téléphone");
        await Expect(page.GetByText("1 service sans adresse localisable n'est pas classé par distance.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // words combine with the place
        var box = page.GetByLabel("Rechercher un service");
        await box.FillAsync("solidaire");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=solidaire.*pres=|pres=.*q=solidaire"));
        await Expect(page.Locator(".results-status")).ToContainTextAsync("2 services près de Saint-Denis (93)");
        await Expect(cards.First.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Garage solidaire du centre");

        // « Ma position »: the phone says it is in Lyon (granted through the browser's permissions, a fixed position)
        await context.GrantPermissionsAsync(["geolocation"]);
        await context.SetGeolocationAsync(new Geolocation { Latitude = 45.7740f, Longitude = 4.8357f });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ma position" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]pres=geo(%3A|:)45\\.774"));
        await Expect(page.Locator(".results-status")).ToContainTextAsync("près de votre position");
        await Expect(cards.First.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Garage solidaire de Lyon");
        await Expect(cards.First).ToContainTextAsync("à 1,1 km");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task OnAPhone_TheNearResultsFitTheScreen_AndPassAxe()
    {
        var (context, page) = await fixture.SignInAsync(FieldWorker, width: 360, height: 740);
        await using var _ = context;
        await page.GotoInteractiveAsync(SearchPage + "?pres=commune:93066&rayon=7");

        await Expect(page.Locator(".results-status")).ToContainTextAsync("3 services à moins de 7 km de Saint-Denis (93)");
        await Expect(page.Locator(".service-card").First).ToContainTextAsync("à 500 m");
        await page.AssertAccessibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), await page.OverflowingElementsAsync());
    }

    [Fact]
    public async Task ABadPlace_IsSaidNextToTheField_AndTheRestOfTheSearchGoesOn()
    {
        var (context, page) = await fixture.SignInAsync(FieldWorker);
        await using var _ = context;

        foreach (var (pres, message) in new[]
        {
            ("commune:99999", "Aucune commune n'a le code INSEE « 99999 »."),
            ("geo:51.5074,-0.1278", "hors de France"),
            ("qpv:QN09301M", "Le quartier Franc-Moisin Bel-Air n'a pas encore de position"),
            ("nulle-part", "commune:<code INSEE>"),
        })
        {
            var response = await page.GotoAsync(SearchPage + "?q=solidaire&pres=" + Uri.EscapeDataString(pres));
            Assert.Equal(200, response!.Status);
            await page.WaitForInteractiveAsync();
            await Expect(page.Locator("#pres-error")).ToContainTextAsync(message);
            // the words still answer, without the place
            await Expect(page.Locator(".results-status")).ToContainTextAsync("2 services trouvés");
        }
        await page.AssertAccessibleAsync();

        // « Ma position » refused by the browser: said next to the field, nothing else changes
        await page.GotoInteractiveAsync(SearchPage + "?q=solidaire");
        await context.ClearPermissionsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ma position" }).ClickAsync();
        await Expect(page.Locator("#pres-error")).ToContainTextAsync("Le navigateur n'a pas donné la position");
        await Expect(page.Locator(".results-status")).ToContainTextAsync("2 services trouvés");
        Assert.DoesNotContain("pres=", page.Url, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
    }
}
