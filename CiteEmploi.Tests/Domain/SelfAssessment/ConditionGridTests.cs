using System.Globalization;
using CiteEmploi.Domain.SelfAssessment;

namespace CiteEmploi.Tests.Domain.SelfAssessment;

public sealed class ConditionGridTests
{
    private static readonly ConditionGrid Grid = ConditionGrid.V2026;

    [Fact]
    public void TheGrid2026_TakesTheThirteenListedConditions_InFourThemes_EachWithFourLevelsScoredZeroToThree()
    {
        Assert.Equal("2026-1", Grid.Version);
        Assert.Equal(["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "4.4"], Grid.Conditions.Select(c => c.Code));
        Assert.Equal([1, 2, 3, 4], Grid.Themes.Select(t => t.Number));
        Assert.All(Grid.Conditions, c =>
        {
            Assert.Equal(c.Code[..1], c.Theme.ToString(CultureInfo.InvariantCulture));
            Assert.Equal([(1, 0), (2, 1), (3, 2), (4, 3)], c.Levels.Select(l => (l.Level, l.Score)));
            Assert.All(c.Levels, l => Assert.False(string.IsNullOrWhiteSpace(l.Descriptor)));
            Assert.InRange(c.Weight, 1, 3);
        });
        Assert.Same(Grid, ConditionGrid.OfVersion("2026-1"));
        Assert.Null(ConditionGrid.OfVersion("2025-1"));
    }

    [Fact]
    public void TheScore_IsRecomputedFromTheDisplayedWeightsAndPoints()
    {
        // every condition at level 3 (2 points of 3), except 1.1 (weight 2) at level 4 and 4.4 (weight 1) at level 1
        var levels = Grid.Conditions.ToDictionary(c => c.Code, c => c.Code switch { "1.1" => 4, "4.4" => 1, _ => 3 });

        var got = Grid.Conditions.Sum(c => c.Weight * c.Find(levels[c.Code])!.Score);
        var max = Grid.Conditions.Sum(c => c.Weight * c.MaxScore);

        Assert.Equal((32, 48), (got, max)); // weights: 2 for 1.1, 3.1 and 4.1, 1 for the ten others (16 in all)
        Assert.Equal(Math.Round(32m * 100 / 48, 1), Grid.Score(levels));
        Assert.Equal("66,7 %", ConditionGrid.FormatScore(Grid.Score(levels)!.Value));
    }

    [Fact]
    public void TheScore_CountsOnlyTheConditionsWithALevel_AndIsNoneWithout()
    {
        Assert.Null(Grid.Score(new Dictionary<string, int>()));
        Assert.Equal(100m, Grid.Score(new Dictionary<string, int> { ["1.1"] = 4 }));
        // 1.1 (weight 2) at 1 point, 1.2 (weight 1) at 3 points: (2 + 3) / (6 + 3)
        Assert.Equal(55.6m, Grid.Score(new Dictionary<string, int> { ["1.1"] = 2, ["1.2"] = 4 }));
        // a level outside the grid never counts
        Assert.Null(Grid.Score(new Dictionary<string, int> { ["1.1"] = 7 }));
    }
}
