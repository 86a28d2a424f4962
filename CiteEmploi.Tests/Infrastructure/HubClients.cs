using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// Connections to the board hub with the .NET SignalR client, as the tests and the benchmarks make them: a member's
/// session cookies, a guest's cookie or secret, an <c>Origin</c> header when a browser page is imitated.
/// </summary>
public static class HubClients
{
    /// <summary>A connection, not started yet, so that handlers can be registered before anything arrives.</summary>
    /// <param name="origin">An <c>Origin</c> header, as a browser page sends (none by default, like a program).</param>
    /// <param name="bearer">A guest's secret, sent as <c>Authorization: Bearer</c> (the client's access-token provider).</param>
    /// <param name="reconnect">Reconnect at once, one attempt, when the connection is lost and the server allows it.</param>
    public static HubConnection Build(string hubUrl, CookieContainer? cookies = null, string? origin = null, string? bearer = null,
        bool reconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(hubUrl, options =>
        {
            // WebSockets only: what the pages use, and a refused handshake is not retried over another transport.
            options.Transports = HttpTransportType.WebSockets;
            if (cookies is not null)
            {
                options.Cookies = cookies;
            }
            if (origin is not null)
            {
                options.Headers["Origin"] = origin;
            }
            if (bearer is not null)
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(bearer);
            }
        });
        if (reconnect)
        {
            builder.WithAutomaticReconnect([TimeSpan.Zero]);
        }
        return builder.Build();
    }

    /// <summary>A started connection; a refused negotiation throws <see cref="HttpRequestException"/> with its status.</summary>
    public static async Task<HubConnection> ConnectAsync(string hubUrl, CookieContainer? cookies = null, string? origin = null,
        string? bearer = null, CancellationToken cancellationToken = default)
    {
        var connection = Build(hubUrl, cookies, origin, bearer);
        try
        {
            await connection.StartAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs in through the real sign-in form (static server rendering) and returns the session cookies.</summary>
    public static async Task<CookieContainer> SignInAsync(string baseUrl, string email, string password, CancellationToken cancellationToken = default)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        var page = await http.GetStringAsync(baseUrl + "/connexion", cancellationToken);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        foreach (var (name, value) in FormFields.Hidden(page))
        {
            fields[name] = value;
        }
        using var form = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(baseUrl + "/connexion", form, cancellationToken);
        if (cookies.GetCookies(new Uri(baseUrl)).All(c => c.Name != "CiteEmploi.Session"))
        {
            throw new InvalidOperationException($"sign-in failed for {email}: {(int)response.StatusCode}");
        }
        return cookies;
    }

    /// <summary>Presses « Se déconnecter » as the page does: the form on a signed-in page, posted with its token.</summary>
    public static async Task SignOutAsync(string baseUrl, CookieContainer cookies, CancellationToken cancellationToken = default)
    {
        using var handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        var page = await http.GetStringAsync(baseUrl + "/compte", cancellationToken);
        var token = FormFields.Antiforgery(page) ?? throw new InvalidOperationException("sign-out: no antiforgery token on /compte");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__RequestVerificationToken"] = token,
        });
        using var response = await http.PostAsync(baseUrl + "/deconnexion", form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-out failed: {(int)response.StatusCode}");
        }
    }
}

/// <summary>
/// What the board hub sent to one connection (<see cref="BoardHub.ChangeMethod"/>, <see cref="BoardHub.AccessEndedMethod"/>,
/// <see cref="BoardHub.AccessChangedMethod"/>),
/// queued in arrival order, and how the connection ended.
/// </summary>
public sealed class HubInbox
{
    private readonly Channel<(string Target, JsonElement[] Arguments)> _received = Channel.CreateUnbounded<(string, JsonElement[])>();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reconnecting;

    public HubInbox(HubConnection connection)
    {
        connection.On<JsonElement>(BoardHub.ChangeMethod, change => _received.Writer.TryWrite((BoardHub.ChangeMethod, [change])));
        connection.On<JsonElement, JsonElement>(BoardHub.AccessEndedMethod,
            (boardId, message) => _received.Writer.TryWrite((BoardHub.AccessEndedMethod, [boardId, message])));
        connection.On<JsonElement, JsonElement, JsonElement>(BoardHub.AccessChangedMethod,
            (boardId, role, message) => _received.Writer.TryWrite((BoardHub.AccessChangedMethod, [boardId, role, message])));
        connection.Reconnecting += _ =>
        {
            Interlocked.Increment(ref _reconnecting);
            return Task.CompletedTask;
        };
        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public ChannelReader<(string Target, JsonElement[] Arguments)> Received => _received.Reader;

    /// <summary>Completes with the connection's final close (after any reconnection attempt), with its error if any.</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>How many times the client started reconnecting (never, when the server's close forbade it).</summary>
    public int Reconnections => Volatile.Read(ref _reconnecting);

    /// <summary>The next message to <paramref name="target"/> (others are skipped).</summary>
    public async Task<JsonElement[]> NextAsync(string target, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var (t, arguments) = await _received.Reader.ReadAsync(cts.Token);
            if (t == target)
            {
                return arguments;
            }
        }
    }
}
