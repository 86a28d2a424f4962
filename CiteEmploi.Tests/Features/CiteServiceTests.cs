using CiteEmploi.Domain.Cites;
using CiteEmploi.Tests.Domain;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features;

/// <summary><see cref="CiteService"/> on a real SQLite file built by the migrations; one context per operation.</summary>
public sealed class CiteServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });

    private CiteService Service() => new(new TestDbContextFactory(database, _bus), TimeProvider.System);

    private static CiteProfile Profile(string name) => CiteTests.ValidProfile(name);

    [Fact]
    public async Task Create_WithValidProfile_SucceedsWithDerivedSlugAndPersistsAcrossContexts()
    {
        var list = new BusRecorder();
        using var subscription = _bus.Subscribe(LiveTopics.CiteList, list.Handle);
        var profile = Profile("Cité de l'emploi de Vesoul") with { PerimeterType = PerimeterType.Epci, BudgetAmount = 123_456.78m };

        var result = await Service().CreateAsync(profile);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("cite-de-l-emploi-de-vesoul", result.Value);
        await using var fresh = database.NewContext();
        var stored = await fresh.Cites.AsNoTracking().SingleAsync(c => c.Slug == "cite-de-l-emploi-de-vesoul");
        Assert.Equal("Cité de l'emploi de Vesoul", stored.Name);
        Assert.Equal("cite de l emploi de vesoul", stored.NormalizedName);
        Assert.Equal(PerimeterType.Epci, stored.PerimeterType);
        Assert.Equal(123_456.78m, stored.BudgetAmount);
        Assert.Equal(profile.Qpvs, stored.Qpvs);
        Assert.Equal(profile.CoFunders, stored.CoFunders);
        Assert.Equal(profile.Coordinator, stored.Coordinator);
        Assert.Equal(1, stored.Version);
        Assert.False(stored.IsArchived);
        await list.WaitForCountAsync(1);
        Assert.Equal(stored.Id, Assert.IsType<CiteCreated>(Assert.Single(list.All)).CiteId);
    }

    [Fact]
    public async Task Create_WithNameDifferingOnlyByAccentsAndCase_IsRefusedOnName()
    {
        var service = Service();
        Assert.True((await service.CreateAsync(Profile("Cité de Belfort"))).Succeeded);

        var result = await service.CreateAsync(Profile("cite de BELFORT"), slug: "autre-belfort");

        Assert.False(result.Succeeded);
        Assert.False(result.Conflict);
        var message = Assert.Single(result.Errors.For("Name"));
        Assert.Contains("Une Cité porte déjà ce nom", message);
        Assert.Single(await service.ListAsync(), c => c.Name.Contains("Belfort", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Create_WhoseDerivedSlugIsTaken_GetsTheSlugSuffixedWith2ThenWith3()
    {
        var service = Service();
        Assert.True((await service.CreateAsync(Profile("Montbéliard Nord"), slug: "cite-de-montbeliard")).Succeeded);

        var second = await service.CreateAsync(Profile("Cité de Montbéliard"));
        var third = await service.CreateAsync(Profile("Cité de Montbéliard !"), slug: null);
        var fourth = await service.CreateAsync(Profile("Cité de Montbeliard (bis)"));

        Assert.Equal("cite-de-montbeliard-2", second.Value);
        Assert.False(third.Succeeded); // same folded name as the second: refused, not suffixed
        Assert.NotEmpty(third.Errors.For("Name"));
        Assert.Equal("cite-de-montbeliard-bis", fourth.Value);
        var again = await service.CreateAsync(Profile("Cité de Montbéliard centre"), slug: null);
        Assert.Equal("cite-de-montbeliard-centre", again.Value);
    }

    [Fact]
    public async Task Create_WithLongNamesSharingTheirFirst40SlugCharacters_GetsAFreeSlugEachTime()
    {
        var service = Service();
        const string Prefix = "Cité de l'emploi de la communauté d'agglomération ";

        var first = await service.CreateAsync(Profile(Prefix + "du Grand Besançon"));
        var second = await service.CreateAsync(Profile(Prefix + "de Vesoul"));
        var third = await service.CreateAsync(Profile(Prefix + "du Pays de Montbéliard"));
        var fourth = await service.CreateAsync(Profile(Prefix + "de Lons-le-Saunier"));

        Assert.All([first, second, third, fourth], r => Assert.True(r.Succeeded, r.Describe()));
        Assert.Equal("cite-de-l-emploi-de-la-communaute-d-aggl", first.Value);
        Assert.Equal("cite-de-l-emploi-de-la-communaute-d-ag-2", second.Value);
        Assert.Equal("cite-de-l-emploi-de-la-communaute-d-ag-3", third.Value);
        Assert.Equal("cite-de-l-emploi-de-la-communaute-d-ag-4", fourth.Value);
        Assert.All([first, second, third, fourth], r => Assert.True(r.Value!.Length <= Cite.SlugMaxLength));
    }

    [Fact]
    public async Task Create_WithExplicitSlugAlreadyTaken_IsRefusedOnSlug()
    {
        var service = Service();
        Assert.True((await service.CreateAsync(Profile("Cité de Dole"), slug: "dole")).Succeeded);

        var result = await service.CreateAsync(Profile("Cité du Grand Dole"), slug: "dole");

        Assert.Equal(["L'identifiant court « dole » est déjà utilisé par une autre Cité."], result.Errors.For("Slug"));
    }

    [Fact]
    public async Task Create_WithInvalidProfile_ReturnsTheDomainMessagesAndStoresNothing()
    {
        var service = Service();

        var result = await service.CreateAsync(Profile("Cité de Gray") with { BudgetAmount = -1m });

        Assert.False(result.Succeeded);
        Assert.Equal(["Le budget ne peut pas être négatif."], result.Errors.For("BudgetAmount"));
        Assert.Null(await service.GetAsync("cite-de-gray"));
    }

    [Fact]
    public async Task Rename_WithCurrentVersion_SucceedsKeepsSlugAndIncrementsVersion()
    {
        var service = Service();
        var slug = (await service.CreateAsync(Profile("Cité de Pontarlier"))).Value!;
        var before = (await service.GetAsync(slug))!;

        var result = await service.RenameAsync(slug, "Cité du Haut-Doubs", before.Version);

        Assert.True(result.Succeeded, result.Describe());
        var after = (await service.GetAsync(slug))!;
        Assert.Equal("Cité du Haut-Doubs", after.Profile.Name);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.Version + 1, after.Version);
    }

    [Fact]
    public async Task Rename_WithStaleExpectedVersion_IsConflictedAndChangesNothing()
    {
        var service = Service();
        var slug = (await service.CreateAsync(Profile("Cité de Morteau"))).Value!;
        var seen = (await service.GetAsync(slug))!.Version;
        Assert.True((await service.RenameAsync(slug, "Cité du Val de Morteau", seen)).Succeeded);

        var late = await service.RenameAsync(slug, "Cité de Morteau et Villers", seen);

        Assert.True(late.Conflict);
        Assert.False(late.Succeeded);
        Assert.Equal("Cité du Val de Morteau", (await service.GetAsync(slug))!.Profile.Name);
    }

    [Fact]
    public async Task UpdateProfile_WithStaleExpectedVersion_IsConflicted()
    {
        var service = Service();
        var slug = (await service.CreateAsync(Profile("Cité de Saint-Claude"))).Value!;
        var details = (await service.GetAsync(slug))!;

        var result = await service.UpdateProfileAsync(slug, details.Profile with { BudgetAmount = 5m }, details.Version - 1);

        Assert.True(result.Conflict);
        Assert.Equal(details.Profile.BudgetAmount, (await service.GetAsync(slug))!.Profile.BudgetAmount);
    }

    [Fact]
    public async Task ConcurrentSaves_FromTheSameVersion_LetOnlyTheFirstWin()
    {
        var service = Service();
        var slug = (await service.CreateAsync(Profile("Cité de Champagnole"))).Value!;
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var a = await first.Cites.SingleAsync(c => c.Slug == slug);
        var b = await second.Cites.SingleAsync(c => c.Slug == slug);

        a.Rename("Cité de Champagnole (A)");
        b.Rename("Cité de Champagnole (B)");
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal("Cité de Champagnole (A)", (await service.GetAsync(slug))!.Profile.Name);
    }

    [Fact]
    public async Task Rename_ToAnotherCitesNameIgnoringAccents_IsRefusedOnName()
    {
        var service = Service();
        Assert.True((await service.CreateAsync(Profile("Cité de Lons"))).Succeeded);
        var slug = (await service.CreateAsync(Profile("Cité de Poligny"))).Value!;
        var version = (await service.GetAsync(slug))!.Version;

        var result = await service.RenameAsync(slug, "CITE DE LONS", version);

        Assert.NotEmpty(result.Errors.For("Name"));
        Assert.Equal("Cité de Poligny", (await service.GetAsync(slug))!.Profile.Name);
    }

    [Fact]
    public async Task Rename_OfUnknownSlug_IsNotFound()
    {
        var result = await Service().RenameAsync("n-existe-pas", "Nouveau nom", 1);

        Assert.True(result.NotFound);
    }

    [Fact]
    public async Task Archive_HidesTheCiteFromTheListUntilRestored()
    {
        var service = Service();
        var slug = (await service.CreateAsync(Profile("Cité de Salins"))).Value!;

        Assert.True((await service.ArchiveAsync(slug)).Succeeded);
        Assert.DoesNotContain(await service.ListAsync(), c => c.Slug == slug);
        Assert.Contains(await service.ListAsync(includeArchived: true), c => c.Slug == slug && c.IsArchived);
        Assert.True((await service.GetAsync(slug))!.IsArchived);

        Assert.True((await service.RestoreAsync(slug)).Succeeded);
        Assert.Contains(await service.ListAsync(), c => c.Slug == slug && !c.IsArchived);
    }

    [Fact]
    public async Task List_IsSortedByNameIgnoringAccentsAndCase()
    {
        var service = Service();
        foreach (var name in new[] { "zz Écully", "zz arbois", "zz Étupes", "zz Ornans" })
        {
            Assert.True((await service.CreateAsync(Profile(name))).Succeeded);
        }

        var names = (await service.ListAsync()).Select(c => c.Name).Where(n => n.StartsWith("zz", StringComparison.Ordinal));

        Assert.Equal(["zz arbois", "zz Écully", "zz Étupes", "zz Ornans"], names);
    }
}
