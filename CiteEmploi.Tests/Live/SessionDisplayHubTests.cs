using System.Text.Json;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// The room display's hub in the running app, with the .NET SignalR client and no account: its code lets it read its
/// session and get every change pushed; a forged code, another Cité's code and a replaced or withdrawn code get the
/// same French refusal and nothing else (the wall for the hub's connection and its one method).
/// </summary>
public sealed class SessionDisplayHubTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private string HubUrl(string cite, string code) =>
        fixture.Url($"{SessionDisplayHub.Path}?{SessionDisplayHub.CiteParameter}={Uri.EscapeDataString(cite)}&{SessionDisplayHub.CodeParameter}={Uri.EscapeDataString(code)}");

    private async Task<(string Slug, Web.Features.Access.CiteAccess Access, Guid Session, Guid[] Items)> NewSessionAsync(string name)
    {
        var slug = await fixture.CreateCiteAsync($"{name} {Guid.NewGuid():N}"[..30]);
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var sessions = fixture.App.Get<SessionService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = await sessions.CreateAsync(access, new SessionDetails(SessionKind.Interconnaissance, "Qui fait quoi", today, new TimeOnly(9, 0), new TimeOnly(11, 0)));
        Assert.True(created.Succeeded, created.Describe());
        var id = Guid.Parse(created.Value!);
        var items = new List<Guid>();
        foreach (var (title, presenter) in new[] { ("Accueil", "Camille"), ("Tour des structures", "Samia") })
        {
            items.Add(Guid.Parse((await sessions.AddItemAsync(access, id, null, new AgendaItemContent(title, 20, "", presenter))).Value!));
        }
        return (slug, access, id, [.. items]);
    }

    private async Task<string> CodeAsync(Web.Features.Access.CiteAccess access, Guid sessionId)
    {
        var opened = await fixture.App.Get<SessionService>().OpenDisplayAsync(access, sessionId);
        Assert.True(opened.Succeeded, opened.Describe());
        return opened.Value!;
    }

    /// <summary>A display's connection and what it receives; started.</summary>
    private async Task<(HubConnection Connection, Received Inbox)> DisplayAsync(string cite, string code)
    {
        var connection = HubClients.Build(HubUrl(cite, code));
        var inbox = new Received(connection);
        await connection.StartAsync();
        return (connection, inbox);
    }

    /// <summary>The refusal a display gets: the connection is closed by the server with the French message.</summary>
    private Task AssertRefusedAsync(string cite, string code) => AssertRefusedAsync(cite, code, SessionDisplayService.RefusedMessage);

    private async Task AssertRefusedAsync(string cite, string code, string expected)
    {
        var connection = HubClients.Build(HubUrl(cite, code), reconnect: true);
        await using var _ = connection;
        var inbox = new Received(connection);
        string message;
        try
        {
            await connection.StartAsync();
            var closed = await inbox.Closed.WaitAsync(Wait);
            message = closed?.Message ?? "";
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException)
        {
            message = ex.Message;
        }
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        Assert.Equal(0, inbox.Reconnections);
        Assert.Empty(inbox.States);
    }

    [Fact]
    public async Task Display_WithItsCode_ReadsTheSession_ThenGetsTheStatePushedAfterEverySuivant()
    {
        var (slug, access, id, items) = await NewSessionAsync("Affichage A");
        var code = await CodeAsync(access, id);
        var (connection, inbox) = await DisplayAsync(slug, code);
        await using var _ = connection;

        var before = await connection.InvokeAsync<JsonElement>(nameof(SessionDisplayHub.GetState));
        Assert.Equal("Prevue", before.GetProperty("state").GetString());
        Assert.Equal("Qui fait quoi", before.GetProperty("title").GetString());
        Assert.Equal("Accueil", before.GetProperty("next").GetProperty("title").GetString());
        Assert.Equal(1, fixture.App.Get<SessionDisplays>().Count(id));

        var sessions = fixture.App.Get<SessionService>();
        Assert.True((await sessions.StartAsync(access, id)).Succeeded);
        var started = await inbox.NextStateAsync(s => s.GetProperty("state").GetString() == "EnCours", Wait);
        Assert.Equal("Accueil", started.GetProperty("current").GetProperty("title").GetString());

        Assert.True((await sessions.NextAsync(access, id, items[0])).Succeeded);
        var pushed = await inbox.NextStateAsync(s => s.GetProperty("current").ValueKind == JsonValueKind.Object
            && s.GetProperty("current").GetProperty("title").GetString() == "Tour des structures", Wait);
        Assert.Equal("Samia", pushed.GetProperty("current").GetProperty("presenter").GetString());
        Assert.Equal(JsonValueKind.Null, pushed.GetProperty("next").ValueKind);
        Assert.Equal(20 * 60_000, pushed.GetProperty("plannedMilliseconds").GetInt64());
        // the server's own time comes with every state: the display counts from it, not from its own clock
        var serverNow = pushed.GetProperty("serverNow").GetDateTimeOffset();
        Assert.InRange(serverNow - pushed.GetProperty("currentStartedAt").GetDateTimeOffset(), TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ForgedCode_OtherCitesCode_AndWithdrawnCode_AreRefusedInFrench_AndNothingElse()
    {
        var (slugA, accessA, idA, _) = await NewSessionAsync("Affichage B");
        var (slugB, accessB, idB, _) = await NewSessionAsync("Affichage C");
        var codeA = await CodeAsync(accessA, idA);
        var codeB = await CodeAsync(accessB, idB);

        await AssertRefusedAsync(slugA, "ZZZZZZZZ" == codeA ? "YYYYYYYY" : "ZZZZZZZZ");
        await AssertRefusedAsync(slugA, "pas un code");
        await AssertRefusedAsync(slugA, "");
        await AssertRefusedAsync(slugA, codeB);
        await AssertRefusedAsync(slugB, codeA);
        await AssertRefusedAsync("cite-qui-n-existe-pas", codeA);

        Assert.True((await fixture.App.Get<SessionService>().CloseDisplayAsync(accessA, idA)).Succeeded);
        await AssertRefusedAsync(slugA, codeA);
        Assert.Equal(0, fixture.App.Get<SessionDisplays>().Count(idA));
    }

    [Fact]
    public async Task APageOfAnotherSite_CannotOpenTheDisplayHub_EvenWithAGoodCode()
    {
        var (slug, access, id, _) = await NewSessionAsync("Affichage F");
        var code = await CodeAsync(access, id);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClients.ConnectAsync(HubUrl(slug, code), origin: "https://attaquant.example"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        // the app's own page may
        await using var own = await HubClients.ConnectAsync(HubUrl(slug, code), origin: fixture.App.BaseUrl);
        Assert.Equal("Prevue", (await own.InvokeAsync<JsonElement>(nameof(SessionDisplayHub.GetState))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task GuessingOneCodeAgainAndAgain_IsStopped_BeforeTheCodeIsEvenLookedUp()
    {
        var (slug, access, id, _) = await NewSessionAsync("Affichage E");
        var code = await CodeAsync(access, id);
        var guess = code == "QQQQQQQQ" ? "RRRRRRRR" : "QQQQQQQQ";
        for (var i = 0; i < Web.Features.Accounts.SignInThrottle.MaxFailuresPerAccount; i++)
        {
            await AssertRefusedAsync(slug, guess);
        }
        await AssertRefusedAsync(slug, guess, SessionDisplayHub.ThrottledMessage);
        // the session's own code still opens it
        var (connection, _) = await DisplayAsync(slug, code);
        await using var __ = connection;
        Assert.Equal("Prevue", (await connection.InvokeAsync<JsonElement>(nameof(SessionDisplayHub.GetState))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task NouveauCode_TellsTheDisplaysOpenedWithTheOldOne_AndClosesThem_WhileANewDisplayFollows()
    {
        var (slug, access, id, items) = await NewSessionAsync("Affichage D");
        var old = await CodeAsync(access, id);
        var (connection, inbox) = await DisplayAsync(slug, old);
        await using var _ = connection;
        Assert.Equal("Prevue", (await connection.InvokeAsync<JsonElement>(nameof(SessionDisplayHub.GetState))).GetProperty("state").GetString());

        var fresh = await CodeAsync(access, id);
        var ended = await inbox.EndedAsync(Wait);
        Assert.Equal(SessionDisplayService.RefusedMessage, ended);
        await inbox.Closed.WaitAsync(Wait);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);

        var (next, nextInbox) = await DisplayAsync(slug, fresh);
        await using var __ = next;
        // As the display does on every connection: the server answers once the display is let in and follows the
        // session (the handshake ends before the hub's OnConnectedAsync, so a change made right after the connection
        // opens could otherwise come before the watch).
        Assert.Equal("Prevue", (await next.InvokeAsync<JsonElement>(nameof(SessionDisplayHub.GetState))).GetProperty("state").GetString());
        Assert.True((await fixture.App.Get<SessionService>().StartAsync(access, id)).Succeeded);
        var started = await nextInbox.NextStateAsync(s => s.GetProperty("state").GetString() == "EnCours", Wait);
        Assert.Equal(items.Length, started.GetProperty("stepCount").GetInt32());
        Assert.DoesNotContain(inbox.States, s => s.GetProperty("state").GetString() == "EnCours");
    }

    /// <summary>What the display hub sent to one connection, and how it ended.</summary>
    private sealed class Received
    {
        private readonly System.Threading.Channels.Channel<JsonElement> _states = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<JsonElement> _all = [];
        private int _reconnections;

        public Received(HubConnection connection)
        {
            connection.On<JsonElement>(SessionDisplayHub.StateMethod, state =>
            {
                lock (_all)
                {
                    _all.Add(state);
                }
                _states.Writer.TryWrite(state);
            });
            connection.On<string>(SessionDisplayHub.EndedMethod, message => _ended.TrySetResult(message));
            connection.Reconnecting += _ =>
            {
                Interlocked.Increment(ref _reconnections);
                return Task.CompletedTask;
            };
            connection.Closed += error =>
            {
                _closed.TrySetResult(error);
                return Task.CompletedTask;
            };
        }

        public Task<Exception?> Closed => _closed.Task;

        public int Reconnections => Volatile.Read(ref _reconnections);

        public IReadOnlyList<JsonElement> States
        {
            get
            {
                lock (_all)
                {
                    return [.. _all];
                }
            }
        }

        public Task<string> EndedAsync(TimeSpan timeout) => _ended.Task.WaitAsync(timeout);

        public async Task<JsonElement> NextStateAsync(Func<JsonElement, bool> matching, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (true)
            {
                var state = await _states.Reader.ReadAsync(cts.Token);
                if (matching(state))
                {
                    return state;
                }
            }
        }
    }
}
