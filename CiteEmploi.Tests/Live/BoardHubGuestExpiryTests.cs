using CiteEmploi.Domain.Boards;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// A guest code's expiry closes the guests' hub connections at the expiry instant, with no closing event to announce
/// it. The boards' services and the hub run on a clock the test moves (a code lasts at least 15 minutes).
/// </summary>
public sealed class BoardHubGuestExpiryTests(BoardHubGuestExpiryTests.ClockFixture fixture) : IClassFixture<BoardHubGuestExpiryTests.ClockFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task GuestConnection_IsClosedWhenTheCodeExpires()
    {
        var slug = await fixture.CreateCiteAsync($"Expiration {Guid.NewGuid():N}"[..30]);
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var boards = fixture.App.Get<BoardService>();
        var created = await boards.CreateAsync(access, BoardKind.Atelier, "Atelier court", null, ["Idées"]);
        Assert.True(created.Succeeded, created.Describe());
        var boardId = Guid.Parse(created.Value!);
        var guests = fixture.App.Get<BoardGuestService>();
        var code = (await guests.OpenAsync(access, boardId, TimeSpan.FromMinutes(15))).Value!;
        var secret = (await guests.JoinAsync(code, "Karim")).Secret!;
        await using var guest = HubClients.Build(fixture.Url(BoardHub.Path), bearer: secret, reconnect: true);
        var inbox = new HubInbox(guest);
        await guest.StartAsync();
        await guest.InvokeAsync("Subscribe", boardId);

        fixture.Clock.Advance(TimeSpan.FromMinutes(14));
        await Task.Delay(300);
        Assert.False(inbox.Closed.IsCompleted, "fermée avant l'expiration");
        await guest.InvokeAsync<System.Text.Json.JsonElement>("GetBoard", boardId);

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var ended = await inbox.NextAsync(BoardHub.AccessEndedMethod, Wait);
        Assert.Equal(BoardHubConnections.GuestEndedMessage, ended[1].GetString());
        await inbox.Closed.WaitAsync(Wait);
        Assert.Equal(0, inbox.Reconnections);
    }

    /// <summary>The app with the boards' services and the hub's connections on <see cref="Clock"/>.</summary>
    public sealed class ClockFixture : AppFixture
    {
        public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override CiteEmploiApp CreateApp() => new(testServices: services =>
        {
            services.AddSingleton(sp => new BoardService(sp.GetRequiredService<CiteDbContextFactory>(), Clock));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BoardGuestService>(sp, (TimeProvider)Clock));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BoardHubConnections>(sp, (TimeProvider)Clock));
        });
    }

    /// <summary>A clock that moves only when told, firing its timers that fall due.</summary>
    public sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock _gate = new();
        private readonly List<ManualTimer> _timers = [];
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                return _now;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            lock (_gate)
            {
                _timers.Add(timer);
            }
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            List<ManualTimer> due;
            lock (_gate)
            {
                _now += by;
                due = [.. _timers.Where(t => t.Due is { } at && at <= _now)];
                foreach (var timer in due)
                {
                    timer.Due = null;
                }
            }
            foreach (var timer in due)
            {
                timer.Fire();
            }
        }

        private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset? Due { get; set; }

            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock._gate)
                {
                    Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                }
                return true;
            }

            public void Dispose()
            {
                lock (clock._gate)
                {
                    Due = null;
                    clock._timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
