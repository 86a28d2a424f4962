using Bunit;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Web.Components.Pages.Diagnostic;

namespace CiteEmploi.Tests.Components.Pages.Diagnostic;

/// <summary>The printed diagnostic's content, drawn from a built state: matrix, map of points, gaps, findings with comments, figures with sources.</summary>
public sealed class DiagnosticPrintSheetTests : MudTestContext
{
    private static readonly FrozenService Garage = new(Guid.NewGuid(), "Garage solidaire", "Mobilité 93", 500, 48.934, 2.359);

    private static DiagnosticState State() => new(
        5,
        FrozenFilters.None,
        [new FrozenPlace("QN09301M", "QPV Franc-Moisin", true, 48.92957, 2.35924, 5), new FrozenPlace("QN09302M", "QPV Cosmonautes", true, null, null, 3)],
        ["mobilite", "numerique"],
        [new FrozenCell("QN09301M", "mobilite", [Garage], 1), new FrozenCell("QN09301M", "numerique", [], 0)],
        [new FrozenFinding("QN09301M", "numerique", GapStatus.Confirme, "Aucun atelier près du quartier", "Camille", DateTimeOffset.Parse("2026-03-12T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null)],
        [new TerritorialFigure("QN09301M", "chomage", 24.5m, 2021, "Insee, RP 2021")],
        2);

    [Fact]
    public void ThePrintedDiagnostic_ShowsTheMatrixMapGapsFindingsAndFiguresWithTheirSources()
    {
        var cut = Render<DiagnosticPrintSheet>(p => p
            .Add(c => c.CiteName, "Cité de Plaine Commune")
            .Add(c => c.Title, "Diagnostic partagé — COPIL de mars 2026")
            .Add(c => c.State, State())
            .Add(c => c.AsOf, new DateOnly(2026, 3, 12))
            .Add(c => c.PrintedOn, new DateOnly(2026, 12, 7))
            .Add(c => c.FrozenBy, "Camille"));

        Assert.Equal("Diagnostic partagé — COPIL de mars 2026", cut.Find("h1").TextContent);
        Assert.Contains("Diagnostic au 12 mars 2026, figé par Camille · Imprimé le 7 décembre 2026", cut.Find(".print-meta").TextContent, StringComparison.Ordinal);
        Assert.Equal("Distance comptée autour de chaque lieu : 5 km (QPV Cosmonautes : 3 km) · services publiés dans l'annuaire, sans autre filtre.",
            cut.Find("[data-testid=print-settings]").TextContent);
        // barriers in rows, places in columns; the gap stands out with its finding; the unplaced place counts nothing
        var matrix = cut.Find("[data-testid=print-matrix]");
        Assert.Equal(["Frein", "QPV Franc-Moisin5 km", "QPV Cosmonautesposition inconnue"], matrix.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal("1", matrix.QuerySelector("tr[data-frein=mobilite] td[data-place=QN09301M]")!.TextContent.Trim());
        var gap = matrix.QuerySelector("tr[data-frein=numerique] td[data-place=QN09301M]")!;
        Assert.Contains("print-gap", gap.ClassList);
        Assert.Equal(("0confirmé", "confirmé"), (gap.TextContent.Trim(), gap.QuerySelector(".print-sub")!.TextContent));
        Assert.Equal("–", matrix.QuerySelector("tr[data-frein=mobilite] td[data-place=QN09302M]")!.TextContent.Trim());
        Assert.Contains("2 services publiés sans adresse ni commune connue ne comptent dans aucune case.", cut.Markup, StringComparison.Ordinal);
        // the map: one square and one ring per placed place, one point per service, said in words
        var map = cut.Find("svg[data-testid=print-map]");
        Assert.Equal("Carte : 1 lieu, 1 service compté", map.GetAttribute("aria-label"));
        Assert.Single(map.QuerySelectorAll("rect"));
        Assert.Single(map.QuerySelectorAll("circle.print-map__ring"));
        Assert.Single(map.QuerySelectorAll("circle.print-map__service"));
        Assert.Equal("QPV Franc-Moisin", map.QuerySelector("text")!.TextContent);
        Assert.Contains("QPV Franc-Moisin : aucun service à moins de 5 km pour numérique ; un seul pour mobilité", cut.Find("li[data-place=QN09301M]").TextContent, StringComparison.Ordinal);
        Assert.Equal("QPV Cosmonautes : position inconnue, rien n'est compté", cut.Find("li[data-place=QN09302M]").TextContent);
        var finding = cut.Find("[data-testid=print-findings] tbody tr").TextContent;
        Assert.Contains("Aucun atelier près du quartier", finding, StringComparison.Ordinal);
        Assert.Contains("Camille, 12 mars 2026", finding, StringComparison.Ordinal);
        var figure = cut.Find("[data-testid=print-figures] tbody tr").TextContent;
        Assert.Contains("Taux de chômage", figure, StringComparison.Ordinal);
        Assert.Contains("24,5 %", figure, StringComparison.Ordinal);
        Assert.Contains("2021", figure, StringComparison.Ordinal);
        Assert.Contains("Insee, RP 2021", figure, StringComparison.Ordinal);
    }
}
