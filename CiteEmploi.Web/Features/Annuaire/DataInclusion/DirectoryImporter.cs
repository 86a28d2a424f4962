using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>Whether an import with refused records goes ahead.</summary>
public enum ImportMode
{
    /// <summary>Nothing is imported unless every record of both files is valid.</summary>
    AllOrNothing,

    /// <summary>The coordinator chose « importer les enregistrements valides »: refused records are left out.</summary>
    ValidOnly,
}

public enum ImportOutcome
{
    /// <summary>Checked against the Cité's directory, nothing written.</summary>
    Preview,
    Imported,
    Refused,
    Forbidden,

    /// <summary>Another import of the same Cité was running: nothing was done (<see cref="DirectoryImporter.BusyMessage"/>).</summary>
    Busy,
}

/// <summary>What an import did (or, for a preview, would do).</summary>
/// <remarks><see cref="Unchanged"/>: records already in the Cité with the same content and no newer date, left untouched.</remarks>
public sealed record ImportCounts(int NewStructures, int UpdatedStructures, int NewServices, int UpdatedServices, int PublishedServices, int Rejected, int Unchanged = 0)
{
    public int New => NewStructures + NewServices;

    public int Updated => UpdatedStructures + UpdatedServices;
}

/// <summary>Where a long import is, for a progress bar.</summary>
public sealed record ImportProgress(string Step, int Done, int Total);

/// <summary>The outcome, the per-record report (<see cref="Batch"/>) and the counts.</summary>
public sealed record ImportReport(ImportOutcome Outcome, DataInclusionBatch Batch, ImportCounts Counts)
{
    /// <summary>The summary and every refusal, in French, for the console.</summary>
    public string Describe()
    {
        var summary = Outcome switch
        {
            ImportOutcome.Forbidden => "Seul un·e coordinateur·rice de la Cité peut importer un annuaire.",
            ImportOutcome.Busy => DirectoryImporter.BusyMessage,
            ImportOutcome.Refused when !Batch.FilesReadable => "Import refusé : un fichier n'a pas pu être lu. Rien n'a été importé.",
            ImportOutcome.Refused => $"Import refusé : {Counts.Rejected} enregistrement(s) refusé(s). Rien n'a été importé.",
            ImportOutcome.Preview => $"Aperçu : {Counts.New} nouveau(x), {Counts.Updated} mis à jour, {Counts.Unchanged} inchangé(s), {Counts.Rejected} refusé(s).",
            _ => $"Import terminé : {Counts.NewStructures} structure(s) et {Counts.NewServices} service(s) ajoutés, "
                + $"{Counts.UpdatedStructures} structure(s) et {Counts.UpdatedServices} service(s) mis à jour, "
                + $"{Counts.Unchanged} inchangé(s), {Counts.PublishedServices} service(s) publié(s), {Counts.Rejected} enregistrement(s) refusé(s).",
        };
        var details = Outcome is ImportOutcome.Forbidden or ImportOutcome.Busy ? string.Empty : Batch.Describe();
        return details.Length == 0 ? summary : summary + Environment.NewLine + details;
    }

    /// <summary>The outcome and counts without the records: what a page keeps once the import is over, so they can go.</summary>
    public ImportReport WithoutRecords() => this with
    {
        Batch = new DataInclusionBatch { StructuresFile = Batch.StructuresFile, ServicesFile = Batch.ServicesFile, Structures = [], Services = [] },
    };
}

/// <summary>
/// Applies data·inclusion files to a Cité's directory (coordinators only), in one transaction: all or nothing, unless
/// the coordinator chose to import only the valid records. A record is matched by its (source, id): a re-import
/// updates it (<see cref="Structure.Reimport"/>, <see cref="Service.Reimport"/>) and never adds a copy.
/// New services are published when they can be (they name at least one thématique, so a barrier finds them), or stay
/// drafts; services already in the Cité keep their status, so a service a coordinator archived stays archived.
/// A record whose content is already there (and whose date is not newer) is left untouched: re-importing the same
/// file writes nothing. The search index follows once the transaction is committed, for the services that changed, and
/// only then is the import broadcast: the importer holds its committed events and indexes from the records in memory,
/// which is cheaper than <see cref="DirectoryLiveEvents"/> reading each service back.
/// Services are written by prepared statements (<see cref="BulkInsert"/>), not through EF Core's change tracker, whose
/// per-entity work cost several times SQLite's on tens of thousands of records (docs/benchmarks.md, directory-import).
/// </summary>
public sealed class DirectoryImporter(CiteDbContextFactory dbs, DirectoryIndexer indexer, DomainEventPublisher events, TimeProvider time,
    DatabaseStatistics statistics)
{
    public const string BusyMessage = "Un import est déjà en cours pour cette Cité : attendez qu'il se termine, puis recommencez. Rien n'a été importé.";

    /// <summary>Records saved per round trip: keeps the change tracker small and the progress bar moving.</summary>
    private const int ChunkSize = 2_000;

    /// <summary>From this many records, the memory an import took is handed back once it is over (<see cref="ReleaseLater"/>).</summary>
    private const int LargeImportRecords = 10_000;

    /// <summary>
    /// The Cités whose import is running: one at a time per Cité, so two coordinators (or one who clicks twice) never
    /// hold two copies of a large directory in memory, nor race on the same records.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> _running = new();

    /// <summary>Reads the two files against the Cité's directory (services may point to structures already there).</summary>
    public async Task<DataInclusionBatch> ReadAsync(CiteAccess access, DataInclusionInput structures, DataInclusionInput services, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var known = await db.Structures.AsNoTracking()
            .Where(s => s.Source != null && s.ExternalId != null)
            .Select(s => new { s.Source, s.ExternalId })
            .ToListAsync(cancellationToken);
        var options = new DataInclusionReadOptions(time.GetUtcNow())
        {
            KnownStructures = [.. known.Select(k => new ExternalReference(k.Source!, k.ExternalId!))],
        };
        return DataInclusionReader.Read(structures, services, options);
    }

    /// <summary>Reads the files and checks every record against the directory as an import would, writing nothing.</summary>
    public async Task<ImportReport> PreviewAsync(CiteAccess access, DataInclusionInput structures, DataInclusionInput services, CancellationToken cancellationToken = default)
    {
        var batch = await ReadAsync(access, structures, services, cancellationToken);
        if (!access.Can(CitePermission.EditAllContent))
        {
            return new ImportReport(ImportOutcome.Forbidden, batch, Counts(batch, 0, 0, 0, 0, 0));
        }
        return await ApplyAsync(access, batch, ImportMode.ValidOnly, commit: false, progress: null, cancellationToken);
    }

    /// <summary>Reads and imports in one go (command line).</summary>
    public async Task<ImportReport> ImportFilesAsync(CiteAccess access, DataInclusionInput structures, DataInclusionInput services, ImportMode mode,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!_running.TryAdd(access.CiteId, 0))
        {
            return Busy(structures.FileName, services.FileName);
        }
        try
        {
            var batch = await ReadAsync(access, structures, services, cancellationToken);
            return await ImportReadAsync(access, batch, mode, progress, cancellationToken);
        }
        finally
        {
            Leave(access.CiteId);
        }
    }

    /// <summary>Imports a batch already read (and usually previewed); refused while another import of the Cité runs.</summary>
    public async Task<ImportReport> ImportAsync(CiteAccess access, DataInclusionBatch batch, ImportMode mode,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!_running.TryAdd(access.CiteId, 0))
        {
            return Busy(batch.StructuresFile.FileName, batch.ServicesFile.FileName);
        }
        try
        {
            return await ImportReadAsync(access, batch, mode, progress, cancellationToken);
        }
        finally
        {
            Leave(access.CiteId);
        }
    }

    private static ImportReport Busy(string structuresFile, string servicesFile) =>
        new(ImportOutcome.Busy,
            new DataInclusionBatch
            {
                StructuresFile = new ImportFileReport { FileName = structuresFile },
                ServicesFile = new ImportFileReport { FileName = servicesFile },
                Structures = [],
                Services = [],
            },
            new ImportCounts(0, 0, 0, 0, 0, 0));

    private void Leave(Guid citeId) => _running.TryRemove(citeId, out _);

    /// <summary>
    /// Hands the memory of a large import back to the system once its records are let go (the page keeps only the counts,
    /// <see cref="ImportReport.WithoutRecords"/>): a compacting collection a moment after, so the server does not keep a
    /// large import's peak for good (issue 15: 354 MB → 1.16 GB after 100k + 100k, and /health slowed).
    /// </summary>
    public void ReleaseLater(DataInclusionBatch batch)
    {
        if (batch.Structures.Count + batch.Services.Count < LargeImportRecords)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), time);
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        });
    }

    private async Task<ImportReport> ImportReadAsync(CiteAccess access, DataInclusionBatch batch, ImportMode mode,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        if (!access.Can(CitePermission.EditAllContent))
        {
            return new ImportReport(ImportOutcome.Forbidden, batch, Counts(batch, 0, 0, 0, 0, 0));
        }
        if (!batch.FilesReadable || (mode == ImportMode.AllOrNothing && !batch.IsValid))
        {
            return new ImportReport(ImportOutcome.Refused, batch, Counts(batch, 0, 0, 0, 0, 0));
        }
        return await ImportCheckedAsync(access, batch, mode, progress, ownSourceAccepted: false, cancellationToken);
    }

    /// <summary>
    /// Imports content the application itself produced for this Cité (the demonstration directory, <c>DemoLoader</c>):
    /// its records carry the Cité's own source, which a file import refuses as already there. All or nothing.
    /// </summary>
    internal async Task<ImportReport> ImportOwnContentAsync(CiteAccess access, DataInclusionBatch batch, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditAllContent))
        {
            return new ImportReport(ImportOutcome.Forbidden, batch, Counts(batch, 0, 0, 0, 0, 0));
        }
        if (!batch.IsValid)
        {
            return new ImportReport(ImportOutcome.Refused, batch, Counts(batch, 0, 0, 0, 0, 0));
        }
        if (!_running.TryAdd(access.CiteId, 0))
        {
            return Busy(batch.StructuresFile.FileName, batch.ServicesFile.FileName);
        }
        try
        {
            return await ImportCheckedAsync(access, batch, ImportMode.AllOrNothing, progress: null, ownSourceAccepted: true, cancellationToken);
        }
        finally
        {
            Leave(access.CiteId);
        }
    }

    private async Task<ImportReport> ImportCheckedAsync(CiteAccess access, DataInclusionBatch batch, ImportMode mode, IProgress<ImportProgress>? progress,
        bool ownSourceAccepted, CancellationToken cancellationToken)
    {
        var changes = new Changes();
        var report = await ApplyAsync(access, batch, mode, commit: true, progress, cancellationToken, changes, ownSourceAccepted);
        if (report.Outcome == ImportOutcome.Imported)
        {
            await IndexAsync(access, changes, progress, cancellationToken);
            // the rows just written change which plans are best: the next search (pages woken by the broadcast) gets them
            await statistics.AnalyzeAsync(cancellationToken);
            events.Broadcast(changes.Committed);
        }
        return report;
    }

    /// <summary>What a committed import changed, for the search index.</summary>
    private sealed class Changes
    {
        public List<(Service Service, Structure Structure)> Published { get; } = [];

        public HashSet<Guid> UpdatedStructures { get; } = [];

        /// <summary>The import's committed events, broadcast once the index holds them.</summary>
        public List<IDomainEvent> Committed { get; } = [];
    }

    private async Task IndexAsync(CiteAccess access, Changes changes, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        const string Step = "Mise à jour de la recherche";
        // documents built from the entities in memory: no need to read back what was just written
        var documents = changes.Published.Select(c => DirectoryIndexer.ToDocument(c.Service, c.Structure)).ToList();
        var done = 0;
        foreach (var chunk in documents.Chunk(5_000))
        {
            progress?.Report(new ImportProgress(Step, done, documents.Count));
            await indexer.UpsertAsync(chunk, cancellationToken);
            done += chunk.Length;
        }
        // a structure's name and address are part of its services' entries, including services not in the file
        if (changes.UpdatedStructures.Count > 0)
        {
            var indexed = changes.Published.Select(c => c.Service.Id).ToHashSet();
            await using var db = await dbs.CreateAsync(access, cancellationToken);
            var others = await db.Services.AsNoTracking()
                .Where(s => changes.UpdatedStructures.Contains(s.StructureId) && s.Status == ServiceStatus.Publie)
                .Select(s => s.Id)
                .ToListAsync(cancellationToken);
            foreach (var chunk in others.Where(id => !indexed.Contains(id)).Chunk(2_000))
            {
                await indexer.RefreshAsync(access.CiteId, chunk, cancellationToken);
            }
        }
        progress?.Report(new ImportProgress(Step, documents.Count, documents.Count));
    }

    private async Task<ImportReport> ApplyAsync(CiteAccess access, DataInclusionBatch batch, ImportMode mode, bool commit,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken, Changes? changes = null, bool ownSourceAccepted = false)
    {
        var now = time.GetUtcNow();
        // null when the Cité's own source is accepted (no record's source is null)
        var ownSource = ownSourceAccepted ? null : DataInclusionExport.CiteSource(access.Slug);
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.HoldCommittedEvents = true;
        // read without tracking: each record attaches the one it changes, and every chunk is saved then forgotten
        var existingStructures = (await db.Structures.AsNoTracking().Where(s => s.Source != null).ToListAsync(cancellationToken))
            .ToDictionary(s => new ExternalReference(s.Source!, s.ExternalId!));
        var existingServices = (await db.Services.AsNoTracking().Where(s => s.Source != null).ToListAsync(cancellationToken))
            .ToDictionary(s => new ExternalReference(s.Source!, s.ExternalId!));
        await using var transaction = commit ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

        int newStructures = 0, updatedStructures = 0, newServices = 0, updatedServices = 0, published = 0, unchanged = 0;
        var total = batch.Structures.Count(r => r.IsValid) + batch.Services.Count(r => r.IsValid);
        var done = 0;
        var pending = 0;
        // services bypass the change tracker (see BulkInsert): new ones by a prepared INSERT, updated ones by a prepared
        // UPDATE checked against the version read; their events are published after the commit
        var newServiceRows = new List<Service>();
        var updatedServiceRows = new List<Service>();
        var updatedServiceVersions = new List<int>();
        var bulkEvents = new List<IDomainEvent>();

        async Task SaveAsync()
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await BulkInsert.InsertAsync(db, newServiceRows, cancellationToken);
            await BulkInsert.UpdateAsync(db, updatedServiceRows, updatedServiceVersions, cancellationToken);
            foreach (var service in newServiceRows.Concat(updatedServiceRows))
            {
                bulkEvents.AddRange(service.DomainEvents);
                service.ClearDomainEvents();
            }
            newServiceRows.Clear();
            updatedServiceRows.Clear();
            updatedServiceVersions.Clear();
        }

        async Task StepAsync()
        {
            done++;
            if (++pending < ChunkSize)
            {
                return;
            }
            pending = 0;
            if (commit)
            {
                await SaveAsync();
            }
            progress?.Report(new ImportProgress("Enregistrement", done, total));
        }

        var structuresByReference = new Dictionary<ExternalReference, Structure>(existingStructures);
        foreach (var record in batch.Structures.Where(r => r.IsValid))
        {
            if (record.Reference.Source == ownSource)
            {
                record.Issues.Add(OwnExport(ownSource!));
                continue;
            }
            try
            {
                if (existingStructures.TryGetValue(record.Reference, out var structure))
                {
                    // the QPVs a coordinator set are not part of the schema: a re-import keeps them
                    var details = record.Details with { QpvCodes = structure.QpvCodes };
                    if (record.DateMaj <= structure.UpdatedOn && SameContent(structure.ToDetails(),
                        Structure.Import(access.CiteId, record.Reference, details, record.DateMaj, now).ToDetails()))
                    {
                        unchanged++;
                        continue;
                    }
                    if (commit)
                    {
                        db.Structures.Attach(structure);
                    }
                    structure.Reimport(record.Reference, details, record.DateMaj);
                    changes?.UpdatedStructures.Add(structure.Id);
                    updatedStructures++;
                }
                else
                {
                    structure = Structure.Import(access.CiteId, record.Reference, record.Details, record.DateMaj, now);
                    structuresByReference[record.Reference] = structure;
                    if (commit)
                    {
                        db.Structures.Add(structure);
                    }
                    newStructures++;
                }
            }
            catch (DomainValidationException ex)
            {
                record.Issues.AddRange(ex.Errors.ByField.SelectMany(kv => kv.Value.Select(m => new ImportIssue(DataInclusionFields.ForStructureKey(kv.Key), m))));
                continue;
            }
            await StepAsync();
        }

        var refusedStructures = batch.Structures.Where(r => !r.IsValid).Select(r => r.Reference).ToHashSet();
        var prepared = PrepareNewServices(batch, existingServices, structuresByReference, refusedStructures, ownSource, now);
        var reimported = PrepareKnownServices(batch, existingServices, structuresByReference, refusedStructures, ownSource, now);
        foreach (var record in batch.Services.Where(r => r.IsValid))
        {
            if (record.Reference.Source == ownSource)
            {
                record.Issues.Add(OwnExport(ownSource!));
                continue;
            }
            if (refusedStructures.Contains(record.StructureReference!) || !structuresByReference.TryGetValue(record.StructureReference!, out var structure))
            {
                record.Issues.Add(new ImportIssue(DataInclusionFields.StructureId, $"la structure « {record.StructureId} » de ce service n'a pas pu être importée."));
                continue;
            }
            try
            {
                if (existingServices.TryGetValue(record.Reference, out var service))
                {
                    if (service.StructureId != structure.Id)
                    {
                        record.Issues.Add(new ImportIssue(DataInclusionFields.StructureId,
                            $"ce service est déjà dans l'annuaire sous une autre structure : il ne peut pas être rattaché à « {record.StructureId} » par un import."));
                        continue;
                    }
                    var (outcome, originalVersion, refusal) = reimported.TryGetValue(record, out var ready) ? ready : Reimport(record, service, structure, now);
                    if (refusal is not null)
                    {
                        AddServiceIssues(record, refusal);
                        continue;
                    }
                    if (outcome == Known.Unchanged)
                    {
                        unchanged++;
                        continue;
                    }
                    if (commit)
                    {
                        updatedServiceRows.Add(service);
                        updatedServiceVersions.Add(originalVersion);
                    }
                    if (service.IsPublished)
                    {
                        changes?.Published.Add((service, structure));
                    }
                    updatedServices++;
                }
                else
                {
                    var (created, refusal) = prepared[record];
                    if (refusal is not null)
                    {
                        AddServiceIssues(record, refusal);
                        continue;
                    }
                    service = created!;
                    if (service.IsPublished)
                    {
                        changes?.Published.Add((service, structure));
                        published++;
                    }
                    if (commit)
                    {
                        newServiceRows.Add(service);
                    }
                    newServices++;
                }
            }
            catch (DomainValidationException ex)
            {
                AddServiceIssues(record, ex);
                continue;
            }
            await StepAsync();
        }

        var counts = Counts(batch, newStructures, updatedStructures, newServices, updatedServices, published) with { Unchanged = unchanged };
        if (!commit)
        {
            return new ImportReport(ImportOutcome.Preview, batch, counts);
        }
        if (mode == ImportMode.AllOrNothing && !batch.IsValid)
        {
            // a record passed the file's checks but not the directory's: nothing of this import stays
            await transaction!.RollbackAsync(cancellationToken);
            return new ImportReport(ImportOutcome.Refused, batch, counts);
        }
        await SaveAsync();
        await transaction!.CommitAsync(cancellationToken);
        changes?.Committed.AddRange([.. db.TakeHeldEvents(), .. bulkEvents]);
        progress?.Report(new ImportProgress("Enregistrement", total, total));
        return new ImportReport(ImportOutcome.Imported, batch, counts);
    }

    /// <summary>
    /// Builds the new services (the domain cleans and validates each, then publishes it when it names a thématique)
    /// before the sequential loop that stores them: that work is independent per record, so it runs in parallel.
    /// </summary>
    private static Dictionary<ServiceRecord, (Service? Service, DomainValidationException? Refusal)> PrepareNewServices(
        DataInclusionBatch batch, Dictionary<ExternalReference, Service> existing, Dictionary<ExternalReference, Structure> structures,
        HashSet<ExternalReference> refusedStructures, string? ownSource, DateTimeOffset now)
    {
        var candidates = batch.Services
            .Where(r => r.IsValid && r.Reference.Source != ownSource && !existing.ContainsKey(r.Reference)
                && r.StructureReference is { } s && !refusedStructures.Contains(s) && structures.ContainsKey(s))
            .ToArray();
        var results = new (Service?, DomainValidationException?)[candidates.Length];
        Parallel.For(0, candidates.Length, i =>
        {
            var record = candidates[i];
            try
            {
                var service = Service.Import(structures[record.StructureReference!], record.Reference, record.Details, record.DateMaj, now);
                if (service.Thematiques.Count > 0)
                {
                    service.Publish();
                }
                results[i] = (service, null);
            }
            catch (DomainValidationException ex)
            {
                results[i] = (null, ex);
            }
        });
        var prepared = new Dictionary<ServiceRecord, (Service?, DomainValidationException?)>(candidates.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < candidates.Length; i++)
        {
            prepared[candidates[i]] = results[i];
        }
        return prepared;
    }

    private enum Known
    {
        Unchanged,
        Updated,
    }

    /// <summary>
    /// Compares each record of a service the Cité already holds (under the same structure) with the stored service, and
    /// applies it (<see cref="Service.Reimport"/>) when it brings something new: independent per record, so in parallel,
    /// before the sequential loop. A record whose reference appears twice is left to that loop.
    /// </summary>
    private static Dictionary<ServiceRecord, (Known, int, DomainValidationException?)> PrepareKnownServices(
        DataInclusionBatch batch, Dictionary<ExternalReference, Service> existing, Dictionary<ExternalReference, Structure> structures,
        HashSet<ExternalReference> refusedStructures, string? ownSource, DateTimeOffset now)
    {
        var candidates = batch.Services
            .Where(r => r.IsValid && r.Reference.Source != ownSource && existing.TryGetValue(r.Reference, out var service)
                && r.StructureReference is { } s && !refusedStructures.Contains(s) && structures.TryGetValue(s, out var structure) && service.StructureId == structure.Id)
            .GroupBy(r => r.Reference)
            .Where(g => g.Count() == 1)
            .Select(g => g.Single())
            .ToArray();
        var results = new (Known, int, DomainValidationException?)[candidates.Length];
        Parallel.For(0, candidates.Length, i =>
        {
            var record = candidates[i];
            results[i] = Reimport(record, existing[record.Reference], structures[record.StructureReference!], now);
        });
        var prepared = new Dictionary<ServiceRecord, (Known, int, DomainValidationException?)>(candidates.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < candidates.Length; i++)
        {
            prepared[candidates[i]] = results[i];
        }
        return prepared;
    }

    /// <summary>
    /// A known service's record: unchanged when its content is what is stored and its date not newer, otherwise applied to
    /// the service; with the version the service had before, which the update checks (optimistic concurrency).
    /// </summary>
    private static (Known Outcome, int OriginalVersion, DomainValidationException? Refusal) Reimport(ServiceRecord record, Service service, Structure structure, DateTimeOffset now)
    {
        var originalVersion = service.Version;
        try
        {
            if (record.DateMaj <= service.UpdatedOn && SameContent(service.ToDetails(), Service.Import(structure, record.Reference, record.Details, record.DateMaj, now).ToDetails()))
            {
                return (Known.Unchanged, originalVersion, null);
            }
            service.Reimport(record.Reference, record.Details, record.DateMaj);
            return (Known.Updated, originalVersion, null);
        }
        catch (DomainValidationException ex)
        {
            return (Known.Updated, originalVersion, ex);
        }
    }

    private static void AddServiceIssues(ServiceRecord record, DomainValidationException ex) =>
        record.Issues.AddRange(ex.Errors.ByField.SelectMany(kv => kv.Value.Select(m => new ImportIssue(DataInclusionFields.ForServiceKey(kv.Key), m))));

    // compared after the domain's cleaning, as it would store them
    private static bool SameContent(StructureDetails stored, StructureDetails incoming) =>
        System.Text.Json.JsonSerializer.Serialize(stored) == System.Text.Json.JsonSerializer.Serialize(incoming);

    // the database keeps decimals with a fixed scale (6 comes back as 6.00): compared by value
    private static bool SameContent(ServiceDetails stored, ServiceDetails incoming) =>
        stored.WeeklyHours == incoming.WeeklyHours
        && System.Text.Json.JsonSerializer.Serialize(stored with { WeeklyHours = null }) == System.Text.Json.JsonSerializer.Serialize(incoming with { WeeklyHours = null });

    private static ImportIssue OwnExport(string ownSource) =>
        new(DataInclusionFields.Source, $"la source « {ownSource} » est celle des exports de cette Cité : cet enregistrement y est déjà.");

    private static ImportCounts Counts(DataInclusionBatch batch, int newStructures, int updatedStructures, int newServices, int updatedServices, int published) =>
        new(newStructures, updatedStructures, newServices, updatedServices, published, batch.RejectedCount);
}
