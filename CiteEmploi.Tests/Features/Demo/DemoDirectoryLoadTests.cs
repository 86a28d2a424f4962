using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features.Demo;

/// <summary>The demonstration directory loaded by the real app, through the data·inclusion importer: what <see cref="DemoDirectory.Build"/> describes.</summary>
public sealed class DemoDirectoryLoadTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task LoadDemo_StoresTheFilesThroughTheImporter_WithDraftsQpvsDatesAndThePartnersStructure()
    {
        await fixture.LoadDemoAsync();
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(DemoLoader.Slug))!;
        await using var db = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(access);
        var structures = await db.Structures.AsNoTracking().ToListAsync();
        var services = await db.Services.AsNoTracking().ToListAsync();
        var expected = DemoDirectory.Build(access.CiteId, DateTimeOffset.UtcNow);

        Assert.Equal(
            expected.Structures.Select(s => $"{s.ExternalId} {s.Name} {s.UpdatedOn} {string.Join(',', s.QpvCodes)}").Order(StringComparer.Ordinal),
            structures.Select(s => $"{s.ExternalId} {s.Name} {s.UpdatedOn} {string.Join(',', s.QpvCodes)}").Order(StringComparer.Ordinal));
        Assert.Equal(
            expected.Services.Select(s => $"{s.ExternalId} {s.Name} {s.Status} {s.UpdatedOn}").Order(StringComparer.Ordinal),
            services.Select(s => $"{s.ExternalId} {s.Name} {s.Status} {s.UpdatedOn}").Order(StringComparer.Ordinal));
        var drafts = DemoDirectory.ReadComplements().Brouillons;
        Assert.All(drafts, id => Assert.Equal(ServiceStatus.Brouillon, services.Single(s => s.ExternalId == id).Status));
        Assert.Contains(services, s => s.IsStale(DateTimeOffset.UtcNow));

        // the search index holds the published services, not the drafts
        Assert.Equal(services.Count(s => s.IsPublished), (await fixture.App.Get<DirectorySearchIndex>().IndexedAsync()).Count);
        var found = await fixture.App.Get<DirectorySearch>().SearchAsync(access, new DirectoryQuery("voitures d'occasion", SearchFilters.None), pageSize: 100);
        Assert.DoesNotContain(found.Items, r => drafts.Contains(r.View.Service.ExternalId!));

        // the partner account works for the Mission Locale
        var missionLocale = structures.Single(s => s.ExternalId == DemoLoader.PartnerStructureId);
        Assert.Contains(await db.Memberships.AsNoTracking().ToListAsync(), m => m.StructureId == missionLocale.Id);
    }
}
