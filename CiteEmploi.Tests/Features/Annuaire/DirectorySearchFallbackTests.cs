using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>
/// The search behind the page and the API, on the demonstration Cité loaded by the real app: the closest matches when no
/// service holds every word, corrected words said, and text that cannot be searched answered in French, never an error.
/// </summary>
public sealed class DirectorySearchFallbackTests(AppFixture fixture) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private CiteEmploi.Web.Features.Access.CiteAccess _access = null!;

    public async Task InitializeAsync()
    {
        await fixture.LoadDemoAsync();
        _access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(DemoLoader.Slug))!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<DirectoryResults> SearchAsync(string text) =>
        fixture.App.Get<DirectorySearch>().SearchAsync(_access, new DirectoryQuery(text, SearchFilters.None));

    [Fact]
    public async Task NoServiceHoldsEveryWord_TheClosestAreShown_TheNeedFirst_AndSaidSo()
    {
        var results = await SearchAsync("crèche samedi");

        Assert.True(results.IsClosest);
        Assert.NotEmpty(results.Items);
        Assert.Equal(results.Items.Count, results.Total);
        Assert.Contains(results.Items[0].View.Service.Freins, f => f.Code == "garde-denfants");
        Assert.Equal(["samedi"], results.Unmatched);
    }

    [Fact]
    public async Task EveryWordFound_IsNotTheClosest()
    {
        var results = await SearchAsync("crèche");
        Assert.False(results.IsClosest);
        Assert.NotEmpty(results.Items);
    }

    [Fact]
    public async Task AMistypedWord_IsReadAsTheNearestWord_AndTheResultsSayWhich()
    {
        var results = await SearchAsync("mobilté");

        Assert.Contains(new SearchCorrection("mobilte", "mobilite"), results.Corrections!);
        Assert.All(results.Items.Take(5), r => Assert.Contains(r.View.Service.Freins, f => f.Code == "mobilite"));
    }

    [Theory]
    [InlineData("de la")]
    [InlineData("pour mon")]
    [InlineData("«  » !! ??")]
    [InlineData("%%%")]
    public async Task OnlyStopWordsOrSymbols_GiveAFrenchNotice_AndNoResult(string text)
    {
        var query = new DirectoryQuery(text, SearchFilters.None);
        var results = await SearchAsync(text);

        Assert.NotNull(query.Notice);
        Assert.Empty(query.Problems());
        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task TwoThousandCharacters_AreAProblemOfTheField_InFrench_NotAnError()
    {
        var text = string.Concat(Enumerable.Repeat("crèche ", 286))[..2_000];
        var query = new DirectoryQuery(text, SearchFilters.None);

        Assert.Contains("200 caractères", query.Problems()["q"], StringComparison.Ordinal);
        Assert.Null(query.Notice);
        Assert.Equal(0, (await SearchAsync(text)).Total);
    }

    [Fact]
    public async Task ALongQueryOfManyWords_WithinTheLimit_StillAnswers()
    {
        var text = "aide pour faire garder mon enfant le samedi matin pendant que je cherche du travail près de chez moi";
        var results = await SearchAsync(text[..Math.Min(text.Length, DirectoryQuery.TextMaxLength)]);
        Assert.NotEmpty(results.Items);
    }
}
