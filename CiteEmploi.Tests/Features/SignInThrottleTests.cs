using CiteEmploi.Web.Features.Accounts;

namespace CiteEmploi.Tests.Features;

public class SignInThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void FailuresOnOneAccount_BlockThatAccount_NotAnotherOneFromTheSameAddress()
    {
        var throttle = new SignInThrottle(new ManualClock());
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAccount; i++)
        {
            Assert.False(throttle.IsBlocked("10.0.0.1", "a@x.fr"));
            throttle.RecordFailure("10.0.0.1", "a@x.fr");
        }
        Assert.True(throttle.IsBlocked("10.0.0.1", "A@X.FR "));
        Assert.True(throttle.IsBlocked("10.0.0.2", "a@x.fr"));
        Assert.False(throttle.IsBlocked("10.0.0.1", "b@x.fr"));
    }

    [Fact]
    public void ManyFailuresFromOneAddress_BlockEveryAccountFromIt_UntilTheWindowPasses()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress; i++)
        {
            throttle.RecordFailure("10.0.0.9", $"p{i}@x.fr");
        }
        Assert.True(throttle.IsBlocked("10.0.0.9", "new@x.fr"));
        Assert.False(throttle.IsBlocked("10.0.0.10", "new@x.fr"));

        clock.Now += SignInThrottle.Window + TimeSpan.FromSeconds(1);
        Assert.False(throttle.IsBlocked("10.0.0.9", "new@x.fr"));
    }

    [Fact]
    public void Successes_NeverCount_SoAWholeWorkshopCanSignInFromOneAddress()
    {
        var throttle = new SignInThrottle(new ManualClock());
        for (var i = 0; i < 200; i++)
        {
            Assert.False(throttle.IsBlocked("192.0.2.1", $"participant{i}@x.fr"));
        }
    }
}
