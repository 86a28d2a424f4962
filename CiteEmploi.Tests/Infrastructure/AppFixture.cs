using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// A running app with its own fresh database, shared by the tests of one class, already installed (one administrator),
/// with helpers to create people and sign them in through the real sign-in page.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@tests.invalid";
    public const string Password = "mot de passe des tests";

    private CiteEmploiApp? _app;

    public CiteEmploiApp App => _app ??= CreateApp();

    /// <summary>Override to start the app with other settings.</summary>
    protected virtual CiteEmploiApp CreateApp() => new();

    public string Url(string path) => App.BaseUrl + path;

    public virtual async Task InitializeAsync()
    {
        _ = App.BaseUrl;
        var result = await App.Get<AccountSetupService>().CreateAdministratorAsync(AdminEmail, "Admin des tests", Password, "test");
        Assert.True(result.Succeeded, result.Errors.ToString());
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Creates an account (if missing) and, when a Cité is given, makes it a member with that role.</summary>
    public async Task<string> CreatePersonAsync(string email, string? citeSlug = null, CiteRole role = CiteRole.Partenaire, string? displayName = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName ?? email.Split('@')[0], CreatedAt = DateTimeOffset.UtcNow };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        if (citeSlug is not null)
        {
            var access = await App.Get<CiteService>().OperatorAccessAsync(citeSlug);
            Assert.NotNull(access);
            await scope.ServiceProvider.GetRequiredService<MemberService>().AddAsync(access, user.Id, role);
        }
        return user.Id;
    }

    /// <summary>Creates the structure <paramref name="structureName"/> in the Cité's directory and links the member to it (their « structure »), as the coordination would.</summary>
    public async Task<Guid> LinkToNewStructureAsync(string citeSlug, string userId, string structureName)
    {
        var access = (await App.Get<CiteService>().OperatorAccessAsync(citeSlug))!;
        var directory = App.Get<CiteEmploi.Web.Features.Annuaire.DirectoryService>();
        var created = await directory.CreateStructureAsync(access, new CiteEmploi.Domain.Annuaire.StructureDetails { Name = structureName });
        Assert.True(created.Succeeded, created.Describe());
        var structure = Guid.Parse(created.Value!);
        Assert.True((await directory.LinkMemberAsync(access, userId, structure)).Succeeded);
        return structure;
    }

    /// <summary>Creates a Cité as the operator would (command line), returning its slug.</summary>
    public async Task<string> CreateCiteAsync(string name)
    {
        var result = await App.Get<CiteService>().CreateAsync(new CiteEmploi.Domain.Cites.CiteProfile { Name = name, TerritoryName = name, BudgetYear = 2026 });
        Assert.True(result.Succeeded, result.Describe());
        return result.Value!;
    }

    /// <summary>A fresh diagnostic board of the Cité <paramref name="slug"/> (default columns), made as the operator would.</summary>
    public async Task<CiteEmploi.Web.Features.Boards.BoardView> NewBoardAsync(string slug, string title, string? description = null)
    {
        var access = (await App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var boards = App.Get<CiteEmploi.Web.Features.Boards.BoardService>();
        var created = await boards.CreateAsync(access, CiteEmploi.Domain.Boards.BoardKind.Diagnostic, title, description, null);
        Assert.True(created.Succeeded, created.Describe());
        return (await boards.GetAsync(access, Guid.Parse(created.Value!)))!;
    }

    /// <summary>Loads the demonstration Cité (idempotent).</summary>
    public async Task LoadDemoAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CiteEmploi.Web.Features.Demo.DemoLoader>().LoadAsync();
    }

    /// <summary>
    /// A new browser context signed in as <paramref name="email"/>, its page still blank (the test goes where it
    /// means to): the real sign-in form is fetched and posted by the context's own HTTP client (its antiforgery token,
    /// its cookie), so the browser loads neither the sign-in page nor the page it lands on. Most tests open a page of
    /// their own right after signing in, and those two page loads were a large part of the suite's time. Tests of the
    /// sign-in itself, or of where it lands, use <see cref="SignInThroughTheFormAsync"/>.
    /// </summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignInAsync(string email, int width = 1280, int height = 800, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(width, height);
        var signInUrl = (baseUrl ?? App.BaseUrl) + "/connexion";
        var form = await context.APIRequest.GetAsync(signInUrl);
        Assert.True(form.Ok, $"GET /connexion : {form.Status}");
        var html = await form.TextAsync();
        var post = context.APIRequest.CreateFormData();
        foreach (var (name, value) in FormFields.Hidden(html))
        {
            post.Set(name, value);
        }
        post.Set("Input.Email", email);
        post.Set("Input.Password", Password);
        var answer = await context.APIRequest.PostAsync(signInUrl, new() { Form = post, MaxRedirects = 0 });
        var landing = answer.Headers.TryGetValue("location", out var location) ? location : null;
        Assert.True(answer.Status is 302 or 303 && landing is not null && !landing.Contains("/connexion", StringComparison.Ordinal),
            $"La connexion de {email} a échoué ({answer.Status}) : {(await answer.TextAsync())[..Math.Min(600, (await answer.TextAsync()).Length)]}");
        return (context, await context.NewPageAsync());
    }

    /// <summary>A new browser context signed in as <paramref name="email"/> by typing into the real sign-in page, on the page it lands on.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignInThroughTheFormAsync(string email, int width = 1280, int height = 800, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.GotoAsync((baseUrl ?? App.BaseUrl) + "/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/connexion", StringComparison.Ordinal));
        return (context, page);
    }
}

/// <summary>
/// A Cité with its coordinator and one partner linked to a structure of its directory: the journeys where a partner acts
/// for her structure (indicators typed, self-assessment ratings) while the coordination watches.
/// </summary>
public abstract class CoordinatorAndPartnerFixture(string citeName, string coordinator, string coordinatorName, string partner, string partnerName, string structureName)
    : AppFixture
{
    public string Slug { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Slug = await CreateCiteAsync(citeName);
        await CreatePersonAsync(coordinator, Slug, CiteRole.Coordinateur, coordinatorName);
        var partnerId = await CreatePersonAsync(partner, Slug, CiteRole.Partenaire, partnerName);
        await LinkToNewStructureAsync(Slug, partnerId, structureName);
    }
}
