using System.Text;
using System.Text.Json;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Features.Annuaire.DataInclusion;

public class DataInclusionWriterTests
{
    private static readonly Guid CiteId = Guid.NewGuid();

    /// <summary>The sample files turned into the domain's aggregates, every service published, plus one made here.</summary>
    private static (List<Structure> Structures, List<Service> Services) Directory()
    {
        var batch = ReadJsonSamples();
        Assert.True(batch.IsValid, batch.Describe());
        var structures = batch.Structures.Select(r => Structure.Import(CiteId, r.Reference, r.Details, r.DateMaj, Now)).ToList();
        var byReference = structures.ToDictionary(s => new ExternalReference(s.Source!, s.ExternalId!));
        var services = batch.Services
            .Select(r => Service.Import(byReference[r.StructureReference!], r.Reference, r.Details, r.DateMaj, Now))
            .ToList();
        services.ForEach(s => s.Publish());

        var local = Structure.Create(CiteId, new StructureDetails { Name = "Épicerie solidaire du Mont", Networks = ["banques-alimentaires"] }, Now);
        var localService = Service.Create(local, new ServiceDetails
        {
            Name = "Colis alimentaires",
            Description = "Un colis par semaine, sur orientation d'un travailleur social.",
            Thematiques = ["equipement-et-alimentation--alimentation"],
            Publics = ["tous-publics"],
        }, Now);
        localService.Publish();
        structures.Add(local);
        services.Add(localService);
        return (structures, services);
    }

    private static async Task<string> WriteAsync(Func<Stream, DataInclusionExport, CancellationToken, Task> write, DataInclusionExport export)
    {
        using var stream = new MemoryStream();
        await write(stream, export, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task JsonExport_IsValidAgainstThePublishedSchemas()
    {
        var (structures, services) = Directory();
        var export = DataInclusionExport.Of("belfort", structures, services);

        var structuresJson = await WriteAsync(DataInclusionWriter.WriteStructuresJsonAsync, export);
        var servicesJson = await WriteAsync(DataInclusionWriter.WriteServicesJsonAsync, export);

        AssertValid(structuresJson, "structure.schema.json", expectedCount: 6);
        AssertValid(servicesJson, "service.schema.json", expectedCount: 7);
    }

    [Fact]
    public void SchemaCheck_CatchesARecordThatBreaksTheSchema()
    {
        // the validator is really applied: a record without its required name and with an unknown code fails
        var schema = LoadSchema("service.schema.json");
        var record = JObject.Parse("{\"source\": \"dora\", \"structure_id\": \"s\", \"id\": \"v\", \"description\": \"Un service.\", \"date_maj\": \"2025-01-01\", \"thematiques\": [\"inconnue\"]}");

        Assert.False(record.IsValid(schema, out IList<string> errors));
        Assert.Contains(errors, e => e.Contains("nom", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("thematiques", StringComparison.Ordinal));
    }

    private static void AssertValid(string json, string schemaFile, int expectedCount)
    {
        var schema = LoadSchema(schemaFile);
        var records = JArray.Parse(json);
        Assert.Equal(expectedCount, records.Count);
        var errors = new List<string>();
        foreach (var record in records)
        {
            if (!record.IsValid(schema, out IList<string> messages))
            {
                errors.AddRange(messages.Select(m => $"{record["id"]}: {m}"));
            }
        }
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private static JSchema LoadSchema(string file)
    {
        var schema = JSchema.Parse(System.IO.File.ReadAllText(SchemaPath(file)));
        return schema;
    }

    [Fact]
    public void Export_HasOnlyPublishedServices_AndTheStructuresCarryingThem()
    {
        var (structures, services) = Directory();
        services.Single(s => s.ExternalId == "dora--places-avip").Archive();
        services.Single(s => s.ExternalId == "france-travail--atelier-cv").BackToDraft();

        var export = DataInclusionExport.Of("belfort", structures, services);

        Assert.Equal(5, export.Services.Count);
        Assert.DoesNotContain(export.Services, s => s.Reference.Id is "dora--places-avip" or "france-travail--atelier-cv");
        // the crèche and France Travail have nothing published left
        Assert.DoesNotContain(export.Structures, s => s.Reference.Id is "dora--creche-petits-pas" or "france-travail--agence-belfort-nord");
    }

    [Fact]
    public void Export_KeepsTheProducersIds_AndNamesTheCiteForRecordsMadeHere()
    {
        var (structures, services) = Directory();

        var export = DataInclusionExport.Of("belfort", structures, services);

        Assert.Contains(export.Structures, s => s.Reference == new ExternalReference("dora", "dora--ml-belfort"));
        var local = export.Structures.Single(s => s.Structure.Source is null);
        Assert.Equal("citeemploi-belfort", local.Reference.Source);
        Assert.Equal($"citeemploi-belfort--{local.Structure.Id:D}", local.Reference.Id);
        var localService = export.Services.Single(s => s.Service.Source is null);
        Assert.Equal(local.Reference.Id, localService.StructureId);
    }

    [Fact]
    public async Task JsonExport_ReadBack_GivesTheSameRecords()
    {
        var (structures, services) = Directory();
        var export = DataInclusionExport.Of("belfort", structures, services);

        var batch = DataInclusionReader.Read(
            Text("structures.json", await WriteAsync(DataInclusionWriter.WriteStructuresJsonAsync, export)),
            Text("services.json", await WriteAsync(DataInclusionWriter.WriteServicesJsonAsync, export)),
            Options);

        AssertSameRecords(export, batch);
    }

    [Fact]
    public async Task CsvExport_ReadBack_GivesTheSameRecords()
    {
        var (structures, services) = Directory();
        var export = DataInclusionExport.Of("belfort", structures, services);

        var structuresCsv = await WriteAsync(DataInclusionWriter.WriteStructuresCsvAsync, export);
        var servicesCsv = await WriteAsync(DataInclusionWriter.WriteServicesCsvAsync, export);
        var batch = DataInclusionReader.Read(Text("structures.csv", structuresCsv), Text("services.csv", servicesCsv), Options);

        Assert.StartsWith("\uFEFFsource,id,nom,description,date_maj", structuresCsv, StringComparison.Ordinal);
        Assert.Contains("\"mobilite--preparer-un-permis,mobilite--financer-ma-mobilite\"", servicesCsv, StringComparison.Ordinal);
        AssertSameRecords(export, batch);
    }

    [Fact]
    public async Task CsvExport_NeutralisesSpreadsheetFormulas_AndReadsThemBackAsWritten()
    {
        var (structures, services) = Directory();
        var hostile = Structure.Create(CiteId, new StructureDetails
        {
            Name = "@SUM(1+1) Association",
            Description = "=HYPERLINK(\"http://exemple.invalid\";\"cliquez\")",
            Phone = "+33384280000",
            Address = new PostalAddress { Street = "-1 rue du Port", Postcode = "44000", Commune = "Nantes", Latitude = 47.2, Longitude = -1.55 },
        }, Now);
        var service = Service.Create(hostile, new ServiceDetails
        {
            Name = "Permanence",
            Description = "+ de 10 ateliers par mois.",
            Thematiques = ["numerique--maitriser-les-fondamentaux-du-numerique"],
        }, Now);
        service.Publish();
        var export = DataInclusionExport.Of("belfort", [.. structures, hostile], [.. services, service]);

        var structuresCsv = await WriteAsync(DataInclusionWriter.WriteStructuresCsvAsync, export);
        var servicesCsv = await WriteAsync(DataInclusionWriter.WriteServicesCsvAsync, export);

        // every text that would start a formula is written after an apostrophe; numbers stay numbers
        Assert.Contains(",'@SUM(1+1) Association,", structuresCsv, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://exemple.invalid\"\";\"\"cliquez\"\")\",", structuresCsv, StringComparison.Ordinal);
        Assert.Contains(",'+33384280000,", structuresCsv, StringComparison.Ordinal);
        Assert.Contains(",'-1 rue du Port,", structuresCsv, StringComparison.Ordinal);
        Assert.Contains(",-1.55,", structuresCsv, StringComparison.Ordinal);
        Assert.Contains(",'+ de 10 ateliers par mois.,", servicesCsv, StringComparison.Ordinal);
        // a file exported here goes back in unchanged
        AssertSameRecords(export, DataInclusionReader.Read(Text("structures.csv", structuresCsv), Text("services.csv", servicesCsv), Options));
    }

    private static void AssertSameRecords(DataInclusionExport export, DataInclusionBatch batch)
    {
        Assert.True(batch.IsValid, batch.Describe());
        Assert.Equal(export.Structures.Count, batch.Structures.Count);
        Assert.Equal(export.Services.Count, batch.Services.Count);
        foreach (var (exported, read) in export.Structures.Zip(batch.Structures))
        {
            Assert.Equal(exported.Reference, read.Reference);
            Assert.Equal(exported.Structure.UpdatedOn, read.DateMaj);
            // compared after the domain's cleaning, as an import would store them (QPVs are not part of the schema)
            var reimported = Structure.Import(CiteId, read.Reference, read.Details, read.DateMaj, Now);
            Assert.Equal(Json(exported.Structure.ToDetails() with { QpvCodes = [] }), Json(reimported.ToDetails()));
        }
        var structuresById = batch.Structures.ToDictionary(s => s.Reference, s => Structure.Import(CiteId, s.Reference, s.Details, s.DateMaj, Now));
        foreach (var (exported, read) in export.Services.Zip(batch.Services))
        {
            Assert.Equal(exported.Reference, read.Reference);
            Assert.Equal(exported.StructureId, read.StructureReference!.Id);
            var reimported = Service.Import(structuresById[read.StructureReference], read.Reference, read.Details, read.DateMaj, Now);
            Assert.Equal(Json(exported.Service.ToDetails()), Json(reimported.ToDetails()));
            Assert.Equal(exported.Service.UpdatedOn, reimported.UpdatedOn);
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
