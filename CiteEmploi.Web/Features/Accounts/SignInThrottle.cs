using System.Collections.Concurrent;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>
/// Limits sign-in attempts per network address and per account over a sliding window, on top of Identity's lockout:
/// lockout stops guessing one password, this stops spraying many accounts from one address (and hammering one account
/// from many).
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxPerAddress = 20;
    public const int MaxPerAccount = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);

    /// <summary>Records an attempt; false when either limit is already reached (the attempt must not be tried).</summary>
    public bool TryAttempt(string? address, string account)
    {
        var now = time.GetUtcNow();
        var addressKey = "ip:" + (address ?? "?");
        var accountKey = "account:" + account.Trim().ToUpperInvariant();
        lock (_attempts)
        {
            if (Count(addressKey, now) >= MaxPerAddress || Count(accountKey, now) >= MaxPerAccount)
            {
                return false;
            }
            Add(addressKey, now);
            Add(accountKey, now);
            return true;
        }
    }

    private int Count(string key, DateTimeOffset now)
    {
        if (!_attempts.TryGetValue(key, out var queue))
        {
            return 0;
        }
        while (queue.Count > 0 && now - queue.Peek() > Window)
        {
            queue.Dequeue();
        }
        return queue.Count;
    }

    private void Add(string key, DateTimeOffset now) => _attempts.GetOrAdd(key, _ => new Queue<DateTimeOffset>()).Enqueue(now);
}
