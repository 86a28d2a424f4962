using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Referrals;

/// <summary>
/// A partner of the demonstration Cité, on a phone, records from a service's page that she oriented someone there (her
/// structure and the barrier she searched for proposed, nothing asked about the person); the coordinator's « Orientations »
/// page, open in another browser, shows it without reloading; the cooperation map links her structure to the service's.
/// Accessible at 1280 and 360 px, nothing scrolling sideways on the phone.
/// </summary>
public sealed class ReferralsJourneyTests(ReferralsJourneyTests.DemoFixture fixture) : IClassFixture<ReferralsJourneyTests.DemoFixture>
{
    private const string Coordinator = "coord.orientations@tests.invalid";
    private const string Partner = "partenaire.orientations@tests.invalid";
    private const string PartnerStructure = "Association Relais Orientation";

    public sealed class DemoFixture : AppFixture
    {
        public Guid ServiceId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await LoadDemoAsync();
            await CreatePersonAsync(Coordinator, DemoLoader.Slug, CiteRole.Coordinateur, "Coordinatrice des orientations");
            var partner = await CreatePersonAsync(Partner, DemoLoader.Slug, CiteRole.Partenaire, "Partenaire qui oriente");
            await LinkToNewStructureAsync(DemoLoader.Slug, partner, PartnerStructure);
            var access = (await App.Get<CiteService>().OperatorAccessAsync(DemoLoader.Slug))!;
            await using var db = await App.Get<CiteDbContextFactory>().CreateAsync(access);
            var published = await db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Publie).ToListAsync();
            ServiceId = published.Where(s => s.Freins.Any(f => f.Code == "mobilite")).OrderBy(s => s.Name, StringComparer.Ordinal).First().Id;
        }
    }

    [Fact]
    public async Task APartnerRecordsAReferralOnHerPhone_TheCoordinatorSeesItLive_AndTheMapLinksTheirStructures()
    {
        var (coordinatorContext, coordinator) = await fixture.SignInAsync(Coordinator);
        await using var _ = coordinatorContext;
        await coordinator.GotoInteractiveAsync(fixture.Url($"/c/{DemoLoader.Slug}"));
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Orientations", Exact = true }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Orientations", Exact = true })).ToBeVisibleAsync();
        await Expect(coordinator.Locator("[data-from]", new() { HasText = PartnerStructure })).ToHaveCountAsync(0);
        await coordinator.AssertAccessibleAsync();

        // on her phone, from a service found for « mobilité »: her structure, the barrier and today are proposed
        var (partnerContext, partner) = await fixture.SignInAsync(Partner, width: 360, height: 740);
        await using var __ = partnerContext;
        await partner.GotoInteractiveAsync(fixture.Url($"/c/{DemoLoader.Slug}/annuaire/services/{fixture.ServiceId}?frein=mobilite"));
        await partner.GetByRole(AriaRole.Button, new() { Name = "J'ai orienté une personne vers ce service" }).ClickAsync();
        var form = partner.GetByTestId("referral-recorder");
        await Expect(form).ToContainTextAsync("Rien n'est enregistré sur la personne orientée");
        await Expect(partner.Locator("#referral-from")).ToHaveValueAsync(PartnerStructure);
        await Expect(form.GetByLabel("Frein", new() { Exact = true })).ToHaveValueAsync("Mobilité");
        await partner.Locator("#referral-note").FillAsync("Premier contact pris par téléphone.");
        await partner.AssertAccessibleAsync();
        Assert.False(await partner.HasHorizontalScrollAsync(), await partner.OverflowingElementsAsync());
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'orientation" }).ClickAsync();
        await Expect(partner.GetByText("Orientation enregistrée : merci.")).ToBeVisibleAsync();

        // the coordinator's page shows it at once, and may delete it
        var row = coordinator.Locator("tr", new() { Has = coordinator.Locator("[data-from]", new() { HasText = PartnerStructure }) });
        await Expect(row).ToContainTextAsync("Premier contact pris par téléphone.");
        await Expect(row).ToContainTextAsync("Mobilité");
        await Expect(row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Supprimer l'orientation") })).ToBeVisibleAsync();
        await Expect(coordinator.GetByTestId("referrals-by-pair")).ToContainTextAsync($"{PartnerStructure} →");

        // the cooperation map links her structure to the service's, by a referral sent
        await coordinator.GotoInteractiveAsync(fixture.Url($"/c/{DemoLoader.Slug}/cooperation"));
        await Expect(coordinator.GetByTestId("cooperation-map").Locator($"g[data-node='{PartnerStructure}']")).ToHaveCountAsync(1);
        await Expect(coordinator.Locator($"td[data-referrals-of='{PartnerStructure}']")).ToHaveTextAsync("1 / 0");

        // her own phone's « Orientations »: the list fits, accessible
        await partner.GotoInteractiveAsync(fixture.Url($"/c/{DemoLoader.Slug}/orientations"));
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Orientations", Exact = true })).ToBeInViewportAsync();
        await Expect(partner.Locator("[data-from]", new() { HasText = PartnerStructure })).ToHaveCountAsync(1);
        await partner.AssertAccessibleAsync();
        Assert.False(await partner.HasHorizontalScrollAsync(), await partner.OverflowingElementsAsync());
    }
}
