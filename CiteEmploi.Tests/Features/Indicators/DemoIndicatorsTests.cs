using CiteEmploi.Domain.Indicators;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Indicators;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features.Indicators;

/// <summary>The demonstration Cité's two years of indicators: eight quarters, coherent breakdowns, labelled, loaded once.</summary>
public sealed class DemoIndicatorsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task TwoYearsOfValues_Coherent_Labelled_AndLoadedOnlyOnce()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var access = await database.SeedDemoCiteAsync(clock.Now);
        var demo = new DemoIndicators(new CiteDbContextFactory(new TestDbContextFactory(database)), clock);

        await demo.LoadAsync(access);
        await demo.LoadAsync(access);

        await using var read = database.NewContext();
        var values = await read.IndicatorValues.IgnoreQueryFilters().Where(v => v.CiteId == access.CiteId).ToListAsync();
        var typed = NationalCatalogue.All.Where(d => !d.IsCounted).ToList();
        Assert.Equal(DemoIndicators.Quarters * typed.Count, values.Count);
        // the eight quarters up to the last ended one (2026-T3 on 7 December 2026)
        Assert.Equal(Period.Quarter(2026, 3).LastOnes(8), values.Select(v => v.Period).Distinct().OrderBy(p => p.Start));
        Assert.All(values, v => Assert.Equal(DemoIndicators.EnteredBy, v.EnteredByName));
        Assert.All(values, v => Assert.Empty(IndicatorRules.Warnings(NationalCatalogue.Find(v.IndicatorCode)!,
            new IndicatorEntry(v.IndicatorCode, v.Period.Code, v.Number, v.Numerator, v.Denominator, v.Text, v.Breakdown))));
        Assert.All(values.Where(v => v.IndicatorCode == "personnes-reperees"), v => Assert.Equal(v.Number, v.Breakdown.Femmes + v.Breakdown.Hommes));
        Assert.InRange(values.Count(v => v.Note.Length > 0), 2, values.Count / 2);
    }
}
