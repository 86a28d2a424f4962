using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Demo;

namespace CiteEmploi.Tests.Features.Demo;

/// <summary>
/// The searches a field worker tries first ("creche", "permis", "addiction", "logement jeune"…) find the right demonstration
/// services first, in the real search index on a real SQLite file.
/// </summary>
public sealed class DemoDirectorySearchTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Guid CiteId = Guid.NewGuid();
    private static readonly DemoDirectoryContent Content = DemoDirectory.Build(CiteId, DateTimeOffset.UtcNow);

    private DirectorySearchIndex Index => new(database.Database);

    public Task InitializeAsync()
    {
        var structures = Content.Structures.ToDictionary(s => s.Id);
        return Index.UpsertAsync([.. Content.Services.Where(s => s.IsPublished).Select(s => DirectoryIndexer.ToDocument(s, structures[s.StructureId]))]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("creche", "creche-avip--places-avip", 3, "garde-denfants")]
    [InlineData("crèche", "creche-avip--places-avip", 3, "garde-denfants")]
    [InlineData("permis", "auto-ecole-sociale--permis-b-accompagne", 3, "mobilite")]
    [InlineData("addiction", "csapa--consultation-jeunes-consommateurs", 2, "addictions")]
    [InlineData("logement jeune", "residence-habitat-jeunes--logement-fjt", 3, "logement")]
    [InlineData("logement jeune", "mission-locale--logement-jeunes", 3, "logement")]
    [InlineData("aide a domicile", "ccas--aide-a-domicile", 2, null)]
    [InlineData("aide a domicile", "plie--metiers-aide-a-domicile", 2, null)]
    [InlineData("FLE", "association-fle--cours-fle", 3, "langue-francaise")]
    [InlineData("numerique", "fabrique-numerique--initiation-numerique", 5, "numerique")]
    public async Task AFieldWorkersWords_FindTheRightServicesFirst(string typed, string expected, int within, string? everyTopHitsBarrier)
    {
        var hits = await Index.SearchAsync(CiteId, typed, SearchFilters.None, DirectorySynonyms.Of, take: within);
        var top = hits.Select(h => Content.Services.Single(s => s.Id == h.ServiceId)).ToList();
        var names = string.Join(" | ", top.Select(s => s.ExternalId));

        Assert.True(top.Any(s => s.ExternalId == DemoDirectory.Source + "--" + expected), $"« {typed} » : {names}");
        if (everyTopHitsBarrier is not null)
        {
            Assert.All(top, s => Assert.Contains(s.Freins, f => f.Code == everyTopHitsBarrier));
        }
    }

    [Fact]
    public async Task DraftsAreNotIndexed_SoTheyAreNeverFound()
    {
        var hits = await Index.SearchAsync(CiteId, "voitures d'occasion", SearchFilters.None, DirectorySynonyms.Of);
        Assert.DoesNotContain(hits, h => Content.Services.Single(s => s.Id == h.ServiceId).ExternalId!.EndsWith("vente-vehicules", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryBarrierFilterAlone_GivesAtLeastTwoServices()
    {
        foreach (var frein in Freins.All)
        {
            var count = await Index.CountAsync(CiteId, null, new SearchFilters(Frein: frein.Code), DirectorySynonyms.Of);
            Assert.True(count >= 2, $"{frein.Code} : {count}");
        }
    }
}
