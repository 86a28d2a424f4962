using System.Net;
using System.Text.Json;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// Board guests on the hub (docs/decisions/0008-board-guests.md): the secret they got by joining with the code, as the
/// browser's cookie, as <c>Authorization: Bearer</c> or as <c>access_token</c>, lets them watch, add cards and vote on their one board, nothing else,
/// until the code is closed.
/// </summary>
public sealed class BoardHubGuestTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private string HubUrl => fixture.Url(BoardHub.Path);

    private async Task<(string Slug, BoardView Board)> NewCiteWithBoardAsync(string name)
    {
        var slug = await fixture.CreateCiteAsync($"{name} {Guid.NewGuid():N}"[..30]);
        return (slug, await NewBoardAsync(slug));
    }

    private async Task<BoardView> NewBoardAsync(string slug)
    {
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var boards = fixture.App.Get<BoardService>();
        var created = await boards.CreateAsync(access, BoardKind.Diagnostic, "Atelier du hub", null, null);
        Assert.True(created.Succeeded, created.Describe());
        return (await boards.GetAsync(access, Guid.Parse(created.Value!)))!;
    }

    /// <summary>The facilitator opens the board to guests; someone joins with the code: their secret.</summary>
    private async Task<string> JoinAsGuestAsync(string slug, Guid boardId, string name = "Nadia")
    {
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var guests = fixture.App.Get<BoardGuestService>();
        var code = await guests.CurrentAsync(access, boardId) is { } open ? open.Code : null;
        if (code is null)
        {
            var opened = await guests.OpenAsync(access, boardId, TimeSpan.FromHours(1));
            Assert.True(opened.Succeeded, opened.Describe());
            code = opened.Value!;
        }
        var joined = await guests.JoinAsync(code, name);
        Assert.True(joined.Result.Succeeded, joined.Result.Describe());
        return joined.Secret!;
    }

    /// <summary>What a browser holds after the join page: the invite cookie, for the app's address.</summary>
    private CookieContainer GuestCookie(string secret)
    {
        var cookies = new CookieContainer();
        cookies.Add(new Uri(fixture.App.BaseUrl), new Cookie(BoardGuestService.CookieName, secret, "/"));
        return cookies;
    }

    private async Task<HubConnection> MemberAsync(string slug, CiteRole role = CiteRole.Partenaire)
    {
        var email = $"membre-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(email, slug, role);
        return await HubClients.ConnectAsync(HubUrl, await HubClients.SignInAsync(fixture.App.BaseUrl, email, AppFixture.Password));
    }

    [Fact]
    public async Task Guest_WithTheInviteCookie_WatchesTheirBoard_AddsCardsAndVotes_ButMovesNothing()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Invite A");
        var secret = await JoinAsGuestAsync(slug, board.Id, "Nadia");
        await using var guest = await HubClients.ConnectAsync(HubUrl, GuestCookie(secret), origin: fixture.App.BaseUrl);
        await using var member = await MemberAsync(slug);
        var inbox = new HubInbox(guest);

        await guest.InvokeAsync("Subscribe", board.Id);
        var seen = await guest.InvokeAsync<JsonElement>("GetBoard", board.Id);
        Assert.Equal(board.Id, seen.GetProperty("id").GetGuid());
        var memberCard = await member.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Horaires de la crèche");
        var change = (await inbox.NextAsync(BoardHub.ChangeMethod, Wait))[0];
        Assert.Equal(nameof(CardAdded), change.GetProperty("type").GetString());
        Assert.Equal(memberCard, change.GetProperty("cardId").GetGuid());

        var guestCard = await guest.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[1].Id, "Pas de bus après 19 h");
        var added = (await inbox.NextAsync(BoardHub.ChangeMethod, Wait))[0];
        Assert.Equal(guestCard, added.GetProperty("cardId").GetGuid());
        Assert.Equal("Nadia", added.GetProperty("change").GetProperty("authorName").GetString());
        await guest.InvokeAsync("Vote", board.Id, memberCard);
        Assert.Equal(nameof(CardVoted), (await inbox.NextAsync(BoardHub.ChangeMethod, Wait))[0].GetProperty("type").GetString());
        await guest.InvokeAsync("WithdrawVote", board.Id, memberCard);
        Assert.Equal(nameof(CardVoteWithdrawn), (await inbox.NextAsync(BoardHub.ChangeMethod, Wait))[0].GetProperty("type").GetString());

        var move = await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync("MoveCard", board.Id, guestCard, board.Columns[0].Id, 0));
        Assert.Contains(BoardHub.GuestRefusedMessage, move.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, " "));
        Assert.Contains("Une carte vide n'apporte rien", empty.Message, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.False(inbox.Received.TryRead(out var unexpected), $"changement après un refus : {unexpected.Target}");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var stored = await fixture.App.Get<BoardService>().GetAsync(access, board.Id);
        Assert.Contains(stored!.Columns[1].Cards, c => c.Id == guestCard);
    }

    [Fact]
    public async Task Guest_WithTheSecretAsAccessTokenOrBearer_Connects_WhileForgedSecretsGet401()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Invite B");
        var secret = await JoinAsGuestAsync(slug, board.Id);

        // what the .NET client sends from its access-token provider: Authorization: Bearer, on negotiate and WebSocket
        await using (var program = await HubClients.ConnectAsync(HubUrl, bearer: secret))
        {
            await program.InvokeAsync("Subscribe", board.Id);
            Assert.Equal(board.Id, (await program.InvokeAsync<JsonElement>("GetBoard", board.Id)).GetProperty("id").GetGuid());
        }
        // what browser clients send on WebSockets, which take no headers: the access_token query parameter
        await using (var browserLike = await HubClients.ConnectAsync(HubUrl + "?access_token=" + Uri.EscapeDataString(secret)))
        {
            Assert.Equal(board.Id, (await browserLike.InvokeAsync<JsonElement>("GetBoard", board.Id)).GetProperty("id").GetGuid());
        }

        // the bare negotiation, header only
        using (var http = new HttpClient())
        {
            foreach (var (bearer, expected) in new[] { (secret, HttpStatusCode.OK), ("faux", HttpStatusCode.Unauthorized) })
            {
                using var negotiate = new HttpRequestMessage(HttpMethod.Post, HubUrl + "/negotiate?negotiateVersion=1");
                negotiate.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
                using var answer = await http.SendAsync(negotiate);
                Assert.Equal(expected, answer.StatusCode);
            }
        }

        var forged = await Assert.ThrowsAsync<HttpRequestException>(() => HubClients.ConnectAsync(HubUrl, bearer: secret + "x"));
        Assert.True(HttpStatusCode.Unauthorized == forged.StatusCode, forged.Message);
        var forgedQuery = await Assert.ThrowsAsync<HttpRequestException>(() => HubClients.ConnectAsync(HubUrl + "?access_token=" + Uri.EscapeDataString(secret + "x")));
        Assert.True(HttpStatusCode.Unauthorized == forgedQuery.StatusCode, forgedQuery.Message);
        var forgedCookie = await Assert.ThrowsAsync<HttpRequestException>(() => HubClients.ConnectAsync(HubUrl, GuestCookie("pas-un-secret")));
        Assert.True(HttpStatusCode.Unauthorized == forgedCookie.StatusCode, forgedCookie.Message);
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        var direct = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
            socket.ConnectAsync(new Uri(HubUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "?access_token=faux"), CancellationToken.None));
        Assert.Contains("401", direct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guest_CannotReachAnotherBoard_OfTheSameCiteOrOfAnotherCite()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Invite C");
        var sameCite = await NewBoardAsync(slug);
        var (otherSlug, otherCite) = await NewCiteWithBoardAsync("Invite D");
        var secret = await JoinAsGuestAsync(slug, board.Id);
        await using var guest = await HubClients.ConnectAsync(HubUrl, GuestCookie(secret));
        await using var memberHere = await MemberAsync(slug);
        await using var memberThere = await MemberAsync(otherSlug);
        var inbox = new HubInbox(guest);

        foreach (var other in new[] { sameCite, otherCite })
        {
            foreach (var (method, arguments, message) in new (string, object?[], string)[]
            {
                ("Subscribe", [other.Id], BoardHub.RefusedMessage),
                ("GetBoard", [other.Id], BoardHub.RefusedMessage),
                ("AddCard", [other.Id, other.Columns[0].Id, "Intrusion"], BoardHub.RefusedMessage),
                ("Vote", [other.Id, Guid.NewGuid()], BoardHub.RefusedMessage),
                // their own board, another board's column: the domain's refusal
                ("AddCard", [board.Id, other.Columns[0].Id, "Intrusion par la colonne"], "Cette colonne n'existe pas sur ce tableau."),
            })
            {
                var refused = await Assert.ThrowsAsync<HubException>(() => guest.InvokeCoreAsync(method, arguments));
                Assert.Contains(message, refused.Message, StringComparison.Ordinal);
            }
        }
        // changes on those boards never reach the guest; their own board's do
        await memberHere.InvokeAsync<Guid>("AddCard", sameCite.Id, sameCite.Columns[0].Id, "Autre tableau");
        await memberThere.InvokeAsync<Guid>("AddCard", otherCite.Id, otherCite.Columns[0].Id, "Autre Cité");
        await Task.Delay(300);
        Assert.False(inbox.Received.TryRead(out var unexpected), $"reçu d'un autre tableau : {unexpected.Target}");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(otherSlug))!;
        var stored = await fixture.App.Get<BoardService>().GetAsync(access, otherCite.Id);
        Assert.DoesNotContain(stored!.Columns.SelectMany(c => c.Cards), c => c.Text.StartsWith("Intrusion", StringComparison.Ordinal));
        var here = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        Assert.DoesNotContain((await fixture.App.Get<BoardService>().GetAsync(here, sameCite.Id))!.Columns.SelectMany(c => c.Cards),
            c => c.Text.StartsWith("Intrusion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClosingTheCode_ClosesTheGuestsConnection_AndTheSecretNoLongerConnects()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Invite E");
        var secret = await JoinAsGuestAsync(slug, board.Id);
        // with automatic reconnection on: the server's close must forbid it, or the guest would knock again at once
        await using var guest = HubClients.Build(HubUrl, GuestCookie(secret), reconnect: true);
        var inbox = new HubInbox(guest);
        await guest.StartAsync();
        await using var member = await MemberAsync(slug);
        var memberInbox = new HubInbox(member);
        await guest.InvokeAsync("Subscribe", board.Id);
        await member.InvokeAsync("Subscribe", board.Id);

        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var closed = await fixture.App.Get<BoardGuestService>().CloseAsync(access, board.Id);
        Assert.True(closed.Succeeded, closed.Describe());

        var ended = await inbox.NextAsync(BoardHub.AccessEndedMethod, Wait);
        Assert.Equal(board.Id, ended[0].GetGuid());
        Assert.Equal(BoardHubConnections.GuestEndedMessage, ended[1].GetString());
        await inbox.Closed.WaitAsync(Wait);
        Assert.Equal(0, inbox.Reconnections);
        Assert.Equal(HubConnectionState.Disconnected, guest.State);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClients.ConnectAsync(HubUrl, GuestCookie(secret)));
        Assert.True(HttpStatusCode.Unauthorized == refused.StatusCode, refused.Message);

        // members of the board keep their connection and their changes
        await member.InvokeAsync<Guid>("AddCard", board.Id, board.Columns[0].Id, "Après la fermeture");
        var change = await memberInbox.NextAsync(BoardHub.ChangeMethod, Wait);
        while (change[0].GetProperty("type").GetString() != nameof(CardAdded))
        {
            change = await memberInbox.NextAsync(BoardHub.ChangeMethod, Wait);
        }
    }

    [Fact]
    public async Task MemberWithAStaleInviteCookie_StaysAMember()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Invite F");
        var (_, elsewhere) = await NewCiteWithBoardAsync("Invite G");
        var email = $"double-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(email, slug, CiteRole.Partenaire);
        var cookies = await HubClients.SignInAsync(fixture.App.BaseUrl, email, AppFixture.Password);
        cookies.Add(new Uri(fixture.App.BaseUrl), new Cookie(BoardGuestService.CookieName, "perime", "/"));

        await using var client = await HubClients.ConnectAsync(HubUrl, cookies);
        await client.InvokeAsync("Subscribe", board.Id);
        var refused = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("Subscribe", elsewhere.Id));
        Assert.Contains(BoardHub.RefusedMessage, refused.Message, StringComparison.Ordinal);
    }
}
