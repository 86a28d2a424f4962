using System.Globalization;
using System.Text;
using Bunit;
using CiteEmploi.Web.Components.Pages.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Components.Pages.Annuaire;

/// <summary>
/// The import page's preview of files read as the page reads them: every refused record with where to find it and
/// why, the import buttons the batch allows, and the limits written in French whatever the server's culture.
/// </summary>
public sealed class ImportPreviewTests : MudTestContext
{
    private static ImportReport Preview(DataInclusionBatch batch) =>
        new(ImportOutcome.Preview, batch, new ImportCounts(batch.Structures.Count(s => s.IsValid), 0, batch.Services.Count(s => s.IsValid), 0, 0, batch.RejectedCount));

    [Fact]
    public void AMalformedRecord_IsListedWithItsPlaceAndReasons_AndOnlyTheValidOnesCanBeImported()
    {
        var batch = ReadJson(
            $"[{StructureJson("dora--s1")}, {StructureJson("dora--s2", ("reseaux_porteurs", "[\"reseau-imaginaire\"]"))}]",
            $"[{ServiceJson("dora--v1")}, {ServiceJson("dora--v2", "dora--fantome")}]");
        ImportMode? chosen = null;

        var cut = Render<ImportPreview>(p => p.Add(c => c.Report, Preview(batch)).Add(c => c.OnImport, (ImportMode m) => chosen = m));

        Assert.Contains("2 refusé(s)", cut.Find("[aria-label='Résumé de l\\'aperçu']").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("table tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("structures.json", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("élément n° 2 (index 1)", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("dora--s2", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Code inconnu « reseau-imaginaire »", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("structure inconnue « dora--fantome »", rows[1].TextContent, StringComparison.Ordinal);
        // on a phone each cell says what it is (MudTable's stacked layout)
        Assert.Equal("Raisons", rows[0].QuerySelectorAll("td")[3].GetAttribute("data-label"));

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Importer");
        cut.FindAll("button").Single(b => b.TextContent.Contains("Importer les 2 enregistrements valides", StringComparison.Ordinal)).Click();
        Assert.Equal(ImportMode.ValidOnly, chosen);
    }

    [Fact]
    public void AnUnreadableFile_IsRefusedAsAWhole_WithItsReason()
    {
        var batch = DataInclusionReader.Read(
            new DataInclusionInput("structures.csv", Encoding.Latin1.GetBytes("source;id;nom;date_maj\ndora;dora--s1;Crèche;2025-10-01\n")),
            Text("services.json", $"[{ServiceJson("dora--v1")}]"),
            Options);

        var cut = Render<ImportPreview>(p => p.Add(c => c.Report, Preview(batch)));

        var alert = cut.Find("[role=alert]");
        Assert.Contains("structures.csv", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("n'est pas encodé en UTF-8", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rien ne peut être importé", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void AGoodBatch_OffersTheWholeImport_AndNoButtonOnceImported()
    {
        var batch = ReadJson($"[{StructureJson("dora--s1")}]", $"[{ServiceJson("dora--v1")}]");

        var cut = Render<ImportPreview>(p => p.Add(c => c.Report, Preview(batch)));
        Assert.Contains("2 nouveaux (1 structure(s), 1 service(s))", cut.Find("ul.import-counts").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("button"), b => b.TextContent.Trim() == "Importer");
        Assert.Empty(cut.FindAll("table"));

        cut.Render(p => p.Add(c => c.ShowActions, false));
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void TheLimits_AreWrittenTheFrenchWay_OnAServerWhoseCultureIsEnglish()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");

            var cut = Render<ImportFilesHint>();

            // fr-FR groups thousands with a narrow no-break space (U+202F); some systems give a no-break space
            var text = cut.Find("#fichiers-aide").TextContent.Replace('\u202F', ' ').Replace('\u00A0', ' ');
            Assert.Contains("100 000 enregistrements par fichier", text, StringComparison.Ordinal);
            Assert.DoesNotContain("100,000", text, StringComparison.Ordinal);
            Assert.Contains($"Au plus {DataInclusionLimits.MaxFileSizeText}", text, StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    [Fact]
    public void LargeCounts_AreWrittenTheFrenchWay_OnAServerWhoseCultureIsEnglish()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            var batch = ReadJson($"[{StructureJson("dora--s1")}]", $"[{ServiceJson("dora--v1")}]");
            var report = new ImportReport(ImportOutcome.Preview, batch, new ImportCounts(12_000, 0, 3_500, 1_250, 0, 0, 42_000));

            var cut = Render<ImportPreview>(p => p.Add(c => c.Report, report));

            var text = cut.Find("[aria-label='Résumé de l\\'aperçu']").TextContent.Replace('\u202F', ' ').Replace('\u00A0', ' ');
            Assert.Contains("15 500 nouveaux (12 000 structure(s), 3 500 service(s))", text, StringComparison.Ordinal);
            Assert.Contains("1 250 mis à jour", text, StringComparison.Ordinal);
            Assert.Contains("42 000 inchangé(s)", text, StringComparison.Ordinal);
            Assert.DoesNotContain(",", text.Replace("structure(s), ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
