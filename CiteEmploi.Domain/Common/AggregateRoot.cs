namespace CiteEmploi.Domain.Common;

/// <summary>Base of every aggregate: an identity, a version for optimistic concurrency and pending domain events.</summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public Guid Id { get; protected set; } = Guid.NewGuid();

    /// <summary>Incremented on every change; an edit states the version it started from (ARCHITECTURE.md, principle 7).</summary>
    public int Version { get; protected set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent)
    {
        _domainEvents.Add(domainEvent);
        Version++;
    }

    public void ClearDomainEvents() => _domainEvents.Clear();
}
