using System.Net;
using System.Text;
using System.Text.Json;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Roadmap;

/// <summary>
/// The plan's exports tried as a coordinator would: download the CSV from the plan's « Exporter » menu, change a cell
/// in a spreadsheet, import it back after the preview and see the change; a malformed file refused with its line; the
/// printable page. And the wall: a member of another Cité meets a 404 on every export, the printable page, the import
/// and the read API, like anyone without an account on the API.
/// </summary>
public sealed class PlanExportJourneyTests(PlanExportJourneyTests.Quimper fixture) : IClassFixture<PlanExportJourneyTests.Quimper>
{
    private const string Coordinator = "coord.quimper@tests.invalid";
    private const string Observer = "obs.quimper@tests.invalid";
    private const string Outsider = "coord.morlaix@tests.invalid";

    public sealed class Quimper : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;
        public string Other { get; private set; } = string.Empty;
        public Guid PlanId { get; private set; }
        public Guid ActionId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Quimper");
            Other = await CreateCiteAsync("Cité de Morlaix");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            await CreatePersonAsync(Observer, Slug, CiteRole.Observateur, "Léa Observatrice");
            await CreatePersonAsync(Outsider, Other, CiteRole.Coordinateur, "Yann de Morlaix");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(Slug))!;
            var structure = await App.Get<DirectoryService>().CreateStructureAsync(access, new StructureDetails { Name = "Mission Locale de Quimper" });
            Assert.True(structure.Succeeded, structure.Describe());
            var plans = App.Get<PlanService>();
            var created = await plans.CreateAsync(access, "Feuille de route 2026", 2026, 2026, 100_000m);
            PlanId = Guid.Parse(created.Value!);
            var axis = await plans.AddActionAsync(access, PlanId, null, new PlanActionContent { Title = "Aller vers les publics" });
            var action = await plans.AddActionAsync(access, PlanId, Guid.Parse(axis.Value!), new PlanActionContent
            {
                Title = "Permanences au pied des immeubles",
                PilotStructureId = Guid.Parse(structure.Value!),
                StartDate = new DateOnly(2026, 1, 15),
                DueDate = new DateOnly(2026, 12, 31),
                StatusCode = "en-cours",
                Milestones = [new Milestone(Guid.Empty, "Première permanence", new DateOnly(2026, 2, 3), false)],
                BudgetLines = [new BudgetLine("Cité de l'emploi", BudgetKind.EnveloppeCite, 2026, 12_000m, 8_000m, 0m)],
            });
            Assert.True(action.Succeeded, action.Describe());
            ActionId = Guid.Parse(action.Value!);
        }

        public string PlanUrl(string? slug = null) => Url($"/c/{slug ?? Slug}/feuille-de-route/{PlanId}");
    }

    private static async Task CheckBothWidthsAsync(IPage page)
    {
        await page.AssertAccessibleAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.AssertAccessibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), "défilement horizontal : " + await page.OverflowingElementsAsync());
        await page.SetViewportSizeAsync(1280, 800);
    }

    private static async Task ChooseAsync(IPage page, FilePayload file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Choisir un fichier (.csv ou .xlsx)" }).ClickAsync());
        await chooser.SetFilesAsync(file);
        await Expect(page.GetByText("Choisi : " + file.Name)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Coordinator_DownloadsTheCsv_EditsACell_ReimportsIt_AndAMalformedFileIsRefusedWithItsLine()
    {
        var (context, page) = await fixture.SignInAsync(Coordinator);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.PlanUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Feuille de route 2026", Level = 1 })).ToBeVisibleAsync();
        await CheckBothWidthsAsync(page);

        // Download the CSV from the menu.
        await page.GetByRole(AriaRole.Button, new() { Name = "Exporter la feuille de route" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Menuitem, new() { Name = "Tableur CSV" }).ClickAsync());
        Assert.Equal("feuille-de-route-2026.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Code;Code parent;Niveau;Titre;", csv, StringComparison.Ordinal);
        Assert.Contains("1.1;1;Objectif;Permanences au pied des immeubles;", csv, StringComparison.Ordinal);

        // One cell changed in a spreadsheet, then imported back: a preview first, then the change.
        var edited = csv.Replace("Permanences au pied des immeubles", "Permanences renforcées au pied des immeubles", StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Exporter la feuille de route" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Importer un CSV ou XLSX…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importer des actions", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await CheckBothWidthsAsync(page);
        await ChooseAsync(page, new FilePayload { Name = "feuille-de-route-2026.csv", MimeType = "text/csv", Buffer = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(edited)] });
        await Expect(page.Locator("[data-import-summary]")).ToContainTextAsync("Aperçu : 1 action modifiée, 0 ajoutée, 1 inchangée. Rien n'est encore importé.");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-import-summary]")).ToContainTextAsync("Import terminé : 1 action modifiée, 0 ajoutée, 1 inchangée.");
        await page.AssertAccessibleAsync();

        // A malformed file: refused with its line and reason, nothing imported.
        var malformed = "Titre;Statut;Identifiant\r\nPermanences renforcées au pied des immeubles;Terminée;" + fixture.ActionId + "\r\n";
        await ChooseAsync(page, new FilePayload { Name = "mauvais.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(malformed) });
        await Expect(page.Locator("[data-import-summary]")).ToContainTextAsync("Import refusé : 1 problème(s). Rien n'a été importé.");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Problèmes à corriger" })).ToContainTextAsync("Ligne 2 : statut inconnu « Terminée »");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        // The plan shows the change (and not the refused status).
        await page.GetByRole(AriaRole.Link, new() { Name = "Feuille de route 2026" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Permanences renforcées au pied des immeubles" })).ToBeVisibleAsync();
        var view = await fixture.App.Get<PlanService>().GetAsync((await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!, fixture.PlanId);
        Assert.Equal("en-cours", view!.Actions.Single(a => a.Id == fixture.ActionId).Content.StatusCode);

        // The printable page: no app bar, the tree and the budget.
        await page.GetByRole(AriaRole.Button, new() { Name = "Exporter la feuille de route" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Version imprimable (A4)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Feuille de route 2026", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync("Permanences renforcées au pied des immeubles");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "1.1" })).ToContainTextAsync("Mission Locale de Quimper");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Budget", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToHaveCountAsync(0);
        await CheckBothWidthsAsync(page);
    }

    [Fact]
    public async Task TheOtherFiles_AndTheReadApi_ServeMembers()
    {
        var (context, page) = await fixture.SignInAsync(Observer);
        await using var __ = context;
        await page.GotoInteractiveAsync(fixture.PlanUrl());
        await page.GetByRole(AriaRole.Button, new() { Name = "Exporter la feuille de route" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Tableur CSV" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Version imprimable (A4)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Importer un CSV ou XLSX…" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        await page.Keyboard.PressAsync("Escape");

        var markdown = await context.APIRequest.GetAsync(fixture.PlanUrl() + "/export.md");
        Assert.Equal(200, markdown.Status);
        var text = Encoding.UTF8.GetString((await markdown.BodyAsync())[3..]);
        Assert.StartsWith("# Feuille de route 2026\n", text, StringComparison.Ordinal);
        Assert.Contains("### 1.1. Permanences", text, StringComparison.Ordinal);
        Assert.Contains("Reste à engager : 92\u202F000,00 €", text, StringComparison.Ordinal);

        var ics = await context.APIRequest.GetAsync(fixture.PlanUrl() + "/export.ics");
        Assert.Equal(200, ics.Status);
        var calendar = await ics.TextAsync();
        Assert.Contains("BEGIN:VEVENT", calendar, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20260203", calendar, StringComparison.Ordinal);
        Assert.Contains($"UID:echeance-{fixture.ActionId}@citeemploi", calendar, StringComparison.Ordinal);
        // the same file twice: the same UIDs, so a calendar updates its events
        var again = await (await context.APIRequest.GetAsync(fixture.PlanUrl() + "/export.ics")).TextAsync();
        Assert.Equal(Uids(calendar), Uids(again));

        var xlsx = await context.APIRequest.GetAsync(fixture.PlanUrl() + "/export.xlsx");
        Assert.Equal(200, xlsx.Status);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.BodyAsync())[..2]);

        var list = await context.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.Slug}/feuilles-de-route"));
        Assert.Equal(200, list.Status);
        using (var json = JsonDocument.Parse(await list.TextAsync()))
        {
            Assert.Equal("Feuille de route 2026", json.RootElement[0].GetProperty("titre").GetString());
        }
        var plan = await context.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.Slug}/feuilles-de-route/{fixture.PlanId}"));
        Assert.Equal(200, plan.Status);
        using (var json = JsonDocument.Parse(await plan.TextAsync()))
        {
            var action = json.RootElement.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == fixture.ActionId);
            Assert.Equal("1.1", action.GetProperty("code").GetString());
            Assert.Equal("Mission Locale de Quimper", action.GetProperty("pilote").GetProperty("nom").GetString());
            Assert.Equal("2026-12-31", action.GetProperty("echeance").GetString());
            Assert.Equal(12000m, action.GetProperty("budget")[0].GetProperty("prevu").GetDecimal());
        }

        // an observer reads, but the import is coordination's
        Assert.Equal(404, (await context.APIRequest.GetAsync(fixture.PlanUrl() + "/import")).Status);
    }

    private static List<string> Uids(string calendar) =>
        [.. calendar.Split("\r\n").Where(l => l.StartsWith("UID:", StringComparison.Ordinal))];

    [Fact]
    public async Task AMemberOfAnotherCite_GetsTheSame404_OnEveryExport_ThePrintablePage_TheImport_AndTheApi()
    {
        var (context, page) = await fixture.SignInAsync(Outsider);
        await using var _ = context;
        var plan = $"/c/{fixture.Slug}/feuille-de-route/{fixture.PlanId}";
        var theirs = $"/c/{fixture.Other}/feuille-de-route/{fixture.PlanId}";
        var files = new[] { "/export.csv", "/export.xlsx", "/export.md", "/export.ics" };
        foreach (var path in files.SelectMany(f => new[] { plan + f, theirs + f }).Append($"/c/{fixture.Other}/feuille-de-route/{Guid.NewGuid()}/export.csv"))
        {
            var response = await context.APIRequest.GetAsync(fixture.Url(path));
            Assert.True(response.Status == 404, $"{path} : {response.Status}");
            Assert.DoesNotContain("Permanences", await response.TextAsync(), StringComparison.Ordinal);
        }
        foreach (var path in new[] { plan + "/impression", plan + "/import", theirs + "/impression", theirs + "/import" })
        {
            var response = await page.GotoAsync(fixture.Url(path));
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
            Assert.DoesNotContain("Quimper", await page.ContentAsync(), StringComparison.Ordinal);
        }
        await page.AssertAccessibleAsync();

        var apis = new[]
        {
            $"/api/cites/{fixture.Slug}/feuilles-de-route",
            $"/api/cites/{fixture.Slug}/feuilles-de-route/{fixture.PlanId}",
            $"/api/cites/{fixture.Other}/feuilles-de-route/{fixture.PlanId}",
            "/api/cites/cite-inexistante/feuilles-de-route",
        };
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        foreach (var path in apis)
        {
            var member = await context.APIRequest.GetAsync(fixture.Url(path));
            Assert.True(member.Status == 404, $"{path} : {member.Status}");
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }
        // their own Cité's list answers, without the other Cité's plan
        var own = await context.APIRequest.GetAsync(fixture.Url($"/api/cites/{fixture.Other}/feuilles-de-route"));
        Assert.Equal(200, own.Status);
        Assert.Equal("[]", await own.TextAsync());
    }
}
