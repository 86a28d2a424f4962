using System.Security.Claims;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>The directory's application service on the real app and database: who may edit what, and search follows every change.</summary>
public sealed class DirectoryServiceTests(DirectoryFixture fixture) : IClassFixture<DirectoryFixture>
{
    private DirectoryService Directory => fixture.App.Get<DirectoryService>();

    private DirectorySearch Search => fixture.App.Get<DirectorySearch>();

    private Task<CiteAccess> AccessAsync(string userId, string slug) => fixture.AccessAsync(userId, slug);

    private static StructureDetails StructureNamed(string name) => new() { Name = name, Address = new PostalAddress { Commune = "Valmont", Postcode = "90000", InseeCode = "90010" } };

    private static ServiceDetails Creche(string name = "Crèche à vocation d'insertion professionnelle") => new()
    {
        Name = name,
        Description = "Des places d'accueil pour les enfants de parents qui cherchent un emploi.",
        Thematiques = ["famille--garde-denfants"],
        Publics = ["familles"],
        Frais = "gratuit",
    };

    [Fact]
    public async Task PublishedService_IsFoundBySearch_AndArchivingRemovesIt()
    {
        var coordinator = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var structure = Guid.Parse((await Directory.CreateStructureAsync(coordinator, StructureNamed("Crèche Les Petits Pas"))).Value!);
        var created = await Directory.CreateServiceAsync(coordinator, structure, Creche(), publish: true);
        Assert.True(created.Succeeded, created.Describe());
        var serviceId = Guid.Parse(created.Value!);

        var found = await Search.SearchAsync(coordinator, new DirectoryQuery("creche", SearchFilters.None));
        Assert.Contains(found.Items, r => r.View.Service.Id == serviceId && r.NameHtml.Contains("<mark>Crèche</mark>", StringComparison.Ordinal));
        var byBarrier = await Search.SearchAsync(coordinator, new DirectoryQuery(null, new SearchFilters(Frein: "garde-denfants", Commune: "90010", FreeOnly: true)));
        Assert.Contains(byBarrier.Items, r => r.View.Service.Id == serviceId);

        Assert.True((await Directory.ArchiveServiceAsync(coordinator, serviceId)).Succeeded);
        Assert.DoesNotContain((await Search.SearchAsync(coordinator, new DirectoryQuery("creche", SearchFilters.None))).Items, r => r.View.Service.Id == serviceId);
        Assert.True((await Directory.ServiceBackToDraftAsync(coordinator, serviceId)).Succeeded);
        Assert.True((await Directory.PublishServiceAsync(coordinator, serviceId)).Succeeded);
        Assert.Contains((await Search.SearchAsync(coordinator, new DirectoryQuery("creche", SearchFilters.None))).Items, r => r.View.Service.Id == serviceId);
    }

    [Fact]
    public async Task AReaderWokenByTheDirectoryTopic_FindsTheChangeThatWokeIt()
    {
        var coordinator = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var structure = Guid.Parse((await Directory.CreateStructureAsync(coordinator, StructureNamed("Structure diffusée"))).Value!);
        var serviceId = Guid.Parse((await Directory.CreateServiceAsync(coordinator, structure, Creche("Crèche Zébulon"), publish: false)).Value!);
        var seen = new List<(string Event, bool Found)>();
        // searched at the very moment the change is delivered on this server, before any page could be woken by it:
        // the earliest a reader can search, so no later reader can get an older answer
        using var delivery = fixture.App.Get<ILiveBus>().Observe((topic, message) =>
        {
            if (topic == LiveTopics.Directory(coordinator.CiteId) && message is ServicePublished or ServiceArchived)
            {
                var found = Search.SearchAsync(coordinator, new DirectoryQuery("zebulon", SearchFilters.None)).GetAwaiter().GetResult();
                seen.Add((message.GetType().Name, found.Items.Any(r => r.View.Service.Id == serviceId)));
            }
        });

        Assert.True((await Directory.PublishServiceAsync(coordinator, serviceId)).Succeeded);
        Assert.True((await Directory.ArchiveServiceAsync(coordinator, serviceId)).Succeeded);

        Assert.Equal([("ServicePublished", true), ("ServiceArchived", false)], seen);
    }

    [Fact]
    public async Task Partner_EditsOnlyTheStructureTheyAreLinkedTo()
    {
        var coordinator = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var partner = await AccessAsync(fixture.PartnerOfA, fixture.A);
        var own = Guid.Parse((await Directory.CreateStructureAsync(coordinator, StructureNamed("Mission Locale de test"))).Value!);
        var other = Guid.Parse((await Directory.CreateStructureAsync(coordinator, StructureNamed("Centre social de test"))).Value!);

        Assert.True((await Directory.CreateServiceAsync(partner, own, Creche("Service du partenaire"), publish: false)).IsForbidden);
        Assert.True((await Directory.LinkMemberAsync(partner, fixture.PartnerOfA, own)).IsForbidden);
        Assert.True((await Directory.LinkMemberAsync(coordinator, fixture.PartnerOfA, own)).Succeeded);

        var mine = await Directory.CreateServiceAsync(partner, own, Creche("Service du partenaire"), publish: false);
        Assert.True(mine.Succeeded, mine.Describe());
        Assert.True((await Directory.CreateServiceAsync(partner, other, Creche("Service pirate"), publish: false)).IsForbidden);
        var theirs = Guid.Parse((await Directory.CreateServiceAsync(coordinator, other, Creche("Service du centre social"), publish: false)).Value!);
        var view = (await Directory.GetServiceAsync(coordinator, theirs))!;
        Assert.True((await Directory.UpdateServiceAsync(partner, theirs, Creche("Renommé par un autre"), view.Service.Version)).IsForbidden);
        Assert.True((await Directory.PublishServiceAsync(partner, theirs)).IsForbidden);

        // A draft of another structure is not even visible to the partner, nor to an observer.
        Assert.Null(await Directory.GetServiceAsync(partner, theirs));
        Assert.Null(await Directory.GetServiceAsync(await AccessAsync(fixture.ObserverOfA, fixture.A), theirs));
        Assert.True((await Directory.GetStructureAsync(partner, own))!.CanEdit);
        Assert.False((await Directory.GetStructureAsync(partner, other))!.CanEdit);
        Assert.Contains((await Directory.GetStructureAsync(coordinator, own))!.Members, m => m.UserId == fixture.PartnerOfA);
    }

    [Fact]
    public async Task AnotherCitesCoordinator_CannotReadEditOrFindTheService()
    {
        var a = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var b = await AccessAsync(fixture.CoordinatorOfB, fixture.B);
        var structure = Guid.Parse((await Directory.CreateStructureAsync(a, StructureNamed("Auto-école sociale de A"))).Value!);
        var details = Creche("Crèche réservée à la Cité A") with { };
        var serviceId = Guid.Parse((await Directory.CreateServiceAsync(a, structure, details, publish: true)).Value!);

        Assert.Null(await Directory.GetServiceAsync(b, serviceId));
        Assert.Null(await Directory.GetStructureAsync(b, structure));
        Assert.True((await Directory.UpdateServiceAsync(b, serviceId, Creche("Piraté"), 1)).NotFound);
        Assert.True((await Directory.ArchiveServiceAsync(b, serviceId)).NotFound);
        Assert.True((await Directory.CreateServiceAsync(b, structure, Creche("Intrus"), publish: true)).NotFound);
        Assert.DoesNotContain((await Search.SearchAsync(b, new DirectoryQuery("reservee", SearchFilters.None))).Items, r => r.View.Service.Id == serviceId);
        Assert.DoesNotContain(await Directory.ListStructuresAsync(b), s => s.Id == structure);
        Assert.Contains((await Search.SearchAsync(a, new DirectoryQuery("reservee", SearchFilters.None))).Items, r => r.View.Service.Id == serviceId);
    }

    [Fact]
    public async Task EditFromAnOldVersion_IsAConflict_AndChangesNothing()
    {
        var a = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var structure = Guid.Parse((await Directory.CreateStructureAsync(a, StructureNamed("Structure aux deux éditions"))).Value!);
        var id = Guid.Parse((await Directory.CreateServiceAsync(a, structure, Creche("Version d'origine"), publish: false)).Value!);
        var version = (await Directory.GetServiceAsync(a, id))!.Service.Version;
        Assert.True((await Directory.UpdateServiceAsync(a, id, Creche("Première édition"), version)).Succeeded);
        var late = await Directory.UpdateServiceAsync(a, id, Creche("Édition partie de l'ancienne version"), version);
        Assert.True(late.Conflict);
        Assert.Equal("Première édition", (await Directory.GetServiceAsync(a, id))!.Service.Name);
    }

    [Fact]
    public async Task InvalidEdit_IsRefusedWithTheFieldNamed()
    {
        var a = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var structure = Guid.Parse((await Directory.CreateStructureAsync(a, StructureNamed("Structure à valider"))).Value!);
        var result = await Directory.CreateServiceAsync(a, structure, Creche() with { Thematiques = ["pas-une-thematique"] }, publish: false);
        Assert.False(result.Succeeded);
        Assert.Contains("pas-une-thematique", string.Join(' ', result.Errors.For(nameof(Service.Thematiques))), StringComparison.Ordinal);
        Assert.True((await Directory.CreateStructureAsync(a, new StructureDetails { Name = "X" })).Errors.For(nameof(Structure.Name)).Any());
    }

    [Fact]
    public async Task StaleService_IsListed_UntilConfirmedStillAccurate()
    {
        var a = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var structureId = Guid.Parse((await Directory.CreateStructureAsync(a, StructureNamed("Structure ancienne"))).Value!);
        Guid staleId;
        await using (var db = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(a))
        {
            var structure = await db.Structures.SingleAsync(s => s.Id == structureId);
            var old = Service.Import(structure, new ExternalReference("tests", "ancien-1"), Creche("Service jamais mis à jour"), new DateOnly(2025, 1, 15), DateTimeOffset.UtcNow);
            db.Services.Add(old);
            await db.SaveChangesAsync();
            staleId = old.Id;
        }
        Assert.Contains(await Directory.StaleServicesAsync(a), s => s.ServiceId == staleId);
        Assert.Empty(await Directory.StaleServicesAsync(await AccessAsync(fixture.ObserverOfA, fixture.A)));
        Assert.True((await Directory.ConfirmStillAccurateAsync(a, staleId)).Succeeded);
        Assert.DoesNotContain(await Directory.StaleServicesAsync(a), s => s.ServiceId == staleId);
    }

    [Fact]
    public async Task IndexLostAfterACrash_IsRebuiltAtStartUpCheck()
    {
        var a = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var structure = Guid.Parse((await Directory.CreateStructureAsync(a, StructureNamed("Structure reconstruite"))).Value!);
        var id = Guid.Parse((await Directory.CreateServiceAsync(a, structure, Creche("Halte-garderie reconstruite"), publish: true)).Value!);
        await fixture.App.Get<DirectorySearchIndex>().ClearAsync();
        Assert.Empty((await Search.SearchAsync(a, new DirectoryQuery("reconstruite", SearchFilters.None))).Items);
        await fixture.App.Get<DirectoryIndexer>().EnsureConsistentAsync();
        Assert.Contains((await Search.SearchAsync(a, new DirectoryQuery("reconstruite", SearchFilters.None))).Items, r => r.View.Service.Id == id);
    }

    [Fact]
    public async Task OneServiceUnpublishedAndAnotherPublishedBehindTheIndex_AreBothSeenAtStartUpCheck()
    {
        var a = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var structure = Guid.Parse((await Directory.CreateStructureAsync(a, StructureNamed("Structure échangée"))).Value!);
        var leaving = Guid.Parse((await Directory.CreateServiceAsync(a, structure, Creche("Crèche Partante"), publish: true)).Value!);
        var coming = Guid.Parse((await Directory.CreateServiceAsync(a, structure, Creche("Crèche Arrivante"), publish: false)).Value!);
        // as if a server was down while another one did both: the index holds the same number of services as before
        await using (var db = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(a))
        {
            await db.Services.Where(s => s.Id == leaving).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ServiceStatus.Archive));
            await db.Services.Where(s => s.Id == coming).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ServiceStatus.Publie));
        }
        var before = await fixture.App.Get<DirectorySearchIndex>().IndexedAsync();
        Assert.Contains(leaving, before);
        Assert.DoesNotContain(coming, before);

        Assert.True(await fixture.App.Get<DirectoryIndexer>().EnsureConsistentAsync() >= 2);

        var after = await fixture.App.Get<DirectorySearchIndex>().IndexedAsync();
        Assert.DoesNotContain(leaving, after);
        Assert.Contains(coming, after);

        Assert.DoesNotContain((await Search.SearchAsync(a, new DirectoryQuery("partante", SearchFilters.None))).Items, r => r.View.Service.Id == leaving);
        Assert.Contains((await Search.SearchAsync(a, new DirectoryQuery("arrivante", SearchFilters.None))).Items, r => r.View.Service.Id == coming);
    }

    [Fact]
    public async Task AServiceEditedBehindTheIndex_IsRewrittenByTheContentCheck_AndTheOthersAreLeftAlone()
    {
        var a = await AccessAsync(fixture.CoordinatorOfA, fixture.A);
        await fixture.App.Get<DirectoryIndexCheck>().Completed; // the start-up check is over
        await fixture.App.Get<DirectoryIndexer>().CheckContentAsync(); // whatever the class's other tests left behind the index
        var structure = Guid.Parse((await Directory.CreateStructureAsync(a, StructureNamed("Structure renommée"))).Value!);
        var id = Guid.Parse((await Directory.CreateServiceAsync(a, structure, Creche("Crèche Ancienne Appellation"), publish: true)).Value!);
        await using (var db = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(a))
        {
            await db.Services.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Name, "Crèche Nouvelle Appellation"));
        }
        Assert.Equal(0, await fixture.App.Get<DirectoryIndexer>().EnsureConsistentAsync()); // the same services: the quick check sees nothing

        Assert.Equal(1, await fixture.App.Get<DirectoryIndexer>().CheckContentAsync());

        Assert.Contains((await Search.SearchAsync(a, new DirectoryQuery("nouvelle appellation", SearchFilters.None))).Items, r => r.View.Service.Id == id);
        Assert.DoesNotContain((await Search.SearchAsync(a, new DirectoryQuery("ancienne", SearchFilters.None))).Items, r => r.View.Service.Id == id);
    }
}

public sealed class DirectoryFixture : AppFixture
{
    public string A { get; private set; } = string.Empty;
    public string B { get; private set; } = string.Empty;
    public string CoordinatorOfA { get; private set; } = string.Empty;
    public string PartnerOfA { get; private set; } = string.Empty;
    public string ObserverOfA { get; private set; } = string.Empty;
    public string CoordinatorOfB { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateCiteAsync("Cité de l'annuaire A");
        B = await CreateCiteAsync("Cité de l'annuaire B");
        CoordinatorOfA = await CreatePersonAsync("coord.annuaire.a@tests.invalid", A, CiteRole.Coordinateur);
        PartnerOfA = await CreatePersonAsync("partenaire.annuaire.a@tests.invalid", A, CiteRole.Partenaire);
        ObserverOfA = await CreatePersonAsync("obs.annuaire.a@tests.invalid", A, CiteRole.Observateur);
        CoordinatorOfB = await CreatePersonAsync("coord.annuaire.b@tests.invalid", B, CiteRole.Coordinateur);
    }

    public async Task<CiteAccess> AccessAsync(string userId, string slug) =>
        (await App.Get<CiteAccessService>().ResolveAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")), slug))!;
}
