using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CiteEmploi.Web.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// The live bus, its message kinds, its backplane (one server unless another <see cref="ILiveBackplane"/> was
    /// registered before) and the committed-event publisher.
    /// </summary>
    public static IServiceCollection AddCiteEmploiLive(this IServiceCollection services)
    {
        services.TryAddSingleton<LiveBusOptions>();
        services.TryAddSingleton<ILiveBackplane, SingleServerBackplane>();
        services.TryAddSingleton(sp => new LiveMessageKinds(LiveMessageKinds.DomainEvents().Concat(sp.GetServices<LiveMessageKind>())));
        services.TryAddSingleton<InProcessLiveBus>();
        services.TryAddSingleton<ILiveBus>(sp => sp.GetRequiredService<InProcessLiveBus>());
        services.TryAddSingleton<DomainEventPublisher>();
        services.TryAddSingleton<LivePresence>();
        services.TryAddScoped<PresenceCircuit>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<PresenceCircuit>());
        services.AddLiveMessageKind<PresenceJoined>("presence.joined");
        services.AddLiveMessageKind<PresenceLeft>("presence.left");
        services.AddLiveMessageKind<PresenceEditing>("presence.editing");
        return services;
    }

    /// <summary>Declares a live-only message (not a domain event) under a stable kind name, so that it can cross to other servers.</summary>
    public static IServiceCollection AddLiveMessageKind<T>(this IServiceCollection services, string name, int version = 1) =>
        services.AddSingleton(new LiveMessageKind(name, typeof(T), version));

    /// <summary>Registers a feature's handler of committed domain events.</summary>
    public static IServiceCollection AddCommittedEventHandler<T>(this IServiceCollection services)
        where T : CommittedEventHandler =>
        services.AddSingleton<CommittedEventHandler, T>();
}
