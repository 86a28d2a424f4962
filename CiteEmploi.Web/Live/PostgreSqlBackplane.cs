using System.Threading.Channels;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Data;
using Npgsql;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Live messages between the app servers of one PostgreSQL database (decision 0032): each message a server publishes
/// goes out as a <c>NOTIFY</c> on <see cref="Channel"/>, from one connection, in publication order; each server
/// <c>LISTEN</c>s on its own connection and hands the other servers' messages to its bus, in the order they came.
/// A message longer than a notification may carry (8,000 bytes) waits in the unlogged table <see cref="OverflowTable"/>
/// and its notification carries only its number. Before the messages of a notification batch reach this server's
/// subscribers, the features' work for committed events runs here too (<see cref="DomainEventPublisher.PrepareFromOtherServerAsync"/>):
/// this server's copy of the directory's search index follows the other servers' changes before a woken page searches.
/// Connections lost are opened again (every second at most); what is published meanwhile waits in memory.
/// </summary>
public sealed class PostgreSqlBackplane : ILiveBackplane, IAsyncDisposable
{
    /// <summary>The notification channel of the app's live messages.</summary>
    public const string Channel = "citeemploi_live";

    /// <summary>Where a message longer than a notification waits for the other servers (kept five minutes).</summary>
    public const string OverflowTable = "LiveOverflow";

    /// <summary>A notification's payload is at most 8,000 bytes: room is left for this server's mark.</summary>
    private const int NotificationBytes = 7_800;

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private readonly string _connectionString;
    private readonly LiveMessageKinds _kinds;
    private readonly IServiceProvider _services;
    private readonly ILogger<PostgreSqlBackplane> _logger;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly Channel<string> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<string> _incoming = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Action<LiveMessage>[] _receivers = [];
    private Task? _sender;
    private Task? _listener;
    private Task? _deliverer;
    private int _disposed;

    public PostgreSqlBackplane(DatabaseOptions database, LiveMessageKinds kinds, IServiceProvider services, ILogger<PostgreSqlBackplane> logger)
    {
        // a connection of its own, outside the app's pool: LISTEN holds it for the server's life
        _connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 30 }.ToString();
        _kinds = kinds;
        _services = services;
        _logger = logger;
    }

    /// <summary>Completes once this server listens (messages published before by other servers are not received).</summary>
    public Task Listening => _listening.Task;

    public void Publish(LiveMessage message)
    {
        _outgoing.Writer.TryWrite(_kinds.Serialize(message));
        lock (_gate)
        {
            _sender ??= Task.Run(() => SendAsync(_stopping.Token));
        }
    }

    public IDisposable Receive(Action<LiveMessage> receiver)
    {
        lock (_gate)
        {
            _receivers = [.. _receivers, receiver];
            _listener ??= Task.Run(() => ListenAsync(_stopping.Token));
            _deliverer ??= Task.Run(() => DeliverAsync(_stopping.Token));
        }
        return new Unsubscribe(this, receiver);
    }

    private async Task SendAsync(CancellationToken stopping)
    {
        NpgsqlConnection? connection = null;
        string? pending = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                pending ??= await _outgoing.Reader.ReadAsync(stopping);
                if (connection is null)
                {
                    connection = new NpgsqlConnection(_connectionString);
                    await connection.OpenAsync(stopping);
                    await EnsureOverflowTableAsync(connection, stopping);
                }
                await NotifyAsync(connection, pending, stopping);
                pending = null; // sent: the next one
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                // kept in `pending`: sent once the database answers again
                _logger.LogWarning(ex, "Les messages en direct ne peuvent pas partir vers les autres serveurs : nouvel essai dans {Delay} s.", Retry.TotalSeconds);
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
                await Task.Delay(Retry, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task NotifyAsync(NpgsqlConnection connection, string body, CancellationToken stopping)
    {
        await using var command = connection.CreateCommand();
        if (System.Text.Encoding.UTF8.GetByteCount(body) <= NotificationBytes)
        {
            command.CommandText = "SELECT pg_notify(@channel, @payload)";
            command.Parameters.AddWithValue("payload", _origin + "|" + body);
        }
        else
        {
            // the body waits in the table; the notification names its row (old rows are cleared on the way)
            command.CommandText =
                $"DELETE FROM \"{OverflowTable}\" WHERE \"At\" < now() - interval '5 minutes'; " +
                $"WITH row AS (INSERT INTO \"{OverflowTable}\" (\"Body\") VALUES (@body) RETURNING \"Id\") " +
                "SELECT pg_notify(@channel, @origin || '|#' || (SELECT \"Id\" FROM row))";
            command.Parameters.AddWithValue("body", body);
            command.Parameters.AddWithValue("origin", _origin);
        }
        command.Parameters.AddWithValue("channel", Channel);
        await command.ExecuteNonQueryAsync(stopping);
    }

    private static async Task EnsureOverflowTableAsync(NpgsqlConnection connection, CancellationToken stopping)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"CREATE UNLOGGED TABLE IF NOT EXISTS \"{OverflowTable}\" (\"Id\" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, " +
            "\"Body\" text NOT NULL, \"At\" timestamptz NOT NULL DEFAULT now())";
        try
        {
            await command.ExecuteNonQueryAsync(stopping);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // two servers creating it at the same instant: the other one did
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stopping);
                connection.Notification += (_, e) => _incoming.Writer.TryWrite(e.Payload);
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = $"LISTEN {Channel}";
                    await listen.ExecuteNonQueryAsync(stopping);
                }
                _listening.TrySetResult();
                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                // what the other servers publish until then is not received: pages follow again from the next change
                if (_listening.Task.IsCompleted)
                {
                    _logger.LogWarning(ex, "Les messages en direct des autres serveurs ne sont plus reçus : nouvel essai dans {Delay} s.", Retry.TotalSeconds);
                }
                else
                {
                    // at a first start the database may not exist yet: the initialiser is creating it
                    _logger.LogInformation("En attente de la base pour recevoir les messages en direct des autres serveurs ({Reason}).", ex.Message);
                }
                await Task.Delay(Retry, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task DeliverAsync(CancellationToken stopping)
    {
        NpgsqlConnection? reader = null;
        try
        {
            while (await _incoming.Reader.WaitToReadAsync(stopping))
            {
                // what came meanwhile goes as one batch: the features' work runs once for it, then each message in order
                var batch = new List<LiveMessage>();
                while (batch.Count < 500 && _incoming.Reader.TryRead(out var payload))
                {
                    var mark = payload.IndexOf('|', StringComparison.Ordinal);
                    if (mark < 0 || payload.AsSpan(0, mark).SequenceEqual(_origin))
                    {
                        continue; // this server's own message: its subscribers already have it
                    }
                    var body = payload[(mark + 1)..];
                    if (body.StartsWith('#'))
                    {
                        try
                        {
                            reader ??= await OpenAsync(stopping);
                            body = await OverflowAsync(reader, long.Parse(body[1..], System.Globalization.CultureInfo.InvariantCulture), stopping);
                        }
                        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
                        {
                            _logger.LogWarning(ex, "Un long message en direct d'un autre serveur n'a pas pu être lu : il est perdu pour ce serveur.");
                            await (reader?.DisposeAsync() ?? ValueTask.CompletedTask);
                            reader = null;
                            continue;
                        }
                    }
                    if (body is not null && _kinds.Deserialize(body) is { } message)
                    {
                        batch.Add(message);
                    }
                }
                if (batch.Count == 0)
                {
                    continue;
                }
                var events = batch.Select(m => m.Payload).OfType<IDomainEvent>().Distinct().ToList();
                if (events.Count > 0)
                {
                    await _services.GetRequiredService<DomainEventPublisher>().PrepareFromOtherServerAsync(events);
                }
                foreach (var message in batch)
                {
                    foreach (var receiver in _receivers)
                    {
                        receiver(message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "La réception des messages en direct des autres serveurs s'est arrêtée.");
        }
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken stopping)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(stopping);
        return connection;
    }

    private static async Task<string?> OverflowAsync(NpgsqlConnection connection, long id, CancellationToken stopping)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Body\" FROM \"{OverflowTable}\" WHERE \"Id\" = @id";
        command.Parameters.AddWithValue("id", id);
        return (string?)await command.ExecuteScalarAsync(stopping);
    }

    /// <summary>At start-up: the bus (and with it this backplane's listening) before the first request, for a little while at most.</summary>
    internal sealed class Start(ILiveBus bus, PostgreSqlBackplane backplane, ILogger<PostgreSqlBackplane> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _ = bus;
            try
            {
                await backplane.Listening.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("Ce serveur n'écoute pas encore les messages en direct des autres serveurs (PostgreSQL) ; il continue d'essayer.");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        // registered under two service types, it is disposed twice
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        foreach (var task in new[] { _sender, _listener, _deliverer }.OfType<Task>())
        {
            await task.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        _stopping.Dispose();
    }

    private sealed class Unsubscribe(PostgreSqlBackplane backplane, Action<LiveMessage> receiver) : IDisposable
    {
        public void Dispose()
        {
            lock (backplane._gate)
            {
                backplane._receivers = [.. backplane._receivers.Where(r => r != receiver)];
            }
        }
    }
}
