namespace CiteEmploi.Domain.Common;

/// <summary>Where a countdown stands at one moment.</summary>
public enum CountdownState
{
    /// <summary>No countdown.</summary>
    Idle,
    Running,
    Paused,

    /// <summary>The countdown reached zero and nobody stopped it yet.</summary>
    Ended,
}

/// <summary>A countdown as read at one moment.</summary>
public sealed record CountdownReading(CountdownState State, TimeSpan Remaining, TimeSpan Duration, DateTimeOffset? EndsAt, bool FreezesWhenOver);

/// <summary>
/// A countdown on the server's clock (start, pause, resume, add time, stop) that never ticks in storage: it keeps its
/// end instant while running and what was left while paused, and every reading is computed from them and "now". Every
/// screen therefore shows the same time whatever its own clock or its connection, and a restart loses nothing.
/// A board's timer is the first user; a session's agenda items will be the next. Refusals are French, on
/// <see cref="Field"/>.
/// </summary>
/// <param name="Duration">The planned total (additions included); null when no countdown is set.</param>
public readonly record struct Countdown(TimeSpan? Duration, DateTimeOffset? EndsAt, TimeSpan? PausedRemaining, bool FreezesWhenOver)
{
    /// <summary>The field refusals are reported on.</summary>
    public const string Field = "Timer";

    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(10);

    /// <summary>No countdown set.</summary>
    public static Countdown None => default;

    public static Countdown Start(TimeSpan duration, bool freezesWhenOver, DateTimeOffset now, TimeSpan max)
    {
        EnsureDuration(duration, max);
        return new Countdown(duration, now + duration, null, freezesWhenOver);
    }

    public CountdownReading At(DateTimeOffset now)
    {
        if (Duration is not { } duration)
        {
            return new CountdownReading(CountdownState.Idle, TimeSpan.Zero, TimeSpan.Zero, null, false);
        }
        if (PausedRemaining is { } paused)
        {
            return new CountdownReading(CountdownState.Paused, paused, duration, null, FreezesWhenOver);
        }
        var endsAt = EndsAt ?? now;
        var remaining = endsAt - now;
        return remaining > TimeSpan.Zero
            ? new CountdownReading(CountdownState.Running, remaining, duration, endsAt, FreezesWhenOver)
            : new CountdownReading(CountdownState.Ended, TimeSpan.Zero, duration, endsAt, FreezesWhenOver);
    }

    /// <summary>Pauses a running countdown; the result's <see cref="PausedRemaining"/> is what was left.</summary>
    public Countdown Pause(DateTimeOffset now)
    {
        var reading = At(now);
        if (reading.State != CountdownState.Running)
        {
            ValidationErrors.Refuse(Field, "Le minuteur ne tourne pas : rien à mettre en pause.");
        }
        return this with { PausedRemaining = reading.Remaining, EndsAt = null };
    }

    public Countdown Resume(DateTimeOffset now)
    {
        if (PausedRemaining is not { } remaining)
        {
            ValidationErrors.Refuse(Field, "Le minuteur n'est pas en pause.");
            return this;
        }
        return this with { EndsAt = now + remaining, PausedRemaining = null };
    }

    /// <summary>Adds time to a running, paused or just-ended countdown (an ended one starts again from now).</summary>
    public Countdown AddTime(TimeSpan added, DateTimeOffset now, TimeSpan max)
    {
        if (added <= TimeSpan.Zero)
        {
            ValidationErrors.Refuse(Field, "Indiquez une durée positive à ajouter.");
        }
        var reading = At(now);
        var next = this;
        switch (reading.State)
        {
            case CountdownState.Idle:
                ValidationErrors.Refuse(Field, "Aucun minuteur en cours : lancez-en un.");
                break;
            case CountdownState.Paused:
                EnsureDuration(reading.Remaining + added, max);
                next = this with { PausedRemaining = reading.Remaining + added };
                break;
            default:
                EnsureDuration(reading.Remaining + added, max);
                next = this with { EndsAt = now + reading.Remaining + added };
                break;
        }
        return next with { Duration = (Duration ?? TimeSpan.Zero) + added };
    }

    private static void EnsureDuration(TimeSpan duration, TimeSpan max)
    {
        if (duration < MinDuration || duration > max)
        {
            ValidationErrors.Refuse(Field, $"Le minuteur dure entre {MinDuration.TotalSeconds:0} secondes et {max.TotalHours:0} heures.");
        }
    }
}
