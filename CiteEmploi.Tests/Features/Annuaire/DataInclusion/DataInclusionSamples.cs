using System.Text;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;

namespace CiteEmploi.Tests.Features.Annuaire.DataInclusion;

/// <summary>The sample files (copied beside the test assembly) and small builders of files for the bad-input tests.</summary>
internal static class DataInclusionSamples
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(1));

    public static readonly DataInclusionReadOptions Options = new(Now);

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Features", "Annuaire", "DataInclusion", "Samples", name);

    public static string SchemaPath(string name) => Path.Combine(AppContext.BaseDirectory, "Schemas", "DataInclusion", name);

    public static DataInclusionInput SampleFile(string name) => new(name, System.IO.File.ReadAllBytes(PathOf(name)));

    public static DataInclusionInput Text(string name, string content) => new(name, Encoding.UTF8.GetBytes(content));

    public static DataInclusionBatch ReadJsonSamples() => DataInclusionReader.Read(SampleFile("structures.json"), SampleFile("services.json"), Options);

    /// <summary>One valid structure, as a JSON object, with fields replaced or removed (null value = removed).</summary>
    public static string StructureJson(string id = "dora--s1", params (string Field, string? Json)[] changes) =>
        Object(new()
        {
            ["source"] = "\"dora\"",
            ["id"] = $"\"{id}\"",
            ["nom"] = "\"Centre social du Mont\"",
            ["date_maj"] = "\"2025-10-01\"",
            ["code_postal"] = "\"90000\"",
            ["commune"] = "\"Belfort\"",
        }, changes);

    /// <summary>One valid service of <paramref name="structureId"/>, as a JSON object, with fields replaced or removed.</summary>
    public static string ServiceJson(string id = "dora--v1", string structureId = "dora--s1", params (string Field, string? Json)[] changes) =>
        Object(new()
        {
            ["source"] = "\"dora\"",
            ["structure_id"] = $"\"{structureId}\"",
            ["id"] = $"\"{id}\"",
            ["nom"] = "\"Atelier numérique\"",
            ["description"] = "\"Apprendre à utiliser un ordinateur et internet.\"",
            ["date_maj"] = "\"2025-10-01\"",
            ["thematiques"] = "[\"numerique--maitriser-les-fondamentaux-du-numerique\"]",
        }, changes);

    public static DataInclusionBatch ReadJson(string structuresArray, string servicesArray) =>
        DataInclusionReader.Read(Text("structures.json", structuresArray), Text("services.json", servicesArray), Options);

    public static DataInclusionBatch ReadJson(IEnumerable<string> structures, IEnumerable<string> services) =>
        ReadJson($"[{string.Join(",\n", structures)}]", $"[{string.Join(",\n", services)}]");

    private static string Object(Dictionary<string, string> fields, (string Field, string? Json)[] changes)
    {
        foreach (var (field, json) in changes)
        {
            if (json is null)
            {
                fields.Remove(field);
            }
            else
            {
                fields[field] = json;
            }
        }
        return "{" + string.Join(", ", fields.Select(kv => $"\"{kv.Key}\": {kv.Value}")) + "}";
    }
}
