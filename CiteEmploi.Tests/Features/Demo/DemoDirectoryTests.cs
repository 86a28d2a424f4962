using System.Text.Json;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Demo;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;

namespace CiteEmploi.Tests.Features.Demo;

/// <summary>The demonstration directory: valid data·inclusion files, valid domain records, every barrier covered, all fictional.</summary>
public sealed class DemoDirectoryTests
{
    private const string FictionLabel = "(Données de démonstration, fictives.)";

    private static readonly Guid CiteId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<DemoDirectoryContent> LazyContent = new(() => DemoDirectory.Build(CiteId, Now));

    private static DemoDirectoryContent Content => LazyContent.Value;

    public static TheoryData<string> FreinCodes => [.. Freins.All.Select(f => f.Code)];

    [Fact]
    public void EveryRecord_PassesTheDomainValidation_AndBelongsToTheCite()
    {
        // Build throws on the first record the domain refuses, naming it
        var content = DemoDirectory.Build(CiteId, Now);

        Assert.Equal(DemoDirectory.Read(Now).Batch.Structures.Count, content.Structures.Count);
        Assert.Equal(DemoDirectory.Read(Now).Batch.Services.Count, content.Services.Count);
        Assert.All(content.Structures, s => Assert.Equal(CiteId, s.CiteId));
        Assert.All(content.Services, s => Assert.Equal(CiteId, s.CiteId));
        Assert.All(content.Structures, s => Assert.Equal(DemoDirectory.Source, s.Source));
        Assert.All(content.Services, s => Assert.Equal(DemoDirectory.Source, s.Source));
    }

    [Fact]
    public void TheDirectory_IsAsLargeAsTheIssueAsks()
    {
        Assert.True(Content.Structures.Count >= 20, $"{Content.Structures.Count} structures");
        Assert.True(Content.Services.Count >= 60, $"{Content.Services.Count} services");
    }

    [Theory]
    [MemberData(nameof(FreinCodes))]
    public void EveryBarrier_HasAtLeastTwoPublishedServices(string code)
    {
        var covering = Content.Services.Where(s => s.IsPublished && s.Freins.Any(f => f.Code == code)).ToList();
        Assert.True(covering.Count >= 2, $"Frein « {code} » : {covering.Count} service(s) publié(s).");
    }

    [Fact]
    public void OnlyTheListedDrafts_StayUnpublished_AndTheyExist()
    {
        var drafts = DemoDirectory.ReadComplements().Brouillons;
        Assert.NotEmpty(drafts);
        Assert.All(drafts, id => Assert.Contains(Content.Services, s => s.ExternalId == id));
        Assert.All(Content.Services, s => Assert.Equal(!drafts.Contains(s.ExternalId!), s.IsPublished));
    }

    [Fact]
    public void Ids_AreUnique_AndNamedAfterTheSource()
    {
        var structureIds = DemoDirectory.Read(Now).Batch.Structures.Select(s => s.Reference.Id).ToList();
        var serviceIds = DemoDirectory.Read(Now).Batch.Services.Select(s => s.Reference.Id).ToList();
        Assert.Equal(structureIds.Count, structureIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(serviceIds.Count, serviceIds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(structureIds.Concat(serviceIds), id => Assert.StartsWith(DemoDirectory.Source + "--", id, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryService_PointsToAnExistingStructure()
    {
        var structureIds = DemoDirectory.Read(Now).Batch.Structures.Select(s => s.Reference.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(DemoDirectory.Read(Now).Batch.Services, s => Assert.Contains(s.StructureId, structureIds));
        var structures = Content.Structures.Select(s => s.Id).ToHashSet();
        Assert.All(Content.Services, s => Assert.Contains(s.StructureId, structures));
        // every structure offers something
        Assert.All(Content.Structures, st => Assert.Contains(Content.Services, s => s.StructureId == st.Id));
    }

    [Fact]
    public void EveryDescription_IsLabelledFictional()
    {
        Assert.All(Content.Structures, s => Assert.EndsWith(FictionLabel, s.Description, StringComparison.Ordinal));
        Assert.All(Content.Services, s => Assert.EndsWith(FictionLabel, s.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void Contacts_AreFictional_PhonesInTheFictionRange_AddressesAtExampleOrg()
    {
        var phones = Content.Structures.Select(s => s.Phone).Concat(Content.Services.Select(s => s.Contact?.Phone)).OfType<string>().ToList();
        var emails = Content.Structures.Select(s => s.Email).Concat(Content.Services.Select(s => s.Contact?.Email)).OfType<string>().ToList();
        var links = Content.Structures.Select(s => s.Website).Concat(Content.Services.Select(s => s.MobilisationLink)).OfType<string>().ToList();
        Assert.NotEmpty(phones);
        Assert.NotEmpty(emails);
        Assert.NotEmpty(links);
        // ARCEP keeps 01 99 00 xx xx for fiction
        Assert.All(phones, p => Assert.StartsWith("01 99 00 ", p, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.EndsWith("@example.org", e, StringComparison.Ordinal));
        Assert.All(links, l => Assert.Equal("example.org", new Uri(l).Host));
    }

    [Fact]
    public void Structures_CoverOnlyTheDemonstrationCitesQpvs_AndBothAreCovered()
    {
        var qpvs = DemoLoader.Profile(Now.Year).Qpvs.Select(q => q.Code).Order(StringComparer.Ordinal);
        var used = Content.Structures.SelectMany(s => s.QpvCodes).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(qpvs, used);
    }

    [Fact]
    public void Dates_AreMovedToNow_SoAFewServicesAreStaleWhenever_TheDemoIsLoaded()
    {
        foreach (var now in new[] { Now, Now.AddYears(3).AddDays(17) })
        {
            var content = DemoDirectory.Build(CiteId, now);
            var today = DateOnly.FromDateTime(now.DateTime);
            var newest = content.Structures.Select(s => s.UpdatedOn).Concat(content.Services.Select(s => s.UpdatedOn)).Max();
            Assert.Equal(today, newest);

            var published = content.Services.Where(s => s.IsPublished).ToList();
            var stale = published.Count(s => s.IsStale(now));
            Assert.InRange(stale, 3, published.Count / 5);
        }
    }

    [Theory]
    [InlineData(DemoDirectory.StructuresFile, "structure.schema.json")]
    [InlineData(DemoDirectory.ServicesFile, "service.schema.json")]
    public void TheFiles_ValidateAgainstTheDataInclusionSchema(string file, string schemaFile)
    {
        JArray records;
        using (var reader = new StreamReader(DemoDirectory.Open(file)))
        {
            records = JArray.Parse(reader.ReadToEnd());
        }
        var schema = ArraySchema(schemaFile);

        // One validation for the whole file: Newtonsoft.Json.Schema's free licence allows 1,000 validations an hour.
        var valid = records.IsValid(schema, out IList<ValidationError> errors);

        Assert.True(valid, string.Join(Environment.NewLine, errors.Select(e => Describe(records, e))));
        Assert.NotEmpty(records);
    }

    [Fact]
    public void TheSchemaCheck_RefusesABrokenRecord()
    {
        // the validation above could not pass by accident: the same schema refuses an unknown code and a missing field
        var schema = ArraySchema("service.schema.json");
        var broken = JArray.Parse("""[{ "source": "citeemploi-demo", "id": "x", "structure_id": "y", "nom": "Service", "date_maj": "2026-01-01", "frais": "offert" }]""");
        Assert.False(broken.IsValid(schema, out IList<ValidationError> errors));
        var messages = string.Join(" ", errors.Select(e => e.Message + " " + string.Join(" ", e.ChildErrors.Select(c => c.Message))));
        Assert.Contains("description", messages, StringComparison.Ordinal);
        Assert.Contains("offert", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFiles_UseOnlyTheSchemasFieldNames()
    {
        // DemoDirectory.Read refuses a field outside the schema (the reader's notes); this says which one when it fails
        foreach (var (file, schemaFile) in new[] { (DemoDirectory.StructuresFile, "structure.schema.json"), (DemoDirectory.ServicesFile, "service.schema.json") })
        {
            using var schemaDocument = JsonDocument.Parse(File.ReadAllText(SchemaPath(schemaFile)));
            var allowed = schemaDocument.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            using var data = JsonDocument.Parse(DemoDirectory.Open(file));
            var used = data.RootElement.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(allowed, used);
        }
    }

    [Fact]
    public void TheServices_ShowTheRangeOfTheSchema()
    {
        var services = Content.Services;
        Assert.Contains(services, s => s.Frais == "gratuit");
        Assert.Contains(services, s => s.Frais == "payant" && s.FraisDetails is not null);
        Assert.Contains(services, s => s.ModesAccueil.Contains("a-distance"));
        Assert.Contains(services, s => s.ModesMobilisation.Contains("utiliser-lien-mobilisation") && s.MobilisationLink is not null);
        Assert.Contains(services, s => s.MobilisablePar.SequenceEqual(["professionnels"]));
        Assert.Contains(services, s => s.Address is not null);
        Assert.Contains(services, s => s.WeeklyHours is not null && s.NumberOfWeeks is not null);
        Assert.Contains(services, s => s.Description.Contains("\n- ", StringComparison.Ordinal) || s.Description.Contains("\n1. ", StringComparison.Ordinal));
        Assert.All(Referentiels.TypesDeServices.Codes, type => Assert.Contains(services, s => s.Type == type));
    }

    private static string SchemaPath(string schemaFile) => Path.Combine(AppContext.BaseDirectory, "Schemas", "DataInclusion", schemaFile);

    /// <summary>The record schema wrapped as "an array of such records", its <c>$defs</c> kept at the root where its references point.</summary>
    private static JSchema ArraySchema(string schemaFile)
    {
        var record = JObject.Parse(File.ReadAllText(SchemaPath(schemaFile)));
        var defs = (JObject)record["$defs"]!;
        record.Remove("$defs");
        defs["Record"] = record;
        var wrapper = new JObject
        {
            ["type"] = "array",
            ["items"] = new JObject { ["$ref"] = "#/$defs/Record" },
            ["$defs"] = defs,
        };
        return JSchema.Parse(wrapper.ToString());
    }

    private static string Describe(JArray records, ValidationError error)
    {
        var id = error.Path.Length > 0 && error.Path.StartsWith('[')
            ? records.SelectToken(error.Path[..(error.Path.IndexOf(']') + 1)])?["id"]?.ToString()
            : null;
        return $"{id ?? "?"} {error.Path}: {error.Message} {string.Join(" ", error.ChildErrors.Select(c => c.Message))}";
    }
}
