using System.Text;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Features.National;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Cites;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.National;

/// <summary>
/// A person of the ANCT (national role) opens the indicators of the Cités, changes the quarter, downloads the CSV; the
/// page and the files never show a breakdown figure from 1 to 4. Then the walls: a Cité's member is refused the national
/// page and files, and another Cité's CSV answers 404.
/// </summary>
public sealed class NationalIndicatorsJourneyTests(NationalIndicatorsJourneyTests.NationalFixture fixture) : IClassFixture<NationalIndicatorsJourneyTests.NationalFixture>
{
    private const string National = "anct.indicateurs@tests.invalid";
    private const string BelfortMember = "membre.belfort@tests.invalid";

    public sealed class NationalFixture : AppFixture
    {
        public string Roubaix { get; private set; } = string.Empty;

        public string Belfort { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Roubaix = await CreateCiteAsync("Roubaix");
            Belfort = await CreateCiteAsync("Belfort");
            await CreatePersonAsync(BelfortMember, Belfort, CiteRole.Coordinateur);
            var userId = await CreatePersonAsync(National);
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var user = (await users.FindByIdAsync(userId))!;
                user.PlatformRole = PlatformRole.National;
                await users.UpdateAsync(user);
            }
            var roubaix = (await App.Get<CiteService>().OperatorAccessAsync(Roubaix))!.CiteId;
            var belfort = (await App.Get<CiteService>().OperatorAccessAsync(Belfort))!.CiteId;
            await using var db = await App.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            db.IndicatorValues.AddRange(
                People(roubaix, "2025-T4", 40, new Breakdown(3, 37, 12, 30, 2)),
                People(belfort, "2025-T4", 20, new Breakdown(10, 10, 4, 20)),
                People(roubaix, "2025-T3", 31, new Breakdown(16, 15, 8, 25, 1)));
            db.SelfAssessments.Add(NationalSelfAssessmentServiceTests.Closed(roubaix, "2025-S2", 3));
            await db.SaveChangesAsync();
        }

        private static IndicatorValue People(Guid citeId, string period, int total, Breakdown breakdown)
        {
            var entry = new IndicatorEntry("personnes-reperees", period, total, Breakdown: breakdown);
            return IndicatorValue.Record(citeId, NationalCatalogue.Find(entry.IndicatorCode), entry, [], null, "la coordination", DateTimeOffset.UtcNow);
        }
    }

    private static ILocator ValueOf(IPage page, string cite) => page.Locator($"td[data-value-of='{cite}']");

    private static async Task AssertNoSmallBreakdownAsync(IPage page)
    {
        var cells = await page.Locator("[data-breakdown]").AllInnerTextsAsync();
        Assert.NotEmpty(cells);
        Assert.All(cells, cell => Assert.True(!int.TryParse(cell.Trim(), out var n) || n is 0 or >= 5, cell));
    }

    [Fact]
    public async Task TheNationalReader_ChangesTheQuarter_DownloadsTheCsv_AndNoSmallCountShows()
    {
        var (context, page) = await fixture.SignInAsync(National);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url("/national/indicateurs?periode=2025-T4"));

        await Expect(ValueOf(page, "Roubaix")).ToHaveTextAsync("40 personnes");
        await Expect(ValueOf(page, "Belfort")).ToHaveTextAsync("20 personnes");
        await Expect(page.Locator("td[data-median-of='personnes-reperees']")).ToHaveTextAsync("30 personnes");
        // regions derived from the territories' communes
        await Expect(page.Locator("tr", new() { Has = ValueOf(page, "Roubaix") })).ToContainTextAsync("Hauts-de-France");
        await Expect(page.Locator("tr", new() { Has = ValueOf(page, "Belfort") })).ToContainTextAsync("Bourgogne-Franche-Comté");
        await AssertNoSmallBreakdownAsync(page);
        await page.AssertAccessibleAsync();

        // the quarter before: Belfort typed nothing then — « non renseigné », never 0
        await page.ChooseAsync("Période", "2025-T3 — 3e trimestre 2025");
        await Expect(ValueOf(page, "Belfort")).ToHaveTextAsync("non renseigné");
        await Expect(ValueOf(page, "Roubaix")).ToHaveTextAsync("31 personnes");
        Assert.Contains("periode=2025-T3", page.Url, StringComparison.Ordinal);
        await AssertNoSmallBreakdownAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.Equal("indicateurs-nationaux-2025-T3.csv", download.SuggestedFilename);
        var csv = NationalIndicatorServiceTests.CsvTable(await File.ReadAllBytesAsync((await download.PathAsync())!));
        var roubaix = csv.Single(r => r["nom"] == "Roubaix" && r["indicateur"] == "personnes-reperees");
        Assert.Equal(("31", "16", "15", "< 5"), (roubaix["valeur"], roubaix["femmes"], roubaix["hommes"], roubaix["deld"]));
        NationalIndicatorServiceTests.AssertNoSmallBreakdown(csv);
        var xlsx = await context.APIRequest.GetAsync(fixture.Url("/national/indicateurs/export.xlsx?periode=2025-T4"));
        Assert.Equal(200, xlsx.Status);
        var sheet = NationalIndicatorServiceTests.XlsxTable(await xlsx.BodyAsync());
        NationalIndicatorServiceTests.AssertNoSmallBreakdown(sheet);
        Assert.Equal("60", sheet.Single(r => r["niveau"] == "France" && r["indicateur"] == "personnes-reperees")["valeur"]);

        // on a phone: everything reachable without a sideways scroll
        var (phoneContext, phone) = await fixture.SignInAsync(National, width: 360, height: 740);
        await using var __ = phoneContext;
        await phone.GotoInteractiveAsync(fixture.Url("/national/indicateurs?periode=2025-T4"));
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Indicateurs des Cités" })).ToBeInViewportAsync();
        await Expect(phone.GetByLabel("Période", new() { Exact = true })).ToBeInViewportAsync();
        await phone.AssertAccessibleAsync();
        Assert.False(await phone.HasHorizontalScrollAsync(), await phone.OverflowingElementsAsync());

        // the self-assessment across Cités: Roubaix closed 2025-S2 at « En place » everywhere, Belfort did not
        await phone.GotoInteractiveAsync(fixture.Url("/national/auto-evaluation?semestre=2025-S2"));
        await Expect(phone.Locator("td[data-score-of='Roubaix']")).ToHaveTextAsync("66,7 %");
        await Expect(phone.Locator("td[data-score-of='Belfort']")).ToHaveTextAsync("non renseigné");
        await Expect(phone.Locator("td[data-median-of='Hauts-de-France']")).ToHaveTextAsync("66,7 %");
        await phone.AssertAccessibleAsync();
        Assert.False(await phone.HasHorizontalScrollAsync(), await phone.OverflowingElementsAsync());
    }

    [Fact]
    public async Task ACitesMember_IsRefusedTheNationalViewAndFiles_AndAnotherCitesCsv()
    {
        var (context, page) = await fixture.SignInAsync(BelfortMember);
        await using var _ = context;
        foreach (var path in new[] { "/national/indicateurs", "/national/indicateurs/export.csv", "/national/indicateurs/export.xlsx", "/national/auto-evaluation",
            "/national/auto-evaluation/export.csv", "/national/auto-evaluation/export.xlsx", $"/c/{fixture.Roubaix}/indicateurs/export.csv" })
        {
            var response = await context.APIRequest.GetAsync(fixture.Url(path), new() { MaxRedirects = 0 });
            Assert.True(response.Status == 404, $"{path} : {response.Status}");
        }
        var own = await context.APIRequest.GetAsync(fixture.Url($"/c/{fixture.Belfort}/indicateurs/export.csv?periode=2025-T4"));
        Assert.Equal(200, own.Status);
        var table = NationalIndicatorServiceTests.CsvTable(await own.BodyAsync());
        // a Cité reads its own figures whole
        Assert.Equal(("20", "4"), (table.Single(r => r["indicateur"] == "personnes-reperees")["valeur"], table.Single(r => r["indicateur"] == "personnes-reperees")["moins_26_ans"]));
        var bad = await context.APIRequest.GetAsync(fixture.Url($"/c/{fixture.Belfort}/indicateurs/export.csv?periode=2025-T9"));
        Assert.Equal(400, bad.Status);
        Assert.Contains("trimestre", Encoding.UTF8.GetString(await bad.BodyAsync()), StringComparison.Ordinal);

        var (nationalContext, _) = await fixture.SignInAsync(National);
        await using var __ = nationalContext;
        Assert.Equal(404, (await nationalContext.APIRequest.GetAsync(fixture.Url($"/c/{fixture.Roubaix}/indicateurs/export.csv"))).Status);
        Assert.Equal(400, (await nationalContext.APIRequest.GetAsync(fixture.Url("/national/indicateurs/export.csv?periode=hier"))).Status);
        var quarter = await nationalContext.APIRequest.GetAsync(fixture.Url("/national/auto-evaluation/export.csv?semestre=2025-T4"));
        Assert.Equal(400, quarter.Status);
        Assert.Contains("par semestre", Encoding.UTF8.GetString(await quarter.BodyAsync()), StringComparison.Ordinal);
        var file = NationalIndicatorServiceTests.CsvTable(await (await nationalContext.APIRequest.GetAsync(fixture.Url("/national/auto-evaluation/export.csv?semestre=2025-S2"))).BodyAsync());
        Assert.Equal(("close", "66,7"), (file.Single(r => r["nom"] == "Roubaix")["etat"], file.Single(r => r["nom"] == "Roubaix")["score"]));
    }
}
