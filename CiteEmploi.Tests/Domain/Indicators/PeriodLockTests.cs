using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Tests.Domain.Indicators;

public sealed class PeriodLockTests
{
    [Fact]
    public void APeriod_IsLockedOnce_AndUnlockingIsRecorded()
    {
        var citeId = Guid.NewGuid();
        var locked = PeriodLock.Lock(citeId, "2026-s1", [], "Camille", DateTimeOffset.UnixEpoch);

        var again = Assert.Throws<DomainValidationException>(() => PeriodLock.Lock(citeId, "2026-S1", [locked.Period], "Camille", DateTimeOffset.UnixEpoch));
        var bad = Assert.Throws<DomainValidationException>(() => PeriodLock.Lock(citeId, "S1", [], "Camille", DateTimeOffset.UnixEpoch));
        locked.Unlock();

        Assert.Equal(Period.Semester(2026, 1), locked.Period);
        Assert.Contains("déjà verrouillée", Assert.Single(again.Errors.For(Period.Field)), StringComparison.Ordinal);
        Assert.Single(bad.Errors.For(Period.Field));
        Assert.Equal([new IndicatorPeriodLocked(citeId, "2026-S1"), new IndicatorPeriodUnlocked(citeId, "2026-S1")], locked.DomainEvents);
    }
}
