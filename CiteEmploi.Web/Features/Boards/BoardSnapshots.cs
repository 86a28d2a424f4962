using System.Collections.Concurrent;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>
/// The last stored state of each open board, read from the database once per change and shared by everyone viewing
/// it. Without it, every change made each of the board's N viewers read the whole board again (N reads of up to
/// hundreds of cards for one edit); with it, the first viewer to ask reads it and the others build their own view
/// (their votes, their rights) from the same copy.
/// <para>
/// Freshness: each board has a generation, bumped by <see cref="Changed"/> when the live bus delivers one of that
/// board's events on its topic — published on this server or received from another one — synchronously, before any
/// subscriber is handed the event (<see cref="ILiveBus.Observe"/>). A copy is used only while its generation is the
/// current one; the generation is read before the database is, so a change committed during a read makes that copy
/// stale at once. Pages react to live events, which come after the bump: they never get a copy older than the event
/// that woke them, whichever server committed the change.
/// </para>
/// The copies are never modified (no tracking, nothing writes them); a board nobody read for
/// <see cref="IdleLifetime"/> is dropped.
/// </summary>
public sealed class BoardSnapshots : IDisposable
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly IDisposable? _following;

    /// <param name="bus">The bus whose board events make copies stale; null for a copy store nobody changes (tests of the store itself).</param>
    public BoardSnapshots(TimeProvider time, ILiveBus? bus = null)
    {
        _time = time;
        _following = bus?.Observe((topic, message) =>
        {
            // a board event reaches its board's topic and sometimes the Cité's list of boards: one bump is enough
            if (message is IBoardEvent change && topic.StartsWith(LiveTopics.BoardPrefix, StringComparison.Ordinal))
            {
                Changed(change.BoardId);
            }
        });
    }

    public void Dispose() => _following?.Dispose();

    private readonly ConcurrentDictionary<Guid, long> _generations = new();
    private readonly ConcurrentDictionary<(Guid CiteId, Guid BoardId), Entry> _entries = new();
    private readonly ConcurrentDictionary<(Guid CiteId, Guid BoardId), SemaphoreSlim> _gates = new();
    private long _loads;

    /// <summary>How many times a board was read from the database (tests, diagnostics).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>A change of this board was committed: copies read before it are stale.</summary>
    public void Changed(Guid boardId) => _generations.AddOrUpdate(boardId, 1, (_, generation) => generation + 1);

    /// <summary>
    /// The board of this Cité as last stored: the shared copy when it is current, otherwise <paramref name="load"/>
    /// (one reader at a time per board; the others wait for its copy). Null when the board is not one of the Cité's.
    /// </summary>
    public async Task<BoardSnapshot?> GetAsync(Guid citeId, Guid boardId, Func<CancellationToken, Task<BoardSnapshot?>> load, CancellationToken cancellationToken)
    {
        var key = (citeId, boardId);
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
            var generation = GenerationOf(boardId);
            Interlocked.Increment(ref _loads);
            var snapshot = await load(cancellationToken);
            if (snapshot is null)
            {
                _entries.TryRemove(key, out _);
                return null;
            }
            _entries[key] = new Entry(snapshot, generation, _time.GetUtcNow());
            DropIdle();
            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The last copy read of this board, current or not (to reuse what did not change); null when there is none.</summary>
    public BoardSnapshot? Latest(Guid citeId, Guid boardId) => _entries.TryGetValue((citeId, boardId), out var entry) ? entry.Snapshot : null;

    private BoardSnapshot? Current((Guid CiteId, Guid BoardId) key)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == GenerationOf(key.BoardId))
        {
            entry.LastRead = _time.GetUtcNow();
            return entry.Snapshot;
        }
        return null;
    }

    private long GenerationOf(Guid boardId) => _generations.GetValueOrDefault(boardId);

    private void DropIdle()
    {
        var before = _time.GetUtcNow() - IdleLifetime;
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastRead < before && _entries.TryRemove(new KeyValuePair<(Guid, Guid), Entry>(key, entry)))
            {
                // its gate goes too (otherwise one per board ever opened stays); a reader still holding the old gate
                // may load once beside a new one, which the generation check keeps correct
                _gates.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry(BoardSnapshot snapshot, long generation, DateTimeOffset readAt)
    {
        public BoardSnapshot Snapshot { get; } = snapshot;

        public long Generation { get; } = generation;

        public DateTimeOffset LastRead { get; set; } = readAt;
    }
}

/// <summary>A board, its cards that are not deleted and its latest activity lines (newest first), as stored at one moment; read-only.</summary>
public sealed record BoardSnapshot(Board Board, IReadOnlyList<Card> Cards, IReadOnlyList<ActivityView> Activity)
{
    /// <summary>How many activity lines a copy keeps: what the board page shows.</summary>
    public const int ActivityLines = 50;

    /// <summary>
    /// Each card's text made ready for pages (HTML, excerpt), once for all viewers. Texts unchanged since
    /// <see cref="WithTexts"/>'s previous copy are taken from it: one change renders one card, not the whole board.
    /// </summary>
    public IReadOnlyDictionary<Guid, CardText> Texts { get; private init; } = new Dictionary<Guid, CardText>();

    /// <summary>This copy with its cards' texts rendered, reusing those of <paramref name="previous"/> whose text is the same.</summary>
    public BoardSnapshot WithTexts(BoardSnapshot? previous)
    {
        var before = previous?.Cards.ToDictionary(c => c.Id, c => c.Text);
        var texts = new Dictionary<Guid, CardText>(Cards.Count);
        foreach (var card in Cards)
        {
            texts[card.Id] = before is not null && before.TryGetValue(card.Id, out var text) && text == card.Text
                && previous!.Texts.TryGetValue(card.Id, out var known)
                ? known
                : CardText.Of(card.Text);
        }
        return this with { Texts = texts };
    }
}
