using CiteEmploi.Domain.Indicators;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Demo;
using CiteEmploi.Web.Features.Indicators;
using CiteEmploi.Web.Features.Referrals;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features.Demo;

/// <summary>The demonstration Cité's referrals: over its quarters up to yesterday, between its own structures, labelled, loaded once.</summary>
public sealed class DemoReferralsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ReferralsOverTheDemonstrationQuarters_BetweenItsStructures_Labelled_AndLoadedOnlyOnce()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var access = await database.SeedDemoCiteAsync(clock.Now);
        var directory = DemoDirectory.Build(access.CiteId, clock.Now);
        await using (var db = database.NewContext())
        {
            db.Structures.AddRange(directory.Structures);
            db.Services.AddRange(directory.Services);
            await db.SaveChangesAsync();
        }
        var demo = new DemoReferrals(new CiteDbContextFactory(new TestDbContextFactory(database)), clock);

        await demo.LoadAsync(access);
        var first = await CountAsync(access);
        await demo.LoadAsync(access);

        await using var read = database.NewContext();
        var referrals = await read.Referrals.IgnoreQueryFilters().Where(r => r.CiteId == access.CiteId).ToListAsync();
        Assert.Equal(first, referrals.Count);
        Assert.InRange(referrals.Count, 40, 150);
        // the four quarters up to 2026-T3 and the current one, up to yesterday
        var quarters = referrals.Select(r => Period.Containing(r.Date, PeriodKind.Trimestre)).Distinct().OrderBy(p => p.Start).ToList();
        Assert.Equal([.. Period.Quarter(2026, 3).LastOnes(DemoReferrals.Quarters), Period.Quarter(2026, 4)], quarters);
        Assert.True(referrals.Max(r => r.Date) < new DateOnly(2026, 12, 7));
        Assert.All(referrals, r => Assert.Equal((DemoIndicators.EnteredBy, DemoReferrals.Note), (r.RecordedByName, r.Note)));
        var structures = directory.Structures.Select(s => s.Id).ToHashSet();
        Assert.All(referrals, r => Assert.True(structures.Contains(r.FromStructureId) && structures.Contains(r.ToStructureId) && r.FromStructureId != r.ToStructureId));
        Assert.All(referrals, r => Assert.Contains(r.FreinCode!, directory.Services.Single(s => s.Id == r.ServiceId).Freins.Select(f => f.Code)));
        Assert.True(referrals.Select(r => (r.FromStructureId, r.ToStructureId)).Distinct().Count() >= 10, "a network, not one pair");
    }

    private async Task<int> CountAsync(CiteAccess access)
    {
        await using var db = database.NewContext();
        return await db.Referrals.IgnoreQueryFilters().CountAsync(r => r.CiteId == access.CiteId);
    }
}
