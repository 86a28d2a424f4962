using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// A small client of the SignalR JSON hub protocol over WebSockets (the .NET SignalR client package is not served
/// here, PLATFORM.md): negotiate, handshake, invocations with completions, server-to-client invocations queued in
/// <see cref="Received"/>, pings ignored, close messages kept in <see cref="CloseError"/>. Also used by the benchmarks.
/// </summary>
public sealed partial class SignalRJsonClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private int _nextId;

    private SignalRJsonClient()
    {
    }

    /// <summary>Server-to-client invocations, in arrival order: (method, arguments).</summary>
    public Channel<(string Target, JsonElement[] Arguments)> Received { get; } = Channel.CreateUnbounded<(string, JsonElement[])>();

    /// <summary>
    /// Called on the reading thread for each server-to-client invocation, as it arrives (benchmarks time it), instead of
    /// queueing it in <see cref="Received"/>; the arguments are valid only during the call (not copied, to keep the
    /// benchmarks' many clients light).
    /// </summary>
    public Action<string, JsonElement[]>? OnInvocation { get; set; }

    /// <summary>The error of the server's close message, if it closed the connection with one.</summary>
    public string? CloseError { get; private set; }

    /// <summary>Whether the server's close message, if any, allowed the client to reconnect by itself.</summary>
    public bool? CloseAllowsReconnect { get; private set; }

    public Task Closed => _reader ?? Task.CompletedTask;

    /// <summary>Connects to a hub (e.g. http://127.0.0.1:1234/hubs/tableaux) with the given cookies.</summary>
    /// <exception cref="HttpRequestException">The negotiation was refused (status code in the exception).</exception>
    public static Task<SignalRJsonClient> ConnectAsync(string hubUrl, CookieContainer? cookies, CancellationToken cancellationToken = default) =>
        ConnectAsync(hubUrl, cookies, origin: null, accessToken: null, cancellationToken);

    /// <summary>Connects to a hub with the given cookies, <c>Origin</c> header and access token.</summary>
    /// <param name="origin">An <c>Origin</c> header to send, as a browser page would (none by default, like a non-browser client).</param>
    /// <param name="accessToken">A token sent as the <c>access_token</c> query parameter (a board guest's secret).</param>
    /// <exception cref="HttpRequestException">The negotiation was refused (status code in the exception).</exception>
    /// <exception cref="WebSocketException">The WebSocket handshake was refused.</exception>
    public static async Task<SignalRJsonClient> ConnectAsync(string hubUrl, CookieContainer? cookies, string? origin, string? accessToken = null,
        CancellationToken cancellationToken = default)
    {
        var query = accessToken is null ? string.Empty : "&access_token=" + Uri.EscapeDataString(accessToken);
        using var handler = new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, hubUrl + "/negotiate?negotiateVersion=1" + query);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        using var negotiate = await http.SendAsync(request, cancellationToken);
        if (negotiate.StatusCode != HttpStatusCode.OK)
        {
            var why = await negotiate.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"negotiate: {(int)negotiate.StatusCode} {negotiate.Headers.Location} {why[..Math.Min(200, why.Length)]}", null, negotiate.StatusCode);
        }
        using var body = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync(cancellationToken));
        var token = body.RootElement.GetProperty("connectionToken").GetString();

        var client = new SignalRJsonClient();
        if (cookies is not null)
        {
            client._socket.Options.Cookies = cookies;
        }
        if (origin is not null)
        {
            client._socket.Options.SetRequestHeader("Origin", origin);
        }
        var wsUrl = new Uri(hubUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "?id=" + Uri.EscapeDataString(token!) + query);
        try
        {
            await client._socket.ConnectAsync(wsUrl, cancellationToken);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        var handshake = await client.ReceiveFrameAsync(cancellationToken) ? Encoding.UTF8.GetString(client._frame.WrittenSpan) : string.Empty;
        if (handshake.Length == 0 || handshake.Split(RecordSeparator)[0].Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("handshake refused: " + handshake);
        }
        client._reader = Task.Run(client.ReadLoopAsync, CancellationToken.None);
        return client;
    }

    /// <summary>Invokes a hub method and waits for its completion; a hub error becomes <see cref="HubErrorException"/>.</summary>
    public async Task<JsonElement> InvokeAsync(string method, object?[] arguments, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var message = JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments });
        await SendRawAsync(message, cancellationToken);
        using var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        return await completion.Task;
    }

    /// <summary>The next server-to-client invocation of <paramref name="target"/> (others are skipped).</summary>
    public async Task<JsonElement[]> NextAsync(string target, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var (t, arguments) = await Received.Reader.ReadAsync(cts.Token);
            if (t == target)
            {
                return arguments;
            }
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
        foreach (Match hidden in HiddenInput().Matches(page))
        {
            fields[WebUtility.HtmlDecode(hidden.Groups["name"].Value)] = WebUtility.HtmlDecode(hidden.Groups["value"].Value);
        }
        using var form = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(baseUrl + "/connexion", form, cancellationToken);
        if (cookies.GetCookies(new Uri(baseUrl)).All(c => c.Name != "CiteEmploi.Session"))
        {
            throw new InvalidOperationException($"sign-in failed for {email}: {(int)response.StatusCode}");
        }
        return cookies;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                if (!await ReceiveFrameAsync(_stop.Token))
                {
                    break;
                }
                var frame = _frame.WrittenMemory;
                while (frame.Length > 0)
                {
                    var end = frame.Span.IndexOf((byte)RecordSeparator);
                    if (end > 0)
                    {
                        Handle(frame[..end]);
                    }
                    frame = frame[(end + 1)..];
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // closing
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new HubErrorException(CloseError ?? "connexion fermée"));
            }
            Received.Writer.TryComplete();
        }
    }

    private void Handle(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1: // invocation from the server
                var target = root.GetProperty("target").GetString()!;
                var list = root.GetProperty("arguments");
                var arguments = new JsonElement[list.GetArrayLength()];
                var i = 0;
                foreach (var argument in list.EnumerateArray())
                {
                    // kept beyond this message only when queued; a callback reads them before the document goes
                    arguments[i++] = OnInvocation is null ? argument.Clone() : argument;
                }
                if (OnInvocation is { } callback)
                {
                    callback(target, arguments);
                }
                else
                {
                    Received.Writer.TryWrite((target, arguments));
                }
                break;
            case 3: // completion
                var id = root.GetProperty("invocationId").GetString()!;
                if (_pending.TryRemove(id, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new HubErrorException(error.GetString() ?? string.Empty));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }
                break;
            case 7: // close
                CloseError = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : null;
                CloseAllowsReconnect = root.TryGetProperty("allowReconnect", out var allow) && allow.GetBoolean();
                break;
            default: // 6 = ping
                break;
        }
    }

    // One buffer and one frame per client, reused: the benchmarks run hundreds of these clients beside the server on
    // the same cores, so a client's own allocations per message would weigh on what is measured.
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly ArrayBufferWriter<byte> _frame = new(16 * 1024);

    /// <summary>
    /// Reads until the bytes received end with a record separator (one or more whole messages, in <see cref="_frame"/>,
    /// valid until the next call); false when the server closed the socket.
    /// </summary>
    private async Task<bool> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        _frame.ResetWrittenCount();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }
            _frame.Write(_buffer.AsSpan(0, result.Count));
            if (result.EndOfMessage && _frame.WrittenCount > 0 && _frame.WrittenSpan[^1] == (byte)RecordSeparator)
            {
                return true;
            }
        }
    }

    private async Task SendRawAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json + RecordSeparator);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // already gone
        }
        await _stop.CancelAsync();
        if (_reader is not null)
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}

/// <summary>An error a hub returned for an invocation (a <c>HubException</c>'s message) or a closed connection.</summary>
public sealed class HubErrorException(string message) : Exception(message);
