using System.Text;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Features.Annuaire.Near;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Diagnostic;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Diagnostic;

/// <summary>
/// A coordinator preparing a COPIL freezes the diagnostic (a partner's open page lists it at once), a service is
/// unpublished, the comparison shows the new gap and why, and the frozen diagnostic prints on A4 without the app's shell;
/// the matrix downloads as CSV and XLSX; a member of another Cité meets a 404 on every one of these addresses.
/// The services are those of <see cref="NearSearchTests.NearFixture"/> around Saint-Denis, the QPV placed at its centre.
/// </summary>
public sealed class DiagnosticSnapshotJourneyTests(DiagnosticSnapshotJourneyTests.SnapshotFixture fixture) : IClassFixture<DiagnosticSnapshotJourneyTests.SnapshotFixture>
{
    private const string Coordinator = "coord.fige@tests.invalid";
    private const string Partner = "partenaire.fige@tests.invalid";
    private const string Outsider = "coord.ailleurs.fige@tests.invalid";

    public sealed class SnapshotFixture : NearSearchTests.NearFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Assert.True((await App.Get<CiteService>().PlaceQpvAsync(Access, Qpv, SaintDenis)).Succeeded);
            await CreatePersonAsync(Coordinator, Access.Slug, CiteRole.Coordinateur, "Coordinatrice");
            await CreatePersonAsync(Partner, Access.Slug, CiteRole.Partenaire, "Partenaire de terrain");
            await CreatePersonAsync(Outsider, await CreateCiteAsync("Cité d'ailleurs"), CiteRole.Coordinateur, "Coordinateur d'ailleurs");
        }
    }

    private string Url(string path) => fixture.Url($"/c/{fixture.Access.Slug}/diagnostic{path}");

    [Fact]
    public async Task TheCoordinatorFreezes_AServiceIsUnpublished_TheComparisonSaysWhat_AndTheFrozenDiagnosticPrintsOnA4()
    {
        var (coordinatorContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordinatorContext;
        var (partnerContext, partner) = await fixture.SignInAsync(Partner, width: 360, height: 740);
        await using var __ = partnerContext;
        await coordinator.GotoInteractiveAsync(Url(""));
        await partner.GotoInteractiveAsync(Url(""));
        await Expect(partner.GetByTestId("no-snapshot")).ToBeVisibleAsync();

        // no name: said beside the field, nothing frozen
        var freeze = coordinator.GetByRole(AriaRole.Button, new() { Name = "Figer le diagnostic" });
        await freeze.ClickAsync();
        await Expect(coordinator.GetByText("Donnez un nom au diagnostic figé (par exemple « COPIL de mars 2026 »).")).ToBeVisibleAsync();
        await Expect(coordinator.GetByTestId("no-snapshot")).ToBeVisibleAsync();

        // frozen as of today (the date proposed); the partner's page lists it at once
        await coordinator.Locator("#snapshot-label").FillAsync("COPIL de décembre");
        await freeze.ClickAsync();
        await Expect(coordinator.GetByText("Le diagnostic « COPIL de décembre » est figé.")).ToBeVisibleAsync();
        await Expect(partner.GetByRole(AriaRole.List, new() { Name = "Diagnostics figés, du plus récent au plus ancien" })).ToContainTextAsync("COPIL de décembre");
        await Expect(partner.GetByRole(AriaRole.Button, new() { Name = "Figer le diagnostic" })).ToHaveCountAsync(0);
        await coordinator.AssertAccessibleAsync();

        // the garage next to the QPV goes back to draft: the comparison shows the new gap and why
        var garage = (await fixture.App.Get<DiagnosticService>().CoverageAsync(fixture.Access, new CoverageRequest(CoverageFilters.None)))!
            .Find(NearSearchTests.NearFixture.Qpv, "mobilite")!.Near.Single().ServiceId;
        Assert.True((await fixture.App.Get<DirectoryService>().ServiceBackToDraftAsync(fixture.Access, garage)).Succeeded);
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Comparer avec aujourd'hui « COPIL de décembre »" }).ClickAsync();
        await Expect(coordinator.GetByTestId("comparison-headline")).ToHaveTextAsync("Aucun manque comblé depuis « COPIL de décembre », 1 nouveau.");
        var cell = coordinator.Locator($"li.comparison-cell[data-place='{NearSearchTests.NearFixture.Qpv}'][data-frein='mobilite']");
        await Expect(cell).ToContainTextAsync("1 alors, 0 aujourd'hui");
        await Expect(cell).ToContainTextAsync("nouveau manque");
        await Expect(cell).ToContainTextAsync("Garage solidaire du centre");
        await Expect(cell).ToContainTextAsync("dépublié ou archivé");
        await coordinator.AssertAccessibleAsync();
        var comparisonUrl = coordinator.Url;

        // the frozen diagnostic on paper: no app bar, no menu; axe at 1280 and 360 px; an A4 PDF
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Imprimer le diagnostic figé" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Diagnostic partagé — COPIL de décembre", Level = 1 })).ToBeVisibleAsync();
        await Expect(coordinator.Locator($"[data-testid=print-matrix] tr[data-frein='mobilite'] td[data-place='{NearSearchTests.NearFixture.Qpv}']")).ToHaveTextAsync("1");
        await Expect(coordinator.Locator("svg[data-testid=print-map]")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Carte : 1 lieu, "));
        await Expect(coordinator.Locator(".mud-appbar, .mud-drawer, nav.cite-nav")).ToHaveCountAsync(0);
        var printUrl = coordinator.Url;
        await coordinator.AssertAccessibleAsync();
        await coordinator.SetViewportSizeAsync(360, 740);
        await coordinator.AssertAccessibleAsync();
        Assert.False(await coordinator.HasHorizontalScrollAsync(), await coordinator.OverflowingElementsAsync());
        var pdf = await coordinator.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var text = Encoding.Latin1.GetString(pdf);
        Assert.True(System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page\b") > 0, "aucune page dans le PDF");
        Assert.Matches(@"/MediaBox\s*\[0 0 59[45]\.\d+ 84[12]\.\d+\]", text);

        // the matrix as files, with the page's filters
        var csv = await coordinator.APIRequest.GetAsync(Url("/couverture.csv?rayon=5"));
        Assert.Equal(200, csv.Status);
        var lines = Encoding.UTF8.GetString(await csv.BodyAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("code_lieu;lieu;type_lieu;rayon_km;code_frein;frein;nombre;niveau;a_distance;constat;commentaire;services", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{NearSearchTests.NearFixture.Qpv};QPV Franc-Moisin Bel-Air;qpv;5;mobilite;Mobilité;0;aucun service;1;", StringComparison.Ordinal));
        var xlsx = await coordinator.APIRequest.GetAsync(Url("/couverture.xlsx"));
        Assert.Equal((200, "PK"), (xlsx.Status, Encoding.ASCII.GetString((await xlsx.BodyAsync())[..2])));
        Assert.Equal(400, (await coordinator.APIRequest.GetAsync(Url("/couverture.csv?rayon=0"))).Status);

        // another Cité's member: the same 404 everywhere
        var (outsiderContext, outsider) = await fixture.SignInAsync(Outsider);
        await using var ___ = outsiderContext;
        foreach (var address in new[] { comparisonUrl, printUrl, Url("/imprimer"), Url("/couverture.csv"), Url("/couverture.xlsx") })
        {
            Assert.Equal(404, (await outsider.APIRequest.GetAsync(address)).Status);
        }
        var page = await outsider.GotoAsync(comparisonUrl);
        Assert.Equal(404, page!.Status);
        Assert.DoesNotContain("COPIL de décembre", await outsider.ContentAsync(), StringComparison.Ordinal);
    }
}
