using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Features;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Live;

/// <summary>Each feature says what its committed events become; an event nobody handles stops the start, not a message later.</summary>
public sealed class CommittedEventHandlersTests
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance);

    [Fact]
    public void TheAppsHandlers_CoverEveryConcreteDomainEvent_FoundByReflection()
    {
        using var services = LiveMessageTests.AppServices();

        var handled = services.GetServices<CommittedEventHandler>().SelectMany(h => h.EventTypes).ToList();

        Assert.NotNull(services.GetRequiredService<DomainEventPublisher>()); // the start-up check passes
        Assert.Equal(LiveMessageKinds.DomainEventTypes().OrderBy(t => t.FullName), handled.OrderBy(t => t.FullName));
        Assert.Equal(10, services.GetServices<CommittedEventHandler>().Count()); // Cités, members, directory, boards, roadmap, sessions, diagnostic, indicators, self-assessment, referrals
    }

    [Fact]
    public void ADomainEventWithoutHandler_StopsThePublisherFromBeingBuilt_AndIsNamed()
    {
        var withoutMembers = DatabaseFixture.CommittedEventHandlers().Where(h => h is not CiteEmploi.Web.Features.Members.MemberLiveEvents);

        var refused = Assert.Throws<InvalidOperationException>(() => new DomainEventPublisher(_bus, withoutMembers));

        Assert.Contains(nameof(MemberJoined), refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(InvitationRevoked), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApp_DoesNotStart_WhenAFeatureForgetsItsHandler()
    {
        await using var app = new CiteEmploiApp(testServices: services =>
            services.Remove(services.Single(d => d.ServiceType == typeof(CommittedEventHandler) && d.ImplementationType == typeof(CiteEmploi.Web.Features.Members.MemberLiveEvents))));

        var refused = Assert.ThrowsAny<Exception>(() => app.BaseUrl);

        Assert.Contains(nameof(MemberRemoved), refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventHandledTwice_StopsThePublisherFromBeingBuilt()
    {
        var twice = DatabaseFixture.CommittedEventHandlers().Append(new CiteLiveEvents());

        Assert.Throws<InvalidOperationException>(() => new DomainEventPublisher(_bus, twice));
    }
}
