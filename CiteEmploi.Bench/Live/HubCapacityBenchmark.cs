using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// Issue 15's capacity on this machine: board hub subscribers on one board, raised step by step until the propagation
/// p95 (an <c>AddCard</c> until every subscriber received it) passes 200 ms — one server on SQLite, then two servers on
/// one PostgreSQL database with the subscribers split between them and the writer on the first (half the deliveries
/// cross through LISTEN/NOTIFY, decision 0032). Also the servers' resident memory per connected subscriber. The clients
/// run in this process, on the same two cores as the servers (and PostgreSQL): the figure is the whole machine's.
/// PostgreSQL: a throwaway server started by <c>build/test-postgres.sh</c>, or <c>CITEEMPLOI_BENCH_POSTGRES</c>.
/// </summary>
public sealed class HubCapacityBenchmark : IBenchmark
{
    private static readonly int[] Steps = [100, 400, 800, 1600, 2400, 3200, 4800, 6400];
    private const int Edits = 40;
    private const int WarmUp = 5;
    private const double LimitMs = 200;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(8);

    public string Name => "hub-capacity";

    public string Description =>
        $"Capacity: board hub subscribers on one board ({string.Join(", ", Steps)}), {Edits} edits per step after {WarmUp} warm-up edits, "
        + $"closed loop, until the propagation p95 passes {LimitMs:0} ms; one server on SQLite, then two servers on one PostgreSQL "
        + "database (subscribers split evenly, writer on the first); the servers' resident memory at each step, and its growth per "
        + "subscriber since before the first (connections of earlier steps are closed, their memory mostly kept by the runtime).";

    public async Task RunAsync(TextWriter output)
    {
        var started = Stopwatch.StartNew();
        var table = new MarkdownTable(("Servers", false), ("Subscribers", true), ("Edits", true), ("Median (ms)", true), ("p95 (ms)", true),
            ("p95 last subscriber (ms)", true), ("Ack median (ms)", true), ("Servers' memory (MiB)", true), ("Growth per subscriber (KiB)", true));

        await using (var single = await BoardBenchServer.StartAsync())
        {
            await RampAsync(table, "1, SQLite", [single], started, output);
        }

        await using var postgres = await BenchPostgres.StartAsync();
        var database = postgres.NewDatabase("capacity");
        await using (var first = await BoardBenchServer.StartAsync(postgreSql: database))
        await using (var second = await first.StartAnotherAsync())
        {
            await RampAsync(table, "2, PostgreSQL", [first, second], started, output);
        }
        table.Write(output);
    }

    private static async Task RampAsync(MarkdownTable table, string name, IReadOnlyList<BoardBenchServer> servers, Stopwatch started, TextWriter output)
    {
        var cookies = await servers[0].SignInAsync();
        // the servers' resident memory before any subscriber: each step's growth is counted from here
        var baseline = servers.Sum(s => s.ResidentBytes());
        var edit = (Func<HubConnection, string, Task>)((client, token) => client.InvokeAsync<Guid>("AddCard", servers[0].BoardId, servers[0].ColumnId, token));
        foreach (var n in Steps)
        {
            if (started.Elapsed > Budget)
            {
                output.WriteLine($"({name} : arrêté après {Budget.TotalMinutes:0} min, avant {n} abonnés)");
                return;
            }
            HubFanOutCase? step = null;
            try
            {
                step = await HubFanOutCase.CreateAsync(n, [.. servers.Select(s => s.HubUrl)], cookies, servers[0].BoardId, edit);
                var resident = servers.Sum(s => s.ResidentBytes());
                var memory = (resident - baseline) / 1024.0 / n;
                for (var i = 0; i < WarmUp; i++)
                {
                    await step.EditAsync(record: false);
                }
                for (var i = 0; i < Edits; i++)
                {
                    await step.EditAsync(record: true);
                }
                var deliveries = step.Deliveries();
                var p95 = deliveries.P95Microseconds / 1000;
                table.AddRow(name, n.ToString("N0", CultureInfo.InvariantCulture), step.Done.ToString(CultureInfo.InvariantCulture),
                    Ms(deliveries.MedianMicroseconds), Ms(deliveries.P95Microseconds), Ms(step.LastSubscriber().P95Microseconds),
                    Ms(step.Acks().MedianMicroseconds), (resident / 1024.0 / 1024).ToString("N0", CultureInfo.InvariantCulture),
                    memory.ToString("N0", CultureInfo.InvariantCulture));
                if (p95 > LimitMs)
                {
                    return; // the capacity is the step before
                }
            }
            catch (Exception ex) when (ex is TimeoutException or HttpRequestException or WebException or InvalidOperationException or IOException)
            {
                table.AddRow(name, n.ToString("N0", CultureInfo.InvariantCulture), "—", "—", "—", "—", "—", "—", $"échec : {ex.GetType().Name}");
                return;
            }
            finally
            {
                if (step is not null)
                {
                    await step.DisposeAsync();
                }
            }
        }
    }

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>
/// A PostgreSQL server for the benchmarks: <c>CITEEMPLOI_BENCH_POSTGRES</c> (a connection string), or a throwaway one
/// started with the repository's <c>build/test-postgres.sh</c> and stopped when disposed.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string _script;

    private BenchPostgres(string server, string? folder, string script)
    {
        Server = server;
        _folder = folder;
        _script = script;
    }

    public string Server { get; }

    public string NewDatabase(string prefix) =>
        new Npgsql.NpgsqlConnectionStringBuilder(Server) { Database = $"citeemploi_bench_{prefix}_{Guid.NewGuid():N}" }.ToString();

    public static async Task<BenchPostgres> StartAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "build", "test-postgres.sh");
        if (Environment.GetEnvironmentVariable("CITEEMPLOI_BENCH_POSTGRES") is { Length: > 0 } given)
        {
            return new BenchPostgres(given, null, script);
        }
        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-postgres-{Guid.NewGuid():N}");
        var (code, text) = await RunAsync(script, "start", folder);
        if (code != 0)
        {
            throw new InvalidOperationException("PostgreSQL n'a pas démarré : " + text);
        }
        return new BenchPostgres(text.Trim().Split('\n')[^1], folder, script);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            await RunAsync(_script, "stop", _folder);
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // a temporary folder left behind is harmless
            }
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string script, string command, string folder)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, text);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "test.sh")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Le dépôt (test.sh) est introuvable au-dessus de " + AppContext.BaseDirectory);
    }
}
