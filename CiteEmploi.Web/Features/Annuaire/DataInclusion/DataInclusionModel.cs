using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>The two formats data·inclusion publishes: a JSON array of records, or CSV with the schema's field names as header.</summary>
public enum DataInclusionFormat
{
    Json,
    Csv,
}

/// <summary>The bounds a file must respect before any record is read; the app stays responsive whatever it is given.</summary>
public static class DataInclusionLimits
{
    /// <summary>
    /// Per file. A Cité's extract of data·inclusion (tens of thousands of services with their descriptions) fits; a file
    /// bigger than this is refused before it is parsed, so a mistaken upload cannot exhaust the server's memory.
    /// </summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>Per file: twice the 50,000 services the import is measured with.</summary>
    public const int MaxRecordsPerFile = 100_000;

    /// <summary>
    /// How deeply a JSON file may nest: a data·inclusion record needs 3 levels (the list, a record, a list of codes); the
    /// bound keeps a hostile file from costing the parser a deep recursion.
    /// </summary>
    public const int MaxJsonDepth = 16;

    /// <summary>"50 Mo", for messages.</summary>
    public static string MaxFileSizeText => $"{MaxFileBytes / (1024 * 1024)} Mo";
}

/// <summary>One file handed to the reader: its name (for messages and to tell JSON from CSV) and its bytes.</summary>
public sealed record DataInclusionInput(string FileName, ReadOnlyMemory<byte> Content)
{
    /// <summary>The size of a file that was refused unread because it exceeds <see cref="DataInclusionLimits.MaxFileBytes"/>.</summary>
    public long? RefusedSize { get; init; }

    /// <summary>What a person is told when the file's upload broke off before its end (network, closed tab, reconnection).</summary>
    public const string InterruptedMessage = "L'envoi du fichier a été interrompu, rien n'a été importé.";

    /// <summary>The upload broke off before the end of the file: nothing of it is read, the reader reports it.</summary>
    public bool IsInterrupted { get; init; }

    /// <summary>A file whose upload broke off: only its name is kept.</summary>
    public static DataInclusionInput Interrupted(string fileName) => new(fileName, ReadOnlyMemory<byte>.Empty) { IsInterrupted = true };

    /// <summary>A file known to be too large: only its name and size are kept, the reader reports it.</summary>
    public static DataInclusionInput TooLarge(string fileName, long size) => new(fileName, ReadOnlyMemory<byte>.Empty) { RefusedSize = size };

    /// <summary>Reads a stream up to the size limit; a longer stream is not read further and is reported as too large.</summary>
    /// <remarks>
    /// An upload that breaks off on the way (the browser's stream fails, times out or is cancelled by the circuit) gives
    /// an <see cref="Interrupted"/> file that the reader reports with <see cref="InterruptedMessage"/>, not an exception
    /// the page would show as « Une erreur inattendue ».
    /// </remarks>
    public static async Task<DataInclusionInput> LoadAsync(string fileName, Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        try
        {
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > DataInclusionLimits.MaxFileBytes)
                {
                    return TooLarge(fileName, buffer.Length + read);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or Microsoft.JSInterop.JSException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Interrupted(fileName);
        }
        return new DataInclusionInput(fileName, buffer.ToArray());
    }

    /// <summary>Reads a file from disk, refusing it unread when it is over the size limit.</summary>
    public static async Task<DataInclusionInput> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(path);
        var length = new FileInfo(path).Length;
        if (length > DataInclusionLimits.MaxFileBytes)
        {
            return TooLarge(name, length);
        }
        await using var stream = File.OpenRead(path);
        return await LoadAsync(name, stream, cancellationToken);
    }
}

/// <summary>
/// Why a record (or a whole file) is refused, in French. <see cref="Field"/> is the data·inclusion field name
/// (« nom », « thematiques »…) so the producer can find it in the file; null when the reason is about the record as a whole.
/// </summary>
public sealed record ImportIssue(string? Field, string Message)
{
    public override string ToString() => Field is null ? Message : $"« {Field} » : {Message}";
}

/// <summary>One record read from a file, valid or not.</summary>
public abstract class ImportRecord
{
    /// <summary>JSON: the index in the array (from 0). CSV: the line number where the record starts (the header is line 1).</summary>
    public required int Position { get; init; }

    /// <summary>Where to look in the file, in French: « élément n° 4 (index 3) » or « ligne 5 ».</summary>
    public required string Location { get; init; }

    /// <summary>The record's source and id as read (empty strings when missing: the issues say so).</summary>
    public required ExternalReference Reference { get; init; }

    /// <summary>data·inclusion <c>date_maj</c>; meaningful only when the record is valid.</summary>
    public DateOnly DateMaj { get; init; }

    public List<ImportIssue> Issues { get; } = [];

    public bool IsValid => Issues.Count == 0;
}

/// <summary>A structure read from a file; <see cref="Details"/> is what <see cref="Structure.Import"/> is given.</summary>
public sealed class StructureRecord : ImportRecord
{
    public required StructureDetails Details { get; init; }
}

/// <summary>A service read from a file; <see cref="StructureReference"/> is set when its structure was found.</summary>
public sealed class ServiceRecord : ImportRecord
{
    public required ServiceDetails Details { get; init; }

    /// <summary>The <c>structure_id</c> as read.</summary>
    public required string StructureId { get; init; }

    /// <summary>The structure this service belongs to (in the structures file, or already in the Cité).</summary>
    public ExternalReference? StructureReference { get; set; }
}

/// <summary>What was found about a file as a whole: when <see cref="Issues"/> is not empty, none of its records could be read.</summary>
public sealed class ImportFileReport
{
    public required string FileName { get; init; }

    public DataInclusionFormat? Format { get; set; }

    /// <summary>Reasons the file could not be read at all (size, encoding, syntax, header).</summary>
    public List<ImportIssue> Issues { get; } = [];

    /// <summary>Things worth knowing that do not refuse anything (columns or fields outside the schema, ignored).</summary>
    public List<string> Notes { get; } = [];

    public bool IsReadable => Issues.Count == 0;
}

/// <summary>Everything read from a structures file and a services file, with a reason for every refusal.</summary>
public sealed class DataInclusionBatch
{
    public required ImportFileReport StructuresFile { get; init; }

    public required ImportFileReport ServicesFile { get; init; }

    public required IReadOnlyList<StructureRecord> Structures { get; init; }

    public required IReadOnlyList<ServiceRecord> Services { get; init; }

    public bool FilesReadable => StructuresFile.IsReadable && ServicesFile.IsReadable;

    /// <summary>True when both files were read and every record is valid: only then is an all-or-nothing import allowed.</summary>
    public bool IsValid => FilesReadable && Structures.All(s => s.IsValid) && Services.All(s => s.IsValid);

    public int ValidCount => Structures.Count(s => s.IsValid) + Services.Count(s => s.IsValid);

    public int RejectedCount => Structures.Count(s => !s.IsValid) + Services.Count(s => !s.IsValid);

    /// <summary>The report in French, one line per file problem and per refused record: for the console and logs.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        foreach (var file in new[] { StructuresFile, ServicesFile })
        {
            lines.AddRange(file.Issues.Select(i => $"{file.FileName} : {i}"));
            lines.AddRange(file.Notes.Select(n => $"{file.FileName} : {n}"));
        }
        foreach (var record in Structures.Where(r => !r.IsValid))
        {
            lines.Add($"{StructuresFile.FileName}, {record.Location} (structure « {record.Reference.Id} ») :");
            lines.AddRange(record.Issues.Select(i => $"  - {i}"));
        }
        foreach (var record in Services.Where(r => !r.IsValid))
        {
            lines.Add($"{ServicesFile.FileName}, {record.Location} (service « {record.Reference.Id} ») :");
            lines.AddRange(record.Issues.Select(i => $"  - {i}"));
        }
        return string.Join(Environment.NewLine, lines);
    }
}
