using System.Text.Json;
using System.Text.Json.Serialization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;

namespace CiteEmploi.Web.Features.Demo;

/// <summary>
/// The demonstration Cité's directory: fictional structures and services around Valmont-sur-Loire, kept as
/// data·inclusion v1 files embedded in this assembly (<c>Features/Demo/Data</c>), read by the importer's own reader
/// (<see cref="DataInclusionReader"/>) and stored by <see cref="DirectoryImporter"/> (<c>DemoLoader</c>): one path for a
/// file and for the demonstration. Nothing is written here.
/// </summary>
/// <remarks>
/// The files carry fixed <c>date_maj</c> values; <see cref="Read"/> moves every date by the same number of days so
/// that the newest one is today. The demonstration keeps the same picture whenever it is loaded: most services
/// recently updated, a few left untouched for more than six months so the freshness flag has something to show.
/// What data·inclusion v1 cannot say (the Cité's QPVs a structure covers, and which services are still drafts: the
/// schema has no status) is in <c>complements.json</c> beside them.
/// </remarks>
public static class DemoDirectory
{
    /// <summary>The data·inclusion <c>source</c> of every demonstration record.</summary>
    public const string Source = "citeemploi-demo";

    public const string StructuresFile = "structures.json";
    public const string ServicesFile = "services.json";
    public const string ComplementsFile = "complements.json";

    private const string ResourcePrefix = "CiteEmploi.Web.Features.Demo.Data.";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // a misspelt field would otherwise be dropped without a word
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// The demonstration files as the importer reads any file, with the complements applied: dates moved so that the
    /// newest is <paramref name="now"/>'s day, and each structure's QPVs. The drafts are listed beside the batch: the
    /// importer publishes every new service that names a thématique, the loader then returns these to draft.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reader refuses a record, or notes a field outside the schema (the message says which).</exception>
    public static DemoDirectoryBatch Read(DateTimeOffset now)
    {
        var read = DataInclusionReader.Read(Input(StructuresFile), Input(ServicesFile), new DataInclusionReadOptions(now));
        var notes = read.StructuresFile.Notes.Concat(read.ServicesFile.Notes).ToList();
        if (!read.IsValid || notes.Count > 0)
        {
            throw new InvalidOperationException($"The demonstration directory is refused by the data·inclusion reader: {read.Describe()}");
        }
        var complements = ReadComplements();
        var newest = read.Structures.Select(s => s.DateMaj).Concat(read.Services.Select(s => s.DateMaj)).Max();
        var shift = DateOnly.FromDateTime(now.DateTime).DayNumber - newest.DayNumber;
        var batch = new DataInclusionBatch
        {
            StructuresFile = read.StructuresFile,
            ServicesFile = read.ServicesFile,
            Structures = [.. read.Structures.Select(r => new StructureRecord
            {
                Position = r.Position,
                Location = r.Location,
                Reference = r.Reference,
                DateMaj = r.DateMaj.AddDays(shift),
                Details = r.Details with { QpvCodes = complements.Qpv.TryGetValue(r.Reference.Id, out var codes) ? codes : [] },
            })],
            Services = [.. read.Services.Select(r => new ServiceRecord
            {
                Position = r.Position,
                Location = r.Location,
                Reference = r.Reference,
                DateMaj = r.DateMaj.AddDays(shift),
                Details = r.Details,
                StructureId = r.StructureId,
                StructureReference = r.StructureReference,
            })],
        };
        var drafts = complements.Brouillons.ToHashSet(StringComparer.Ordinal);
        var unknown = drafts.Except(batch.Services.Select(s => s.Reference.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Demonstration drafts not in {ServicesFile}: {string.Join(", ", unknown)}.");
        }
        return new DemoDirectoryBatch(batch, drafts);
    }

    /// <summary>
    /// What loading the demonstration stores for <paramref name="citeId"/>, built in memory from <see cref="Read"/> as the
    /// importer builds new records (for tests that need no database): services naming a thématique published, then the
    /// drafts of <c>complements.json</c> returned to draft.
    /// </summary>
    public static DemoDirectoryContent Build(Guid citeId, DateTimeOffset now)
    {
        var demo = Read(now);
        var structures = demo.Batch.Structures.ToDictionary(r => r.Reference, r => Structure.Import(citeId, r.Reference, r.Details, r.DateMaj, now));
        var services = demo.Batch.Services.Select(r =>
        {
            var service = Service.Import(structures[r.StructureReference!], r.Reference, r.Details, r.DateMaj, now);
            if (service.Thematiques.Count > 0)
            {
                service.Publish();
            }
            if (demo.Drafts.Contains(r.Reference.Id))
            {
                service.BackToDraft();
            }
            service.ClearDomainEvents();
            return service;
        }).ToList();
        return new DemoDirectoryContent([.. structures.Values], services);
    }

    /// <summary>The embedded file as it is, for a reader that wants the raw JSON (schema validation, import tests).</summary>
    public static Stream Open(string fileName)
    {
        var assembly = typeof(DemoDirectory).Assembly;
        return assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourcePrefix + fileName}' is missing from {assembly.GetName().Name}.");
    }

    private static DataInclusionInput Input(string fileName)
    {
        using var stream = Open(fileName);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new DataInclusionInput(fileName, buffer.ToArray());
    }

    internal static Complements ReadComplements()
    {
        using var stream = Open(ComplementsFile);
        return JsonSerializer.Deserialize<Complements>(stream, Options)
            ?? throw new InvalidOperationException($"Demonstration file '{ComplementsFile}' is empty.");
    }

    /// <summary>What the schema has no field for: the drafts, and the Cité's QPVs each structure covers.</summary>
    internal sealed record Complements(
        [property: JsonPropertyName("_lisezmoi")] string? LisezMoi,
        IReadOnlyList<string> Brouillons,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Qpv);
}

/// <summary>The demonstration files read (dates moved, QPVs set), and the ids of the services that stay drafts.</summary>
public sealed record DemoDirectoryBatch(DataInclusionBatch Batch, IReadOnlySet<string> Drafts);

/// <summary>The demonstration directory as loading stores it: structures first, then their services.</summary>
public sealed record DemoDirectoryContent(IReadOnlyList<Structure> Structures, IReadOnlyList<Service> Services);
