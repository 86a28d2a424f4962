using System.Net;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>The shell a newcomer meets: French, keyboard-usable, phone-sized, honest about missing pages.</summary>
public sealed class ShellTests(ShellTests.DemoFixture fixture) : IClassFixture<ShellTests.DemoFixture>
{
    private const string Member = "membre.demo@tests.invalid";

    /// <summary>The demonstration Cité with a coordinator account of the tests.</summary>
    public sealed class DemoFixture : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await LoadDemoAsync();
            await CreatePersonAsync(Member, "demo", CiteRole.Coordinateur, "Membre des tests");
        }
    }

    [Fact]
    public async Task DemonstrationCite_IsLabelledAsFictional_SaysWhatIsToBeDone_AndIsLoadedOnlyOnce()
    {
        var (context, page) = await fixture.SignInAsync(Member);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url("/c/demo"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cité de démonstration", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".demo-notice")).ToContainTextAsync("fictives");
        await Expect(page.Locator(".app-header")).ToContainTextAsync("Démonstration — données fictives");
        await Expect(page.Locator(".figure")).ToContainTextAsync("100 000");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Cofinanceurs" })).ToContainTextAsync("DREETS");
        // « À traiter »: the demonstration's interconnaissance in twelve days is the next session, one click away
        var next = page.GetByRole(AriaRole.Region, new() { Name = "À traiter" }).Locator("[data-attention='prochaine-seance']");
        await Expect(next).ToContainTextAsync("Prochaine séance : ");
        await Expect(next.GetByRole(AriaRole.Link)).ToHaveTextAsync(DemoSessions.InterconnaissanceTitle);
        // « Récemment »: the demonstration's boards and its closed COPIL with its minutes; « Indicateurs »: the last quarter's
        var recent = page.GetByRole(AriaRole.Region, new() { Name = "Récemment" });
        await Expect(recent.Locator("[data-recent='tableaux'] li").First).ToBeVisibleAsync();
        var copil = recent.Locator("[data-recent='seances'] li", new() { HasText = DemoSessions.CopilTitle });
        await Expect(copil.GetByRole(AriaRole.Link, new() { Name = $"compte rendu de « {DemoSessions.CopilTitle} »" })).ToBeVisibleAsync();
        var indicators = page.GetByRole(AriaRole.Region, new() { Name = "Indicateurs" });
        await Expect(indicators.Locator("[data-indicators-filled]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[1-9]\d* / \d+$"));
        await Expect(indicators.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"/c/demo/indicateurs\?periode=\d{4}-T[1-4]$"));
        await page.AssertAccessibleAsync();
        await next.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = DemoSessions.InterconnaissanceTitle, Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Mes Cités", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Cité de démonstration" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CiteSwitcher_TakesThePersonToTheChosenCite()
    {
        var (context, page) = await fixture.SignInAsync(Member);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url("/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer de Cité" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Cité de démonstration (démonstration)" }).ClickAsync();
        await page.WaitForURLAsync("**/c/demo");
        await Expect(page.Locator(".app-header__current")).ToContainTextAsync("Cité de démonstration");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })
            .GetByRole(AriaRole.Link, new() { Name = "Profil de la Cité" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SkipLink_IsTheFirstTabStop_AndMovesFocusToTheContent()
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Url("/accessibilite"));
        var firstFocusable = await page.EvaluateAsync<string>(
            "() => document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])').textContent.trim()");
        Assert.Equal("Aller au contenu", firstFocusable);

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" });
        await skip.FocusAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#contenu")).ToBeFocusedAsync();
        Assert.EndsWith("/accessibilite", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task AccessibilityStatement_SaysHonestlyThatNoAuditWasDone()
    {
        var (context, page) = await fixture.SignInThroughTheFormAsync(Member);
        await using var _ = context;
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Déclaration d'accessibilité" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("aucun audit n'a encore été réalisé");
        await page.AssertAccessibleAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/cites/nouvelle")]
    [InlineData("/c/demo")]
    [InlineData("/c/demo/modifier")]
    [InlineData("/c/demo/membres")]
    [InlineData("/c/demo/journal")]
    [InlineData("/c/demo/annuaire?q=garde%20enfant")]
    [InlineData("/c/demo/feuille-de-route")]
    [InlineData("/c/demo/seances")]
    [InlineData("/c/demo/tableaux")]
    [InlineData("/c/demo/diagnostic")]
    [InlineData("/c/demo/indicateurs")]
    [InlineData("/c/demo/auto-evaluation")]
    [InlineData("/c/demo/cooperation")]
    [InlineData("/c/demo/orientations")]
    [InlineData("/admin")]
    [InlineData("/accessibilite")]
    [InlineData("/compte")]
    [InlineData("/compte/mot-de-passe")]
    [InlineData("/compte/donnees")]
    [InlineData("/cette-page-n-existe-pas")]
    public async Task EveryPage_FitsA360PixelWideScreen_WithoutSidewaysScrolling(string path)
    {
        var who = path is "/admin" or "/cites/nouvelle" ? AppFixture.AdminEmail : Member;
        var (context, page) = await fixture.SignInAsync(who, width: 360, height: 740);
        await using var _ = context;
        await page.GotoAsync(fixture.Url(path));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.False(await page.HasHorizontalScrollAsync(), $"{path} défile horizontalement à 360 px : {await page.OverflowingElementsAsync()}");
        await AssertTitleAndFirstControlAreOnTheFirstScreenAsync(page, path);
        await page.AssertAccessibleAsync();
    }

    [Theory]
    [InlineData("/connexion")]
    [InlineData("/compte/mot-de-passe-oublie")]
    public async Task SignedOutPages_FitA360PixelWideScreen_WithoutSidewaysScrolling(string path)
    {
        await using var context = await Browser.NewContextAsync(360, 740);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Url(path));
        Assert.False(await page.HasHorizontalScrollAsync(), $"{path} défile horizontalement à 360 px : {await page.OverflowingElementsAsync()}");
        await AssertTitleAndFirstControlAreOnTheFirstScreenAsync(page, path);
        await page.AssertAccessibleAsync();
    }

    /// <summary>
    /// On a 360 × 740 phone, the page's title and its first control (a field, a button, a link drawn as a button) are
    /// seen without scrolling. A page without a control (a statement, a 404) is checked for its title only.
    /// </summary>
    private static async Task AssertTitleAndFirstControlAreOnTheFirstScreenAsync(IPage page, string path)
    {
        var h1 = page.GetByRole(AriaRole.Main).Locator("h1").First;
        await Expect(h1).ToBeVisibleAsync();
        var title = await h1.BoundingBoxAsync();
        Assert.True(title is not null && title.Y + title.Height <= 740, $"{path} : le titre finit à {title?.Y + title?.Height} px (écran de 740 px)");
        var bottom = await page.EvaluateAsync<double?>(@"() => {
            const main = document.querySelector('main');
            const control = [...main.querySelectorAll('input:not([type=hidden]), select, textarea, button, a.mud-button-root')]
                .find(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; });
            if (!control) return null;
            const box = (control.closest('.mud-input-control, .mud-switch, .mud-radio') || control).getBoundingClientRect();
            return box.bottom + window.scrollY;
        }");
        Assert.True(bottom is null || bottom <= 740, $"{path} : le premier contrôle finit à {bottom} px (écran de 740 px)");
    }

    [Fact]
    public async Task UnknownAddress_AndUnknownCite_AnswerAFrench404()
    {
        var (context, page) = await fixture.SignInAsync(Member);
        await using var _ = context;

        var response = await page.GotoAsync(fixture.Url("/nimporte-quoi"));
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        response = await page.GotoAsync(fixture.Url("/c/cite-inconnue"));
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();

        // Reached by in-app navigation too (no full page load).
        await page.GotoInteractiveAsync(fixture.Url("/"));
        await page.EvaluateAsync("() => Blazor.navigateTo('/c/autre-cite-inconnue')");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
    }
}
