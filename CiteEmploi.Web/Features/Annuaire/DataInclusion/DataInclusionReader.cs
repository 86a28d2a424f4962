using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Features.Common;
using F = CiteEmploi.Web.Features.Annuaire.DataInclusion.DataInclusionFields;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>What the reader needs besides the files.</summary>
public sealed record DataInclusionReadOptions(DateTimeOffset Now)
{
    /// <summary>Structures already in the Cité (imported earlier): a service may point to one of them instead of the file's.</summary>
    public IReadOnlyCollection<ExternalReference> KnownStructures { get; init; } = [];
}

/// <summary>
/// Reads a data·inclusion v1 structures file and services file (JSON or CSV) into records, each with every reason it
/// is refused. Nothing here touches a database: the field rules are the domain's, applied by calling
/// <see cref="Structure.Import"/> and <see cref="Service.Import"/> on each record; the reader adds what only a file can
/// get wrong (encoding, syntax, types, required fields, dates, duplicates, services without their structure).
/// </summary>
public static class DataInclusionReader
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = DataInclusionLimits.MaxJsonDepth };

    public static DataInclusionBatch Read(DataInclusionInput structuresFile, DataInclusionInput servicesFile, DataInclusionReadOptions options)
    {
        var structuresReport = new ImportFileReport { FileName = structuresFile.FileName };
        var servicesReport = new ImportFileReport { FileName = servicesFile.FileName };
        var placeholder = Structure.Create(Guid.Empty, new StructureDetails { Name = "Structure de contrôle" }, options.Now);

        var structures = ReadFile(structuresFile, structuresReport, F.StructureFields, F.StructureRequired,
            (read, position, location) => ReadStructure(read, position, location, options));
        var services = ReadFile(servicesFile, servicesReport, F.ServiceFields, F.ServiceRequired,
            (read, position, location) => ReadService(read, position, location, options, placeholder));

        MarkDuplicates(structures, "structure");
        MarkDuplicates(services, "service");
        ResolveStructures(services, structures, structuresReport.IsReadable, options.KnownStructures);

        return new DataInclusionBatch
        {
            StructuresFile = structuresReport,
            ServicesFile = servicesReport,
            Structures = structures,
            Services = services,
        };
    }

    /// <summary>
    /// Whether the parser stopped because the file nests deeper than <see cref="DataInclusionLimits.MaxJsonDepth"/>
    /// (rather than on a syntax error met before): the file is scanned again, token by token, without building anything.
    /// </summary>
    private static bool NestsTooDeeply(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = DataInclusionLimits.MaxJsonDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject && reader.CurrentDepth >= DataInclusionLimits.MaxJsonDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // a syntax error before any level too deep
        }
        return false;
    }

    /// <summary>The message for a file over the size limit (also used by the upload page before reading anything).</summary>
    public static string TooLargeMessage(long size) =>
        $"Le fichier pèse {size / (1024.0 * 1024.0):0.#} Mo : la taille maximale est de {DataInclusionLimits.MaxFileSizeText}. Découpez-le ou filtrez-le sur votre territoire.";

    private static List<T> ReadFile<T>(
        DataInclusionInput input,
        ImportFileReport report,
        IReadOnlyList<string> schemaFields,
        IReadOnlyList<string> required,
        Func<Func<List<ImportIssue>, RecordFields>, int, string, T> readRecord)
        where T : ImportRecord
    {
        if (input.IsInterrupted)
        {
            report.Issues.Add(new ImportIssue(null, DataInclusionInput.InterruptedMessage));
            return [];
        }
        if (input.RefusedSize is { } size)
        {
            report.Issues.Add(new ImportIssue(null, TooLargeMessage(size)));
            return [];
        }
        if (input.Content.Length > DataInclusionLimits.MaxFileBytes)
        {
            report.Issues.Add(new ImportIssue(null, TooLargeMessage(input.Content.Length)));
            return [];
        }
        var bytes = input.Content;
        if (!CheckEncoding(ref bytes, report))
        {
            return [];
        }
        if (IsBlank(bytes.Span))
        {
            report.Issues.Add(new ImportIssue(null, "Le fichier est vide."));
            return [];
        }
        report.Format = DetectFormat(input.FileName, bytes.Span);
        return report.Format == DataInclusionFormat.Json
            ? ReadJson(bytes, report, schemaFields, readRecord)
            : ReadCsv(bytes, report, schemaFields, required, readRecord);
    }

    /// <summary>By extension; otherwise a file whose first character opens an array or an object is JSON.</summary>
    public static DataInclusionFormat DetectFormat(string fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return DataInclusionFormat.Json;
        }
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return DataInclusionFormat.Csv;
        }
        var trimmed = content.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] is (byte)'[' or (byte)'{' ? DataInclusionFormat.Json : DataInclusionFormat.Csv;
    }

    // ---- encoding ----

    private static bool CheckEncoding(ref ReadOnlyMemory<byte> bytes, ImportFileReport report)
    {
        var span = bytes.Span;
        if (span.StartsWith(new byte[] { 0xFF, 0xFE }) || span.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            report.Issues.Add(new ImportIssue(null, "Le fichier est encodé en UTF-16 : enregistrez-le en UTF-8 (dans un tableur : « CSV UTF-8 »)."));
            return false;
        }
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[3..];
            span = bytes.Span;
        }
        if (Utf8.IsValid(span))
        {
            return true;
        }
        var at = FirstInvalidUtf8(span);
        var line = span[..at].Count((byte)'\n') + 1;
        report.Issues.Add(new ImportIssue(null,
            $"Le fichier n'est pas encodé en UTF-8 (premier caractère illisible ligne {line}) : c'est souvent un export Windows-1252 ou Latin-1. "
            + "Enregistrez-le en UTF-8 (dans un tableur : « CSV UTF-8 »)."));
        return false;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        var chars = new char[4096];
        var offset = 0;
        while (offset < span.Length)
        {
            var status = Utf8.ToUtf16(span[offset..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
            {
                return offset;
            }
            if (status == System.Buffers.OperationStatus.Done)
            {
                break;
            }
        }
        return offset;
    }

    private static bool IsBlank(ReadOnlySpan<byte> span) => span.TrimStart(" \t\r\n"u8).IsEmpty;

    // ---- JSON ----

    private static List<T> ReadJson<T>(
        ReadOnlyMemory<byte> bytes,
        ImportFileReport report,
        IReadOnlyList<string> schemaFields,
        Func<Func<List<ImportIssue>, RecordFields>, int, string, T> readRecord)
        where T : ImportRecord
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" ligne {line + 1}, colonne {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            report.Issues.Add(new ImportIssue(null, NestsTooDeeply(bytes.Span)
                ? $"Le fichier JSON imbrique plus de {DataInclusionLimits.MaxJsonDepth} niveaux de crochets ou d'accolades{where} : un export data·inclusion n'en compte que trois ou quatre. Vérifiez que c'est bien le fichier des structures ou des services."
                : $"JSON mal formé{where} : le fichier n'a pas pu être lu (vérifiez les virgules, guillemets et crochets autour de cet endroit)."));
            return [];
        }
        using (document)
        {
            var array = document.RootElement;
            // the data·inclusion API answers one page as {"items": [...], "total": …}: its records are read the same way
            if (array.ValueKind == JsonValueKind.Object && array.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                array = items;
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                report.Issues.Add(new ImportIssue(null, "Le fichier JSON doit contenir une liste d'enregistrements : [ {…}, {…} ]."));
                return [];
            }
            var count = array.GetArrayLength();
            if (count > DataInclusionLimits.MaxRecordsPerFile)
            {
                report.Issues.Add(new ImportIssue(null, TooManyMessage(count)));
                return [];
            }
            var elements = array.EnumerateArray().ToArray();
            var unknown = new SortedSet<string>(
                elements.Where(e => e.ValueKind == JsonValueKind.Object).SelectMany(e => e.EnumerateObject().Select(p => p.Name)).Where(n => !schemaFields.Contains(n)),
                StringComparer.Ordinal);
            // records are independent and a JsonDocument may be read from several threads: checked in parallel
            var records = new T[elements.Length];
            Parallel.For(0, elements.Length, index =>
            {
                var element = elements[index];
                var location = $"élément n° {index + 1} (index {index})";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    var record = readRecord(issues => new JsonRecordFields(EmptyObject, issues), index, location);
                    record.Issues.Clear();
                    record.Issues.Add(new ImportIssue(null, "cet élément n'est pas un objet JSON { … } : il est ignoré."));
                    records[index] = record;
                }
                else
                {
                    records[index] = readRecord(issues => new JsonRecordFields(element, issues), index, location);
                }
            });
            NoteIgnored(report, unknown, "Champs hors du schéma data·inclusion, ignorés");
            return [.. records];
        }
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    // ---- CSV ----

    private static List<T> ReadCsv<T>(
        ReadOnlyMemory<byte> bytes,
        ImportFileReport report,
        IReadOnlyList<string> schemaFields,
        IReadOnlyList<string> required,
        Func<Func<List<ImportIssue>, RecordFields>, int, string, T> readRecord)
        where T : ImportRecord
    {
        var rows = ParseCsv(bytes, out var malformed);
        if (malformed is not null)
        {
            report.Issues.Add(new ImportIssue(null, $"CSV mal formé : {malformed}"));
            return [];
        }
        if (rows.Count == 0)
        {
            report.Issues.Add(new ImportIssue(null, "Le fichier est vide."));
            return [];
        }
        if (rows.Count - 1 > DataInclusionLimits.MaxRecordsPerFile)
        {
            report.Issues.Add(new ImportIssue(null, TooManyMessage(rows.Count - 1)));
            return [];
        }

        var header = rows[0].Cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Length > 0 && !columns.TryAdd(header[i], i))
            {
                report.Issues.Add(new ImportIssue(header[i], "cette colonne apparaît deux fois dans l'en-tête."));
            }
        }
        var missing = required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            report.Issues.Add(new ImportIssue(null,
                $"Colonne{(missing.Count > 1 ? "s" : string.Empty)} obligatoire{(missing.Count > 1 ? "s" : string.Empty)} absente{(missing.Count > 1 ? "s" : string.Empty)} de l'en-tête (ligne 1) : {string.Join(", ", missing)}. "
                + "La première ligne doit nommer les colonnes comme le schéma data·inclusion."));
        }
        if (!report.IsReadable)
        {
            return [];
        }
        NoteIgnored(report, new SortedSet<string>(columns.Keys.Where(c => !schemaFields.Contains(c)), StringComparer.Ordinal),
            "Colonnes hors du schéma data·inclusion, ignorées");

        var records = new T[rows.Count - 1];
        Parallel.For(1, rows.Count, i =>
        {
            var row = rows[i];
            var location = $"ligne {row.Line}";
            var record = readRecord(issues => new CsvRecordFields(columns, row.Cells, issues), row.Line, location);
            if (row.Cells.Length != header.Count)
            {
                // the cells are shifted: anything read from them would only add confusing messages
                record.Issues.Clear();
                record.Issues.Add(new ImportIssue(null,
                    $"la ligne compte {row.Cells.Length} colonnes au lieu des {header.Count} de l'en-tête (un séparateur en trop, ou un texte contenant le séparateur sans guillemets ?)."));
            }
            records[i - 1] = record;
        });
        return [.. records];
    }

    /// <summary>One CSV record with the line it starts on (1-based), for messages.</summary>
    private sealed record CsvLine(int Line, string[] Cells);

    /// <summary>
    /// The records, header included (its cells are checked here, with French messages); at most one more than the
    /// limit allows, the caller refusing the file then. A quote left open or followed by text refuses the whole file
    /// (<paramref name="malformed"/>, naming the line): every record after it would be read shifted. A quote inside
    /// an unquoted text (<c>Centre "Le Mont"</c>) is kept as written, as spreadsheets do.
    /// </summary>
    private static List<CsvLine> ParseCsv(ReadOnlyMemory<byte> bytes, out string? malformed)
    {
        string? problem = null;
        var options = new CsvReaderOptions
        {
            Separator = SpreadsheetCsv.DetectSeparator(bytes.Span, onTie: ','),
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            // a line with more or fewer cells than the header is refused alone, by the caller
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => problem ??= record.Reason switch
            {
                CsvMalformedReason.StrayQuote => null,
                CsvMalformedReason.UnterminatedQuote => $"ligne {record.LineNumber} : un guillemet ouvert n'est jamais refermé.",
                CsvMalformedReason.TextAfterClosingQuote =>
                    $"ligne {record.LineNumber} : un champ entre guillemets est suivi d'autre chose qu'un séparateur (un guillemet dans le texte s'écrit \"\").",
                _ => $"ligne {record.LineNumber} : enregistrement illisible.",
            },
        };
        var rows = new List<CsvLine>();
        using (var reader = CsvReader.Create(bytes, options))
        {
            while (problem is null && rows.Count <= DataInclusionLimits.MaxRecordsPerFile + 1 && reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i);
                }
                rows.Add(new CsvLine((int)reader.LineNumber, cells));
            }
        }
        malformed = problem;
        return rows;
    }

    private static void NoteIgnored(ImportFileReport report, SortedSet<string> names, string what)
    {
        if (names.Count > 0)
        {
            var shown = string.Join(", ", names.Take(10)) + (names.Count > 10 ? $"… ({names.Count} en tout)" : string.Empty);
            report.Notes.Add($"{what} : {shown}.");
        }
    }

    // French digits whatever the server's culture: the command-line verb prints this too, outside any request.
    private static string TooManyMessage(int count) => string.Create(CultureInfo.GetCultureInfo("fr-FR"),
        $"Le fichier contient {count:N0} enregistrements : au plus {DataInclusionLimits.MaxRecordsPerFile:N0} par fichier. Découpez-le ou filtrez-le sur votre territoire.");

    // ---- records ----

    private static StructureRecord ReadStructure(Func<List<ImportIssue>, RecordFields> read, int position, string location, DataInclusionReadOptions options)
    {
        var issues = new List<ImportIssue>();
        var fields = read(issues);
        var reference = ExternalReference.Clean(new ExternalReference(fields.String(F.Source) ?? string.Empty, fields.String(F.Id) ?? string.Empty));
        var dateMaj = ReadDate(fields, issues, options.Now);
        var details = new StructureDetails
        {
            Name = fields.String(F.Nom) ?? string.Empty,
            Description = fields.String(F.Description),
            Siret = fields.String(F.Siret),
            Address = ReadAddress(fields),
            Phone = fields.String(F.Telephone),
            Email = fields.String(F.Courriel),
            Website = fields.String(F.SiteWeb),
            OpeningHours = fields.String(F.HorairesAccueil),
            Networks = fields.List(F.ReseauxPorteurs),
        };
        fields.String(F.AccessibiliteLieu);
        fields.String(F.LienSource);
        try
        {
            Structure.Import(Guid.Empty, reference, details, dateMaj ?? DateOnly.MinValue, options.Now);
        }
        catch (DomainValidationException ex)
        {
            AddDomainIssues(ex.Errors, F.ForStructureKey, fields.Mistyped, issues);
        }
        var record = new StructureRecord { Position = position, Location = location, Reference = reference, DateMaj = dateMaj ?? default, Details = details };
        record.Issues.AddRange(issues);
        return record;
    }

    private static ServiceRecord ReadService(Func<List<ImportIssue>, RecordFields> read, int position, string location, DataInclusionReadOptions options, Structure placeholder)
    {
        var issues = new List<ImportIssue>();
        var fields = read(issues);
        var reference = ExternalReference.Clean(new ExternalReference(fields.String(F.Source) ?? string.Empty, fields.String(F.Id) ?? string.Empty));
        var structureId = Text.Clean(fields.String(F.StructureId));
        if (structureId.Length == 0 && !fields.Mistyped.Contains(F.StructureId))
        {
            issues.Add(new ImportIssue(F.StructureId, "champ obligatoire manquant : l'identifiant de la structure qui porte ce service."));
        }
        var dateMaj = ReadDate(fields, issues, options.Now);
        var contactName = fields.String(F.ContactNomPrenom);
        var contactPhone = fields.String(F.Telephone);
        var contactEmail = fields.String(F.Courriel);
        var details = new ServiceDetails
        {
            Name = fields.String(F.Nom) ?? string.Empty,
            Description = fields.String(F.Description) ?? string.Empty,
            Type = fields.String(F.Type),
            Thematiques = fields.List(F.Thematiques),
            Publics = fields.List(F.Publics),
            PublicsDetails = fields.String(F.PublicsPrecisions),
            Frais = fields.String(F.Frais),
            FraisDetails = fields.String(F.FraisPrecisions),
            AccessConditions = fields.String(F.ConditionsAcces),
            ModesAccueil = fields.List(F.ModesAccueil),
            Address = ReadAddress(fields),
            ModesMobilisation = fields.List(F.ModesMobilisation),
            MobilisablePar = fields.List(F.MobilisablePar),
            MobilisationLink = fields.String(F.LienMobilisation),
            MobilisationDetails = fields.String(F.MobilisationPrecisions),
            Contact = contactName is null && contactPhone is null && contactEmail is null
                ? null
                : new ServiceContact(contactName, contactPhone, contactEmail),
            WeeklyHours = fields.Decimal(F.VolumeHoraireHebdomadaire),
            NumberOfWeeks = fields.Integer(F.NombreSemaines),
            OpeningHours = fields.String(F.HorairesAccueil),
            EligibilityZone = fields.List(F.ZoneEligibilite),
        };
        fields.String(F.LienSource);
        try
        {
            Service.Import(placeholder, reference, details, dateMaj ?? DateOnly.MinValue, options.Now);
        }
        catch (DomainValidationException ex)
        {
            AddDomainIssues(ex.Errors, F.ForServiceKey, fields.Mistyped, issues);
        }
        var record = new ServiceRecord
        {
            Position = position,
            Location = location,
            Reference = reference,
            DateMaj = dateMaj ?? default,
            Details = details,
            StructureId = structureId,
        };
        record.Issues.AddRange(issues);
        return record;
    }

    private static PostalAddress ReadAddress(RecordFields f) => new()
    {
        Street = f.String(F.Adresse),
        Complement = f.String(F.ComplementAdresse),
        Postcode = f.String(F.CodePostal),
        Commune = f.String(F.Commune),
        InseeCode = f.String(F.CodeInsee),
        Latitude = f.Double(F.Latitude),
        Longitude = f.Double(F.Longitude),
    };

    private static DateOnly? ReadDate(RecordFields f, List<ImportIssue> issues, DateTimeOffset now)
    {
        var text = f.String(F.DateMaj);
        if (text is null)
        {
            if (!f.Mistyped.Contains(F.DateMaj))
            {
                issues.Add(new ImportIssue(F.DateMaj, "champ obligatoire manquant : la date de dernière mise à jour, au format AAAA-MM-JJ (ex. : 2025-02-14)."));
            }
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            issues.Add(new ImportIssue(F.DateMaj, $"date invalide « {text} » : format AAAA-MM-JJ attendu (ex. : 2025-02-14)."));
            return null;
        }
        // one day of tolerance for producers east of Paris writing « today »
        if (date > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
        {
            issues.Add(new ImportIssue(F.DateMaj, $"la date de mise à jour « {text} » est dans le futur."));
            return null;
        }
        return date;
    }

    private static void AddDomainIssues(ValidationErrors errors, Func<string, string?> fieldOf, HashSet<string> alreadyReported, List<ImportIssue> issues)
    {
        foreach (var (key, messages) in errors.ByField)
        {
            var field = fieldOf(key);
            if (field is not null && alreadyReported.Contains(field))
            {
                continue;
            }
            issues.AddRange(messages.Select(m => new ImportIssue(field, m)));
        }
    }

    // ---- across records ----

    private static void MarkDuplicates<T>(List<T> records, string what) where T : ImportRecord
    {
        var groups = records
            .Where(r => r.Reference.Source.Length > 0 && r.Reference.Id.Length > 0)
            .GroupBy(r => r.Reference)
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            // every copy is refused: the file does not say which one is right
            var all = group.ToList();
            foreach (var record in all)
            {
                var others = string.Join(", ", all.Where(o => !ReferenceEquals(o, record)).Select(o => o.Location));
                record.Issues.Add(new ImportIssue(F.Id,
                    $"identifiant en double : la {what} « {record.Reference.Id} » (source « {record.Reference.Source} ») apparaît aussi {others}. Aucune des copies n'est importée."));
            }
        }
    }

    private static void ResolveStructures(
        List<ServiceRecord> services,
        List<StructureRecord> structures,
        bool structuresReadable,
        IReadOnlyCollection<ExternalReference> known)
    {
        var fileByPair = new Dictionary<ExternalReference, StructureRecord>();
        foreach (var structure in structures)
        {
            fileByPair.TryAdd(structure.Reference, structure);
        }
        var fileById = structures.GroupBy(s => s.Reference.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var knownPairs = known.ToHashSet();
        var knownById = known.GroupBy(k => k.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var service in services.Where(s => s.StructureId.Length > 0))
        {
            // data·inclusion ids combine producer and record, so structure_id is looked up with the service's source
            // first, then alone when only one structure has it
            var pair = new ExternalReference(service.Reference.Source, service.StructureId);
            var inFile = fileByPair.GetValueOrDefault(pair)
                ?? (fileById.TryGetValue(service.StructureId, out var sameId) && sameId.Count == 1 ? sameId[0] : null);
            if (inFile is not null)
            {
                if (inFile.IsValid)
                {
                    service.StructureReference = inFile.Reference;
                }
                else
                {
                    service.Issues.Add(new ImportIssue(F.StructureId,
                        $"la structure « {service.StructureId} » de ce service est refusée ({inFile.Location} du fichier des structures) : corrigez-la d'abord."));
                }
                continue;
            }
            var existing = knownPairs.Contains(pair) ? pair
                : knownById.TryGetValue(service.StructureId, out var knownSameId) && knownSameId.Count == 1 ? knownSameId[0]
                : null;
            if (existing is not null)
            {
                service.StructureReference = existing;
                continue;
            }
            service.Issues.Add(new ImportIssue(F.StructureId, structuresReadable
                ? $"structure inconnue « {service.StructureId} » : elle n'est ni dans le fichier des structures ni déjà dans l'annuaire de la Cité."
                : $"structure « {service.StructureId} » introuvable : le fichier des structures n'a pas pu être lu et elle n'est pas déjà dans l'annuaire de la Cité."));
        }
    }
}
