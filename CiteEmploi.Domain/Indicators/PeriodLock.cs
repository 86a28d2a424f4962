using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Indicators;

/// <summary>
/// A period whose values the coordination has closed (after a steering committee, before a report): no value of it, nor
/// of a shorter period inside it (a locked year closes its semesters and quarters), is typed, replaced or removed until
/// it is unlocked. Counted values are not concerned: they follow the workspace.
/// </summary>
public sealed class PeriodLock : AggregateRoot, ICiteOwned
{
    // EF Core materialisation
    private PeriodLock()
    {
        LockedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public Period Period { get; private set; }

    public string LockedByName { get; private set; }

    public DateTimeOffset LockedAt { get; private set; }

    /// <exception cref="DomainValidationException">Not a period, or already locked.</exception>
    public static PeriodLock Lock(Guid citeId, string? period, IReadOnlyCollection<Period> locks, string byName, DateTimeOffset now)
    {
        var parsed = Period.Parse(period);
        if (locks.Contains(parsed))
        {
            ValidationErrors.Refuse(Period.Field, $"La période {parsed.Code} est déjà verrouillée.");
        }
        var name = Text.Clean(byName);
        var locked = new PeriodLock
        {
            CiteId = citeId,
            Period = parsed,
            LockedByName = name.Length > IndicatorValue.NameMaxLength ? name[..IndicatorValue.NameMaxLength] : name,
            LockedAt = now,
        };
        locked.Raise(new IndicatorPeriodLocked(citeId, parsed.Code));
        return locked;
    }

    /// <summary>Records the unlocking; the caller deletes the row.</summary>
    public void Unlock() => Raise(new IndicatorPeriodUnlocked(CiteId, Period.Code));
}

public sealed record IndicatorPeriodLocked(Guid CiteId, string Period) : IDomainEvent;

public sealed record IndicatorPeriodUnlocked(Guid CiteId, string Period) : IDomainEvent;
