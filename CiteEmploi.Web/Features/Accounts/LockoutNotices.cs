using System.Collections.Concurrent;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>
/// Which lockouts their owners were told of, so that a lockout is told once: two wrong passwords posted at the same
/// instant can both see the account unlocked before and locked after, and each would send its own mail. The first to
/// ask for a lockout that is not already told (or whose told lockout has ended) tells it; the others do not. One
/// server's memory: with several servers a rare second mail stays possible (it says the same thing).
/// </summary>
public sealed class LockoutNotices(TimeProvider time)
{
    /// <summary>Beyond this many remembered lockouts, those already over are forgotten.</summary>
    private const int PruneAbove = 1_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _toldUntil = new(StringComparer.Ordinal);

    /// <summary>True for exactly one caller per lockout of <paramref name="userId"/> lasting until <paramref name="lockedUntil"/>.</summary>
    public bool TryClaim(string userId, DateTimeOffset lockedUntil)
    {
        var now = time.GetUtcNow();
        if (_toldUntil.Count > PruneAbove)
        {
            foreach (var (id, until) in _toldUntil)
            {
                if (until <= now)
                {
                    _toldUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, until));
                }
            }
        }
        while (true)
        {
            if (!_toldUntil.TryGetValue(userId, out var told))
            {
                if (_toldUntil.TryAdd(userId, lockedUntil))
                {
                    return true;
                }
            }
            else if (told > now)
            {
                return false;
            }
            else if (_toldUntil.TryUpdate(userId, lockedUntil, told))
            {
                return true;
            }
        }
    }
}
