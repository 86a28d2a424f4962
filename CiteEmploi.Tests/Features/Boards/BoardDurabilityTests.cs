using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Tests.Features.Boards;

/// <summary>
/// Issue 5's durability promise: an edit acknowledged to its author is stored. The real app runs as a separate process
/// (<c>dotnet CiteEmploi.Web.dll</c> from the web project's build output); writers add cards through the hub, whose
/// <c>AddCard</c> answers only after the commit; the process is killed (SIGKILL, no graceful stop) in the middle of
/// the burst, started again on the same data folder, and every acknowledged card must be on the board.
/// </summary>
public sealed class BoardDurabilityTests
{
    private const int Writers = 4;
    private const int KillAfterAcknowledged = 120;
    // two app starts on a 2-core machine that other work may load: generous, the test normally takes under a minute
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task KilledInTheMiddleOfABurst_EveryAcknowledgedCardIsThereAfterRestart()
    {
        using var budget = new CancellationTokenSource(Budget);
        var folder = TestFolders.Create("durabilite");
        var email = $"atelier-{Guid.NewGuid():N}@tests.invalid";
        var (boardId, columnId) = await SeedAsync(folder, email);

        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var failedWrites = 0;
        using (var server = await AppProcess.StartAsync(folder, budget.Token))
        {
            var cookies = await HubClients.SignInAsync(server.BaseUrl, email, AppFixture.Password, budget.Token);
            var clients = new List<HubConnection>();
            for (var i = 0; i < Writers; i++)
            {
                clients.Add(await HubClients.ConnectAsync(server.BaseUrl + BoardHub.Path, cookies, cancellationToken: budget.Token));
            }
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = clients.Select((client, writer) => Task.Run(async () =>
            {
                // Each writer keeps one edit in flight until the server dies under it (bounded by the budget).
                for (var n = 0; !budget.IsCancellationRequested; n++)
                {
                    var text = $"Carte {writer}-{n}";
                    try
                    {
                        var id = await client.InvokeAsync<Guid>("AddCard", boardId, columnId, text, budget.Token);
                        acknowledged[id] = text;
                        if (acknowledged.Count >= KillAfterAcknowledged)
                        {
                            enough.TrySetResult();
                        }
                    }
                    catch (Exception)
                    {
                        // the server died under this edit (connection closed, socket error): not acknowledged
                        Interlocked.Increment(ref failedWrites);
                        return;
                    }
                }
            }, budget.Token)).ToArray();

            await enough.Task.WaitAsync(budget.Token);
            server.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30), budget.Token);
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
        // the kill landed during the burst: writers were cut off with edits in flight
        Assert.True(failedWrites > 0, "le serveur n'a interrompu aucune écriture en cours");
        Assert.True(acknowledged.Count >= KillAfterAcknowledged);

        using var restarted = await AppProcess.StartAsync(folder, budget.Token);
        var again = await HubClients.SignInAsync(restarted.BaseUrl, email, AppFixture.Password, budget.Token);
        await using var reader = await HubClients.ConnectAsync(restarted.BaseUrl + BoardHub.Path, again, cancellationToken: budget.Token);
        var board = await reader.InvokeAsync<System.Text.Json.JsonElement>("GetBoard", boardId, budget.Token);
        var stored = board.GetProperty("columns").EnumerateArray()
            .SelectMany(c => c.GetProperty("cards").EnumerateArray())
            .ToDictionary(c => c.GetProperty("id").GetGuid(), c => c.GetProperty("text").GetString());

        var lost = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var text) || text != a.Value).Select(a => a.Value).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} cartes confirmées perdues sur {acknowledged.Count} : {string.Join(", ", lost.Take(10))}");
    }

    /// <summary>An installed app (administrator, Cité, one partner, one board) in the folder, then stopped.</summary>
    private static async Task<(Guid Board, Guid Column)> SeedAsync(string folder, string email)
    {
        var fixture = new FolderAppFixture(folder);
        await fixture.InitializeAsync();
        try
        {
            var slug = await fixture.CreateCiteAsync($"Cité durable {Guid.NewGuid():N}"[..24]);
            await fixture.CreatePersonAsync(email, slug, CiteRole.Partenaire);
            var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
            var boards = fixture.App.Get<BoardService>();
            var created = await boards.CreateAsync(access, BoardKind.Atelier, "Atelier mobilité", null, ["Idées"]);
            Assert.True(created.Succeeded, created.Describe());
            var board = (await boards.GetAsync(access, Guid.Parse(created.Value!)))!;
            return (board.Id, board.Columns[0].Id);
        }
        finally
        {
            await fixture.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    private sealed class FolderAppFixture(string folder) : AppFixture
    {
        protected override CiteEmploiApp CreateApp() => new(folder);
    }

    /// <summary>The web app as its own OS process on a free loopback port.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        private AppProcess(Process process, string baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public static async Task<AppProcess> StartAsync(string dataFolder, CancellationToken cancellationToken)
        {
            var port = FreePort();
            var web = WebOutputFolder();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = web,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(web, "CiteEmploi.Web.dll"));
            start.Environment["CiteEmploi__DataFolder"] = dataFolder;
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment.Remove("ConnectionStrings__Default");
            var process = Process.Start(start)!;
            var app = new AppProcess(process, $"http://127.0.0.1:{port}");
            process.OutputDataReceived += (_, e) => app.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await app.WaitHealthyAsync(cancellationToken);
            return app;
        }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                _output.Enqueue(line);
                while (_output.Count > 50)
                {
                    _output.TryDequeue(out _);
                }
            }
        }

        private async Task WaitHealthyAsync(CancellationToken cancellationToken)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                {
                    break;
                }
                try
                {
                    using var response = await http.GetAsync(BaseUrl + "/health", cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
                await Task.Delay(200, cancellationToken);
            }
            Kill();
            throw new InvalidOperationException("l'application n'a pas démarré :\n" + string.Join("\n", _output));
        }

        /// <summary>SIGKILL: no shutdown hook, no flush, no disposal runs in the app.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        // The web project's own build output, same configuration as these tests.
        private static string WebOutputFolder()
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CiteEmploi.sln")))
            {
                root = root.Parent;
            }
            Assert.NotNull(root);
            var configuration = here.Parent!.Name; // …/bin/<Configuration>/net10.0/
            var folder = Path.Combine(root.FullName, "CiteEmploi.Web", "bin", configuration, here.Name);
            Assert.True(File.Exists(Path.Combine(folder, "CiteEmploi.Web.dll")), $"build the web project first: {folder}");
            return folder;
        }
    }
}
