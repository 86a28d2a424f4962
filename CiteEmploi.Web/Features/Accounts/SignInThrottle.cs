using System.Collections.Concurrent;

namespace CiteEmploi.Web.Features.Accounts;

/// <summary>
/// Limits password guessing per network address and per account over a sliding window, on top of Identity's lockout:
/// lockout stops guessing one password, this stops spraying many accounts from one address (and hammering one account
/// from many). Only failures count: twenty people of a workshop signing in from the same room (one public address)
/// are never held back by each other's successes.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailuresPerAddress = 50;
    public const int MaxFailuresPerAccount = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>True when either limit is reached: the attempt must not even be tried.</summary>
    public bool IsBlocked(string? address, string account)
    {
        var now = time.GetUtcNow();
        lock (_failures)
        {
            return Count(AddressKey(address), now) >= MaxFailuresPerAddress || Count(AccountKey(account), now) >= MaxFailuresPerAccount;
        }
    }

    /// <summary>Counts a failed attempt (wrong password, reset request…) against the address and the account.</summary>
    public void RecordFailure(string? address, string account)
    {
        var now = time.GetUtcNow();
        lock (_failures)
        {
            Add(AddressKey(address), now);
            Add(AccountKey(account), now);
        }
    }

    /// <summary>For requests that cost something whatever their outcome (password-reset e-mails): check, then count.</summary>
    public bool TryAttempt(string? address, string account)
    {
        if (IsBlocked(address, account))
        {
            return false;
        }
        RecordFailure(address, account);
        return true;
    }

    private static string AddressKey(string? address) => "ip:" + (address ?? "?");

    private static string AccountKey(string account) => "account:" + account.Trim().ToUpperInvariant();

    private int Count(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return 0;
        }
        while (queue.Count > 0 && now - queue.Peek() > Window)
        {
            queue.Dequeue();
        }
        return queue.Count;
    }

    private void Add(string key, DateTimeOffset now) => _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>()).Enqueue(now);
}
