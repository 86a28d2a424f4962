using System.Collections;
using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Web.Features.Annuaire.Near;

/// <summary>
/// The services of one copy of a Cité's table of positions matching some words and filters (a bit per place in the
/// table), the word beginnings to mark them by, and the index's generation they were read at
/// (<see cref="DirectorySearchIndex.Generation"/>): a « près de » search with words reads the index once per copy and
/// query, not once per search.
/// </summary>
public sealed record NearWordMatches(BitArray Hits, IReadOnlyList<string> Prefixes, long Generation)
{
    /// <summary>The key of a query's words and filters: the folded words (all the index reads of them) and the filter codes.</summary>
    public static string Key(string text, IEnumerable<string> codes) =>
        CiteEmploi.Domain.Common.Text.Fold(text) + "\n" + string.Join(' ', codes.Order(StringComparer.Ordinal));
}

/// <summary>
/// The last <see cref="Capacity"/> word queries' matches of one copy of a Cité's table, the least recently used dropped
/// first. Field workers repeat the same few words; a common word's matches cost the index 5–15 ms to list again. An
/// entry read at an older generation of the index than the current one is never returned: whatever changes the index
/// (an edit, a removal, the background check's repairs) makes it stale, besides the copy itself being replaced at each
/// change of the Cité's directory.
/// </summary>
public sealed class NearWordsCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, NearWordMatches Matches)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, NearWordMatches Matches)> _recent = new();
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The matches kept for this key when they were read at <paramref name="generation"/>; a stale entry is dropped.</summary>
    public bool TryGet(string key, long generation, out NearWordMatches matches)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.Matches.Generation == generation)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    matches = node.Value.Matches;
                    return true;
                }
                _recent.Remove(node);
                _entries.Remove(key);
            }
        }
        matches = null!;
        return false;
    }

    /// <summary>Keeps these matches (replacing an older entry of the key), dropping the least recently used beyond the capacity.</summary>
    public void Add(string key, NearWordMatches matches)
    {
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                if (old.Value.Matches.Generation > matches.Generation)
                {
                    // a search that began before a change of the index finished after another that began after it
                    _entries[key] = old;
                    return;
                }
                _recent.Remove(old);
            }
            _entries[key] = _recent.AddFirst((key, matches));
            while (_entries.Count > Capacity && _recent.Last is { } last)
            {
                _recent.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }
    }

    /// <summary>Forgets every entry (the bench measures the first search of a query with it).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recent.Clear();
        }
    }
}
