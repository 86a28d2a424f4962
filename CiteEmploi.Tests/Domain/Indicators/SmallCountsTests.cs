using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Tests.Domain.Indicators;

public sealed class SmallCountsTests
{
    [Fact]
    public void Protect_HidesOneToFour_KeepsZeroAndMissing()
    {
        var cells = SmallCounts.Protect(new Breakdown(Femmes: 20, Hommes: 20, MoinsDe26Ans: 4, ResidentsQpv: 0, DemandeursLongueDuree: null));

        Assert.Equal(["20", "20", "< 5", "0", "non renseigné"], cells.Select(c => c.Text));
        Assert.Null(cells[2].Value);
    }

    [Theory]
    [InlineData(3, 37)]
    [InlineData(37, 1)]
    public void Protect_OneSexHidden_HidesTheOther_SoTheTotalCannotGiveItBack(int women, int men)
    {
        var cells = SmallCounts.Protect(new Breakdown(women, men));

        Assert.True(cells[0].Hidden && cells[1].Hidden);
        Assert.Null(cells[0].Value);
        Assert.Null(cells[1].Value);
    }

    [Fact]
    public void Protect_OneSexHiddenAndTheOtherMissing_LeavesItMissing()
    {
        var cells = SmallCounts.Protect(new Breakdown(Femmes: 2));

        Assert.Equal(["< 5", "non renseigné"], cells.Take(2).Select(c => c.Text));
    }

    [Fact]
    public void Sum_OfShownCells_IsShown_UnlessFromOneToFour()
    {
        Assert.Equal(12, SmallCounts.Sum([new BreakdownCell(5, false), new BreakdownCell(7, false), BreakdownCell.Missing]).Value);
        Assert.True(SmallCounts.Sum([new BreakdownCell(0, false), new BreakdownCell(0, false)]) is { Value: 0, Hidden: false });
        Assert.True(SmallCounts.Sum([BreakdownCell.Missing]) is { Value: null, Hidden: false });
    }

    [Fact]
    public void Sum_ContainingAHiddenCell_IsHidden_SoNothingIsRecoveredBySubtraction()
    {
        var sum = SmallCounts.Sum([new BreakdownCell(20, false), BreakdownCell.Masked]);

        Assert.True(sum.Hidden);
        Assert.Null(sum.Value);
        Assert.Equal("< 5", sum.Text);
    }

    [Fact]
    public void Median_OfOddAndEvenCounts()
    {
        Assert.Equal(40m, IndicatorStatistics.Median([100m, 10m, 40m]));
        Assert.Equal(37.5m, IndicatorStatistics.Median([25m, 50m]));
        Assert.Null(IndicatorStatistics.Median([]));
    }
}
