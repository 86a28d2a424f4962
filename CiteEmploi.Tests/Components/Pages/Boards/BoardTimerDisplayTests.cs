using Bunit;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Components.Pages.Boards;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components.Pages.Boards;

/// <summary>The countdown as every viewer sees it: its figure, rounded up as a countdown reads, and its state in French.</summary>
public sealed class BoardTimerDisplayTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 14, 0, 0, TimeSpan.Zero);

    public BoardTimerDisplayTests()
    {
        Services.AddSingleton<TimeProvider>(new FixedClock(Now)); // the countdown reads the clock: a fixed one, so a slow machine reads the same
        AsInteractiveServer();
    }

    [Theory]
    [InlineData(0, "00:00")]
    [InlineData(4.2, "00:05")]
    [InlineData(59.5, "01:00")]
    [InlineData(180, "03:00")]
    [InlineData(3599, "59:59")]
    [InlineData(3600, "1:00:00")]
    [InlineData(4 * 3600 - 1, "3:59:59")]
    public void Clock_ReadsMinutesAndSeconds_RoundedUp(double seconds, string shown) =>
        Assert.Equal(shown, BoardTimerDisplay.Clock(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void NoTimer_ShowsNothing()
    {
        var cut = Render<BoardTimerDisplay>(p => p.Add(t => t.Timer, BoardTimer.Idle));
        Assert.Empty(cut.FindAll("[role=timer]"));
    }

    [Fact]
    public void Running_Paused_Ended_AreSaid_AndAFreezeIsAnnounced()
    {
        var running = new BoardTimer(TimerState.Running, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3), Now.AddMinutes(3).AddSeconds(-0.5), true);
        var cut = Render<BoardTimerDisplay>(p => p.Add(t => t.Timer, running));
        var timer = cut.Find("[role=timer]");
        Assert.Equal("Minuteur", timer.GetAttribute("aria-label"));
        Assert.Equal("running", timer.GetAttribute("data-timer-state"));
        Assert.Equal("03:00", cut.Find(".timer-figure").TextContent);
        Assert.Contains("les contributions seront figées à la fin", timer.TextContent, StringComparison.Ordinal);

        cut.Render(p => p.Add(t => t.Timer, new BoardTimer(TimerState.Paused, TimeSpan.FromSeconds(95), TimeSpan.FromMinutes(3), null, false)));
        Assert.Equal("01:35", cut.Find(".timer-figure").TextContent);
        Assert.Contains("(en pause)", cut.Find("[role=timer]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("figées", cut.Find("[role=timer]").TextContent, StringComparison.Ordinal);

        cut.Render(p => p.Add(t => t.Timer, new BoardTimer(TimerState.Ended, TimeSpan.Zero, TimeSpan.FromMinutes(3), null, false)));
        Assert.Equal("00:00", cut.Find(".timer-figure").TextContent);
        Assert.Contains("temps écoulé", cut.Find("[role=timer]").TextContent, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
