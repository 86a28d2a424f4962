using System.Threading.RateLimiting;
using CiteEmploi.Web.Features.Common;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>How fast one hub connection or one page (Blazor circuit) may send board commands (section <see cref="Section"/>).</summary>
public sealed class BoardCommandRateSettings
{
    public const string Section = "CiteEmploi:Tableaux:Cadence";

    /// <summary>Commands regained per second once the burst is spent.</summary>
    public double PerSecond { get; set; } = 10;

    /// <summary>Commands that may follow each other at once (a facilitator tidying a column, a quick vote round).</summary>
    public int Burst { get; set; } = 30;
}

/// <summary>
/// A token bucket (<see cref="TokenBucketRateLimiter"/>) for the board commands of one client: one per hub connection
/// (<c>BoardHubConnections</c>), one per circuit (scoped) for the pages. A command over the rate is answered with
/// <see cref="RefusedMessage"/> before it reaches the database, so it changes nothing. No timer per client: the bucket
/// is refilled, for the time elapsed, when a command asks for a token.
/// </summary>
public sealed class BoardCommandRate : IDisposable
{
    public const string Field = "Cadence";

    public const string RefusedMessage = "Trop d'actions d'affilée sur ce tableau : patientez quelques secondes avant de recommencer. Rien n'a été modifié.";

    private readonly TokenBucketRateLimiter _bucket;

    public BoardCommandRate(IOptions<BoardCommandRateSettings> settings)
        : this(settings.Value)
    {
    }

    public BoardCommandRate(BoardCommandRateSettings settings)
    {
        var perSecond = settings.PerSecond > 0 ? settings.PerSecond : 10;
        // one token per period: the bucket fills smoothly rather than by steps of a whole second's worth
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, settings.Burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / perSecond),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }

    /// <summary>The refusal a page shows, as a command's result.</summary>
    public static CommandResult Refused => CommandResult.Invalid(Field, RefusedMessage);

    /// <summary>Takes one command's token; false when the client goes faster than the rate allows.</summary>
    public bool TryTake()
    {
        _bucket.TryReplenish();
        using var lease = _bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose() => _bucket.Dispose();
}
