using System.Net;
using System.Text.RegularExpressions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.Features.Accounts;

/// <summary>
/// Links sent to people never follow the Host header of the request that produced them (issue 15): a forged Host would
/// otherwise put a valid reset token in a link to another site.
/// </summary>
public sealed partial class PublicLinkTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    [Fact]
    public async Task ForgotPasswordPost_WithAForgedHost_MailsALinkToTheServersOwnAddress()
    {
        await fixture.CreatePersonAsync("hote@tests.invalid");
        using var http = new HttpForms(fixture.App.BaseUrl);
        http.Headers["Host"] = "evil.example";

        using var answer = await http.PostFormAsync("/compte/mot-de-passe-oublie", "mot-de-passe-oublie", [new("Input.Email", "hote@tests.invalid")]);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var mail = Assert.Single(fixture.Mail.Sent, m => m.To == "hote@tests.invalid");
        Assert.DoesNotContain("evil.example", mail.Body, StringComparison.OrdinalIgnoreCase);
        var link = new Uri(ResetLink().Match(mail.Body).Value);
        var listening = new Uri(fixture.App.BaseUrl);
        Assert.Equal(listening.Port, link.Port);
        Assert.True(link.IsLoopback, $"le lien doit viser l'adresse d'écoute du serveur, pas {link.Host}");
    }

    [GeneratedRegex(@"https?://\S+/compte/reinitialiser-mot-de-passe\?\S+")]
    private static partial Regex ResetLink();
}

/// <summary>
/// Without SMTP, e-mails that could not leave are kept for the administrators (page « Courriels non envoyés »), and the
/// log says only that one was not sent: never a reset or invitation token.
/// </summary>
public sealed partial class UnsentEmailTests(NoSmtpFixture fixture) : IClassFixture<NoSmtpFixture>
{
    [Fact]
    public async Task AResetRequest_WithoutSmtp_WritesNoTokenToTheLog()
    {
        await fixture.CreatePersonAsync("sans.smtp@tests.invalid");
        using var http = new HttpForms(fixture.App.BaseUrl);

        using var answer = await http.PostFormAsync("/compte/mot-de-passe-oublie", "mot-de-passe-oublie", [new("Input.Email", "sans.smtp@tests.invalid")]);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var lines = fixture.Log.Lines.Select(l => l.Message).ToList();
        Assert.Contains(lines, l => l.Contains("non envoyé", StringComparison.Ordinal) && l.Contains("sans.smtp@tests.invalid", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => Token().IsMatch(l));
    }

    [Fact]
    public async Task TheAdministrator_ReadsTheUnsentMail_WithItsLink_AndNobodyElseDoes()
    {
        await fixture.CreatePersonAsync("a.transmettre@tests.invalid");
        using (var requester = new HttpForms(fixture.App.BaseUrl))
        {
            using var _ = await requester.PostFormAsync("/compte/mot-de-passe-oublie", "mot-de-passe-oublie", [new("Input.Email", "a.transmettre@tests.invalid")]);
        }

        using var admin = new HttpForms(fixture.App.BaseUrl);
        using (var signedIn = await admin.SignInAsync(AppFixture.AdminEmail, AppFixture.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        using var page = await admin.GetAsync("/admin/courriels");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Courriels non envoyés", html, StringComparison.Ordinal);
        Assert.Contains("a.transmettre@tests.invalid", html, StringComparison.Ordinal);
        Assert.Contains("Réinitialisation de votre mot de passe CiteEmploi", html, StringComparison.Ordinal);
        Assert.Matches(@"/compte/reinitialiser-mot-de-passe\?email=a.transmettre%40tests.invalid&code=[A-Za-z0-9_-]{20,}", html);

        await fixture.CreatePersonAsync("curieux@tests.invalid");
        using var member = new HttpForms(fixture.App.BaseUrl);
        using (var signedIn = await member.SignInAsync("curieux@tests.invalid", AppFixture.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        using var refused = await member.GetAsync("/admin/courriels");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("a.transmettre@tests.invalid", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var anonymous = new HttpForms(fixture.App.BaseUrl);
        using var asked = await anonymous.GetAsync("/admin/courriels");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("/connexion", asked.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The one browser visit: the page is reached from Administration and passes axe.</summary>
    [Fact]
    public async Task UnsentMailsPage_IsReachedFromAdministration_AndAccessible()
    {
        await fixture.CreatePersonAsync("page.courriels@tests.invalid");
        using (var requester = new HttpForms(fixture.App.BaseUrl))
        {
            using var _ = await requester.PostFormAsync("/compte/mot-de-passe-oublie", "mot-de-passe-oublie", [new("Input.Email", "page.courriels@tests.invalid")]);
        }
        var (context, page) = await fixture.SignInAsync(AppFixture.AdminEmail);
        await using var __ = context;
        await page.GotoAsync(fixture.Url("/admin"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Courriels non envoyés" }).First.ClickAsync();
        await page.WaitForURLAsync("**/admin/courriels");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Courriels non envoyés", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("page.courriels@tests.invalid");
        await page.AssertAccessibleAsync();
    }

    // a reset code, an invitation's or any token=, not masked
    [GeneratedRegex(@"(code=|token=|/invitation/)(?!\*\*\*)[A-Za-z0-9_%-]{8,}")]
    private static partial Regex Token();
}

/// <summary>
/// The sign-in answer says nothing about whether an address has an account, nor whether it is locked; the owner of a
/// locked account hears it by mail, once per lockout.
/// </summary>
public sealed class SignInAnswerTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    [Fact]
    public async Task UnknownAddress_WrongPassword_AndLockedAccount_GetTheSameAnswer()
    {
        await fixture.CreatePersonAsync("connu@tests.invalid");
        await fixture.CreatePersonAsync("verrouille@tests.invalid");
        await LockAsync("verrouille@tests.invalid");

        var unknown = await AnswerAsync("inconnu@tests.invalid", "un mot de passe quelconque");
        var wrong = await AnswerAsync("connu@tests.invalid", "pas le bon mot de passe");
        var locked = await AnswerAsync("verrouille@tests.invalid", AppFixture.Password);

        Assert.NotNull(unknown);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
        Assert.DoesNotContain("verrouill", locked, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnAddressWithoutAccount_StillHasAPasswordChecked()
    {
        var before = fixture.Hasher.Verifications;

        var answer = await AnswerAsync("personne.ici@tests.invalid", "un mot de passe quelconque");

        Assert.NotNull(answer);
        Assert.True(fixture.Hasher.Verifications > before, "une adresse sans compte doit coûter le même calcul qu'une adresse connue");
    }

    [Fact]
    public async Task LockingAnAccount_MailsItsOwnerOnce_WithTheEndAndTheWayToReset()
    {
        await fixture.CreatePersonAsync("proprietaire@tests.invalid");

        await LockAsync("proprietaire@tests.invalid");
        await AnswerAsync("proprietaire@tests.invalid", "encore un essai");
        await AnswerAsync("proprietaire@tests.invalid", AppFixture.Password);

        var mail = Assert.Single(fixture.Mail.Sent, m => m.To == "proprietaire@tests.invalid");
        Assert.Contains("verrouillé", mail.Body, StringComparison.Ordinal);
        Assert.Contains("/compte/mot-de-passe-oublie", mail.Body, StringComparison.Ordinal);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var end = (await users.GetLockoutEndDateAsync((await users.FindByEmailAsync("proprietaire@tests.invalid"))!))!.Value;
        var paris = TimeZoneInfo.ConvertTime(end, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Contains(paris.ToString("HH'h'mm", System.Globalization.CultureInfo.InvariantCulture), mail.Body, StringComparison.Ordinal);
    }

    /// <summary>Wrong passwords until Identity locks the account (5 failures).</summary>
    private async Task LockAsync(string email)
    {
        for (var i = 0; i < 5; i++)
        {
            await AnswerAsync(email, $"mauvais mot de passe {i}");
        }
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    private async Task<string?> AnswerAsync(string email, string password)
    {
        using var http = new HttpForms(fixture.App.BaseUrl);
        using var answer = await http.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return HttpForms.FormSummary(await answer.Content.ReadAsStringAsync());
    }
}

/// <summary>What Production needs from its configuration, and what it does behind a TLS proxy (decision 0025).</summary>
public sealed class ProductionDefaultsTests
{
    [Fact]
    public async Task Production_WithoutAPublicAddress_RefusesToStart_WithAFrenchMessage()
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(TestFolders.Create("sans-adresse"),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, TimeSpan.FromSeconds(60));

        Assert.True(exitCode is { } code && code != 0, $"le serveur devait refuser de démarrer ; sortie :\n{output}");
        Assert.Contains("CiteEmploi:PublicUrl", output, StringComparison.Ordinal);
        Assert.Contains("adresse publique", output, StringComparison.Ordinal);
    }
}

/// <summary>An https public address: secure cookies, HTTPS redirection and HSTS, the proxy's word on the scheme taken.</summary>
public sealed class HttpsPublicAddressTests(HttpsPublicAddressFixture fixture) : IClassFixture<HttpsPublicAddressFixture>
{
    [Fact]
    public async Task SignInBehindATlsProxy_SetsASecureSessionCookie()
    {
        using var http = new HttpForms(fixture.App.BaseUrl);
        http.Headers["X-Forwarded-Proto"] = "https";

        using var answer = await http.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var session = Assert.Single(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CiteEmploi.Session=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlainHttp_IsRedirectedToThePublicHttpsAddress_AndHttpsGetsHsts()
    {
        using var plain = new HttpForms(fixture.App.BaseUrl);
        plain.Headers["Host"] = "citeemploi.example";
        using var redirected = await plain.GetAsync("/connexion");
        Assert.True(redirected.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, $"{redirected.StatusCode}");
        Assert.Equal("https://citeemploi.example/connexion", redirected.Headers.Location!.ToString());

        using var proxied = new HttpForms(fixture.App.BaseUrl);
        proxied.Headers["Host"] = "citeemploi.example";
        proxied.Headers["X-Forwarded-Proto"] = "https";
        using var page = await proxied.GetAsync("/connexion");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"), "HSTS attendu sur une réponse https");
    }
}

/// <summary>Behind a proxy on loopback (the default known proxy), X-Forwarded-Proto says the scheme the browser used.</summary>
public sealed class ForwardedHeadersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AForwardedHttpsRequest_IsHttps_ForTheCookiesItGets()
    {
        using var proxied = new HttpForms(fixture.App.BaseUrl);
        proxied.Headers["X-Forwarded-Proto"] = "https";
        using var https = await proxied.GetAsync("/connexion");
        var cookie = Assert.Single(https.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);

        using var direct = new HttpForms(fixture.App.BaseUrl);
        using var http = await direct.GetAsync("/connexion");
        var plain = Assert.Single(http.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", plain, StringComparison.OrdinalIgnoreCase);
    }
}
