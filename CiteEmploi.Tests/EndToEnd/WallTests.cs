using System.Net;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>
/// The wall between Cités and the roles inside one, tried as people would: with links, forms and typed URLs.
/// Cité A (Annecy) and Cité B (Besançon) each have their own people.
/// </summary>
public sealed class WallTests(WallTests.TwoCites fixture) : IClassFixture<WallTests.TwoCites>
{
    public sealed class TwoCites : AppFixture
    {
        public string A { get; private set; } = string.Empty;
        public string B { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            A = await CreateCiteAsync("Cité d'Annecy");
            B = await CreateCiteAsync("Cité de Besançon");
            await CreatePersonAsync("coord.a@tests.invalid", A, CiteRole.Coordinateur, "Coordinatrice A");
            await CreatePersonAsync("observ.a@tests.invalid", A, CiteRole.Observateur, "Observateur A");
            await CreatePersonAsync("copil.a@tests.invalid", A, CiteRole.Copilote, "Copilote A");
            await CreatePersonAsync("coord.b@tests.invalid", B, CiteRole.Coordinateur, "Coordinateur B");
        }
    }

    [Fact]
    public async Task MemberOfA_TypingTheUrlsOfB_GetsTheSame404AsForACiteThatDoesNotExist()
    {
        var (context, page) = await fixture.SignInAsync("coord.a@tests.invalid");
        await using var _ = context;
        foreach (var path in new[] { "", "/membres", "/modifier", "/journal", "/seances", "/seances/decisions", "/seances/interconnaissance", $"/seances/{Guid.NewGuid()}", "/diagnostic", "/indicateurs", "/indicateurs?periode=2026-T1", "/auto-evaluation", "/auto-evaluation?semestre=2026-S1", "/cooperation", "/cooperation?periode=2026-S1", "/orientations", "/orientations?periode=2026-T1" })
        {
            var response = await page.GotoAsync(fixture.Url($"/c/{fixture.B}{path}"));
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
            Assert.DoesNotContain("Besançon", await page.ContentAsync(), StringComparison.Ordinal);
        }
        await page.AssertAccessibleAsync();
        // the referrals' file keeps the same wall as their page
        var file = await page.APIRequest.GetAsync(fixture.Url($"/c/{fixture.B}/orientations/export.csv?periode=2026-T1"));
        Assert.Equal(404, file.Status);
        Assert.DoesNotContain("Besançon", await file.TextAsync(), StringComparison.Ordinal);

        // In the live session too (no full page load), and the switcher lists only their Cité.
        await page.GotoInteractiveAsync(fixture.Url($"/c/{fixture.A}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer de Cité" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Besançon" })).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await page.EvaluateAsync($"() => Blazor.navigateTo('/c/{fixture.B}/membres')");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task MemberOfA_AskingBsDirectoryNearAPlace_GetsTheSame404_ByTheApi()
    {
        var (context, page) = await fixture.SignInAsync("coord.a@tests.invalid");
        await using var _ = context;
        foreach (var query in new[] { "pres=commune:93066", "pres=geo:48.85,2.35&rayon=5", "pres=qpv:QN09301M", "pres=n-importe-quoi" })
        {
            var ofB = await page.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.B}/services?{query}"));
            var unknown = await page.APIRequest.GetAsync(fixture.Url($"/api/cites/cite-qui-n-existe-pas/services?{query}"));
            Assert.Equal((404, 404), (ofB.Status, unknown.Status));
            Assert.Equal(unknown.Headers.GetValueOrDefault("content-type"), ofB.Headers.GetValueOrDefault("content-type"));
            Assert.DoesNotContain("Besançon", await ofB.TextAsync(), StringComparison.Ordinal);
        }
        var ofA = await page.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.A}/services?pres=commune:93066"));
        Assert.Equal(200, ofA.Status);

        // the diagnostic's coverage, counted from the directory, keeps the same wall
        foreach (var query in new[] { "", "rayon=5", "rayon=0", "public=jeunes&gratuit=true" })
        {
            var ofB = await page.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.B}/diagnostic/couverture?{query}"));
            var unknown = await page.APIRequest.GetAsync(fixture.Url($"/api/cites/cite-qui-n-existe-pas/diagnostic/couverture?{query}"));
            Assert.Equal((404, 404), (ofB.Status, unknown.Status));
            Assert.DoesNotContain("Besançon", await ofB.TextAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(200, (await page.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.A}/diagnostic/couverture"))).Status);
    }

    [Fact]
    public async Task Observer_ReadsTheCite_ButCannotEditInviteOrSeeTheLog()
    {
        var (context, page) = await fixture.SignInAsync("observ.a@tests.invalid");
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url($"/c/{fixture.A}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cité d'Annecy", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Observateur·rice")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Modifier le profil" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Archiver" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Membres" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Membres de la Cité" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inviter une personne" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Coordinatrice A");
        await page.AssertAccessibleAsync();

        foreach (var path in new[] { $"/c/{fixture.A}/modifier", $"/c/{fixture.A}/journal", "/admin", "/cites/nouvelle" })
        {
            var response = await page.GotoAsync(fixture.Url(path));
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        }
    }

    [Fact]
    public async Task Copilot_ReadsButCannotEditTheProfile()
    {
        var (context, page) = await fixture.SignInAsync("copil.a@tests.invalid");
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url($"/c/{fixture.A}"));
        await Expect(page.GetByText("Copilote (État ou collectivité)")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Modifier le profil" })).ToHaveCountAsync(0);
        var response = await page.GotoAsync(fixture.Url($"/c/{fixture.A}/modifier"));
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
    }

    [Fact]
    public async Task CoordinatorInvitesAPartner_WhoJoins_AppearsLive_AndTheLogShowsIt_AndTheLinkCannotBeReused()
    {
        var (coordContext, coordinator) = await fixture.SignInAsync("coord.a@tests.invalid");
        await using var _ = coordContext;
        await coordinator.GotoInteractiveAsync(fixture.Url($"/c/{fixture.A}/membres"));

        // Bad input first: nothing is sent.
        await coordinator.GetByLabel("Adresse e-mail").FillAsync("pas-une-adresse");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Inviter" }).ClickAsync();
        await Expect(coordinator.Locator("#invite-Email-error")).ToContainTextAsync("Adresse e-mail invalide");

        await coordinator.GetByLabel("Adresse e-mail").FillAsync("samia@mission-locale.invalid");
        await coordinator.ChooseAsync("Rôle", "Partenaire");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Inviter" }).ClickAsync();
        var link = await coordinator.GetByLabel("Lien d'invitation").InputValueAsync();
        Assert.Contains("/invitation/", link, StringComparison.Ordinal);
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Invitations en attente" })).ToBeVisibleAsync();
        await Expect(coordinator.GetByText("samia@mission-locale.invalid — Partenaire")).ToBeVisibleAsync();
        await coordinator.AssertAccessibleAsync();

        await using var guestContext = await Browser.NewContextAsync(390, 844);
        var guest = await guestContext.NewPageAsync();
        await guest.GotoAsync(link);
        await Expect(guest.GetByRole(AriaRole.Main)).ToContainTextAsync("Cité d'Annecy");
        await guest.AssertAccessibleAsync();
        await guest.GetByLabel("Votre nom (visible des membres de la Cité)").FillAsync("Samia Benali");
        await guest.GetByLabel("Votre structure (facultatif)").FillAsync("Mission Locale");
        await guest.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("phrase secrète de samia");
        await guest.GetByLabel("Confirmation du mot de passe").FillAsync("phrase secrète de samia");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Créer mon accès et rejoindre" }).ClickAsync();
        await guest.WaitForURLAsync($"**/c/{fixture.A}");
        await Expect(guest.GetByText("Partenaire")).ToBeVisibleAsync();

        // The coordinator's page shows her without a refresh; the invitation is no longer pending.
        await Expect(coordinator.GetByRole(AriaRole.Table)).ToContainTextAsync("Samia Benali");
        await Expect(coordinator.GetByText("Aucune invitation en attente.")).ToBeVisibleAsync();

        // The link works once.
        await using var otherContext = await Browser.NewContextAsync();
        var other = await otherContext.NewPageAsync();
        await other.GotoAsync(link);
        await Expect(other.GetByRole(AriaRole.Alert)).ToContainTextAsync("déjà été utilisée");
        await other.AssertAccessibleAsync();

        // Signing in later works, and the security log tells the story.
        await using (var again = await Browser.NewContextAsync())
        {
            var page = await again.NewPageAsync();
            await page.GotoAsync(fixture.Url("/connexion"));
            await page.GetByLabel("Adresse e-mail").FillAsync("samia@mission-locale.invalid");
            await page.GetByLabel("Mot de passe").FillAsync("phrase secrète de samia");
            await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
            // her only Cité: she lands in it
            await page.WaitForURLAsync(fixture.Url($"/c/{fixture.A}"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cité d'Annecy", Level = 1 })).ToBeVisibleAsync();
        }
        await coordinator.GotoInteractiveAsync(fixture.Url($"/c/{fixture.A}/journal"));
        var log = coordinator.GetByRole(AriaRole.Table);
        await Expect(log).ToContainTextAsync("Invitation envoyée");
        await Expect(log).ToContainTextAsync("Invitation acceptée");
        await Expect(log).ToContainTextAsync("samia@mission-locale.invalid");
        await coordinator.AssertAccessibleAsync();
    }

    [Fact]
    public async Task ExpiredOrRevokedInvitation_IsRefusedWithAClearFrenchMessage()
    {
        var token = SecretTokens.New();
        await using (var db = fixture.App.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var citeId = (await db.Cites.SingleAsync(c => c.Slug == fixture.A)).Id;
            db.Invitations.Add(Invitation.Create(citeId, "tard@tests.invalid", CiteRole.Partenaire, SecretTokens.Hash(token), "test", DateTimeOffset.UtcNow.AddDays(-8)));
            await db.SaveChangesAsync();
        }
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Url("/invitation/" + token));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cette invitation a expiré");
        await Expect(page.GetByLabel("Mot de passe", new() { Exact = true })).ToHaveCountAsync(0);

        await page.GotoAsync(fixture.Url("/invitation/lien-invente"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("n'est pas valide");
        await page.AssertAccessibleAsync();

        // Revoked by the coordinator.
        var (coordContext, coordinator) = await fixture.SignInAsync("coord.a@tests.invalid");
        await using var _ = coordContext;
        await coordinator.GotoInteractiveAsync(fixture.Url($"/c/{fixture.A}/membres"));
        await coordinator.GetByLabel("Adresse e-mail").FillAsync("annule@tests.invalid");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Inviter" }).ClickAsync();
        var link = await coordinator.GetByLabel("Lien d'invitation").InputValueAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Annuler l'invitation de annule@tests.invalid" }).ClickAsync();
        await Expect(coordinator.GetByText("annule@tests.invalid — ")).ToHaveCountAsync(0);
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("a été annulée");
    }

    [Fact]
    public async Task LastCoordinator_CannotBeDemotedOrRemoved()
    {
        var (context, page) = await fixture.SignInAsync("coord.b@tests.invalid");
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url($"/c/{fixture.B}/membres"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le rôle de Coordinateur B" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Radio, new() { Name = "Observateur·rice" }).CheckAsync();
        await page.AssertAccessibleAsync(); // with the dialog open
        await page.DialogButton("Enregistrer le rôle").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("au moins un coordinateur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer Coordinateur B" }).ClickAsync();
        await page.DialogButton("Retirer").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("au moins un coordinateur");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Coordinateur B" })).ToContainTextAsync("Coordinateur·rice");
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_EvenForTheRightPasswordAfterwards_AndTellItsOwnerOnly()
    {
        await fixture.CreatePersonAsync("verrou@tests.invalid", fixture.A, CiteRole.Observateur);
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync(fixture.Url("/connexion"));
            await page.GetByLabel("Adresse e-mail").FillAsync("verrou@tests.invalid");
            await page.GetByLabel("Mot de passe").FillAsync("mauvais mot de passe " + i);
            await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
            await Expect(page.Locator("#form-summary")).ToBeVisibleAsync();
        }
        await page.GotoAsync(fixture.Url("/connexion"));
        await page.GetByLabel("Adresse e-mail").FillAsync("verrou@tests.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(AppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // the one who typed learns nothing about the account (issue 15: the same answer as for an unknown address)…
        await Expect(page.Locator("#form-summary")).ToHaveTextAsync(PasswordSignIn.RefusedMessage);
        await page.AssertAccessibleAsync();
        Assert.Contains("/connexion", page.Url, StringComparison.Ordinal);
        // …its owner is told, once (no SMTP here: the mail waits for the administrator)
        var mails = await fixture.App.Get<UnsentEmails>().ListAsync();
        Assert.Single(mails, m => m.To == "verrou@tests.invalid" && m.Subject == PasswordSignIn.LockoutSubject);
    }

    [Fact]
    public async Task MemberOfA_OpeningTheLiveRunParticipantsOrAttendancePageOfASessionOfB_GetsThe404_AndNothingOfIt()
    {
        var accessB = (await fixture.App.Get<CiteEmploi.Web.Features.Cites.CiteService>().OperatorAccessAsync(fixture.B))!;
        var created = await fixture.App.Get<CiteEmploi.Web.Features.Sessions.SessionService>().CreateAsync(accessB,
            new CiteEmploi.Domain.Sessions.SessionDetails(CiteEmploi.Domain.Sessions.SessionKind.ComitePilotage, "COPIL réservé de Besançon",
                new DateOnly(2026, 12, 10), new TimeOnly(9, 0), new TimeOnly(10, 0)));
        Assert.True(created.Succeeded, created.Describe());
        var (context, page) = await fixture.SignInAsync("coord.a@tests.invalid");
        await using var _ = context;
        // under B's address and under A's own: the same 404 as a session that does not exist
        foreach (var (slug, suffix) in new[] { fixture.B, fixture.A }.SelectMany(s => new[] { "direct", "participants", "feuille-emargement", "compte-rendu", "compte-rendu.md", "invitation.ics" }.Select(x => (s, x))))
        {
            var response = await page.GotoAsync(fixture.Url($"/c/{slug}/seances/{created.Value}/{suffix}"));
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
            if (!suffix.Contains('.', StringComparison.Ordinal))
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
            }
            Assert.DoesNotContain("COPIL réservé", await response.TextAsync(), StringComparison.Ordinal);
        }
    }

    /// <remarks>
    /// The check-in page (<c>/emargement/{cite}/{code}</c>) is public on purpose: a phone at the door opens it without an
    /// account. The code must be one of the session's Cité: B's code under A's address shows the one refusal and
    /// nothing of B, as a forged code does; under B's own address it opens (the test can tell them apart).
    /// </remarks>
    [Fact]
    public async Task CheckInLinkOfASessionOfB_UnderAsAddress_ShowsTheOneRefusal_AndNothingOfB()
    {
        var accessB = (await fixture.App.Get<CiteEmploi.Web.Features.Cites.CiteService>().OperatorAccessAsync(fixture.B))!;
        var sessions = fixture.App.Get<CiteEmploi.Web.Features.Sessions.SessionService>();
        var created = await sessions.CreateAsync(accessB, new CiteEmploi.Domain.Sessions.SessionDetails(CiteEmploi.Domain.Sessions.SessionKind.Atelier,
            "Atelier confidentiel de Besançon", new DateOnly(2026, 12, 10), new TimeOnly(14, 0), new TimeOnly(16, 0)));
        Assert.True(created.Succeeded, created.Describe());
        var code = (await sessions.OpenCheckInAsync(accessB, Guid.Parse(created.Value!))).Value!;
        using var client = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };

        async Task<string> PageAsync(string path)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, "La page d'émargement ne doit pas être gardée en cache.");
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        foreach (var path in new[] { $"/emargement/{fixture.A}/{code}", $"/emargement/{fixture.A}/ABCDEFGH", $"/emargement/cite-inconnue/{code}" })
        {
            var html = await PageAsync(path);
            Assert.Contains(CiteEmploi.Web.Features.Sessions.SessionCheckInService.RefusedMessage, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Atelier confidentiel", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Besançon", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Annecy", html, StringComparison.Ordinal);
        }
        var opened = await PageAsync($"/emargement/{fixture.B}/{code}");
        Assert.Contains("Atelier confidentiel de Besançon", opened, StringComparison.Ordinal);
        Assert.DoesNotContain(CiteEmploi.Web.Features.Sessions.SessionCheckInService.RefusedMessage, opened, StringComparison.Ordinal);
    }
}

/// <summary>The HTTP surface without a browser: nothing answers without a sign-in, no form works without its token.</summary>
public sealed class HttpWallTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin")]
    [InlineData("/cites/nouvelle")]
    [InlineData("/c/demo")]
    [InlineData("/c/demo/membres")]
    [InlineData("/c/demo/modifier")]
    [InlineData("/c/demo/journal")]
    [InlineData("/compte")]
    public async Task EveryPage_WithoutACookie_RedirectsToSignIn(string path)
    {
        await fixture.LoadDemoAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(fixture.App.BaseUrl) };
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/connexion", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <remarks>
    /// Since board guests (decision 0008) the circuit endpoint itself accepts visitors without an account; what keeps
    /// them out is that a circuit can only start the components of a page the server rendered for that request, and
    /// every member page sends an anonymous visitor to the sign-in page instead of rendering.
    /// </remarks>
    [Theory]
    [InlineData("/")]
    [InlineData("/c/cite-quelconque")]
    [InlineData("/c/cite-quelconque/annuaire")]
    [InlineData("/c/cite-quelconque/tableaux")]
    [InlineData("/c/cite-quelconque/seances")]
    [InlineData("/c/cite-quelconque/seances/decisions")]
    [InlineData("/c/cite-quelconque/diagnostic")]
    [InlineData("/c/cite-quelconque/indicateurs")]
    [InlineData("/c/cite-quelconque/auto-evaluation")]
    [InlineData("/c/cite-quelconque/cooperation")]
    [InlineData("/c/cite-quelconque/orientations")]
    [InlineData("/c/cite-quelconque/seances/interconnaissance")]
    [InlineData("/c/cite-quelconque/seances/6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("/c/cite-quelconque/seances/6f1c2b0e-8a53-4a4e-9a51-3c7f2d9e1b20/direct")]
    [InlineData("/c/cite-quelconque/seances/6f1c2b0e-8a53-4a4e-9a51-3c7f2d9e1b20/participants")]
    [InlineData("/c/cite-quelconque/seances/6f1c2b0e-8a53-4a4e-9a51-3c7f2d9e1b20/feuille-emargement")]
    [InlineData("/c/cite-quelconque/seances/6f1c2b0e-8a53-4a4e-9a51-3c7f2d9e1b20/compte-rendu")]
    [InlineData("/c/cite-quelconque/seances/6f1c2b0e-8a53-4a4e-9a51-3c7f2d9e1b20/invitation.ics")]
    public async Task MemberPages_WithoutACookie_RenderNothing_AndSendToSignIn(string path)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(fixture.App.BaseUrl) };
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/connexion", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<!--Blazor:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPost_WithoutAntiforgeryToken_IsRefused()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(fixture.App.BaseUrl) };
        using var content = new StringContent($"_handler=connexion&Input.Email=admin%40tests.invalid&Input.Password={Uri.EscapeDataString(AppFixture.Password)}",
            System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync(new Uri("/connexion", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("CiteEmploi.Session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignOutPost_FromAForgedPage_WithTheSessionCookieButNoToken_IsRefused_AndTheSessionStays()
    {
        var (context, page) = await fixture.SignInAsync(AppFixture.AdminEmail);
        await using var _ = context;
        var forged = await page.APIRequest.PostAsync(fixture.Url("/deconnexion"), new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);
        var still = await page.GotoAsync(fixture.Url("/admin"));
        Assert.Equal((int)HttpStatusCode.OK, still!.Status);
        Assert.EndsWith("/admin", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        using var response = await client.GetAsync(new Uri("/connexion", UriKind.Relative));
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? string.Join(";", cookies) : string.Empty;
        Assert.DoesNotContain("CiteEmploi.Session", cookie, StringComparison.Ordinal); // no session before sign-in
    }
}

/// <summary>Signing out from the header ends the session.</summary>
public sealed class SignOutTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task SignOutButton_EndsTheSession_AndPagesAskToSignInAgain()
    {
        var (context, page) = await fixture.SignInThroughTheFormAsync(AppFixture.AdminEmail);
        await using var _ = context;
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync("**/connexion");
        await page.GotoAsync(fixture.Url("/admin"));
        await page.WaitForURLAsync("**/connexion?retour=%2Fadmin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}

/// <summary>The national level reads aggregated figures and nothing of any Cité's content.</summary>
public sealed class NationalTests(WallTests.TwoCites fixture) : IClassFixture<WallTests.TwoCites>
{
    [Fact]
    public async Task NationalReader_SeesAggregatedFigures_ButNoCitePage()
    {
        var userId = await fixture.CreatePersonAsync("anct@tests.invalid");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = await users.FindByIdAsync(userId);
            user!.PlatformRole = PlatformRole.National;
            await users.UpdateAsync(user);
        }
        var (context, page) = await fixture.SignInThroughTheFormAsync("anct@tests.invalid");
        await using var _ = context;
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Indicateurs nationaux" }).ClickAsync();
        var figures = page.Locator(".national-figures");
        await Expect(figures.Locator("div", new() { HasText = "Cités actives" })).ToContainTextAsync("2");
        await Expect(figures.Locator("div", new() { HasText = "Membres (toutes Cités)" })).ToContainTextAsync("4");
        await page.AssertAccessibleAsync();

        var response = await page.GotoAsync(fixture.Url($"/c/{fixture.A}"));
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        response = await page.GotoAsync(fixture.Url("/admin"));
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
    }
}
