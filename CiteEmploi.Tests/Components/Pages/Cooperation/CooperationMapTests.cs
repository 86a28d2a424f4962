using Bunit;
using CiteEmploi.Web.Components.Pages.Cooperation;
using CiteEmploi.Web.Features.Cooperation;

namespace CiteEmploi.Tests.Components.Pages.Cooperation;

/// <summary>The cooperation map: a node per linked structure, a line per link coloured by its main kind, the legend, and the table saying the same.</summary>
public sealed class CooperationMapTests : MudTestContext
{
    private static readonly Guid Caf = Guid.NewGuid();
    private static readonly Guid Ccas = Guid.NewGuid();
    private static readonly Guid Ml = Guid.NewGuid();

    private static CooperationView View() => new("2026", "2025", false, 5,
        [new(Caf, "CAF du département", 2, 1, 2, 4), new(Ccas, "CCAS de la ville", 1, 1, 0, 1), new(Ml, "Mission Locale du quartier avec un nom très long", 1, 0, 2, 3)],
        ["EPIDE", "E2C"],
        [new(Caf, Ccas, 1, 0), new(Caf, Ml, 0, 3)],
        0.2, 1, 0.1, [], [], 1);

    [Fact]
    public void TheMap_DrawsEachLinkedStructureAndEachLink_WithALegend_AndTheSameInATable()
    {
        var cut = Render<CooperationMap>(p => p.Add(m => m.View, View()));

        var svg = cut.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("3 structures liées, 2 liens", cut.Find("desc").TextContent, StringComparison.Ordinal);
        Assert.Equal(["CAF du département", "CCAS de la ville", "Mission Locale du quartier avec un nom très long"], cut.FindAll("g[data-node]").Select(g => g.GetAttribute("data-node")));
        Assert.Equal("Mission Locale du quart…", cut.Find("g[data-node^='Mission'] text").TextContent); // long names shortened on the drawing only
        var lines = cut.FindAll("line[data-edge]");
        Assert.Equal([("CAF du département — CCAS de la ville", "Action", "#000091"), ("CAF du département — Mission Locale du quartier avec un nom très long", "Seance", "#b34000")],
            lines.Select(l => (l.GetAttribute("data-edge"), l.GetAttribute("data-kind"), l.GetAttribute("stroke"))));
        Assert.True(double.Parse(lines[1].GetAttribute("stroke-width")!, System.Globalization.CultureInfo.InvariantCulture) > double.Parse(lines[0].GetAttribute("stroke-width")!, System.Globalization.CultureInfo.InvariantCulture));
        var radii = cut.FindAll("circle").Select(c => double.Parse(c.GetAttribute("r")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(radii[0] > radii[2] && radii[2] > radii[1]); // by the weight of their links: 4, 1, 3
        Assert.DoesNotContain(",", cut.Find("line").GetAttribute("x1")!, StringComparison.Ordinal); // invariant numbers in a French page

        Assert.Equal(["Actions co-pilotées", "Séances communes", "Orientations"], cut.FindAll("li[data-legend]").Select(l => l.TextContent.Trim()));

        var rows = cut.FindAll("[data-testid='cooperation-table'] tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Equal(("2", "1", "2"), (cut.Find("td[data-partners-of='CAF du département']").TextContent, cut.Find("td[data-actions-of='CAF du département']").TextContent,
            cut.Find("td[data-sessions-of='CAF du département']").TextContent));
        Assert.Contains("CCAS de la ville, Mission Locale du quartier avec un nom très long", rows[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLayout_IsACircle_TheSameForTheSameStructures()
    {
        var ids = new[] { Caf, Ccas, Ml, Guid.NewGuid() };

        var first = CooperationMap.Layout(ids);
        var again = CooperationMap.Layout(ids);

        Assert.Equal(first, again);
        Assert.Equal((380, 70), (Math.Round(first[Caf].X), Math.Round(first[Caf].Y))); // the first at the top
        Assert.All(first.Values, p => Assert.Equal(150, Math.Round(Math.Sqrt(Math.Pow(p.X - 380, 2) + Math.Pow(p.Y - 220, 2)), 6)));
    }

    [Fact]
    public void AReferralLink_IsGreen_WithAnArrowTowardsTheStructureThatReceivedMost_AndTheTableSaysSentAndReceived()
    {
        var view = new CooperationView("2026", "2025", false, 3,
            [new(Ccas, "CCAS de la ville", 1, 0, 0, 3, Sent: 1, Received: 2), new(Ml, "Mission Locale du quartier", 1, 0, 0, 3, Sent: 2, Received: 1)],
            [], [new(Ccas, Ml, 0, 0, Forward: 1, Backward: 2)], 1, 0, 0, [], [], 0);

        var cut = Render<CooperationMap>(p => p.Add(m => m.View, view));

        var line = cut.Find("line[data-edge]");
        Assert.Equal(("Orientation", "#18753c", "url(#coop-arrow)", "3"), (line.GetAttribute("data-kind"), line.GetAttribute("stroke"), line.GetAttribute("marker-end"), line.GetAttribute("data-orientations")));
        // drawn from the Mission Locale (it sent two) to the CCAS: the line starts on the Mission Locale's circle
        var ml = cut.Find("g[data-node='Mission Locale du quartier'] circle");
        Assert.Equal((ml.GetAttribute("cx"), ml.GetAttribute("cy")), (line.GetAttribute("x1"), line.GetAttribute("y1")));
        Assert.Equal(("1 / 2", "2 / 1"), (cut.Find("td[data-referrals-of='CCAS de la ville']").TextContent, cut.Find("td[data-referrals-of='Mission Locale du quartier']").TextContent));
    }
}
