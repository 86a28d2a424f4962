using Bunit;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Components.Pages.Sessions;
using CiteEmploi.Web.Features.Sessions;

namespace CiteEmploi.Tests.Components.Sessions;

/// <summary>
/// « Le dernier point est terminé : clore la séance ? » appears by itself, for those who run the session, at the instant
/// the last item's planned time runs out by the server's clock (a clock the test moves: the component's one timer is
/// set on it), not before, never for a member, and its button closes.
/// </summary>
public sealed class SessionClosePromptTests : MudTestContext
{
    private static readonly SessionActor Camille = new("coord", "Camille");
    private static readonly DateOnly Day = new(2026, 3, 12);
    private static readonly DateTimeOffset NineOClock = FrenchTime.At(Day, new TimeOnly(9, 0));

    /// <summary>A COPIL of two items (10 and 20 min), started at nine and moved to its last item at 9:12, read at <paramref name="clock"/>'s now.</summary>
    private static SessionRun OnItsLastItem(ManualClock clock)
    {
        var session = Session.Create(Guid.NewGuid(), new SessionDetails(SessionKind.ComitePilotage, "COPIL", Day, new TimeOnly(9, 0), new TimeOnly(12, 0)), Camille,
            NineOClock.AddDays(-3));
        session.AddItem(null, new AgendaItemContent("Accueil", 10), Camille);
        session.AddItem(null, new AgendaItemContent("Décisions", 20), Camille);
        session.Start(Camille, NineOClock);
        session.Next(NineOClock.AddMinutes(12));
        var now = clock.GetUtcNow();
        var view = new SessionView(session.Id, session.Details, session.State, session.Version, session.ScheduleAt(now), now, session.StartedAt, session.ClosedAt,
            CanPrepare: true, CanRun: true, session.Notes, session.Outcomes, CanRecord: true);
        return new SessionRun(view, session, clock);
    }

    [Fact]
    public void ThePrompt_AppearsWhenTheLastItemsTimeRunsOut_NotBefore_AndItsButtonCloses()
    {
        AsInteractiveServer();
        var clock = new ManualClock(NineOClock.AddMinutes(20));
        var closed = 0;
        var cut = Render<SessionClosePrompt>(p => p.Add(c => c.Run, OnItsLastItem(clock)).Add(c => c.CanRun, true).Add(c => c.Close, () => closed++));
        Assert.Empty(cut.FindAll("#run-close-due"));

        // 9:31:59: the last item (9:12 + 20 min) still has a second to go
        clock.Advance(TimeSpan.FromMinutes(11) + TimeSpan.FromSeconds(59));
        Assert.Empty(cut.FindAll("#run-close-due"));

        clock.Advance(TimeSpan.FromSeconds(2));
        cut.WaitForAssertion(() => Assert.Equal("Le dernier point est terminé : clore la séance ?", cut.Find(".run-close-prompt__text").TextContent));
        Assert.NotNull(cut.Find("[role=status]").QuerySelector("#run-close-due"));
        cut.Find("#run-close-now").Click();
        Assert.Equal(1, closed);
    }

    [Fact]
    public void AMember_IsNeverPrompted_AndAPageOpenedAfterTheEnd_IsPromptedAtOnce()
    {
        AsInteractiveServer();
        var clock = new ManualClock(NineOClock.AddMinutes(20));
        var member = Render<SessionClosePrompt>(p => p.Add(c => c.Run, OnItsLastItem(clock)).Add(c => c.CanRun, false));
        clock.Advance(TimeSpan.FromMinutes(30));
        member.Render();
        Assert.Empty(member.FindAll("#run-close-due"));

        var late = Render<SessionClosePrompt>(p => p.Add(c => c.Run, OnItsLastItem(clock)).Add(c => c.CanRun, true));
        Assert.Single(late.FindAll("#run-close-due"));
    }

    /// <summary>A clock the test moves by hand; its timers fire when it passes their instant.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private readonly List<ManualTimer> _timers = [];

        public DateTimeOffset Now { get; private set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(callback, state) { Due = Now + dueTime };
            _timers.Add(timer);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            Now += by;
            foreach (var timer in _timers.Where(t => t.Due is { } due && due <= Now).ToList())
            {
                timer.Due = null;
                timer.Fire();
            }
        }

        private sealed class ManualTimer(TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset? Due { get; set; }

            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose() => Due = null;

            public ValueTask DisposeAsync()
            {
                Due = null;
                return ValueTask.CompletedTask;
            }
        }
    }
}
