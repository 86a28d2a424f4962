using System.Threading.Channels;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Data;
using Npgsql;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Live messages between the app servers of one PostgreSQL database (decision 0032): each message a server publishes
/// is written to the unlogged table <see cref="MessagesTable"/> (kept <see cref="Kept"/>) and announced by a
/// <c>NOTIFY</c> on <see cref="Channel"/> that carries its number and, when it fits in a notification, the message
/// itself; each server <c>LISTEN</c>s on its own connection and hands the other servers' messages to its bus, in the
/// order they came. A message longer than a notification may carry (8,000 bytes) is read from the table.
/// When the listening connection is lost and opened again, the messages the other servers wrote meanwhile are read
/// back from the table and delivered before the new ones (those already delivered are recognised by their number):
/// a page on this server misses nothing of an outage shorter than <see cref="Kept"/>.
/// Before the messages of a batch reach this server's subscribers, the features' work for committed events runs here
/// too (<see cref="DomainEventPublisher.PrepareFromOtherServerAsync"/>): this server's copy of the directory's search
/// index follows the other servers' changes before a woken page searches.
/// Connections lost are opened again (every second at most); what is published meanwhile waits in memory.
/// </summary>
public sealed class PostgreSqlBackplane : ILiveBackplane, IAsyncDisposable
{
    /// <summary>The notification channel of the app's live messages.</summary>
    public const string Channel = "citeemploi_live";

    /// <summary>Where every message waits for the other servers for <see cref="Kept"/> (unlogged: a crashed database empties it).</summary>
    public const string MessagesTable = "LiveMessages";

    /// <summary>How long a message stays readable by a server whose listening connection was lost.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(2);

    /// <summary>A notification's payload is at most 8,000 bytes: room is left for this server's mark and the number.</summary>
    private const int NotificationBytes = 7_700;

    /// <summary>How many numbers of delivered messages are remembered to recognise a message read back twice.</summary>
    private const int Remembered = 20_000;

    private readonly string _connectionString;
    private readonly LiveMessageKinds _kinds;
    private readonly IServiceProvider _services;
    private readonly ILogger<PostgreSqlBackplane> _logger;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly Channel<string> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Arrival> _incoming = System.Threading.Channels.Channel.CreateUnbounded<Arrival>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Action<LiveMessage>[] _receivers = [];
    private Task? _sender;
    private Task? _listener;
    private Task? _deliverer;
    private long _lastDelivered;
    private long _listenedFrom;
    private int _replayed;
    private int _disposed;

    public PostgreSqlBackplane(DatabaseOptions database, LiveMessageKinds kinds, IServiceProvider services, ILogger<PostgreSqlBackplane> logger)
    {
        // connections of its own, outside the app's pool: LISTEN holds one for the server's life
        _connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 30,
            ApplicationName = ApplicationNamePrefix + _origin,
        }.ToString();
        _kinds = kinds;
        _services = services;
        _logger = logger;
    }

    /// <summary>The application name of this backplane's connections (<c>pg_stat_activity</c>) begins with it.</summary>
    public const string ApplicationNamePrefix = "citeemploi-live-";

    /// <summary>This server's mark on its messages and connections.</summary>
    public string Origin => _origin;

    /// <summary>Completes once this server listens (messages published before by other servers are not received).</summary>
    public Task Listening => _listening.Task;

    /// <summary>How many messages were read back from the table after a lost listening connection.</summary>
    public int Replayed => Volatile.Read(ref _replayed);

    /// <summary>The wait before a lost connection is opened again.</summary>
    internal TimeSpan Retry { get; init; } = TimeSpan.FromSeconds(1);

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
        var cleared = DateTime.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                pending ??= await _outgoing.Reader.ReadAsync(stopping);
                if (connection is null)
                {
                    connection = new NpgsqlConnection(_connectionString);
                    await connection.OpenAsync(stopping);
                    await EnsureMessagesTableAsync(connection, stopping);
                }
                var clear = DateTime.UtcNow - cleared > TimeSpan.FromSeconds(30);
                await NotifyAsync(connection, pending, clear, stopping);
                if (clear)
                {
                    cleared = DateTime.UtcNow;
                }
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

    private async Task NotifyAsync(NpgsqlConnection connection, string body, bool clear, CancellationToken stopping)
    {
        await using var command = connection.CreateCommand();
        // the message and its notification go in one statement: both or neither (the notification leaves at commit)
        command.CommandText =
            (clear ? $"DELETE FROM \"{MessagesTable}\" WHERE \"At\" < now() - make_interval(secs => @kept); " : string.Empty) +
            $"WITH row AS (INSERT INTO \"{MessagesTable}\" (\"Origin\", \"Body\") VALUES (@origin, @body) RETURNING \"Id\") " +
            "SELECT pg_notify(@channel, @origin || '|' || (SELECT \"Id\" FROM row) || '|' || @inline)";
        command.Parameters.AddWithValue("origin", _origin);
        command.Parameters.AddWithValue("body", body);
        // too long for a notification: the others read it from the table
        command.Parameters.AddWithValue("inline", System.Text.Encoding.UTF8.GetByteCount(body) <= NotificationBytes ? body : string.Empty);
        command.Parameters.AddWithValue("channel", Channel);
        if (clear)
        {
            command.Parameters.AddWithValue("kept", Kept.TotalSeconds);
        }
        await command.ExecuteNonQueryAsync(stopping);
    }

    private static async Task EnsureMessagesTableAsync(NpgsqlConnection connection, CancellationToken stopping)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"CREATE UNLOGGED TABLE IF NOT EXISTS \"{MessagesTable}\" (\"Id\" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, " +
            "\"Origin\" text NOT NULL, \"Body\" text NOT NULL, \"At\" timestamptz NOT NULL DEFAULT now()); " +
            "DROP TABLE IF EXISTS \"LiveOverflow\""; // the table of long messages only, before every message was kept
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
        var lost = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stopping);
                List<Arrival>? held = lost ? [] : null;
                connection.Notification += (_, e) =>
                {
                    if (Arrival.Parse(e.Payload) is not { } arrival)
                    {
                        return;
                    }
                    lock (_gate)
                    {
                        if (held is not null)
                        {
                            held.Add(arrival); // after what is read back
                            return;
                        }
                    }
                    _incoming.Writer.TryWrite(arrival);
                };
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = $"LISTEN {Channel}";
                    await listen.ExecuteNonQueryAsync(stopping);
                }
                if (!_listening.Task.IsCompleted)
                {
                    // what was written before this server first listened is not for it
                    await EnsureMessagesTableAsync(connection, stopping);
                    await using var last = connection.CreateCommand();
                    last.CommandText = $"SELECT COALESCE(max(\"Id\"), 0) FROM \"{MessagesTable}\"";
                    Interlocked.Exchange(ref _listenedFrom, (long)(await last.ExecuteScalarAsync(stopping))!);
                }
                if (held is not null)
                {
                    // listening again: what the others wrote while this server was deaf, then what came since
                    var missed = await MissedAsync(connection, stopping);
                    lock (_gate)
                    {
                        foreach (var arrival in missed.Concat(held))
                        {
                            _incoming.Writer.TryWrite(arrival);
                        }
                        held = null;
                    }
                    _logger.LogInformation("Messages en direct des autres serveurs reçus de nouveau ; {Count} relus dans la table.", missed.Count);
                }
                lost = false;
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
                if (_listening.Task.IsCompleted)
                {
                    lost = true; // read back at the next connection
                    _logger.LogWarning(ex, "Les messages en direct des autres serveurs ne sont plus reçus : nouvel essai dans {Delay} s ; ceux de l'intervalle seront relus.", Retry.TotalSeconds);
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

    /// <summary>The other servers' messages written since shortly before the last one delivered here, in order.</summary>
    private async Task<List<Arrival>> MissedAsync(NpgsqlConnection connection, CancellationToken stopping)
    {
        var missed = new List<Arrival>();
        await using var command = connection.CreateCommand();
        // a little before the last delivered: a message numbered earlier may have been committed later
        command.CommandText = $"SELECT \"Id\", \"Body\" FROM \"{MessagesTable}\" WHERE \"Id\" > @from AND \"Origin\" <> @origin ORDER BY \"Id\"";
        command.Parameters.AddWithValue("from", Math.Max(Interlocked.Read(ref _listenedFrom), Interlocked.Read(ref _lastDelivered) - 1_000));
        command.Parameters.AddWithValue("origin", _origin);
        await using var rows = await command.ExecuteReaderAsync(stopping);
        while (await rows.ReadAsync(stopping))
        {
            missed.Add(new Arrival(string.Empty, rows.GetInt64(0), rows.GetString(1), Replay: true));
        }
        return missed;
    }

    private async Task DeliverAsync(CancellationToken stopping)
    {
        NpgsqlConnection? reader = null;
        var delivered = new HashSet<long>();
        var order = new Queue<long>();
        try
        {
            while (await _incoming.Reader.WaitToReadAsync(stopping))
            {
                // what came meanwhile goes as one batch: the features' work runs once for it, then each message in order
                var batch = new List<LiveMessage>();
                while (batch.Count < 500 && _incoming.Reader.TryRead(out var arrival))
                {
                    if (arrival.Origin == _origin || !delivered.Add(arrival.Id))
                    {
                        continue; // this server's own message (its subscribers already have it), or one read back twice
                    }
                    order.Enqueue(arrival.Id);
                    if (order.Count > Remembered)
                    {
                        delivered.Remove(order.Dequeue());
                    }
                    if (arrival.Id > Interlocked.Read(ref _lastDelivered))
                    {
                        Interlocked.Exchange(ref _lastDelivered, arrival.Id);
                    }
                    var body = arrival.Body;
                    if (body.Length == 0)
                    {
                        try
                        {
                            reader ??= await OpenAsync(stopping);
                            body = await StoredAsync(reader, arrival.Id, stopping);
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
                        if (arrival.Replay)
                        {
                            Interlocked.Increment(ref _replayed);
                        }
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

    private static async Task<string?> StoredAsync(NpgsqlConnection connection, long id, CancellationToken stopping)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Body\" FROM \"{MessagesTable}\" WHERE \"Id\" = @id";
        command.Parameters.AddWithValue("id", id);
        return (string?)await command.ExecuteScalarAsync(stopping);
    }

    /// <summary>A message of another server as it arrives: its server's mark, its number, and its body (empty: read it from the table).</summary>
    private sealed record Arrival(string Origin, long Id, string Body, bool Replay = false)
    {
        /// <summary><c>origin|id|body</c>, as <see cref="NotifyAsync"/> writes it.</summary>
        public static Arrival? Parse(string payload)
        {
            var first = payload.IndexOf('|', StringComparison.Ordinal);
            var second = first < 0 ? -1 : payload.IndexOf('|', first + 1);
            return second > 0 && long.TryParse(payload.AsSpan(first + 1, second - first - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? new Arrival(payload[..first], id, payload[(second + 1)..])
                : null;
        }
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
