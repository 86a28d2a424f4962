using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Live;

/// <summary>
/// What one feature does with its committed domain events: the topics each is published to and, when needed, work the
/// committing server finishes before anyone is woken (<see cref="BeforeBroadcastAsync"/>). Each feature registers its
/// own (<see cref="LiveServiceCollectionExtensions.AddCommittedEventHandler{T}"/>); <see cref="DomainEventPublisher"/>
/// refuses to start when a domain event type has no handler, so a new event is never silently dropped.
/// Caches and in-memory state do not belong here: they follow the bus (<see cref="ILiveBus.Observe"/>), so that
/// messages from other servers update them too.
/// </summary>
public abstract class CommittedEventHandler
{
    private readonly Dictionary<Type, Func<IDomainEvent, IEnumerable<string>>> _topics = [];

    /// <summary>The event types this handler takes.</summary>
    public IReadOnlyCollection<Type> EventTypes => _topics.Keys;

    /// <summary>Publishes each committed <typeparamref name="TEvent"/> to <paramref name="topics"/>.</summary>
    protected void On<TEvent>(Func<TEvent, IEnumerable<string>> topics)
        where TEvent : IDomainEvent =>
        _topics.Add(typeof(TEvent), e => topics((TEvent)e));

    /// <summary>
    /// Publishes every concrete event type of the domain that is a <typeparamref name="TFamily"/> (a board's events),
    /// so that a new event of the family is handled without being listed here.
    /// </summary>
    protected void OnEvery<TFamily>(Func<TFamily, IEnumerable<string>> topics)
        where TFamily : IDomainEvent
    {
        foreach (var type in LiveMessageKinds.DomainEventTypes().Where(typeof(TFamily).IsAssignableFrom))
        {
            _topics.Add(type, e => topics((TFamily)e));
        }
    }

    /// <summary>The topics of one committed event of this handler.</summary>
    public IEnumerable<string> TopicsOf(IDomainEvent committed) => _topics[committed.GetType()](committed);

    /// <summary>
    /// Runs on the committing server, after the commit and before any of the commit's events is published, with this
    /// handler's events of that commit in order — and on every other server, with the same events received through the
    /// backplane, before they reach that server's subscribers: for state each server keeps and a woken reader must find
    /// up to date (the directory's search index, each server's own on PostgreSQL). A failure is logged and the events
    /// are published anyway: the change is stored.
    /// </summary>
    public virtual Task BeforeBroadcastAsync(IReadOnlyList<IDomainEvent> committed, CancellationToken cancellationToken) => Task.CompletedTask;
}
