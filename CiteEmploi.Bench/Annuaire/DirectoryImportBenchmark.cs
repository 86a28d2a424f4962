using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CiteEmploi.Bench.Annuaire;

/// <summary>
/// Issue 4's figure: importing 50,000 data·inclusion services (with their 1,000 structures) into one Cité in under
/// 20 s, through the real pipeline — files read and checked record by record (JSON), one transaction, search index
/// rebuilt for the Cité — on a real SQLite file, then the same files again (every record an update).
/// The records are synthetic, generated with a fixed seed, never presented as real.
/// </summary>
public sealed class DirectoryImportBenchmark : IBenchmark
{
    private const int StructureCount = 1_000;
    private const int ServiceCount = 50_000;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(20);

    public string Name => "directory-import";

    public string Description =>
        $"data·inclusion import of {ServiceCount:N0} synthetic services and {StructureCount:N0} structures (JSON files) into one Cité: " +
        "read and check, store in one transaction, index; then the same files again, then the services with a newer date (all updates), " +
        "then with a newer date and new names and descriptions (all updates, every full-text entry rewritten).";

    public async Task RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var structuresPath = Path.Combine(folder, "structures.json");
            var servicesPath = Path.Combine(folder, "services.json");
            var newerServicesPath = Path.Combine(folder, "services-newer.json");
            var rewrittenServicesPath = Path.Combine(folder, "services-rewritten.json");
            WriteFiles(structuresPath, servicesPath, "2025-10-01");
            WriteFiles(Path.Combine(folder, "structures-newer.json"), newerServicesPath, "2025-11-01");
            WriteFiles(Path.Combine(folder, "structures-rewritten.json"), rewrittenServicesPath, "2025-11-02", rewritten: true);
            output.WriteLine($"Files: structures.json {Megabytes(structuresPath)}, services.json {Megabytes(servicesPath)} " +
                             $"(limit {DataInclusionLimits.MaxFileSizeText} per file).");
            output.WriteLine();

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection([new("CiteEmploi:DataFolder", folder)]);
            builder.Logging.ClearProviders();
            builder.Services.AddCiteEmploiFeatures(builder.Configuration);
            builder.Services.AddCiteEmploiAccounts();
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var cites = host.Services.GetRequiredService<CiteService>();
            var created = await cites.CreateAsync(new CiteProfile { Name = "Cité du banc d'essai", TerritoryName = "Banc d'essai", BudgetYear = 2026 });
            var access = (await cites.OperatorAccessAsync(created.Value!))!;
            var importer = host.Services.GetRequiredService<DirectoryImporter>();

            var loadAtStart = LoadAverage();
            var table = new MarkdownTable(("Run", false), ("Outcome", false), ("New", true), ("Updated", true), ("Rejected", true),
                ("Read + check s", true), ("Store s", true), ("Index s", true), ("Total s", true), ("CPU s", true), ("Under 20 s", false));
            foreach (var (run, servicesFile) in new[]
            {
                ("first import (all new)", servicesPath),
                ("same files again (nothing to change)", servicesPath),
                ("services with a newer date_maj (50,000 updates)", newerServicesPath),
                ("newer date_maj, new names and descriptions (50,000 updates)", rewrittenServicesPath),
            })
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var total = Stopwatch.StartNew();
                var read = Stopwatch.StartNew();
                var batch = await importer.ReadAsync(access,
                    await DataInclusionInput.LoadFileAsync(structuresPath), await DataInclusionInput.LoadFileAsync(servicesFile));
                read.Stop();
                var store = Stopwatch.StartNew();
                var index = new Stopwatch();
                var progress = new SynchronousProgress(p =>
                {
                    if (p.Step != "Enregistrement" && store.IsRunning)
                    {
                        store.Stop();
                        index.Start();
                    }
                });
                var report = await importer.ImportAsync(access, batch, ImportMode.AllOrNothing, progress);
                index.Stop();
                total.Stop();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                table.AddRow(run, report.Outcome.ToString(), report.Counts.New.ToString("N0", CultureInfo.InvariantCulture),
                    report.Counts.Updated.ToString("N0", CultureInfo.InvariantCulture), report.Counts.Rejected.ToString("N0", CultureInfo.InvariantCulture),
                    S(read.Elapsed), S(store.Elapsed), S(index.Elapsed), S(total.Elapsed), S(cpu), total.Elapsed < Target ? "yes" : "**no**");
            }
            table.Write(output);
            output.WriteLine();
            output.WriteLine("Read + check: both files loaded, parsed and every record validated through the domain (Structure.Import, " +
                             "Service.Import), in parallel. Store: compare with what the Cité holds, build the new records (in parallel), then one " +
                             "transaction, in chunks of 2,000 records: new services by one prepared INSERT, updated ones by one prepared UPDATE " +
                             "(BulkInsert), structures through EF Core. Index: the full-text entries of the published services " +
                             "that changed, written after the commit (DirectorySearchIndex.UpsertAsync). One run each, on a SQLite file in WAL mode. " +
                             "CPU s: processor time the process used during the run (all threads), which a busy shared machine inflates less than wall time.");
            output.WriteLine();
            output.WriteLine($"Load average when the runs started: {loadAtStart}; when they ended: {LoadAverage()} (on {Environment.ProcessorCount} logical cores).");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string S(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Megabytes(string path) => $"{new FileInfo(path).Length / (1024.0 * 1024.0):0.0} MB";

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the timings need the callback at the moment it is reported.</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    /// <param name="rewritten">Every service's name and description changed (a separate generator, so everything else stays the same).</param>
    internal static void WriteFiles(string structuresPath, string servicesPath, string dateMaj, bool rewritten = false,
        int structureCount = StructureCount, int serviceCount = ServiceCount)
    {
        var random = new Random(42);
        var rewriting = new Random(7);
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var thematiques = Referentiels.Thematiques.Codes.ToArray();
        var publics = Referentiels.Publics.Codes.Where(c => c != Referentiels.TousPublics).ToArray();
        var types = Referentiels.TypesDeServices.Codes.ToArray();
        string[] communes = ["Valmont-sur-Loire", "Saint-Jean", "Bourg-Neuf", "Montclair", "Val-Fleuri"];
        string[] words = ["accompagnement", "emploi", "insertion", "jeunes", "quartier", "démarches", "formation", "parcours", "orientation",
            "entretien", "collectif", "atelier", "familles", "qualification", "métiers", "entreprises", "mobilité", "numérique", "santé"];

        using (var stream = File.Create(structuresPath))
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartArray();
            for (var i = 0; i < structureCount; i++)
            {
                json.WriteStartObject();
                json.WriteString("source", "banc-essai");
                json.WriteString("id", $"banc-essai--structure-{i}");
                json.WriteString("nom", $"Structure fictive n° {i}");
                json.WriteString("description", "Structure fictive générée pour mesurer l'import : " + Sentence(random, words, 12));
                json.WriteString("date_maj", "2025-10-01");
                json.WriteString("adresse", $"{random.Next(1, 200)} rue des Essais");
                json.WriteString("code_postal", "90000");
                json.WriteString("commune", communes[random.Next(communes.Length)]);
                json.WriteString("code_insee", "90010");
                json.WriteString("telephone", "03 84 00 00 00");
                json.WriteString("courriel", $"structure{i}@exemple.invalid");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        using (var stream = File.Create(servicesPath))
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartArray();
            for (var i = 0; i < serviceCount; i++)
            {
                json.WriteStartObject();
                json.WriteString("source", "banc-essai");
                json.WriteString("structure_id", $"banc-essai--structure-{random.Next(structureCount)}");
                json.WriteString("id", $"banc-essai--service-{i}");
                json.WriteString("nom", $"{Capitalised(words[random.Next(words.Length)])} {words[random.Next(words.Length)]} n° {i}" + (rewritten ? " (révisé)" : ""));
                json.WriteString("description", Sentence(random, words, 40) + (rewritten ? " Révision : " + Sentence(rewriting, words, 10) : ""));
                json.WriteString("date_maj", dateMaj);
                json.WriteString("type", types[random.Next(types.Length)]);
                json.WriteStartArray("thematiques");
                foreach (var code in thematiques.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                {
                    json.WriteStringValue(code);
                }
                json.WriteEndArray();
                json.WriteStartArray("publics");
                json.WriteStringValue(publics[random.Next(publics.Length)]);
                json.WriteEndArray();
                json.WriteString("frais", random.Next(3) == 0 ? "payant" : "gratuit");
                json.WriteStartArray("modes_accueil");
                json.WriteStringValue("en-presentiel");
                json.WriteEndArray();
                json.WriteStartArray("modes_mobilisation");
                json.WriteStringValue("telephoner");
                json.WriteEndArray();
                json.WriteStartArray("zone_eligibilite");
                json.WriteStringValue("90");
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
    }

    private static string Sentence(Random random, string[] words, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)])) + ".";

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
