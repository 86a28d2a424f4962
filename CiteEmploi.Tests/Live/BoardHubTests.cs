using System.Net;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Members;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// The board hub on the real app (Kestrel on loopback), reached by the .NET SignalR client over WebSockets, signed in
/// through the real sign-in form.
/// </summary>
public sealed class BoardHubTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private string HubUrl => fixture.Url(BoardHub.Path);

    private async Task<(string Slug, BoardView Board)> NewCiteWithBoardAsync(string name)
    {
        var slug = await fixture.CreateCiteAsync($"{name} {Guid.NewGuid():N}"[..30]);
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var boards = fixture.App.Get<BoardService>();
        var created = await boards.CreateAsync(access, BoardKind.Diagnostic, "Diagnostic du hub", null, null);
        Assert.True(created.Succeeded, created.Describe());
        return (slug, (await boards.GetAsync(access, Guid.Parse(created.Value!)))!);
    }

    private async Task<HubConnection> ConnectAsAsync(string email)
    {
        var cookies = await HubClients.SignInAsync(fixture.App.BaseUrl, email, AppFixture.Password);
        return await HubClients.ConnectAsync(HubUrl, cookies);
    }

    [Fact]
    public async Task Member_ReceivesACardAddedBySomeoneElse_OnlyAfterItIsStored()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Hub A");
        var watcher = $"veille-{Guid.NewGuid():N}@tests.invalid";
        var writer = $"plume-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(watcher, slug, CiteRole.Observateur);
        await fixture.CreatePersonAsync(writer, slug, CiteRole.Partenaire);
        await using var watching = await ConnectAsAsync(watcher);
        await using var writing = await ConnectAsAsync(writer);
        var watched = new HubInbox(watching);

        await watching.InvokeAsync("Subscribe", board.Id);
        var cardId = await writing.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Peu de places en crèche le matin");

        var change = (await watched.NextAsync(BoardHub.ChangeMethod, Wait))[0];
        Assert.Equal(nameof(CardAdded), change.GetProperty("type").GetString());
        Assert.Equal(board.Id, change.GetProperty("boardId").GetGuid());
        Assert.Equal(cardId, change.GetProperty("cardId").GetGuid());
        Assert.Equal("Peu de places en crèche le matin", change.GetProperty("change").GetProperty("text").GetString());
        // acknowledged means stored: the card is on the board as anyone reads it
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var stored = await fixture.App.Get<BoardService>().GetAsync(access, board.Id);
        Assert.Contains(stored!.Columns[0].Cards, c => c.Id == cardId);
    }

    [Fact]
    public async Task MemberOfAnotherCite_IsRefused_AndReceivesNothing()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Hub B");
        var (otherSlug, _) = await NewCiteWithBoardAsync("Hub C");
        var outsider = $"dehors-{Guid.NewGuid():N}@tests.invalid";
        var member = $"dedans-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(outsider, otherSlug, CiteRole.Coordinateur);
        await fixture.CreatePersonAsync(member, slug, CiteRole.Partenaire);
        await using var intruding = await ConnectAsAsync(outsider);
        await using var writing = await ConnectAsAsync(member);
        var intruded = new HubInbox(intruding);
        var written = new HubInbox(writing);

        var refused = await Assert.ThrowsAsync<HubException>(() => intruding.InvokeAsync("Subscribe", board.Id));
        Assert.Contains(BoardHub.RefusedMessage, refused.Message);
        var unknown = await Assert.ThrowsAsync<HubException>(() => intruding.InvokeAsync("Subscribe", Guid.NewGuid()));
        Assert.Contains(BoardHub.RefusedMessage, unknown.Message);
        var write = await Assert.ThrowsAsync<HubException>(() => intruding.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Intrusion"));
        Assert.Contains(BoardHub.RefusedMessage, write.Message);

        // a change on the board still reaches its members, never the refused connection
        await writing.InvokeAsync("Subscribe", board.Id);
        await writing.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Visible des membres seulement");
        await written.NextAsync(BoardHub.ChangeMethod, Wait);
        await Task.Delay(300);
        Assert.False(intruded.Received.TryRead(out _));
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var stored = await fixture.App.Get<BoardService>().GetAsync(access, board.Id);
        Assert.DoesNotContain(stored!.Columns[0].Cards, c => c.Text == "Intrusion");
    }

    [Fact]
    public async Task AnonymousConnection_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClients.ConnectAsync(HubUrl));
        Assert.True(HttpStatusCode.Unauthorized == refused.StatusCode, refused.Message);

        // straight to the WebSocket, skipping the negotiation: refused too
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        var direct = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
            socket.ConnectAsync(new Uri(HubUrl.Replace("http://", "ws://", StringComparison.Ordinal)), CancellationToken.None));
        Assert.Contains("401", direct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_StopsTheChanges_AndBadInputIsRefusedInFrench()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Hub D");
        var member = $"membre-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(member, slug, CiteRole.Partenaire);
        await using var client = await ConnectAsAsync(member);
        var inbox = new HubInbox(client);

        await client.InvokeAsync("Subscribe", board.Id);
        var empty = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "  "));
        Assert.Contains("Une carte vide n'apporte rien", empty.Message);
        await client.InvokeAsync("Unsubscribe", board.Id);
        await client.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Après le désabonnement");
        await Task.Delay(300);

        Assert.False(inbox.Received.TryRead(out var unexpected), $"reçu après désabonnement : {unexpected.Target}");
    }

    [Fact]
    public async Task PageOfAnotherSite_IsRefused_EvenWithTheMembersCookie_WhileOurOwnPagesAndOtherClientsConnect()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Hub E");
        var member = $"origine-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(member, slug, CiteRole.Partenaire);
        var cookies = await HubClients.SignInAsync(fixture.App.BaseUrl, member, AppFixture.Password);

        foreach (var origin in new[] { "https://attaquant.example", "http://127.0.0.1.attaquant.example", "null", "http://127.0.0.1:1" })
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClients.ConnectAsync(HubUrl, cookies, origin: origin));
            Assert.True(HttpStatusCode.Forbidden == refused.StatusCode, $"{origin} : {refused.Message}");
        }

        // straight to the WebSocket with the victim's cookies, as a hijacking page would: refused before the hub
        using (var socket = new System.Net.WebSockets.ClientWebSocket())
        {
            socket.Options.Cookies = cookies;
            socket.Options.SetRequestHeader("Origin", "https://attaquant.example");
            var direct = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
                socket.ConnectAsync(new Uri(HubUrl.Replace("http://", "ws://", StringComparison.Ordinal)), CancellationToken.None));
            Assert.Contains("403", direct.Message, StringComparison.Ordinal);
        }

        // the app's own origin (a page of ours) and no origin (a room display's program) are let in
        await using var ownPage = await HubClients.ConnectAsync(HubUrl, cookies, origin: fixture.App.BaseUrl);
        await ownPage.InvokeAsync("Subscribe", board.Id);
        await using var program = await HubClients.ConnectAsync(HubUrl, cookies);
        await program.InvokeAsync("Subscribe", board.Id);
    }

    [Fact]
    public async Task RemovedMember_StopsReceiving_AndIsRefusedAfterwards()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Hub F");
        var leaving = $"depart-{Guid.NewGuid():N}@tests.invalid";
        var staying = $"reste-{Guid.NewGuid():N}@tests.invalid";
        var leavingId = await fixture.CreatePersonAsync(leaving, slug, CiteRole.Partenaire);
        await fixture.CreatePersonAsync(staying, slug, CiteRole.Partenaire);
        await using var watching = await ConnectAsAsync(leaving);
        await using var writing = await ConnectAsAsync(staying);
        var watched = new HubInbox(watching);
        await watching.InvokeAsync("Subscribe", board.Id);
        await writing.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Avant le départ");
        await watched.NextAsync(BoardHub.ChangeMethod, Wait);

        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
            var removed = await scope.ServiceProvider.GetRequiredService<MemberService>().RemoveAsync(access, leavingId);
            Assert.True(removed.Succeeded, removed.Describe());
        }

        var ended = await watched.NextAsync(BoardHub.AccessEndedMethod, Wait);
        Assert.Equal(board.Id, ended[0].GetGuid());
        Assert.Equal(BoardHubConnections.MemberEndedMessage, ended[1].GetString());
        await writing.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Après le départ");
        await Task.Delay(300);
        Assert.False(watched.Received.TryRead(out var unexpected), $"reçu après le retrait : {unexpected.Target}");
        // the cached access is gone: every command is refused like an outsider's, nothing written
        var again = await Assert.ThrowsAsync<HubException>(() => watching.InvokeAsync("Subscribe", board.Id));
        Assert.Contains(BoardHub.RefusedMessage, again.Message);
        var write = await Assert.ThrowsAsync<HubException>(() => watching.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Intrusion"));
        Assert.Contains(BoardHub.RefusedMessage, write.Message);
    }

    [Fact]
    public async Task LoweredRole_IsToldAtOnce_AndTheNextWriteIsRefused()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Hub R");
        var email = $"role-{Guid.NewGuid():N}@tests.invalid";
        var userId = await fixture.CreatePersonAsync(email, slug, CiteRole.Partenaire);
        await using var connection = await ConnectAsAsync(email);
        var inbox = new HubInbox(connection);
        await connection.InvokeAsync("Subscribe", board.Id);
        await connection.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "En partenaire");

        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
            var changed = await scope.ServiceProvider.GetRequiredService<MemberService>().ChangeRoleAsync(access, userId, CiteRole.Observateur);
            Assert.True(changed.Succeeded, changed.Describe());
        }

        // told without having to try anything
        var told = await inbox.NextAsync(BoardHub.AccessChangedMethod, Wait);
        Assert.Equal(board.Id, told[0].GetGuid());
        Assert.Equal(nameof(CiteRole.Observateur), told[1].GetString());
        Assert.Contains("« Observateur·rice »", told[2].GetString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "En observateur"));
    }

    [Fact]
    public async Task SigningOut_EndsTheHubConnectionsOpenedInThePersonsName()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Hub S");
        var email = $"sortie-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(email, slug, CiteRole.Partenaire);
        var cookies = await HubClients.SignInAsync(fixture.App.BaseUrl, email, AppFixture.Password);
        await using var connection = await HubClients.ConnectAsync(HubUrl, cookies);
        var inbox = new HubInbox(connection);
        await connection.InvokeAsync("Subscribe", board.Id);

        await HubClients.SignOutAsync(fixture.App.BaseUrl, cookies);

        var ended = await inbox.NextAsync(BoardHub.AccessEndedMethod, Wait);
        Assert.Equal(board.Id, ended[0].GetGuid());
        Assert.Equal(BoardHubConnections.SignedOutMessage, ended[1].GetString());
        await inbox.Closed.WaitAsync(Wait);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task Member_VotesWithdrawsAndMovesCards_WithThePagesRefusals()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Hub G");
        var partner = $"vote-{Guid.NewGuid():N}@tests.invalid";
        var observer = $"regard-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(partner, slug, CiteRole.Partenaire);
        await fixture.CreatePersonAsync(observer, slug, CiteRole.Observateur);
        await using var client = await ConnectAsAsync(partner);
        await using var looking = await ConnectAsAsync(observer);
        var inbox = new HubInbox(client);
        await client.InvokeAsync("Subscribe", board.Id);
        var card = await client.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Transport le dimanche");
        await inbox.NextAsync(BoardHub.ChangeMethod, Wait);

        await client.InvokeAsync("Vote", board.Id, card);
        Assert.Equal(nameof(CardVoted), (await inbox.NextAsync(BoardHub.ChangeMethod, Wait))[0].GetProperty("type").GetString());
        await client.InvokeAsync("WithdrawVote", board.Id, card);
        Assert.Equal(nameof(CardVoteWithdrawn), (await inbox.NextAsync(BoardHub.ChangeMethod, Wait))[0].GetProperty("type").GetString());
        await client.InvokeAsync("MoveCard", board.Id, card, board.Columns[2].Id, 0);
        var moved = (await inbox.NextAsync(BoardHub.ChangeMethod, Wait))[0];
        Assert.Equal(nameof(CardMoved), moved.GetProperty("type").GetString());
        Assert.Equal(board.Columns[2].Id, moved.GetProperty("change").GetProperty("toColumnId").GetGuid());

        // refusals: a column that does not exist, a card of nowhere, a role that may not contribute
        var column = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("MoveCard", board.Id, card, Guid.NewGuid(), 0));
        Assert.Contains("Cette colonne n'existe pas sur ce tableau.", column.Message, StringComparison.Ordinal);
        var nowhere = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("Vote", board.Id, Guid.NewGuid()));
        Assert.Contains("Introuvable", nowhere.Message, StringComparison.Ordinal);
        var role = await Assert.ThrowsAsync<HubException>(() => looking.InvokeAsync("MoveCard", board.Id, card, board.Columns[0].Id, 0));
        Assert.Contains("Votre rôle dans cette Cité ne permet pas cette action.", role.Message, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.False(inbox.Received.TryRead(out var unexpected), $"changement après un refus : {unexpected.Target}");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var stored = await fixture.App.Get<BoardService>().GetAsync(access, board.Id);
        Assert.Contains(stored!.Columns[2].Cards, c => c.Id == card);
    }
}
