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
    private readonly ConcurrentDictionary<(Guid CiteId, Guid Id), SemaphoreSlim> _gates = new();
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
    /// (one reader at a time per aggregate; the others wait for its copy). Null when it is not one of the Cité's.
    /// </summary>
    public async Task<T?> GetAsync(Guid citeId, Guid id, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
    {
        var key = (citeId, id);
        if (Current(key) is { } fresh)
        {
            return fresh;
        }
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Current(key) is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }
            var generation = GenerationOf(id);
            Interlocked.Increment(ref _loads);
            var snapshot = await load(cancellationToken);
            if (snapshot is null)
            {
                _entries.TryRemove(key, out _);
                return null;
            }
            var now = _time.GetUtcNow();
            _entries[key] = new Entry(snapshot, generation, now, now);
            DropIdle();
            return snapshot;
        }
        finally
        {
            gate.Release();
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
            if (entry.LastUsed < before && _entries.TryRemove(new KeyValuePair<(Guid, Guid), Entry>(key, entry)))
            {
                // its gate goes too (otherwise one per aggregate ever opened stays); a reader still holding the old
                // gate may load once beside a new one, which the generation check keeps correct
                _gates.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry(T snapshot, long generation, DateTimeOffset readAt, DateTimeOffset lastUsed)
    {
        public T Snapshot { get; } = snapshot;

        public long Generation { get; } = generation;

        public DateTimeOffset ReadAt { get; } = readAt;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }
}
