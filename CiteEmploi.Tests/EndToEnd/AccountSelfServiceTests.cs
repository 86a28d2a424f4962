using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Domain;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>E-mails the app "sends", kept for the test to read.</summary>
public sealed class CapturingEmailSender : IEmailSender
{
    public ConcurrentQueue<(string To, string Subject, string Body)> Sent { get; } = new();

    public bool IsConfigured => true;

    /// <summary>The files attached to the e-mails sent (a session's invitation), with the address each went to.</summary>
    public ConcurrentQueue<(string To, EmailAttachment Attachment)> Attached { get; } = new();

    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((to, subject, body));
        return Task.CompletedTask;
    }

    public Task SendAsync(string to, string subject, string body, IReadOnlyList<EmailAttachment> attachments, CancellationToken cancellationToken = default)
    {
        foreach (var attachment in attachments)
        {
            Attached.Enqueue((to, attachment));
        }
        return SendAsync(to, subject, body, cancellationToken);
    }
}

/// <summary>An app with an administrator already created (the set-up gate is open) and a captured mailbox.</summary>
public sealed class AccountsFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@citeemploi.test";
    public const string AdminPassword = "administrateur-de-test";

    public AccountsFixture()
    {
        App = new CiteEmploiApp(testServices: services =>
        {
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Mail);
        });
    }

    public CapturingEmailSender Mail { get; } = new();

    public CiteEmploiApp App { get; }

    public string Url(string path) => App.BaseUrl + path;

    public async Task InitializeAsync()
    {
        var created = await App.Get<AccountSetupService>().CreateAdministratorAsync(AdminEmail, "Admin Test", AdminPassword, "127.0.0.1");
        Assert.True(created.Succeeded, created.Errors.ToString());
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public async Task<AppUser> CreateUserAsync(string email, string displayName, string password)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            Organisation = "Mission locale de test",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>A new Cité with the given members (user id, role).</summary>
    public async Task CreateCiteAsync(string name, params (string UserId, CiteRole Role)[] members)
    {
        var factory = App.Get<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var cite = Cite.Create(CiteTests.ValidProfile(name), slug: null, DateTimeOffset.UtcNow);
        db.Cites.Add(cite);
        foreach (var (userId, role) in members)
        {
            db.Memberships.Add(Membership.Create(cite.Id, userId, role, DateTimeOffset.UtcNow));
        }
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// A signed-in person manages their own account: profile, password, forgotten password, personal data, deletion.
/// Every attempt from the tests counts towards <see cref="SignInThrottle.MaxFailuresPerAddress"/> (one address, 127.0.0.1):
/// the class stays well under it.
/// </summary>
public sealed partial class AccountSelfServiceTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    [Fact]
    public async Task Profile_ShowsTheAccount_AndSavesNameAndOrganisation()
    {
        await fixture.CreateUserAsync("profil@citeemploi.test", "Dominique Profil", "mot-de-passe-profil");
        await fixture.CreateCiteAsync("Cité du profil", (await UserIdAsync("profil@citeemploi.test"), CiteRole.Partenaire));
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "profil@citeemploi.test", "mot-de-passe-profil");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon compte", Level = 1 })).ToBeVisibleAsync();
        var details = page.Locator(".account-details");
        await Expect(details).ToContainTextAsync("profil@citeemploi.test");
        await Expect(details).ToContainTextAsync("Mission locale de test");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cité du profil" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Partenaire");
        await page.AssertAccessibleAsync();

        // Empty name: refused beside the field.
        await page.GetByLabel("Nom affiché").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(page.Locator("#profile-DisplayName-error")).ToHaveTextAsync(new Regex("Indiquez votre nom"));
        await Expect(page.GetByLabel("Nom affiché")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Nom affiché").FillAsync("Dominique Renommée");
        await page.GetByLabel("Organisation (facultatif)").FillAsync("France Travail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("enregistrées");
        await Expect(details).ToContainTextAsync("France Travail");
        // The header's name comes from the refreshed cookie.
        await Expect(page.Locator(".app-header__account")).ToHaveTextAsync("Dominique Renommée");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task ChangePassword_RefusesAWrongCurrentPassword_ThenTheNewOneReplacesTheOld()
    {
        await fixture.CreateUserAsync("change@citeemploi.test", "Camille Change", "ancien-mot-de-passe");
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "change@citeemploi.test", "ancien-mot-de-passe", "/compte/mot-de-passe");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Changer mon mot de passe" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Mot de passe actuel").FillAsync("pas-le-bon-mot-de-passe");
        await page.GetByLabel("Nouveau mot de passe").FillAsync("nouveau-mot-de-passe");
        await page.GetByLabel("Confirmation du mot de passe").FillAsync("nouveau-mot-de-passe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
        await Expect(page.Locator("#change-CurrentPassword-error")).ToHaveTextAsync(new Regex("Mot de passe actuel incorrect"));
        await Expect(page.GetByLabel("Mot de passe actuel")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("n'a pas été changé");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Mot de passe actuel").FillAsync("ancien-mot-de-passe");
        await page.GetByLabel("Nouveau mot de passe").FillAsync("nouveau-mot-de-passe");
        await page.GetByLabel("Confirmation du mot de passe").FillAsync("nouveau-mot-de-passe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Votre mot de passe a été modifié");
        await page.AssertAccessibleAsync();

        // Still signed in after the change (the cookie was reissued).
        await page.GotoAsync(fixture.Url("/compte"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon compte", Level = 1 })).ToBeVisibleAsync();

        await using var other = await Browser.NewContextAsync();
        var fresh = await other.NewPageAsync();
        await TrySignInAsync(fresh, "change@citeemploi.test", "ancien-mot-de-passe");
        await Expect(fresh.GetByRole(AriaRole.Alert)).ToContainTextAsync("Adresse e-mail ou mot de passe incorrect");
        await SignInAsync(fresh, "change@citeemploi.test", "nouveau-mot-de-passe");
    }

    [Fact]
    public async Task ForgottenPassword_SaysTheSameForAnyAddress_AndTheEmailedLinkSetsANewPassword()
    {
        await fixture.CreateUserAsync("oubli@citeemploi.test", "Sacha Oubli", "mot-de-passe-oublie");
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Url("/connexion"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Mot de passe oublié ?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mot de passe oublié" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Adresse e-mail").FillAsync("oubli@citeemploi.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir un lien" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Si un compte existe pour cette adresse, un lien a été envoyé");
        await page.AssertAccessibleAsync();
        var mail = Assert.Single(fixture.Mail.Sent, m => m.To == "oubli@citeemploi.test");
        var link = ResetLink().Match(mail.Body).Value;
        Assert.StartsWith(fixture.App.BaseUrl + "/compte/reinitialiser-mot-de-passe?email=", link, StringComparison.Ordinal);

        // An unknown address: the same answer, and nothing sent.
        await page.GotoAsync(fixture.Url("/compte/mot-de-passe-oublie"));
        await page.GetByLabel("Adresse e-mail").FillAsync("personne@citeemploi.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir un lien" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Si un compte existe pour cette adresse, un lien a été envoyé");
        Assert.DoesNotContain(fixture.Mail.Sent, m => m.To == "personne@citeemploi.test");

        // A mangled link is refused up front.
        await page.GotoAsync(link[..^4] + "AAAA");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("n'est pas valide ou a expiré");
        await page.AssertAccessibleAsync();

        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choisir un nouveau mot de passe" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Nouveau mot de passe").FillAsync("mot-de-passe-retrouve");
        await page.GetByLabel("Confirmation du mot de passe").FillAsync("autre-chose-du-tout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le nouveau mot de passe" }).ClickAsync();
        await Expect(page.Locator("#reset-Confirmation-error")).ToHaveTextAsync(new Regex("pas identiques"));
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Nouveau mot de passe").FillAsync("mot-de-passe-retrouve");
        await page.GetByLabel("Confirmation du mot de passe").FillAsync("mot-de-passe-retrouve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le nouveau mot de passe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Votre mot de passe a été modifié");
        await page.AssertAccessibleAsync();

        // The link served once.
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("n'est pas valide ou a expiré");

        await SignInAsync(page, "oubli@citeemploi.test", "mot-de-passe-retrouve");
    }

    [Fact]
    public async Task PersonalData_DownloadsAJsonFileWithTheEmailAndMemberships()
    {
        var user = await fixture.CreateUserAsync("export@citeemploi.test", "Alex Export", "mot-de-passe-export");
        await fixture.CreateCiteAsync("Cité de l'export", (user.Id, CiteRole.Copilote));
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "export@citeemploi.test", "mot-de-passe-export", "/compte/donnees");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mes données personnelles" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Télécharger mes données (JSON)" }).ClickAsync());
        Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = json.RootElement;
        Assert.Equal("export@citeemploi.test", root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("Alex Export", root.GetProperty("account").GetProperty("displayName").GetString());
        Assert.False(root.GetProperty("account").TryGetProperty("passwordHash", out _));
        var membership = Assert.Single(root.GetProperty("memberships").EnumerateArray());
        Assert.Equal("Cité de l'export", membership.GetProperty("cite").GetString());
        Assert.Equal("Copilote", membership.GetProperty("role").GetString());
        Assert.Contains(root.GetProperty("securityEvents").EnumerateArray(), e => e.GetProperty("kind").GetString() == "SignIn");

        // With the session cookie but without the form's antiforgery token (a post forged by another site): refused.
        var forged = await context.APIRequest.PostAsync(fixture.Url("/compte/donnees/export"),
            new() { Form = context.APIRequest.CreateFormData(), MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);

        // Signed out: no data, the sign-in page instead.
        await using var anonymous = await Browser.NewContextAsync();
        var response = await anonymous.APIRequest.PostAsync(fixture.Url("/compte/donnees/export"), new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.Contains("/connexion", response.Headers["location"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAccount_IsRefusedToTheSoleCoordinatorOfACite()
    {
        var user = await fixture.CreateUserAsync("seule@citeemploi.test", "Morgane Seule", "mot-de-passe-seule");
        await fixture.CreateCiteAsync("Cité sans relève", (user.Id, CiteRole.Coordinateur));
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "seule@citeemploi.test", "mot-de-passe-seule", "/compte/donnees");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("seule personne à coordonner « Cité sans relève »");

        await page.GetByLabel("Mot de passe actuel").FillAsync("mot-de-passe-seule");
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement mon compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le compte n'a pas été supprimé");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cité sans relève");
        await page.AssertAccessibleAsync();
        Assert.NotNull(await UserAsync("seule@citeemploi.test"));
    }

    [Fact]
    public async Task DeleteAccount_WithThePassword_RemovesAnObserverWhoCanNoLongerSignIn()
    {
        var coordinator = await fixture.CreateUserAsync("coord@citeemploi.test", "Jo Coord", "mot-de-passe-coord");
        var observer = await fixture.CreateUserAsync("observe@citeemploi.test", "Lou Observe", "mot-de-passe-observe");
        await fixture.CreateCiteAsync("Cité observée", (coordinator.Id, CiteRole.Coordinateur), (observer.Id, CiteRole.Observateur));
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "observe@citeemploi.test", "mot-de-passe-observe", "/compte/donnees");

        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement mon compte" }).ClickAsync();
        await Expect(page.Locator("#delete-CurrentPassword-error")).ToHaveTextAsync(new Regex("Indiquez votre mot de passe"));
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Mot de passe actuel").FillAsync("mot-de-passe-observe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement mon compte" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/connexion\\?compte=supprime$"));
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Votre compte a été supprimé");
        await page.AssertAccessibleAsync();

        Assert.Null(await UserAsync("observe@citeemploi.test"));
        var factory = fixture.App.Get<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.False(await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == observer.Id));
            Assert.True(await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == coordinator.Id));
        }

        await TrySignInAsync(page, "observe@citeemploi.test", "mot-de-passe-observe");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Adresse e-mail ou mot de passe incorrect");
    }

    [Fact]
    public async Task DeleteAccount_IsRefusedToTheLastAdministrator()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(AccountsFixture.AdminEmail);
        var accounts = scope.ServiceProvider.GetRequiredService<AccountSelfService>();

        var result = await accounts.DeleteAccountAsync(admin!, AccountsFixture.AdminPassword, "127.0.0.1");

        Assert.False(result.Succeeded);
        Assert.Contains("seul compte administrateur", Assert.Single(result.Errors.For("Form")), StringComparison.Ordinal);
        Assert.NotNull(await UserAsync(AccountsFixture.AdminEmail));
    }

    private async Task TrySignInAsync(IPage page, string email, string password, string? returnUrl = null)
    {
        await page.GotoAsync(fixture.Url(returnUrl is null ? "/connexion" : $"/connexion?retour={Uri.EscapeDataString(returnUrl)}"));
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Signs in through the real page and lands on <paramref name="returnUrl"/> (default: /compte).</summary>
    private async Task SignInAsync(IPage page, string email, string password, string returnUrl = "/compte")
    {
        await TrySignInAsync(page, email, password, returnUrl);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl);
    }

    private async Task<AppUser?> UserAsync(string email)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    private async Task<string> UserIdAsync(string email) => (await UserAsync(email))!.Id;

    [GeneratedRegex(@"https?://\S+/compte/reinitialiser-mot-de-passe\?\S+")]
    private static partial Regex ResetLink();
}
