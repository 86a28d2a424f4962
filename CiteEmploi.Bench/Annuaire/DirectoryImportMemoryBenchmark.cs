using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CiteEmploi.Bench.Annuaire;

/// <summary>
/// Issue 15's memory figure for the directory import: the process's working set before an import of
/// <see cref="Structures"/> structures and <see cref="Services"/> services (synthetic, the files of
/// <see cref="DirectoryImportBenchmark"/>), its peak during the import, and what stays after — first as the import page
/// did before (the report and its records kept, nothing handed back), then as it does now (the records let go,
/// <see cref="DirectoryImporter.ReleaseLater"/>) — in the same process, one after the other.
/// </summary>
public sealed class DirectoryImportMemoryBenchmark : IBenchmark
{
    private const int Structures = 20_000;
    private const int Services = 20_000;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public string Name => "directory-import-memory";

    public string Description =>
        $"Working set of the process around a data·inclusion import of {Structures:N0} structures + {Services:N0} services (synthetic JSON) "
        + "through DirectoryImporter (read and check, store, index), sampled every 20 ms: before, peak, then settled "
        + $"{Settle.TotalSeconds:0} s after with the report kept (the page before issue 15), then settled {Settle.TotalSeconds:0} s after the "
        + "records are let go and ReleaseLater has run (the page now).";

    public async Task RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-import-memory-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var structuresPath = Path.Combine(folder, "structures.json");
            var servicesPath = Path.Combine(folder, "services.json");
            DirectoryImportBenchmark.WriteFiles(structuresPath, servicesPath, "2025-10-01", structureCount: Structures, serviceCount: Services);

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection([new("CiteEmploi:DataFolder", folder)]);
            builder.Logging.ClearProviders();
            builder.Services.AddCiteEmploiFeatures(builder.Configuration);
            builder.Services.AddCiteEmploiAccounts();
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var cites = host.Services.GetRequiredService<CiteService>();
            var created = await cites.CreateAsync(new CiteProfile { Name = "Cité du banc mémoire", TerritoryName = "Banc d'essai", BudgetYear = 2026 });
            var access = (await cites.OperatorAccessAsync(created.Value!))!;
            var importer = host.Services.GetRequiredService<DirectoryImporter>();

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var before = WorkingSet();
            using var sampler = new PeakSampler();
            var clock = Stopwatch.StartNew();
            // as the page does: the files read into memory, a preview, then the import of the previewed batch
            var page = await ImportAsPageAsync(importer, access, structuresPath, servicesPath);
            var elapsed = clock.Elapsed;
            var peak = sampler.Stop();

            await Task.Delay(Settle);
            var keptReport = WorkingSet();
            var heldRecords = page.Report!.Batch.Structures.Count + page.Report.Batch.Services.Count; // still referenced by the page

            // now: the page keeps only the counts, and the importer hands the memory back a moment later
            var counts = page.Report.WithoutRecords();
            importer.ReleaseLater(page.Report.Batch);
            page.Report = null;
            await Task.Delay(Settle);
            var released = WorkingSet();

            output.WriteLine($"Import: {counts.Outcome}, {counts.Counts.New:N0} new records in {elapsed.TotalSeconds:0.0} s "
                + $"(load average {LoadAverage()}); records held by the kept report: {heldRecords:N0}.");
            output.WriteLine();
            var table = new MarkdownTable(("Moment", false), ("Working set (MB)", true), ("Above before (MB)", true));
            table.AddRow("before the import (baseline, same process)", Mb(before), "0");
            table.AddRow("peak during read, preview and import", Mb(peak), Mb(peak - before));
            table.AddRow($"settled {Settle.TotalSeconds:0} s after, report kept (page before issue 15)", Mb(keptReport), Mb(keptReport - before));
            table.AddRow($"settled {Settle.TotalSeconds:0} s after the records are let go and `ReleaseLater` ran (page now)", Mb(released), Mb(released - before));
            table.Write(output);
            GC.KeepAlive(counts);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<Page> ImportAsPageAsync(DirectoryImporter importer, Web.Features.Access.CiteAccess access, string structuresPath, string servicesPath)
    {
        var structures = await DataInclusionInput.LoadFileAsync(structuresPath);
        var services = await DataInclusionInput.LoadFileAsync(servicesPath);
        var preview = await importer.PreviewAsync(access, structures, services);
        return new Page { Report = await importer.ImportAsync(access, preview.Batch, ImportMode.AllOrNothing) };
    }

    /// <summary>What the import page holds after an import.</summary>
    private sealed class Page
    {
        public ImportReport? Report { get; set; }
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The highest working set seen, sampled on its own thread while the import runs.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private long _peak;

        public PeakSampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var now = WorkingSet();
                    if (now > Interlocked.Read(ref _peak))
                    {
                        Interlocked.Exchange(ref _peak, now);
                    }
                    Thread.Sleep(20);
                }
            }) { IsBackground = true, Name = "import-memory-sampler" };
            _thread.Start();
        }

        public long Stop()
        {
            _stop.Cancel();
            _thread.Join();
            return Math.Max(Interlocked.Read(ref _peak), WorkingSet());
        }

        public void Dispose() => _stop.Dispose();
    }
}
