using Bunit;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Tests.Features;
using CiteEmploi.Web.Components.Pages.Diagnostic;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Diagnostic;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components.Pages.Diagnostic;

/// <summary>
/// The map's markup without a browser (no JavaScript runs here): its summary for screen readers, the sentence that sends
/// them to the table, the places without a position listed under it, the barrier of the open cell, the tile-free credit.
/// </summary>
public sealed class CoverageMapTests : MudTestContext, IClassFixture<DatabaseFixture>
{
    private static readonly Frein Mobilite = Freins.Find("mobilite")!;
    private static readonly Frein Numerique = Freins.Find("numerique")!;

    public CoverageMapTests(DatabaseFixture database)
    {
        // the real service, never called here: the points are given, and there is no reader's access
        var dbs = new CiteDbContextFactory(new TestDbContextFactory(database));
        Services.AddSingleton(new DiagnosticService(dbs, new DirectoryPositionSnapshots(TimeProvider.System, dbs), new DirectoryService(dbs, TimeProvider.System), TimeProvider.System));
        Services.AddOptions();
        SetRendererInfo(new RendererInfo("Static", isInteractive: false)); // the markup as prerendered: no drawing
    }

    private static CoverageMatrix Matrix()
    {
        IReadOnlyList<CoverageRow> rows =
        [
            new(Place.Qpv("QN09301M", "Franc-Moisin Bel-Air", new GeoPoint(48.92957, 2.35924)), 5),
            new(Place.Qpv("QN09302M", "Cosmonautes", new GeoPoint(48.9370, 2.3480)), 3),
            new(Place.Qpv("QN09303M", "Floréal Saussaie Courtille"), 5),
        ];
        var empty = CitePositions.Build([], new Dictionary<Guid, Structure>());
        return Coverage.Compute(empty, rows, Freins.All, CoverageFilters.None, new DateOnly(2026, 12, 7));
    }

    private static CoverageMapPoints PointsOf(Frein frein, int count) =>
        new(frein, [.. Enumerable.Range(0, count).Select(i => new CoverageMapPoint(Guid.NewGuid(), $"Service {i}", 48.93 + (i * 0.001), 2.36))]);

    [Fact]
    public void TheMap_SaysWhatItShows_AndSendsToTheTable()
    {
        var cut = Render<CoverageMap>(p => p
            .Add(m => m.Matrix, Matrix())
            .Add(m => m.Frein, Mobilite)
            .Add(m => m.Points, PointsOf(Mobilite, 42)));

        var map = cut.Find("[data-testid=coverage-map]");
        Assert.Equal("img", map.GetAttribute("role"));
        Assert.Equal("Carte : 2 QPV, 42 services Mobilité", map.GetAttribute("aria-label"));
        Assert.Equal("mobilite", map.GetAttribute("data-frein"));
        Assert.Contains("Le tableau ci-dessus donne les mêmes informations", cut.Find(".coverage-map__note").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Sans fond de carte", cut.Find(".coverage-map__credit").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void APlaceWithoutPosition_IsListedUnderTheMap()
    {
        var cut = Render<CoverageMap>(p => p.Add(m => m.Matrix, Matrix()).Add(m => m.Points, PointsOf(Mobilite, 1)));

        var unplaced = cut.FindAll(".coverage-map__unplaced li");
        var only = Assert.Single(unplaced);
        Assert.Equal("QN09303M", only.GetAttribute("data-place"));
        Assert.Equal("QPV Floréal Saussaie Courtille — sans position", only.TextContent.Trim());
        Assert.Equal("Carte : 2 QPV, 1 service Mobilité", cut.Find("[data-testid=coverage-map]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task ADistanceChanged_RedrawsThePlacesOnly_WhileNewFiltersSendTheServicesAgain()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
        var module = JSInterop.SetupModule("./js/coverage-map.js");
        var reader = new CiteAccess(Guid.NewGuid(), "cite-de-la-carte", null, CiteEmploi.Domain.Members.CiteRole.Observateur);
        // one directory (one table of positions) counted with a distance and filters, as the page recounts it
        var table = CitePositions.Build([], new Dictionary<Guid, Structure>());
        CoverageMatrix counted(double radiusKm, CoverageFilters filters) => Coverage.Compute(table,
            [new(Place.Qpv("QN09301M", "Franc-Moisin Bel-Air", new GeoPoint(48.92957, 2.35924)), radiusKm)], Freins.All, filters, new DateOnly(2026, 12, 7));

        var cut = Render<CoverageMap>(p => p.Add(m => m.Matrix, counted(5, CoverageFilters.None)).Add(m => m.Access, reader));
        // the first read of the (empty) directory may create the test database: long waits (a busy machine), never a timing
        await cut.WaitForAssertionAsync(() => Assert.Single(module.Invocations["draw"]), TimeSpan.FromSeconds(60));

        cut.Render(p => p.Add(m => m.Matrix, counted(3, CoverageFilters.None)).Add(m => m.Access, reader));
        await cut.WaitForAssertionAsync(() => Assert.Single(module.Invocations["places"]), TimeSpan.FromSeconds(30));
        Assert.Single(module.Invocations["draw"]);

        cut.Render(p => p.Add(m => m.Matrix, counted(3, new CoverageFilters(FreeOnly: true))).Add(m => m.Access, reader));
        await cut.WaitForAssertionAsync(() => Assert.Equal(2, module.Invocations["draw"].Count), TimeSpan.FromSeconds(30));
        Assert.Single(module.Invocations["places"]);
    }

    [Fact]
    public void OpeningAnotherCell_ShowsItsBarrier()
    {
        var cut = Render<CoverageMap>(p => p.Add(m => m.Matrix, Matrix()).Add(m => m.Frein, Mobilite).Add(m => m.Points, PointsOf(Mobilite, 3)));

        cut.Render(p => p.Add(m => m.Matrix, Matrix()).Add(m => m.Frein, Numerique).Add(m => m.Points, PointsOf(Numerique, 0)));

        var map = cut.Find("[data-testid=coverage-map]");
        Assert.Equal("numerique", map.GetAttribute("data-frein"));
        Assert.Equal($"Carte : 2 QPV, aucun service {Numerique.Label}", map.GetAttribute("aria-label"));
    }
}
