using System.Net;
using System.Text.Json;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Annuaire;

/// <summary>
/// Importing a data·inclusion directory from the page, as a coordinator would: a good pair of files goes in after the
/// preview, a broken one is refused with its reasons; export is for the Cité's members only.
/// </summary>
public sealed class DirectoryImportTests(DirectoryImportTests.Cites fixture) : IClassFixture<DirectoryImportTests.Cites>
{
    public sealed class Cites : AppFixture
    {
        public string A { get; private set; } = string.Empty;
        public string B { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            A = await CreateCiteAsync("Cité de l'import A");
            B = await CreateCiteAsync("Cité de l'import B");
            await CreatePersonAsync("coord.import.a@tests.invalid", A, CiteRole.Coordinateur, "Coordinatrice A");
            await CreatePersonAsync("obs.import.a@tests.invalid", A, CiteRole.Observateur, "Observateur A");
            await CreatePersonAsync("coord.import.b@tests.invalid", B, CiteRole.Coordinateur, "Coordinateur B");
        }
    }

    private string ImportPage(string slug) => fixture.Url($"/c/{slug}/annuaire/import");

    /// <summary>As a person does: the button opens the browser's file chooser, the file is picked there.</summary>
    private static async Task ChooseAsync(IPage page, string which, string path)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = which }).ClickAsync());
        await chooser.SetFilesAsync(path);
        await Expect(page.GetByText("Choisi : " + Path.GetFileName(path))).ToBeVisibleAsync();
    }

    private static async Task ChooseAsync(IPage page, string which, FilePayload file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = which }).ClickAsync());
        await chooser.SetFilesAsync(file);
        await Expect(page.Locator("[id^='fichier-'][id$='-choisi']").Filter(new() { HasText = "Choisi : " + file.Name })).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Coordinator_ImportsAGoodFile_AfterThePreview_AndMembersExportIt()
    {
        var (context, page) = await fixture.SignInAsync("coord.import.a@tests.invalid");
        await using var _ = context;
        await page.GotoInteractiveAsync(ImportPage(fixture.A));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importer un annuaire data·inclusion", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await ChooseAsync(page, "Fichier des structures", PathOf("structures.json"));
        await ChooseAsync(page, "Fichier des services", PathOf("services.json"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les fichiers" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.List, new() { Name = "Résumé de l'aperçu" });
        await Expect(summary).ToContainTextAsync("11 nouveaux (5 structure(s), 6 service(s))");
        await Expect(summary).ToContainTextAsync("0 refusé(s)");
        await Expect(page.GetByText("Champs hors du schéma data·inclusion, ignorés : score_qualite.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Import terminé" }))
            .ToContainTextAsync("5 structure(s) et 6 service(s) ajoutés, 0 mis à jour, 0 inchangé(s), 6 service(s) publié(s).");
        await page.AssertAccessibleAsync();

        // the export has the six published services, as data·inclusion JSON
        var response = await context.APIRequest.GetAsync(fixture.Url($"/c/{fixture.A}/annuaire/export/services.json"));
        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        using var services = JsonDocument.Parse(await response.TextAsync());
        Assert.Equal(6, services.RootElement.GetArrayLength());
        Assert.Contains(services.RootElement.EnumerateArray(), s => s.GetProperty("id").GetString() == "dora--permis-accompagne");
    }

    [Fact]
    public async Task Coordinator_GivenABrokenFile_SeesEveryReason_AndCannotImportItWhole()
    {
        var (context, page) = await fixture.SignInAsync("coord.import.a@tests.invalid", width: 360, height: 740);
        await using var _ = context;
        await page.GotoInteractiveAsync(ImportPage(fixture.A));
        await ChooseAsync(page, "Fichier des structures", new FilePayload
        {
            Name = "structures.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"[{StructureJson("dora--s1")}, {StructureJson("dora--s2", ("reseaux_porteurs", "[\"reseau-imaginaire\"]"))}]"),
        });
        await ChooseAsync(page, "Fichier des services", new FilePayload
        {
            Name = "services.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(
                "source;structure_id;id;nom;description;date_maj;thematiques\n"
                + "dora;dora--s1;dora--v1;Atelier numérique;Apprendre à se servir d'un ordinateur.;2025-10-01;numerique--acquerir-un-equipement\n"
                + "dora;dora--fantome;dora--v2;Atelier CV;Construire son CV pas à pas.;14/02/2025;preparer-sa-candidature--voler\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les fichiers" }).ClickAsync();

        var report = page.GetByRole(AriaRole.Table);
        await Expect(report).ToContainTextAsync("élément n° 2 (index 1)");
        await Expect(report).ToContainTextAsync("Code inconnu « reseau-imaginaire »");
        await Expect(report).ToContainTextAsync("ligne 3");
        await Expect(report).ToContainTextAsync("structure inconnue « dora--fantome »");
        await Expect(report).ToContainTextAsync("date invalide « 14/02/2025 »");
        await Expect(report).ToContainTextAsync("Code inconnu « preparer-sa-candidature--voler »");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importer les 2 enregistrements valides" })).ToBeVisibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), $"la page défile horizontalement à 360 px : {await page.OverflowingElementsAsync()}");
        await page.AssertAccessibleAsync();

        // an unreadable file: refused as a whole, nothing to import
        await ChooseAsync(page, "Fichier des structures", new FilePayload
        {
            Name = "structures.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.Latin1.GetBytes("source;id;nom;date_maj\ndora;dora--s1;Crèche;2025-10-01\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier les fichiers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "structures.csv" })).ToContainTextAsync("n'est pas encodé en UTF-8");
        await Expect(page.GetByText("Rien ne peut être importé")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Observer_DoesNotGetTheImportPage()
    {
        var (context, page) = await fixture.SignInAsync("obs.import.a@tests.invalid");
        await using var _ = context;

        var response = await page.GotoAsync(ImportPage(fixture.A));

        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
    }

    [Fact]
    public async Task Outsider_CannotExportAnotherCitesDirectory()
    {
        var (context, _) = await fixture.SignInAsync("coord.import.b@tests.invalid");
        await using var __ = context;

        foreach (var path in new[] { "/annuaire/export/services.json", "/annuaire/export/structures.csv", "/annuaire/export.zip" })
        {
            var other = await context.APIRequest.GetAsync(fixture.Url($"/c/{fixture.A}{path}"));
            Assert.Equal((int)HttpStatusCode.NotFound, other.Status);
            Assert.DoesNotContain("dora--", await other.TextAsync(), StringComparison.Ordinal);
        }
        var own = await context.APIRequest.GetAsync(fixture.Url($"/c/{fixture.B}/annuaire/export/services.json"));
        Assert.Equal((int)HttpStatusCode.OK, own.Status);
        Assert.Equal("[]", (await own.TextAsync()).Trim());

        // and without an account, no export at all
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.App.BaseUrl) };
        var anonymous = await client.GetAsync(new Uri($"/c/{fixture.B}/annuaire/export/services.json", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }
}
