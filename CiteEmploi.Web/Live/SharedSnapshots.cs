using System.Collections.Concurrent;

namespace CiteEmploi.Web.Live;

/// <summary>
/// The last stored state of each open aggregate (a board, a plan), read from the database once per change and shared
/// by everyone viewing it. Without it, every change made each of the aggregate's N viewers read it whole again (N reads
/// of hundreds of rows for one edit); with it, the first viewer to ask reads it and the others build their own view
/// (their rights, their filters) from the same copy.
/// <para>
/// Freshness: each aggregate has a generation, bumped by <see cref="Changed"/> when the live bus delivers one of its
/// events — published on this server or received from another one — synchronously, before any subscriber is handed
/// the event (<see cref="ILiveBus.Observe"/>; the constructor's <c>changedBy</c> says which aggregate a message changes). A
/// copy is used only while its generation is the current one; the generation is read before the database is, so a
/// change committed during a read makes that copy stale at once. Pages react to live events, which come after the
/// bump: they never get a copy older than the event that woke them, whichever server committed the change.
/// </para>
/// A copy that holds what other features change without an event of its own (a directory's names) is read again once
/// older than its <c>maxAge</c>. The copies are never modified (no tracking, nothing writes them); an aggregate nobody
/// read for <see cref="IdleLifetime"/> is dropped.
/// </summary>
public class SharedSnapshots<T> : IDisposable
    where T : class
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly TimeSpan? _maxAge;
    private readonly IDisposable? _following;
    private readonly ConcurrentDictionary<Guid, long> _generations = new();
    private readonly ConcurrentDictionary<(Guid CiteId, Guid Id), Entry> _entries = new();
    private readonly Lock _readingGate = new();
    private readonly Dictionary<(Guid CiteId, Guid Id), Reading> _reading = [];
    private long _loads;

    /// <param name="bus">The bus whose events make copies stale; null for a store nobody changes (tests of the store itself).</param>
    /// <param name="changedBy">The aggregate a message delivered on a topic changes, or null.</param>
    /// <param name="maxAge">How long a current copy may be used at most; null: as long as it is current.</param>
    public SharedSnapshots(TimeProvider time, ILiveBus? bus, Func<string, object, Guid?> changedBy, TimeSpan? maxAge = null)
    {
        _time = time;
        _maxAge = maxAge;
        _following = bus?.Observe((topic, message) =>
        {
            if (changedBy(topic, message) is { } id)
            {
                Changed(id);
            }
        });
    }

    public void Dispose()
    {
        _following?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>How many times an aggregate was read from the database (tests, diagnostics).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>A change of this aggregate was committed: copies read before it are stale.</summary>
    public void Changed(Guid id) => _generations.AddOrUpdate(id, 1, (_, generation) => generation + 1);

    /// <summary>
    /// The aggregate of this Cité as last stored: the shared copy when it is current, otherwise <paramref name="load"/>
    /// (one read at a time per aggregate: those who ask meanwhile wait for its copy). Null when it is not one of the
    /// Cité's.
    /// <para>
    /// The waiters are all released together when the read ends, each on its own thread or circuit: with a gate they
    /// went through one after the other, each one's circuit having to run before the next could look, and twenty viewers
    /// of a plan got its copy over half a second on a busy machine (plan-pages, docs/benchmarks.md). A read that did not
    /// end well (cancelled by its own caller, failed) leaves the others to read for themselves.
    /// </para>
    /// </summary>
    public async Task<T?> GetAsync(Guid citeId, Guid id, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        var key = (citeId, id);
        while (true)
        {
            if (Current(key) is { } fresh)
            {
                return fresh;
            }
            Reading? mine = null;
            Reading reading;
            lock (_readingGate)
            {
                var generation = GenerationOf(id);
                if (_reading.TryGetValue(key, out var running) && running.Generation == generation && !running.Copy.Task.IsFaulted)
                {
                    reading = running;
                }
                else
                {
                    // a read begun before the last change cannot serve those who ask after it: a new one replaces it
                    reading = mine = new Reading(generation);
                    _reading[key] = mine;
                }
            }
            if (mine is not null)
            {
                return await ReadAsync(key, mine, load, cancellationToken);
            }
            try
            {
                return await reading.Copy.Task.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && !reading.Copy.Task.IsCompletedSuccessfully)
            {
                // the reader's own failure or cancellation is theirs: ask again (a copy stored meanwhile, or a read of our own)
            }
        }
    }

    private async Task<T?> ReadAsync((Guid CiteId, Guid Id) key, Reading reading, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        try
        {
            Interlocked.Increment(ref _loads);
            var snapshot = await load(cancellationToken);
            lock (_readingGate)
            {
                // two reads overlap when a change lands during the first: the older copy never replaces the newer
                var newerStored = _entries.TryGetValue(key, out var stored) && stored.Generation > reading.Generation;
                if (snapshot is null && !newerStored)
                {
                    _entries.TryRemove(key, out _);
                }
                else if (snapshot is not null && !newerStored)
                {
                    var now = _time.GetUtcNow();
                    _entries[key] = new Entry(snapshot, reading.Generation, now, now);
                }
            }
            if (snapshot is not null)
            {
                DropIdle();
            }
            reading.Copy.TrySetResult(snapshot);
            return snapshot;
        }
        catch (Exception ex)
        {
            reading.Copy.TrySetException(ex);
            throw;
        }
        finally
        {
            lock (_readingGate)
            {
                if (_reading.TryGetValue(key, out var current) && ReferenceEquals(current, reading))
                {
                    _reading.Remove(key);
                }
            }
        }
    }

    /// <summary>The last copy read of this aggregate, current or not (to reuse what did not change); null when there is none.</summary>
    public T? Latest(Guid citeId, Guid id) => _entries.TryGetValue((citeId, id), out var entry) ? entry.Snapshot : null;

    private T? Current((Guid CiteId, Guid Id) key)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == GenerationOf(key.Id)
            && (_maxAge is not { } age || _time.GetUtcNow() - entry.ReadAt < age))
        {
            entry.LastUsed = _time.GetUtcNow();
            return entry.Snapshot;
        }
        return null;
    }

    private long GenerationOf(Guid id) => _generations.GetValueOrDefault(id);

    private void DropIdle()
    {
        var before = _time.GetUtcNow() - IdleLifetime;
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastUsed < before)
            {
                _entries.TryRemove(new KeyValuePair<(Guid, Guid), Entry>(key, entry));
            }
        }
    }

    // A read in progress, and the generation it was begun at; those who ask meanwhile wait for its copy.
    private sealed class Reading(long generation)
    {
        public long Generation { get; } = generation;

        public TaskCompletionSource<T?> Copy { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Entry(T snapshot, long generation, DateTimeOffset readAt, DateTimeOffset lastUsed)
    {
        public T Snapshot { get; } = snapshot;

        public long Generation { get; } = generation;

        public DateTimeOffset ReadAt { get; } = readAt;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }
}
