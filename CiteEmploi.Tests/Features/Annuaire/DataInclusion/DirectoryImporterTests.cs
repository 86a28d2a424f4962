using System.Security.Claims;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Annuaire.Search;
using Microsoft.EntityFrameworkCore;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Features.Annuaire.DataInclusion;

/// <summary>Imports on the real app and database: all or nothing, re-import updates, the wall, search follows.</summary>
public sealed class DirectoryImporterTests(DirectoryImporterTests.Cites fixture) : IClassFixture<DirectoryImporterTests.Cites>
{
    public sealed class Cites : AppFixture
    {
        public string Coordinator { get; private set; } = string.Empty;
        public string Partner { get; private set; } = string.Empty;
        public string OtherCite { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            OtherCite = await CreateCiteAsync("Cité de l'import B");
            Coordinator = await CreatePersonAsync("coord.import@tests.invalid");
            Partner = await CreatePersonAsync("partenaire.import@tests.invalid");
        }

        /// <summary>A new Cité per test, so counts are exact; the coordinator and partner are made members of it.</summary>
        public async Task<(CiteAccess Coordinator, CiteAccess Partner)> NewCiteAsync(string name)
        {
            var slug = await CreateCiteAsync(name);
            await CreatePersonAsync("coord.import@tests.invalid", slug, CiteRole.Coordinateur);
            await CreatePersonAsync("partenaire.import@tests.invalid", slug, CiteRole.Partenaire);
            return (await AccessAsync(Coordinator, slug), await AccessAsync(Partner, slug));
        }

        public async Task<CiteAccess> AccessAsync(string userId, string slug) =>
            (await App.Get<CiteAccessService>().ResolveAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")), slug))!;
    }

    private DirectoryImporter Importer => fixture.App.Get<DirectoryImporter>();

    private Task<ImportReport> ImportSamplesAsync(CiteAccess access, ImportMode mode = ImportMode.AllOrNothing) =>
        Importer.ImportFilesAsync(access, SampleFile("structures.json"), SampleFile("services.json"), mode);

    private async Task<(List<Structure> Structures, List<Service> Services)> StoredAsync(CiteAccess access)
    {
        await using var db = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(access);
        return (await db.Structures.AsNoTracking().ToListAsync(), await db.Services.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task AnImport_IsBroadcastOnlyOnceSearchFindsIt()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import diffusé");
        var foundAtEachDelivery = new List<bool>();
        // searched at the instant each of the import's events is delivered, before any page could be woken by it
        using var delivery = fixture.App.Get<Web.Live.ILiveBus>().Observe((topic, _) =>
        {
            if (topic == Web.Live.LiveTopics.Directory(coordinator.CiteId) && foundAtEachDelivery.Count < 3)
            {
                var found = fixture.App.Get<DirectorySearch>().SearchAsync(coordinator, new DirectoryQuery("permis", SearchFilters.None)).GetAwaiter().GetResult();
                foundAtEachDelivery.Add(found.Items.Count > 0);
            }
        });

        Assert.Equal(ImportOutcome.Imported, (await ImportSamplesAsync(coordinator)).Outcome);

        Assert.Equal([true, true, true], foundAtEachDelivery); // the structures' events come first: they too wait for the index
    }

    [Fact]
    public async Task SampleFiles_AreImported_PublishedAndFoundBySearch()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import complet");

        var report = await ImportSamplesAsync(coordinator);

        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        Assert.Equal(new ImportCounts(5, 0, 6, 0, 6, 0), report.Counts);
        var (structures, services) = await StoredAsync(coordinator);
        Assert.Equal(5, structures.Count);
        Assert.All(services, s => Assert.Equal(ServiceStatus.Publie, s.Status));
        var permis = services.Single(s => s.ExternalId == "dora--permis-accompagne");
        Assert.Equal(structures.Single(s => s.ExternalId == "dora--auto-ecole-sociale-90").Id, permis.StructureId);
        Assert.Equal(new DateOnly(2026, 1, 12), permis.UpdatedOn);

        var found = await fixture.App.Get<DirectorySearch>().SearchAsync(coordinator, new DirectoryQuery("permis", SearchFilters.None));
        Assert.Equal(permis.Id, found.Items[0].View.Service.Id);

        // new services are written without EF's change tracker: read back through EF, every field is what the domain made
        var placeholder = Structure.Create(coordinator.CiteId, new StructureDetails { Name = "Structure" }, Now);
        foreach (var record in report.Batch.Services)
        {
            var stored = services.Single(s => s.ExternalId == record.Reference.Id);
            var expected = Service.Import(placeholder, record.Reference, record.Details, record.DateMaj, Now);
            Assert.Equal(expected.ToDetails().WeeklyHours, stored.WeeklyHours);
            Assert.Equal(
                System.Text.Json.JsonSerializer.Serialize(expected.ToDetails() with { WeeklyHours = null }),
                System.Text.Json.JsonSerializer.Serialize(stored.ToDetails() with { WeeklyHours = null }));
            Assert.Equal((coordinator.CiteId, record.Reference.Source, 2, ServiceStatus.Publie), (stored.CiteId, stored.Source, stored.Version, stored.Status));
        }
    }

    [Fact]
    public async Task ReimportingTheSameFiles_UpdatesAndNeverDuplicates()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import deux fois");
        await ImportSamplesAsync(coordinator);
        var (_, before) = await StoredAsync(coordinator);

        var again = await ImportSamplesAsync(coordinator);

        Assert.Equal(ImportOutcome.Imported, again.Outcome);
        Assert.Equal(new ImportCounts(0, 0, 0, 0, 0, 0, Unchanged: 11), again.Counts);
        var (structures, services) = await StoredAsync(coordinator);
        Assert.Equal(5, structures.Count);
        Assert.Equal(before.Select(s => (s.Id, s.Version)).Order(), services.Select(s => (s.Id, s.Version)).Order());
    }

    [Fact]
    public async Task Reimport_OfAChangedRecord_UpdatesItInPlace_AndSearchFollows()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import modifié");
        await Importer.ImportFilesAsync(coordinator, Text("s.json", $"[{StructureJson()}]"), Text("v.json", $"[{ServiceJson()}, {ServiceJson("dora--v2")}]"), ImportMode.AllOrNothing);
        var (_, before) = await StoredAsync(coordinator);

        var report = await Importer.ImportFilesAsync(coordinator,
            Text("s.json", $"[{StructureJson(changes: [("nom", "\"Maison de quartier du Mont\""), ("date_maj", "\"2025-12-01\"")])}]"),
            Text("v.json", $"[{ServiceJson(changes: [("nom", "\"Atelier tablette\""), ("date_maj", "\"2025-12-01\"")])}, {ServiceJson("dora--v2")}]"),
            ImportMode.AllOrNothing);

        Assert.Equal(new ImportCounts(0, 1, 0, 1, 0, 0, Unchanged: 1), report.Counts);
        var (structures, services) = await StoredAsync(coordinator);
        Assert.Equal("Maison de quartier du Mont", Assert.Single(structures).Name);
        var updated = services.Single(s => s.ExternalId == "dora--v1");
        Assert.Equal(before.Single(s => s.ExternalId == "dora--v1").Id, updated.Id);
        Assert.Equal("Atelier tablette", updated.Name);
        Assert.Equal(new DateOnly(2025, 12, 1), updated.UpdatedOn);
        var search = fixture.App.Get<DirectorySearch>();
        // found first by its new name (« tablette » is also a word of the lexicon: the other service, classed under numérique, follows)
        var tablette = (await search.SearchAsync(coordinator, new DirectoryQuery("tablette", SearchFilters.None))).Items;
        Assert.Equal((updated.Id, "Atelier <mark>tablette</mark>"), (tablette[0].View.Service.Id, tablette[0].NameHtml));
        Assert.All(tablette.Skip(1), r => Assert.DoesNotContain("<mark>", r.NameHtml, StringComparison.Ordinal));
        // the unchanged service is found under its structure's new name too
        Assert.Equal(2, (await search.SearchAsync(coordinator, new DirectoryQuery("maison quartier", SearchFilters.None))).Items.Count);
    }

    [Fact]
    public async Task Reimport_WritesEveryFieldOfTheUpdatedServices_AndTheirNewVersion()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import réécrit");
        await ImportSamplesAsync(coordinator);
        var (_, before) = await StoredAsync(coordinator);
        // every service with a newer date, and a changed name in one of them
        var newer = System.Text.RegularExpressions.Regex.Replace(System.IO.File.ReadAllText(PathOf("services.json")),
            "\"date_maj\": *\"[0-9-]+\"", "\"date_maj\": \"2026-06-01\"").Replace("Permis", "Permis de conduire", StringComparison.Ordinal);
        var batch = await Importer.ReadAsync(coordinator, SampleFile("structures.json"), Text("v.json", newer));

        var report = await Importer.ImportAsync(coordinator, batch, ImportMode.AllOrNothing);

        Assert.Equal(6, report.Counts.UpdatedServices);
        var (_, services) = await StoredAsync(coordinator);
        // updates are written without EF's change tracker: read back through EF, every field is what the domain made
        foreach (var record in batch.Services)
        {
            var expected = before.Single(s => s.ExternalId == record.Reference.Id);
            expected.Reimport(record.Reference, record.Details, record.DateMaj);
            var stored = services.Single(s => s.Id == expected.Id);
            Assert.Equal(
                System.Text.Json.JsonSerializer.Serialize(expected.ToDetails() with { WeeklyHours = null }),
                System.Text.Json.JsonSerializer.Serialize(stored.ToDetails() with { WeeklyHours = null }));
            Assert.Equal((expected.Version, expected.UpdatedOn, expected.Status, expected.StructureId), (stored.Version, stored.UpdatedOn, stored.Status, stored.StructureId));
        }
    }

    [Fact]
    public async Task BulkUpdate_OfAServiceChangedSinceItWasRead_IsRefusedLikeEfCore()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import concurrent");
        await ImportSamplesAsync(coordinator);
        var (_, services) = await StoredAsync(coordinator);
        var service = services[0];
        var readVersion = service.Version;
        service.Reimport(new ExternalReference(service.Source!, service.ExternalId!), service.ToDetails() with { Name = "Nom changé" }, service.UpdatedOn.AddDays(1));
        await using var db = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(coordinator);

        // someone else saved a version in between: the row no longer has the version this change started from
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => BulkInsert.UpdateAsync(db, [service], [readVersion - 1], CancellationToken.None));
        Assert.NotEqual("Nom changé", (await StoredAsync(coordinator)).Services.Single(s => s.Id == service.Id).Name);

        await BulkInsert.UpdateAsync(db, [service], [readVersion], CancellationToken.None);
        var stored = (await StoredAsync(coordinator)).Services.Single(s => s.Id == service.Id);
        Assert.Equal(("Nom changé", readVersion + 1), (stored.Name, stored.Version));
    }

    [Fact]
    public async Task Reimport_KeepsTheStatusTheCoordinatorChose_AndTheStructuresQpvs()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import statut");
        await ImportSamplesAsync(coordinator);
        var directory = fixture.App.Get<DirectoryService>();
        var (structures, services) = await StoredAsync(coordinator);
        var fle = services.Single(s => s.ExternalId == "dora--ateliers-fle");
        Assert.True((await directory.ArchiveServiceAsync(coordinator, fle.Id)).Succeeded);
        var centre = structures.Single(s => s.ExternalId == "dora--cs-residences");
        var withQpv = centre.ToDetails() with { QpvCodes = ["QN09001M"] };
        Assert.True((await directory.UpdateStructureAsync(coordinator, centre.Id, withQpv, centre.Version)).Succeeded);

        Assert.Equal(ImportOutcome.Imported, (await ImportSamplesAsync(coordinator)).Outcome);

        var (afterStructures, afterServices) = await StoredAsync(coordinator);
        Assert.Equal(ServiceStatus.Archive, afterServices.Single(s => s.Id == fle.Id).Status);
        Assert.Equal(["QN09001M"], afterStructures.Single(s => s.Id == centre.Id).QpvCodes);
        // the coordinator's edit is newer than the producer's date and the content is the same: nothing goes back in time
        Assert.True(afterStructures.Single(s => s.Id == centre.Id).UpdatedOn > new DateOnly(2025, 9, 18));
    }

    [Fact]
    public async Task OneBadRecord_RefusesTheWholeImport_UnlessTheValidOnesAreChosen()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import partiel");
        var structures = Text("structures.json", $"[{StructureJson("dora--s1")}, {StructureJson("dora--s2", ("reseaux_porteurs", "[\"inconnu\"]"))}]");
        var services = Text("services.json", $"[{ServiceJson("dora--v1", "dora--s1")}, {ServiceJson("dora--v2", "dora--s2")}]");

        var refused = await Importer.ImportFilesAsync(coordinator, structures, services, ImportMode.AllOrNothing);

        Assert.Equal(ImportOutcome.Refused, refused.Outcome);
        Assert.Contains("Rien n'a été importé", refused.Describe(), StringComparison.Ordinal);
        Assert.Contains("« inconnu »", refused.Describe(), StringComparison.Ordinal);
        var (none, noServices) = await StoredAsync(coordinator);
        Assert.Empty(none);
        Assert.Empty(noServices);

        var partial = await Importer.ImportFilesAsync(coordinator, structures, services, ImportMode.ValidOnly);

        Assert.Equal(ImportOutcome.Imported, partial.Outcome);
        Assert.Equal(new ImportCounts(1, 0, 1, 0, 1, 2), partial.Counts);
        var (stored, storedServices) = await StoredAsync(coordinator);
        Assert.Equal("dora--s1", Assert.Single(stored).ExternalId);
        Assert.Equal("dora--v1", Assert.Single(storedServices).ExternalId);
    }

    [Fact]
    public async Task RecordTheDirectoryRefuses_RollsBackEverything()
    {
        // valid as a file, refused by the directory: a published service re-imported without any thématique
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import annulé");
        await Importer.ImportFilesAsync(coordinator, Text("s.json", $"[{StructureJson()}]"), Text("v.json", $"[{ServiceJson()}]"), ImportMode.AllOrNothing);

        var report = await Importer.ImportFilesAsync(coordinator,
            Text("s.json", $"[{StructureJson(changes: [("nom", "\"Nom changé\"")])}]"),
            Text("v.json", $"[{ServiceJson(changes: [("thematiques", "[]")])}]"),
            ImportMode.AllOrNothing);

        Assert.Equal(ImportOutcome.Refused, report.Outcome);
        Assert.Contains(report.Batch.Services[0].Issues, i => i.Field == "thematiques");
        var (structures, services) = await StoredAsync(coordinator);
        Assert.Equal("Centre social du Mont", Assert.Single(structures).Name);
        Assert.Equal(["numerique--maitriser-les-fondamentaux-du-numerique"], Assert.Single(services).Thematiques);
    }

    [Fact]
    public async Task ServicesFileAlone_MayPointToStructuresImportedBefore()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import en deux temps");
        await Importer.ImportFilesAsync(coordinator, Text("s.json", $"[{StructureJson("dora--s1")}]"), Text("v.json", "[]"), ImportMode.AllOrNothing);

        var report = await Importer.ImportFilesAsync(coordinator, Text("s.json", "[]"), Text("v.json", $"[{ServiceJson("dora--v9", "dora--s1")}]"), ImportMode.AllOrNothing);

        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        Assert.Equal(1, report.Counts.NewServices);
    }

    [Fact]
    public async Task Preview_CountsWhatWouldChange_AndWritesNothing()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import aperçu");
        await Importer.ImportFilesAsync(coordinator, Text("s.json", $"[{StructureJson("dora--ml-belfort")}]"), Text("v.json", "[]"), ImportMode.AllOrNothing);

        var preview = await Importer.PreviewAsync(coordinator, SampleFile("structures.json"), SampleFile("services.json"));

        Assert.Equal(ImportOutcome.Preview, preview.Outcome);
        Assert.Equal(new ImportCounts(4, 1, 6, 0, 6, 0), preview.Counts);
        var (structures, services) = await StoredAsync(coordinator);
        Assert.Single(structures);
        Assert.Empty(services);
    }

    [Fact]
    public async Task Partner_CannotImport()
    {
        var (_, partner) = await fixture.NewCiteAsync("Cité import partenaire");

        var report = await ImportSamplesAsync(partner);

        Assert.Equal(ImportOutcome.Forbidden, report.Outcome);
        var (structures, _) = await StoredAsync(partner);
        Assert.Empty(structures);
    }

    [Fact]
    public async Task TheCitesOwnExport_IsNotImportedBackIntoIt()
    {
        var (coordinator, _) = await fixture.NewCiteAsync("Cité import retour");
        var own = DataInclusionExport.CiteSource(coordinator.Slug);

        var report = await Importer.ImportFilesAsync(coordinator,
            Text("s.json", $"[{StructureJson($"{own}--x", ("source", $"\"{own}\""))}]"), Text("v.json", "[]"), ImportMode.AllOrNothing);

        Assert.Equal(ImportOutcome.Refused, report.Outcome);
        Assert.Contains("exports de cette Cité", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameFileInTwoCites_GivesEachItsOwnRecords()
    {
        var (first, _) = await fixture.NewCiteAsync("Cité import un");
        var (second, _) = await fixture.NewCiteAsync("Cité import deux");

        await ImportSamplesAsync(first);
        var report = await ImportSamplesAsync(second);

        Assert.Equal(new ImportCounts(5, 0, 6, 0, 6, 0), report.Counts);
        var (firstStructures, _) = await StoredAsync(first);
        var (secondStructures, _) = await StoredAsync(second);
        Assert.Empty(firstStructures.Select(s => s.Id).Intersect(secondStructures.Select(s => s.Id)));
    }
}
