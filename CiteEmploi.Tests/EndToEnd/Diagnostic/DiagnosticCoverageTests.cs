using System.Net;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Features.Annuaire.Near;
using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Diagnostic;

/// <summary>
/// A coordinator preparing a COPIL places a QPV and reads which barriers have nothing near it; a partner on a phone sees
/// the matrix fill in live, opens a cell, widens the distance; a bad distance is said next to its field.
/// The services are those of <see cref="NearSearchTests.NearFixture"/> around Saint-Denis.
/// </summary>
public sealed class DiagnosticCoverageTests(DiagnosticCoverageTests.DiagnosticFixture fixture) : IClassFixture<DiagnosticCoverageTests.DiagnosticFixture>
{
    private const string Coordinator = "coord.diagnostic@tests.invalid";
    private const string Partner = "partenaire.diagnostic@tests.invalid";

    public sealed class DiagnosticFixture : NearSearchTests.NearFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await CreatePersonAsync(Coordinator, Access.Slug, CiteRole.Coordinateur, "Coordinatrice");
            await CreatePersonAsync(Partner, Access.Slug, CiteRole.Partenaire, "Partenaire de terrain");
            var plan = await App.Get<CiteEmploi.Web.Features.Roadmap.PlanService>().CreateAsync(Access, "Feuille de route 2026", 2026, 2026, 100_000m);
            Assert.True(plan.Succeeded, plan.Describe());
        }
    }

    private string Page => fixture.Url($"/c/{fixture.Access.Slug}/diagnostic");

    private static ILocator Cell(IPage page, string frein) =>
        page.Locator($"tr[data-place='{NearSearchTests.NearFixture.Qpv}'] td[data-frein='{frein}'] button");

    [Fact]
    public async Task TheCoordinatorPlacesTheQpv_ThePartnerSeesTheGapsLive_OpensACell_AndWidensTheDistance()
    {
        var (coordinatorContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordinatorContext;
        var (partnerContext, partner) = await fixture.SignInAsync(Partner, width: 360, height: 740);
        await using var __ = partnerContext;
        await coordinator.GotoInteractiveAsync(Page);
        await partner.GotoInteractiveAsync(Page);

        // not placed yet: said, nothing counted, never guessed
        await Expect(partner.Locator($"tr[data-place='{NearSearchTests.NearFixture.Qpv}'] th")).ToContainTextAsync("position inconnue");
        await Expect(Cell(partner, "mobilite")).ToBeDisabledAsync();
        await Expect(partner.Locator(".coverage-map__unplaced")).ToContainTextAsync("QPV Franc-Moisin Bel-Air — sans position");
        await partner.AssertAccessibleAsync();
        Assert.False(await partner.HasHorizontalScrollAsync(), await partner.OverflowingElementsAsync());

        // the coordinator types the position of the neighbourhood (Saint-Denis's centre) and saves it
        await coordinator.Locator($"#lat-{NearSearchTests.NearFixture.Qpv}").FillAsync("48,92957");
        await coordinator.Locator($"#lon-{NearSearchTests.NearFixture.Qpv}").FillAsync("2.35924");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la position" }).ClickAsync();
        await Expect(coordinator.GetByText("La position de QN09301M est enregistrée.")).ToBeVisibleAsync();

        // the partner's page counts at once: one garage 500 m away, the phone service apart, nothing for « numérique » within 5 km
        await Expect(Cell(partner, "mobilite")).ToHaveAccessibleNameAsync(
            "1 — QPV Franc-Moisin Bel-Air, Mobilité : un seul service à moins de 5 km, payant ou sans tarif indiqué ; 1 service à distance");
        await Expect(Cell(partner, "numerique")).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^0 — .*Numérique : aucun service à moins de 5 km$"));
        await Expect(coordinator.Locator($"li.coverage-gap[data-place='{NearSearchTests.NearFixture.Qpv}']"))
            .ToContainTextAsync(new System.Text.RegularExpressions.Regex("aucun service à moins de 5 km pour .*numérique.*un seul pour .*mobilité"));

        // a cell opens its services with their distances
        await Cell(partner, "mobilite").ClickAsync();
        var detail = partner.Locator(".coverage-detail");
        await Expect(detail.GetByRole(AriaRole.Heading, new() { Name = "Mobilité — QPV Franc-Moisin Bel-Air" })).ToBeVisibleAsync();
        await Expect(detail.GetByRole(AriaRole.List, new() { Name = "Services à proximité, du plus proche au plus loin" })).ToContainTextAsync("Garage solidaire du centre");
        await Expect(detail).ToContainTextAsync("à 500 m");
        // the map (tile-free) follows the open cell: the placed QPV with its name, its 5 km ring, the barrier's services
        var map = partner.Locator("[data-testid=coverage-map]");
        await Expect(map).ToHaveAttributeAsync("data-frein", "mobilite");
        await Expect(map).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"^Carte : 1 QPV, [1-9]\d* services? Mobilité$"));
        await Expect(map.Locator("path.coverage-map__ring")).ToHaveCountAsync(1);
        await Expect(map.Locator("path.coverage-map__qpv")).ToHaveCountAsync(1);
        await Expect(map.Locator(".coverage-map__label")).ToHaveTextAsync("QPV Franc-Moisin Bel-Air");
        await Expect(partner.Locator(".coverage-map__unplaced")).ToHaveCountAsync(0);
        await Expect(detail.GetByRole(AriaRole.List, new() { Name = "Services à distance" })).ToContainTextAsync("Conseil en mobilité par téléphone");
        await partner.AssertAccessibleAsync();
        Assert.False(await partner.HasHorizontalScrollAsync(), await partner.OverflowingElementsAsync());

        // a wider distance: Bobigny (by its commune's centre, 6.3 km) and the gare's workshop (6 km) come in
        var radius = partner.Locator("#coverage-radius");
        await radius.FillAsync("7");
        await radius.PressAsync("Enter");
        await Expect(Cell(partner, "mobilite")).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^2 — .*Mobilité : 2 services à moins de 7 km"));
        await Expect(Cell(partner, "numerique")).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^1 — "));
        await Expect(detail).ToContainTextAsync("Auto-école sociale de Bobigny");

        // a bad distance: said next to the field, the matrix unchanged
        await radius.FillAsync("0");
        await radius.PressAsync("Enter");
        await Expect(partner.GetByText("Le rayon doit être supérieur à 0 et d'au plus 100 km.")).ToBeVisibleAsync();
        await Expect(Cell(partner, "mobilite")).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^2 — "));
        await partner.AssertAccessibleAsync();

        // only the coordination changes the Cité's settings
        await Expect(partner.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la position" })).ToHaveCountAsync(0);

        // in the workshop, the partner confirms the gap on « numérique »; the coordinator's matrix says it at once
        await Cell(partner, "numerique").ClickAsync();
        await partner.GetByRole(AriaRole.Radio, new() { Name = "confirmé" }).CheckAsync();
        await partner.Locator("#gap-comment").FillAsync("Rien pour le numérique à pied du quartier");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le constat" }).ClickAsync();
        await Expect(Cell(coordinator, "numerique")).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("constat : confirmé$"));

        // the coordinator opens it and makes it an action of the feuille de route in one gesture
        await Cell(coordinator, "numerique").ClickAsync();
        var finding = coordinator.Locator("[data-testid=gap-finding]");
        await Expect(finding).ToContainTextAsync("confirmé par Partenaire de terrain");
        await Expect(finding).ToContainTextAsync("Rien pour le numérique à pied du quartier");
        await finding.GetByRole(AriaRole.Button, new() { Name = "En faire une action" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Créer l'action" }).ClickAsync();
        await Expect(coordinator.GetByText(new System.Text.RegularExpressions.Regex("Le manque est devenu l'action .*Numérique : combler le manque"))).ToBeVisibleAsync();
        await Expect(finding.GetByRole(AriaRole.Link, new() { Name = "Voir l'action de la feuille de route" })).ToBeVisibleAsync();
        await coordinator.AssertAccessibleAsync();
    }

    [Fact]
    public async Task TheApi_GivesTheCoverage_WithTheDirectorysRules_AndRefusesBadParameters()
    {
        var (context, page) = await fixture.SignInAsync(Partner);
        await using var _ = context;

        var bad = await page.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.Access.Slug}/diagnostic/couverture?rayon=-2&public=martiens&gratuit=peut-etre"));
        Assert.Equal(400, bad.Status);
        var problems = await bad.TextAsync();
        Assert.Contains("Le rayon doit être supérieur à 0", problems, StringComparison.Ordinal);
        Assert.Contains("Le public « martiens » n'existe pas", problems, StringComparison.Ordinal);
        Assert.Contains("« gratuit » vaut true ou false", problems, StringComparison.Ordinal);

        var ok = await page.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.Access.Slug}/diagnostic/couverture?rayon=5"));
        Assert.Equal(200, ok.Status);
        var json = System.Text.Json.JsonDocument.Parse(await ok.TextAsync()).RootElement;
        var mobility = json.GetProperty("entrees").EnumerateArray()
            .Single(e => e.GetProperty("lieu").GetString() == NearSearchTests.NearFixture.Qpv && e.GetProperty("frein").GetString() == "mobilite");
        Assert.Equal("qpv", mobility.GetProperty("type_lieu").GetString());
        Assert.Equal(5, mobility.GetProperty("rayon_km").GetDouble());
        // counted once the QPV has a position (the other test may have placed it: either way the count matches the services given)
        Assert.Equal(mobility.GetProperty("nombre").GetInt32(), mobility.GetProperty("services").GetArrayLength());
        Assert.Equal(1, mobility.GetProperty("a_distance").GetArrayLength());

        // nobody else: the same 404 as for a Cité that does not exist
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        using var response = await anonymous.GetAsync(new Uri($"/api/cites/{fixture.Access.Slug}/diagnostic/couverture", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
