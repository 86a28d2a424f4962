using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Live;

/// <summary>The envelope every live message crosses servers in: every kind the app publishes reads back as it was written.</summary>
public sealed class LiveMessageTests
{
    /// <summary>The app's own registrations (nothing is started: the database is never opened).</summary>
    internal static ServiceProvider AppServices() =>
        new ServiceCollection()
            .AddLogging()
            .AddCiteEmploiFeatures(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CiteEmploi:DataFolder"] = Path.Combine(Path.GetTempPath(), $"citeemploi-live-{Guid.NewGuid():N}"),
            }).Build())
            .BuildServiceProvider();

    public static TheoryData<string> AppKinds()
    {
        using var services = AppServices();
        var data = new TheoryData<string>();
        foreach (var kind in services.GetRequiredService<LiveMessageKinds>().All.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            data.Add(kind.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AppKinds))]
    public void EveryKindTheAppPublishes_RoundTripsThroughJson(string name)
    {
        using var services = AppServices();
        var kinds = services.GetRequiredService<LiveMessageKinds>();
        var kind = kinds.All.Single(k => k.Name == name);
        var payload = Sample(kind.Type);
        var sent = kinds.Wrap("sujet:1", payload);

        var json = kinds.Serialize(sent);
        var read = kinds.Deserialize(json);

        Assert.NotNull(read);
        Assert.Equal(("sujet:1", name, kind.Version), (read.Topic, read.Kind, read.Version));
        Assert.IsType(kind.Type, read.Payload);
        Assert.Equal(payload, read.Payload);
    }

    [Fact]
    public void TheRegistry_CoversEveryDomainEvent_AndThePresenceMessages()
    {
        using var services = AppServices();
        var kinds = services.GetRequiredService<LiveMessageKinds>();

        Assert.All(LiveMessageKinds.DomainEventTypes(), t => Assert.True(kinds.Knows(t), t.Name));
        Assert.True(kinds.Knows(typeof(PresenceJoined)));
        Assert.True(kinds.Knows(typeof(CiteEmploi.Web.Features.Boards.FollowMeRequested)));
        Assert.Contains(LiveMessageKinds.DomainEventTypes(), t => t == typeof(CardMoved));
    }

    [Fact]
    public void AMessageOfAnUnknownType_IsRefusedAtPublication_NotLostOnTheOtherServers()
    {
        using var services = AppServices();
        var bus = services.GetRequiredService<ILiveBus>();

        var refused = Assert.Throws<InvalidOperationException>(() => bus.Publish("sujet", new Unregistered(1)));
        Assert.Contains(nameof(Unregistered), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnvelopeOfAnUnknownKind_OrOfANewerVersion_IsSkipped()
    {
        var kinds = new LiveMessageKinds([new LiveMessageKind("essai", typeof(Unregistered), Version: 2)]);
        var json = kinds.Serialize(kinds.Wrap("t", new Unregistered(7)));

        Assert.Equal(new Unregistered(7), kinds.Deserialize(json)?.Payload);
        Assert.Null(new LiveMessageKinds([new LiveMessageKind("essai", typeof(Unregistered), Version: 1)]).Deserialize(json));
        Assert.Null(new LiveMessageKinds([]).Deserialize(json));
    }

    private sealed record Unregistered(int Value);

    /// <summary>An instance of a payload record with a distinctive, non-default value in every constructor parameter.</summary>
    internal static object Sample(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke([.. constructor.GetParameters().Select((p, i) => Value(p.ParameterType, i))]);
    }

    private static object Value(Type type, int index)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!;
        }
        return type switch
        {
            _ when type == typeof(Guid) => Guid.NewGuid(),
            _ when type == typeof(string) => $"« Texte {index} » — é, ç, \"guillemets\"",
            _ when type == typeof(int) => 40 + index,
            _ when type == typeof(long) => 4_000_000_000L + index,
            _ when type == typeof(double) => 1.5 + index,
            _ when type == typeof(bool) => true,
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(330 + index),
            _ when type == typeof(DateOnly) => new DateOnly(2026, 12, 6),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 12, 6, 18, 30, 0, TimeSpan.Zero),
            _ => throw new NotSupportedException($"Pas de valeur d'essai pour {type.Name} : ajoutez-en une, et vérifiez que System.Text.Json le relit."),
        };
    }
}
