using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Tests.Infrastructure;

namespace CiteEmploi.Tests.Features.Accounts;

/// <summary>A lockout is told to its owner once, even when several wrong passwords lock the account at the same instant.</summary>
public sealed class LockoutNoticesTests
{
    private readonly TestClock _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RequestsRacingOnOneLockout_TellItOnce()
    {
        var notices = new LockoutNotices(_time);
        var until = _time.GetUtcNow().AddMinutes(5);
        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() =>
            {
                start.Wait();
                // the racing requests read the end each from their own copy of the account: a few ms apart
                return notices.TryClaim("compte-1", until.AddMilliseconds(i));
            }))
            .ToArray();
        start.Set();

        var told = await Task.WhenAll(claims);

        Assert.Equal(1, told.Count(t => t));
    }

    [Fact]
    public void ALaterLockout_IsToldAgain_OnceTheFirstHasEnded_AndOtherAccountsAreApart()
    {
        var notices = new LockoutNotices(_time);
        Assert.True(notices.TryClaim("compte-1", _time.GetUtcNow().AddMinutes(5)));
        Assert.True(notices.TryClaim("compte-2", _time.GetUtcNow().AddMinutes(5)));
        Assert.False(notices.TryClaim("compte-1", _time.GetUtcNow().AddMinutes(5)));

        _time.Now += TimeSpan.FromMinutes(6);

        Assert.True(notices.TryClaim("compte-1", _time.GetUtcNow().AddMinutes(5)));
        Assert.False(notices.TryClaim("compte-1", _time.GetUtcNow().AddMinutes(5)));
    }
}
