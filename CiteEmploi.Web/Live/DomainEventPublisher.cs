using CiteEmploi.Domain.Common;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Hands committed domain events to the features' <see cref="CommittedEventHandler"/>s, then publishes them on the
/// topics those handlers name. Built once; it refuses to be built when a concrete domain event type has no handler,
/// or two (checked at start-up, since the database initialiser is its first user).
/// </summary>
public sealed class DomainEventPublisher
{
    private readonly ILiveBus _bus;
    private readonly ILogger _logger;
    private readonly Dictionary<Type, CommittedEventHandler> _handlers = [];

    public DomainEventPublisher(ILiveBus bus, IEnumerable<CommittedEventHandler> handlers, ILogger<DomainEventPublisher>? logger = null)
    {
        _bus = bus;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        foreach (var handler in handlers)
        {
            foreach (var type in handler.EventTypes)
            {
                if (!_handlers.TryAdd(type, handler))
                {
                    throw new InvalidOperationException(
                        $"L'événement {type.Name} a deux traitements ({_handlers[type].GetType().Name} et {handler.GetType().Name}).");
                }
            }
        }
        var unhandled = LiveMessageKinds.DomainEventTypes().Where(t => !_handlers.ContainsKey(t)).Select(t => t.Name).ToList();
        if (unhandled.Count > 0)
        {
            throw new InvalidOperationException(
                $"Ces événements du domaine n'ont aucun traitement après validation (CommittedEventHandler) : {string.Join(", ", unhandled)}. " +
                "Déclarez-les dans le traitement de leur fonctionnalité.");
        }
    }

    /// <summary>
    /// Runs the handlers' work before broadcast (in handler order, each with its events of this commit), then
    /// publishes every event in commit order.
    /// </summary>
    public async Task PublishAsync(IReadOnlyCollection<IDomainEvent> committed, CancellationToken cancellationToken = default)
    {
        if (committed.Count == 0)
        {
            return;
        }
        await BeforeBroadcastAsync(committed);
        Broadcast(committed);
    }

    /// <summary>
    /// On a server that did not commit them, the handlers' work before broadcast for events another server committed
    /// (its search index copy, decision 0032), before the backplane hands them to this server's subscribers.
    /// </summary>
    public Task PrepareFromOtherServerAsync(IReadOnlyCollection<IDomainEvent> committed) => BeforeBroadcastAsync(committed);

    private async Task BeforeBroadcastAsync(IReadOnlyCollection<IDomainEvent> committed)
    {
        foreach (var group in committed.Where(e => _handlers.ContainsKey(e.GetType())).GroupBy(e => _handlers[e.GetType()]))
        {
            try
            {
                // the change is committed: the work that makes it visible is not abandoned with the request
                await group.Key.BeforeBroadcastAsync([.. group], CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Le traitement {Handler} a échoué avant la diffusion d'événements validés.", group.Key.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Publishes committed events without the handlers' work before broadcast: for a writer that did that work itself,
    /// more cheaply, before calling this (the data·inclusion import indexes the services it holds in memory).
    /// </summary>
    public void Broadcast(IEnumerable<IDomainEvent> committed)
    {
        foreach (var domainEvent in committed)
        {
            if (!_handlers.TryGetValue(domainEvent.GetType(), out var handler))
            {
                // only an event type from outside the domain assembly can get here (the constructor checked the others)
                _logger.LogError("L'événement {Event} n'a aucun traitement : il n'est pas diffusé.", domainEvent.GetType().Name);
                continue;
            }
            foreach (var topic in handler.TopicsOf(domainEvent))
            {
                _bus.Publish(topic, domainEvent);
            }
        }
    }
}
