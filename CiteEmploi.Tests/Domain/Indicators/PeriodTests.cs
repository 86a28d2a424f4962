using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Tests.Domain.Indicators;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2026-T1", PeriodKind.Trimestre, 1, "1er trimestre 2026", "2026-01-01", "2026-03-31")]
    [InlineData(" 2026-t4 ", PeriodKind.Trimestre, 4, "4e trimestre 2026", "2026-10-01", "2026-12-31")]
    [InlineData("2025-S2", PeriodKind.Semestre, 2, "2e semestre 2025", "2025-07-01", "2025-12-31")]
    [InlineData("2024", PeriodKind.Annee, 1, "année 2024", "2024-01-01", "2024-12-31")]
    public void ACode_IsReadWithItsDays_AndPrintedBackInFrench(string typed, PeriodKind kind, int number, string label, string start, string end)
    {
        var period = Period.Parse(typed);

        Assert.Equal((kind, number), (period.Kind, period.Number));
        Assert.Equal(label, period.Label);
        Assert.Equal((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), (period.Start, period.End));
        Assert.Equal(period, Period.Parse(period.Code));
    }

    [Theory]
    [InlineData("2026-Q1", "n'est pas une période")]
    [InlineData("T1 2026", "n'est pas une période")]
    [InlineData("2026-T5", "Un trimestre va de T1 à T4")]
    [InlineData("2026-S3", "Un semestre est S1 ou S2")]
    [InlineData("1999", "L'année d'une période va de 2000 à 2100")]
    [InlineData("", "Choisissez une période")]
    [InlineData("2026-T12", "n'est pas une période")]
    public void AnUnknownForm_IsRefused_WithAFrenchReason(string typed, string reason)
    {
        var refused = Assert.Throws<DomainValidationException>(() => Period.Parse(typed));

        Assert.Contains(reason, Assert.Single(refused.Errors.For(Period.Field)), StringComparison.Ordinal);
    }

    [Fact]
    public void AYear_ContainsItsSemestersAndQuarters_NotTheOtherWayRound()
    {
        var year = Period.OfYear(2026);

        Assert.True(year.Contains(Period.Semester(2026, 2)));
        Assert.True(year.Contains(Period.Quarter(2026, 3)));
        Assert.True(Period.Semester(2026, 1).Contains(Period.Quarter(2026, 2)));
        Assert.False(Period.Semester(2026, 1).Contains(Period.Quarter(2026, 3)));
        Assert.False(Period.Quarter(2026, 1).Contains(year));
        Assert.False(year.Contains(Period.Quarter(2025, 4)));
    }

    [Fact]
    public void TheLastPeriods_CrossTheYear_OldestFirst()
    {
        Assert.Equal(["2025-T3", "2025-T4", "2026-T1"], Period.Quarter(2026, 1).LastOnes(3).Select(p => p.Code));
        Assert.Equal(["2025-S2", "2026-S1"], Period.Semester(2026, 1).LastOnes(2).Select(p => p.Code));
        Assert.Equal(Period.Quarter(2026, 2), Period.Containing(new DateOnly(2026, 6, 30), PeriodKind.Trimestre));
        Assert.Equal(Period.Semester(2026, 2), Period.Containing(new DateOnly(2026, 7, 1), PeriodKind.Semestre));
    }
}
