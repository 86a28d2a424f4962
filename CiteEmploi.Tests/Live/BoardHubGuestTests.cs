using System.Net;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// Board guests on the hub (docs/decisions/0008-board-guests.md): the secret they got by joining with the code, as the
/// browser's cookie or as <c>access_token</c>, lets them watch, add cards and vote on their one board, nothing else,
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

    private async Task<SignalRJsonClient> MemberAsync(string slug, CiteRole role = CiteRole.Partenaire)
    {
        var email = $"membre-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(email, slug, role);
        return await SignalRJsonClient.ConnectAsync(HubUrl, await SignalRJsonClient.SignInAsync(fixture.App.BaseUrl, email, AppFixture.Password));
    }

    [Fact]
    public async Task Guest_WithTheInviteCookie_WatchesTheirBoard_AddsCardsAndVotes_ButMovesNothing()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Invite A");
        var secret = await JoinAsGuestAsync(slug, board.Id, "Nadia");
        await using var guest = await SignalRJsonClient.ConnectAsync(HubUrl, GuestCookie(secret), origin: fixture.App.BaseUrl);
        await using var member = await MemberAsync(slug);

        await guest.InvokeAsync("Subscribe", [board.Id]);
        var seen = await guest.InvokeAsync("GetBoard", [board.Id]);
        Assert.Equal(board.Id, seen.GetProperty("id").GetGuid());
        var memberCard = (await member.InvokeAsync("AddCard", [board.Id, board.Columns[0].Id, "Horaires de la crèche"])).GetGuid();
        var change = (await guest.NextAsync(BoardHub.ChangeMethod, Wait))[0];
        Assert.Equal(nameof(CardAdded), change.GetProperty("type").GetString());
        Assert.Equal(memberCard, change.GetProperty("cardId").GetGuid());

        var guestCard = (await guest.InvokeAsync("AddCard", [board.Id, board.Columns[1].Id, "Pas de bus après 19 h"])).GetGuid();
        var added = (await guest.NextAsync(BoardHub.ChangeMethod, Wait))[0];
        Assert.Equal(guestCard, added.GetProperty("cardId").GetGuid());
        Assert.Equal("Nadia", added.GetProperty("change").GetProperty("authorName").GetString());
        await guest.InvokeAsync("Vote", [board.Id, memberCard]);
        Assert.Equal(nameof(CardVoted), (await guest.NextAsync(BoardHub.ChangeMethod, Wait))[0].GetProperty("type").GetString());
        await guest.InvokeAsync("WithdrawVote", [board.Id, memberCard]);
        Assert.Equal(nameof(CardVoteWithdrawn), (await guest.NextAsync(BoardHub.ChangeMethod, Wait))[0].GetProperty("type").GetString());

        var move = await Assert.ThrowsAsync<HubErrorException>(() => guest.InvokeAsync("MoveCard", [board.Id, guestCard, board.Columns[0].Id, 0]));
        Assert.Contains(BoardHub.GuestRefusedMessage, move.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<HubErrorException>(() => guest.InvokeAsync("AddCard", [board.Id, board.Columns[0].Id, " "]));
        Assert.Contains("Une carte vide n'apporte rien", empty.Message, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.False(guest.Received.Reader.TryRead(out var unexpected), $"changement après un refus : {unexpected.Target}");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var stored = await fixture.App.Get<BoardService>().GetAsync(access, board.Id);
        Assert.Contains(stored!.Columns[1].Cards, c => c.Id == guestCard);
    }

    [Fact]
    public async Task Guest_WithTheSecretAsAccessTokenOrBearer_Connects_WhileForgedSecretsGet401()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Invite B");
        var secret = await JoinAsGuestAsync(slug, board.Id);

        await using (var program = await SignalRJsonClient.ConnectAsync(HubUrl, cookies: null, origin: null, accessToken: secret))
        {
            await program.InvokeAsync("Subscribe", [board.Id]);
            Assert.Equal(board.Id, (await program.InvokeAsync("GetBoard", [board.Id])).GetProperty("id").GetGuid());
        }

        // the header SignalR clients send from their access-token provider
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

        var forged = await Assert.ThrowsAsync<HttpRequestException>(() => SignalRJsonClient.ConnectAsync(HubUrl, cookies: null, origin: null, accessToken: secret + "x"));
        Assert.True(HttpStatusCode.Unauthorized == forged.StatusCode, forged.Message);
        var forgedCookie = await Assert.ThrowsAsync<HttpRequestException>(() => SignalRJsonClient.ConnectAsync(HubUrl, GuestCookie("pas-un-secret")));
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
        await using var guest = await SignalRJsonClient.ConnectAsync(HubUrl, GuestCookie(secret));
        await using var memberHere = await MemberAsync(slug);
        await using var memberThere = await MemberAsync(otherSlug);

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
                var refused = await Assert.ThrowsAsync<HubErrorException>(() => guest.InvokeAsync(method, arguments));
                Assert.Contains(message, refused.Message, StringComparison.Ordinal);
            }
        }
        // changes on those boards never reach the guest; their own board's do
        await memberHere.InvokeAsync("AddCard", [sameCite.Id, sameCite.Columns[0].Id, "Autre tableau"]);
        await memberThere.InvokeAsync("AddCard", [otherCite.Id, otherCite.Columns[0].Id, "Autre Cité"]);
        await Task.Delay(300);
        Assert.False(guest.Received.Reader.TryRead(out var unexpected), $"reçu d'un autre tableau : {unexpected.Target}");
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
        await using var guest = await SignalRJsonClient.ConnectAsync(HubUrl, GuestCookie(secret));
        await using var member = await MemberAsync(slug);
        await guest.InvokeAsync("Subscribe", [board.Id]);
        await member.InvokeAsync("Subscribe", [board.Id]);

        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var closed = await fixture.App.Get<BoardGuestService>().CloseAsync(access, board.Id);
        Assert.True(closed.Succeeded, closed.Describe());

        var ended = await guest.NextAsync(BoardHub.AccessEndedMethod, Wait);
        Assert.Equal(board.Id, ended[0].GetGuid());
        Assert.Equal(BoardHubConnections.GuestEndedMessage, ended[1].GetString());
        await guest.Closed.WaitAsync(Wait);
        Assert.False(guest.CloseAllowsReconnect);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => SignalRJsonClient.ConnectAsync(HubUrl, GuestCookie(secret)));
        Assert.True(HttpStatusCode.Unauthorized == refused.StatusCode, refused.Message);

        // members of the board keep their connection and their changes
        await member.InvokeAsync("AddCard", [board.Id, board.Columns[0].Id, "Après la fermeture"]);
        var change = await member.NextAsync(BoardHub.ChangeMethod, Wait);
        while (change[0].GetProperty("type").GetString() != nameof(CardAdded))
        {
            change = await member.NextAsync(BoardHub.ChangeMethod, Wait);
        }
    }

    [Fact]
    public async Task MemberWithAStaleInviteCookie_StaysAMember()
    {
        var (slug, board) = await NewCiteWithBoardAsync("Invite F");
        var (_, elsewhere) = await NewCiteWithBoardAsync("Invite G");
        var email = $"double-{Guid.NewGuid():N}@tests.invalid";
        await fixture.CreatePersonAsync(email, slug, CiteRole.Partenaire);
        var cookies = await SignalRJsonClient.SignInAsync(fixture.App.BaseUrl, email, AppFixture.Password);
        cookies.Add(new Uri(fixture.App.BaseUrl), new Cookie(BoardGuestService.CookieName, "perime", "/"));

        await using var client = await SignalRJsonClient.ConnectAsync(HubUrl, cookies);
        await client.InvokeAsync("Subscribe", [board.Id]);
        var refused = await Assert.ThrowsAsync<HubErrorException>(() => client.InvokeAsync("Subscribe", [elsewhere.Id]));
        Assert.Contains(BoardHub.RefusedMessage, refused.Message, StringComparison.Ordinal);
    }
}
