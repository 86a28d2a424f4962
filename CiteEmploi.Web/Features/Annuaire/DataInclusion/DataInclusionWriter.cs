using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Common;
using F = CiteEmploi.Web.Features.Annuaire.DataInclusion.DataInclusionFields;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>A structure as exported: the source and id it carries in data·inclusion.</summary>
public sealed record ExportedStructure(ExternalReference Reference, Structure Structure);

/// <summary>A service as exported, with the id of its structure.</summary>
public sealed record ExportedService(ExternalReference Reference, string StructureId, Service Service);

/// <summary>
/// A Cité's published directory in data·inclusion terms. Only published services are exported, with the structures
/// that carry at least one of them (a structure whose services are all drafts or archived is not part of the published
/// directory). Imported records keep their producer's source and id, so the file can go back to data·inclusion or to
/// another Cité without creating copies; records created here get the source <c>citeemploi-&lt;slug&gt;</c> and an id
/// <c>citeemploi-&lt;slug&gt;--&lt;guid&gt;</c>, following data·inclusion's « producer--record » convention.
/// </summary>
public sealed class DataInclusionExport
{
    public required IReadOnlyList<ExportedStructure> Structures { get; init; }

    public required IReadOnlyList<ExportedService> Services { get; init; }

    /// <summary>The data·inclusion source naming a Cité as producer.</summary>
    public static string CiteSource(string citeSlug) => $"citeemploi-{citeSlug}";

    public static DataInclusionExport Of(string citeSlug, IEnumerable<Structure> structures, IEnumerable<Service> services)
    {
        var source = CiteSource(citeSlug);
        var published = services.Where(s => s.IsPublished).ToList();
        var carrying = published.Select(s => s.StructureId).ToHashSet();
        var exported = structures
            .Where(s => carrying.Contains(s.Id))
            .OrderBy(s => s.NormalizedName, StringComparer.Ordinal)
            .ThenBy(s => s.Id)
            .Select(s => new ExportedStructure(ReferenceOf(source, s.Source, s.ExternalId, s.Id), s))
            .ToList();
        var structureIds = exported.ToDictionary(s => s.Structure.Id, s => s.Reference.Id);
        return new DataInclusionExport
        {
            Structures = exported,
            Services = [.. published
                .Where(s => structureIds.ContainsKey(s.StructureId))
                .OrderBy(s => structureIds[s.StructureId], StringComparer.Ordinal)
                .ThenBy(s => s.NormalizedName, StringComparer.Ordinal)
                .ThenBy(s => s.Id)
                .Select(s => new ExportedService(ReferenceOf(source, s.Source, s.ExternalId, s.Id), structureIds[s.StructureId], s))],
        };
    }

    private static ExternalReference ReferenceOf(string citeSource, string? source, string? externalId, Guid id) =>
        source is not null && externalId is not null
            ? new ExternalReference(source, externalId)
            : new ExternalReference(citeSource, $"{citeSource}--{id:D}");
}

/// <summary>
/// Writes an export as data·inclusion v1 files: JSON arrays of records (every schema field present, null when unknown,
/// as the schema's defaults), or CSV with the schema's field names as header, comma-separated, UTF-8 with a byte-order
/// mark (so spreadsheets read the accents), list fields as codes separated by commas inside one quoted cell.
/// </summary>
public static class DataInclusionWriter
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        // accents kept readable; the file is a download, never inlined in a page
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly (string Name, Func<ExportedStructure, object?> Value)[] StructureColumns =
    [
        (F.Source, s => s.Reference.Source),
        (F.Id, s => s.Reference.Id),
        (F.Nom, s => s.Structure.Name),
        (F.Description, s => s.Structure.Description),
        (F.DateMaj, s => s.Structure.UpdatedOn),
        (F.Siret, s => s.Structure.Siret),
        (F.Adresse, s => s.Structure.Address?.Street),
        (F.ComplementAdresse, s => s.Structure.Address?.Complement),
        (F.CodePostal, s => s.Structure.Address?.Postcode),
        (F.Commune, s => s.Structure.Address?.Commune),
        (F.CodeInsee, s => s.Structure.Address?.InseeCode),
        (F.Latitude, s => s.Structure.Address?.Latitude),
        (F.Longitude, s => s.Structure.Address?.Longitude),
        (F.Telephone, s => s.Structure.Phone),
        (F.Courriel, s => s.Structure.Email),
        (F.SiteWeb, s => s.Structure.Website),
        (F.HorairesAccueil, s => s.Structure.OpeningHours),
        (F.ReseauxPorteurs, s => s.Structure.Networks),
        (F.AccessibiliteLieu, _ => null),
        (F.LienSource, _ => null),
    ];

    private static readonly (string Name, Func<ExportedService, object?> Value)[] ServiceColumns =
    [
        (F.Source, s => s.Reference.Source),
        (F.StructureId, s => s.StructureId),
        (F.Id, s => s.Reference.Id),
        (F.Nom, s => s.Service.Name),
        (F.Description, s => s.Service.Description),
        (F.DateMaj, s => s.Service.UpdatedOn),
        (F.Type, s => s.Service.Type),
        (F.Thematiques, s => s.Service.Thematiques),
        (F.Publics, s => s.Service.Publics),
        (F.PublicsPrecisions, s => s.Service.PublicsDetails),
        (F.Frais, s => s.Service.Frais),
        (F.FraisPrecisions, s => s.Service.FraisDetails),
        (F.ConditionsAcces, s => s.Service.AccessConditions),
        (F.ModesAccueil, s => s.Service.ModesAccueil),
        (F.Adresse, s => s.Service.Address?.Street),
        (F.ComplementAdresse, s => s.Service.Address?.Complement),
        (F.CodePostal, s => s.Service.Address?.Postcode),
        (F.Commune, s => s.Service.Address?.Commune),
        (F.CodeInsee, s => s.Service.Address?.InseeCode),
        (F.Latitude, s => s.Service.Address?.Latitude),
        (F.Longitude, s => s.Service.Address?.Longitude),
        (F.ModesMobilisation, s => s.Service.ModesMobilisation),
        (F.MobilisablePar, s => s.Service.MobilisablePar),
        (F.LienMobilisation, s => s.Service.MobilisationLink),
        (F.MobilisationPrecisions, s => s.Service.MobilisationDetails),
        (F.ContactNomPrenom, s => s.Service.Contact?.Name),
        (F.Telephone, s => s.Service.Contact?.Phone),
        (F.Courriel, s => s.Service.Contact?.Email),
        (F.VolumeHoraireHebdomadaire, s => s.Service.WeeklyHours),
        (F.NombreSemaines, s => s.Service.NumberOfWeeks),
        (F.HorairesAccueil, s => s.Service.OpeningHours),
        (F.ZoneEligibilite, s => s.Service.EligibilityZone),
        (F.LienSource, _ => null),
    ];

    public static Task WriteStructuresJsonAsync(Stream stream, DataInclusionExport export, CancellationToken cancellationToken = default) =>
        WriteJsonAsync(stream, export.Structures, StructureColumns, cancellationToken);

    public static Task WriteServicesJsonAsync(Stream stream, DataInclusionExport export, CancellationToken cancellationToken = default) =>
        WriteJsonAsync(stream, export.Services, ServiceColumns, cancellationToken);

    public static Task WriteStructuresCsvAsync(Stream stream, DataInclusionExport export, CancellationToken cancellationToken = default) =>
        WriteCsvAsync(stream, export.Structures, StructureColumns, cancellationToken);

    public static Task WriteServicesCsvAsync(Stream stream, DataInclusionExport export, CancellationToken cancellationToken = default) =>
        WriteCsvAsync(stream, export.Services, ServiceColumns, cancellationToken);

    private static async Task WriteJsonAsync<T>(Stream stream, IReadOnlyList<T> rows, (string Name, Func<T, object?> Value)[] columns, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(stream, JsonOptions);
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            foreach (var (name, value) in columns)
            {
                writer.WritePropertyName(name);
                WriteJsonValue(writer, value(row));
            }
            writer.WriteEndObject();
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteJsonValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            // the schema's lists are "null or at least one item": an empty list is written null
            case IReadOnlyList<string> { Count: 0 }:
                writer.WriteNullValue();
                break;
            case IReadOnlyList<string> codes:
                writer.WriteStartArray();
                foreach (var code in codes)
                {
                    writer.WriteStringValue(code);
                }
                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"No JSON form for {value.GetType()}.");
        }
    }

    private static async Task WriteCsvAsync<T>(Stream stream, IReadOnlyList<T> rows, (string Name, Func<T, object?> Value)[] columns, CancellationToken cancellationToken)
    {
        // with a byte order mark: spreadsheets then read the accents as UTF-8
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        await using var csv = new SpreadsheetCsv(writer, ',');
        csv.Header([.. columns.Select(c => c.Name)]);
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                WriteCsvCell(csv, column.Value(row));
            }
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteCsvCell(SpreadsheetCsv csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.Value(null);
                break;
            case string text:
                csv.Text(text);
                break;
            case DateOnly date:
                csv.Value(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case double number:
                csv.Value(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case decimal number:
                csv.Value(number.ToString(CultureInfo.InvariantCulture));
                break;
            case int number:
                csv.Value(number.ToString(CultureInfo.InvariantCulture));
                break;
            case IReadOnlyList<string> codes:
                csv.Value(string.Join(',', codes));
                break;
            default:
                throw new InvalidOperationException($"No CSV form for {value.GetType()}.");
        }
    }
}
