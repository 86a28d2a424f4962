using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Cites;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>The search behind the page and the API: pages and totals on the real app and index.</summary>
public sealed class DirectorySearchTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Matches = DirectorySearch.CountLimit + 55;

    [Theory]
    [InlineData("atelier")]             // one word of the index: counted by the vocabulary
    [InlineData("atelier ordinateur")]  // two words: counted by the full-text index, bounded
    public async Task ManyMatches_AreCountedUpToTheLimit_AsAtLeast_AndTheLastPagesExactly(string typed)
    {
        var slug = await fixture.CreateCiteAsync("Cité aux nombreux ateliers " + typed.Length);
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var services = string.Join(",", Enumerable.Range(0, Matches).Select(i => ServiceJson($"dora--v{i}")));
        var report = await fixture.App.Get<DirectoryImporter>().ImportFilesAsync(access, Text("s.json", $"[{StructureJson()}]"), Text("v.json", $"[{services}]"), ImportMode.AllOrNothing);
        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        var search = fixture.App.Get<DirectorySearch>();
        var query = new DirectoryQuery(typed, SearchFilters.None);

        var first = await search.SearchAsync(access, query);
        Assert.Equal((DirectorySearch.CountLimit, true, DirectorySearch.DefaultPageSize), (first.Total, first.TotalIsAtLeast, first.Items.Count));
        Assert.True(first.PageCount > first.Page);

        // near the end the count reaches every match: exact again, and the last page says it is the last
        var last = await search.SearchAsync(access, query, page: Matches / DirectorySearch.DefaultPageSize + 1);
        Assert.Equal((Matches, false, Matches % DirectorySearch.DefaultPageSize), (last.Total, last.TotalIsAtLeast, last.Items.Count));
        Assert.Equal(last.Page, last.PageCount);

        // a page of the API size: the count goes one page further than the page asked
        var wide = await search.SearchAsync(access, query, page: 2, pageSize: DirectorySearch.MaxPageSize);
        Assert.Equal((Matches, false), (wide.Total, wide.TotalIsAtLeast));
    }

    [Fact]
    public async Task FewMatches_AreCountedExactly()
    {
        var slug = await fixture.CreateCiteAsync("Cité aux trois ateliers");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var services = string.Join(",", Enumerable.Range(0, 3).Select(i => ServiceJson($"dora--v{i}")));
        await fixture.App.Get<DirectoryImporter>().ImportFilesAsync(access, Text("s.json", $"[{StructureJson()}]"), Text("v.json", $"[{services}]"), ImportMode.AllOrNothing);

        var results = await fixture.App.Get<DirectorySearch>().SearchAsync(access, new DirectoryQuery("atelier ordinateur", SearchFilters.None), pageSize: 2);

        Assert.Equal((3, false, 2, 2), (results.Total, results.TotalIsAtLeast, results.PageCount, results.Items.Count));
    }
}
