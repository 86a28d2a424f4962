using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Live;

/// <summary>
/// A live message as it crosses a process boundary (<see cref="ILiveBackplane"/>): the topic, the kind of message
/// (a stable name, not a CLR type name, so servers of two versions can talk), the version of that kind's form, and the
/// payload subscribers receive. Subscribers never see the envelope; they receive <see cref="Payload"/>.
/// </summary>
public sealed record LiveMessage(string Topic, string Kind, int Version, object Payload);

/// <summary>One kind of live message: its stable name, the payload type it reads into, and the version of its form.</summary>
public sealed record LiveMessageKind(string Name, Type Type, int Version = 1);

/// <summary>
/// The registry of live message kinds: kind name ↔ payload type, and the JSON form of an envelope. Every message the
/// bus carries must have a kind (publishing an unknown type fails at once rather than being lost on the other
/// servers). Domain events are registered by their type name; live-only messages (presence) by the feature that
/// publishes them (<see cref="LiveServiceCollectionExtensions.AddLiveMessageKind{T}"/>).
/// </summary>
public sealed class LiveMessageKinds
{
    /// <summary>The serializer options of the wire form: camelCase, enums by name (readable, and robust to reordering).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Dictionary<string, LiveMessageKind> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, LiveMessageKind> _byType = [];

    public LiveMessageKinds(IEnumerable<LiveMessageKind> kinds)
    {
        foreach (var kind in kinds)
        {
            if (_byType.TryGetValue(kind.Type, out var known) && known == kind)
            {
                continue;
            }
            if (!_byName.TryAdd(kind.Name, kind) || !_byType.TryAdd(kind.Type, kind))
            {
                throw new InvalidOperationException($"Le type de message en direct « {kind.Name} » ({kind.Type.Name}) est déclaré deux fois.");
            }
        }
    }

    /// <summary>Every concrete domain event of <paramref name="domain"/> (CiteEmploi.Domain when null), named by its type name.</summary>
    public static IEnumerable<LiveMessageKind> DomainEvents(Assembly? domain = null) =>
        DomainEventTypes(domain).Select(t => new LiveMessageKind(t.Name, t));

    /// <summary>Every concrete <see cref="IDomainEvent"/> type of the domain assembly.</summary>
    public static IReadOnlyList<Type> DomainEventTypes(Assembly? domain = null) =>
        [.. (domain ?? typeof(IDomainEvent).Assembly).GetTypes()
            .Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public IReadOnlyCollection<LiveMessageKind> All => _byName.Values;

    public bool Knows(Type type) => _byType.ContainsKey(type);

    /// <summary>The envelope of <paramref name="payload"/> on <paramref name="topic"/>.</summary>
    public LiveMessage Wrap(string topic, object payload) =>
        _byType.TryGetValue(payload.GetType(), out var kind)
            ? new LiveMessage(topic, kind.Name, kind.Version, payload)
            : throw new InvalidOperationException(
                $"Le message {payload.GetType().Name} n'a pas de type de message en direct déclaré : il ne pourrait pas être transmis aux autres serveurs.");

    public string Serialize(LiveMessage message) =>
        JsonSerializer.Serialize(new Wire(message.Topic, message.Kind, message.Version, JsonSerializer.SerializeToElement(message.Payload, message.Payload.GetType(), Json)), Json);

    /// <summary>
    /// Reads an envelope written by <see cref="Serialize"/>; null when its kind is unknown here or its version is
    /// newer than this server's (during a rolling upgrade, a newer server's message is skipped, not misread).
    /// </summary>
    public LiveMessage? Deserialize(string json)
    {
        var wire = JsonSerializer.Deserialize<Wire>(json, Json);
        if (wire is null || !_byName.TryGetValue(wire.Kind, out var kind) || wire.Version > kind.Version)
        {
            return null;
        }
        var payload = wire.Payload.Deserialize(kind.Type, Json);
        return payload is null ? null : new LiveMessage(wire.Topic, wire.Kind, wire.Version, payload);
    }

    private sealed record Wire(string Topic, string Kind, int Version, JsonElement Payload);
}
