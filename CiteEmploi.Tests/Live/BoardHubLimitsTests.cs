using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CiteEmploi.Tests.Live;

/// <summary>The app with a small command pace (a burst of <see cref="Burst"/>, no token back during a test).</summary>
public sealed class SlowPaceAppFixture : AppFixture
{
    public const int Burst = 5;

    protected override CiteEmploiApp CreateApp() => new(settings: new Dictionary<string, string?>
    {
        [BoardCommandRateSettings.Section + ":Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // one token an hour: nothing comes back while the test runs, so what it sees does not depend on timing
        [BoardCommandRateSettings.Section + ":PerSecond"] = (1.0 / 3600).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}

/// <summary>
/// Issue 15 on the real hub: a connection that sends commands faster than its pace is refused in French and changes
/// nothing (another connection is not slowed by it), and <c>AddCardWithKey</c> sent again after a lost answer adds the
/// card once.
/// </summary>
public sealed class BoardHubLimitsTests(SlowPaceAppFixture fixture) : IClassFixture<SlowPaceAppFixture>
{
    private string HubUrl => fixture.Url(BoardHub.Path);

    private async Task<(string Slug, BoardView Board, string Email)> NewBoardWithPartnerAsync(string name)
    {
        var slug = await fixture.CreateCiteAsync($"{name} {Guid.NewGuid():N}"[..30]);
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var boards = fixture.App.Get<BoardService>();
        var created = await boards.CreateAsync(access, BoardKind.Atelier, "Atelier du hub", null, ["Idées"]);
        Assert.True(created.Succeeded, created.Describe());
        var email = $"cadence-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(email, slug, CiteRole.Partenaire);
        return (slug, (await boards.GetAsync(access, Guid.Parse(created.Value!)))!, email);
    }

    private async Task<int> CardsAsync(string slug, Guid boardId)
    {
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        return (await fixture.App.Get<BoardService>().GetAsync(access, boardId))!.Columns.Sum(c => c.Cards.Count);
    }

    [Fact]
    public async Task AConnectionBeyondItsPace_IsRefusedInFrench_AndChangesNothing_WhileAnotherConnectionGoesOn()
    {
        var (slug, board, email) = await NewBoardWithPartnerAsync("Cadence");
        var cookies = await HubClients.SignInAsync(fixture.App.BaseUrl, email, AppFixture.Password);
        await using var hurried = await HubClients.ConnectAsync(HubUrl, cookies);
        await using var other = await HubClients.ConnectAsync(HubUrl, cookies);
        var column = board.Columns[0].Id;

        var first = Guid.Empty;
        for (var i = 0; i < SlowPaceAppFixture.Burst; i++)
        {
            var id = await hurried.InvokeAsync<Guid>("AddCard", board.Id, column, $"Carte {i}");
            first = first == Guid.Empty ? id : first;
        }
        var add = await Assert.ThrowsAsync<HubException>(() => hurried.InvokeAsync<Guid>("AddCard", board.Id, column, "Une de trop"));
        var vote = await Assert.ThrowsAsync<HubException>(() => hurried.InvokeAsync("Vote", board.Id, first));

        Assert.Contains(BoardCommandRate.RefusedMessage, add.Message, StringComparison.Ordinal);
        Assert.Contains(BoardCommandRate.RefusedMessage, vote.Message, StringComparison.Ordinal);
        Assert.Equal(SlowPaceAppFixture.Burst, await CardsAsync(slug, board.Id));
        var read = await hurried.InvokeAsync<System.Text.Json.JsonElement>("GetBoard", board.Id); // reading is not a command
        Assert.Equal(0, read.GetProperty("columns")[0].GetProperty("cards")[0].GetProperty("myVotes").GetInt32());
        // the same person's other connection has its own pace
        await other.InvokeAsync<Guid>("AddCard", board.Id, column, "Depuis l'autre onglet");
        Assert.Equal(SlowPaceAppFixture.Burst + 1, await CardsAsync(slug, board.Id));
    }

    [Fact]
    public async Task AddCardWithKey_SentAgain_AnswersTheSameCard_AndAddsNothing()
    {
        var (slug, board, email) = await NewBoardWithPartnerAsync("Clé");
        var cookies = await HubClients.SignInAsync(fixture.App.BaseUrl, email, AppFixture.Password);
        await using var client = await HubClients.ConnectAsync(HubUrl, cookies);
        await using var reconnected = await HubClients.ConnectAsync(HubUrl, cookies);
        var key = Guid.NewGuid();

        var first = await client.InvokeAsync<Guid>("AddCardWithKey", board.Id, board.Columns[0].Id, "Permis à 1 €", key);
        // the answer was lost: the client sends it again, here from a new connection as after a reconnection
        var again = await reconnected.InvokeAsync<Guid>("AddCardWithKey", board.Id, board.Columns[0].Id, "Permis à 1 €", key);
        var empty = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync<Guid>("AddCardWithKey", board.Id, board.Columns[0].Id, "Sans clé", Guid.Empty));

        Assert.Equal(first, again);
        Assert.Contains(BoardHub.EmptyKeyMessage, empty.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CardsAsync(slug, board.Id));
    }
}
