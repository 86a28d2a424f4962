using CiteEmploi.Domain.Boards;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;

namespace CiteEmploi.Tests.Features.Boards;

public sealed class DemoBoardsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task LoadDemo_GivesAFilledDiagnosticAndAWorkshop_WithTheirHistory()
    {
        await fixture.LoadDemoAsync();
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(DemoLoader.Slug))!;
        var boards = fixture.App.Get<BoardService>();

        var list = await boards.ListAsync(access);

        Assert.Equal([BoardKind.Diagnostic, BoardKind.Atelier], list.Select(b => b.Kind).Order());
        var diagnostic = (await boards.GetAsync(access, list.Single(b => b.Kind == BoardKind.Diagnostic).Id))!;
        Assert.Equal(Board.DiagnosticColumns, diagnostic.Columns.Select(c => c.Title));
        Assert.All(diagnostic.Columns, c => Assert.NotEmpty(c.Cards));
        Assert.All(diagnostic.Cards, c => Assert.EndsWith("(fictive)", c.AuthorName.Replace("(fictif)", "(fictive)", StringComparison.Ordinal)));
        Assert.Null(diagnostic.Cards.First().Votes); // votes wait for the facilitator
        Assert.NotEmpty(await boards.ActivityAsync(access, diagnostic.Id));
    }
}
