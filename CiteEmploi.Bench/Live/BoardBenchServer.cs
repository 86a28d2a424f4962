using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Members;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// The real app as its own process (<c>dotnet CiteEmploi.Web.dll</c> from the web project's build output, same
/// configuration as the bench) on a fresh data folder holding one administrator, one Cité, one partner and one board.
/// </summary>
public sealed class BoardBenchServer : IAsyncDisposable
{
    public const string Email = "banc@bench.invalid";
    public const string Password = "mot de passe du banc";

    private readonly Process _process;
    private readonly string _folder;
    private readonly ConcurrentQueue<string> _output = new();

    private readonly Seeded _seeded;
    private readonly string? _postgreSql;

    private BoardBenchServer(Process process, string folder, string baseUrl, Seeded seeded, string? postgreSql)
    {
        _process = process;
        _folder = folder;
        _seeded = seeded;
        _postgreSql = postgreSql;
        BaseUrl = baseUrl;
        BoardId = seeded.BoardId;
        ColumnId = seeded.ColumnId;
        Slug = seeded.Slug;
    }

    public string BaseUrl { get; }

    /// <summary>The app's data folder (its SQLite file), for a reader in the bench process beside the server.</summary>
    public string DataFolder => _folder;

    public string HubUrl => BaseUrl + CiteEmploi.Web.Live.BoardHub.Path;

    public Guid BoardId { get; }

    public Guid ColumnId { get; }

    /// <summary>The Cité's slug, for page addresses (<c>/c/{slug}/…</c>).</summary>
    public string Slug { get; }

    /// <summary>The board's page, as a member opens it.</summary>
    public string BoardUrl => $"{BaseUrl}/c/{Slug}/tableaux/{BoardId}";

    /// <summary>The e-mail of the <paramref name="index"/>-th extra partner asked of <see cref="StartAsync"/> (same password).</summary>
    public static string MemberEmail(int index) => $"banc-{index}@bench.invalid";

    public int ProcessId => _process.Id;

    /// <summary>
    /// Seeds, then starts the app; <paramref name="cards"/> cards on the board (added by the operator, before the
    /// start) and <paramref name="members"/> extra partners (<see cref="MemberEmail"/>) so pages can be different people.
    /// <paramref name="forPages"/> runs the app from a published output (<see cref="PublishedFolderAsync"/>): a build
    /// output serves static web assets (blazor.web.js, MudBlazor's files) only in Development, so pages would never go live.
    /// </summary>
    /// <paramref name="seed"/>, when given, adds more to the Cité before the start (the feuille de route benchmarks' plans),
    /// with the app's services and the operator's access.
    /// <paramref name="postgreSql"/>, when given, is the connection string of a PostgreSQL database the server uses instead
    /// of SQLite (decision 0032); <see cref="StartAnotherAsync"/> then starts a second server on the same database.
    public static async Task<BoardBenchServer> StartAsync(int cards = 0, int members = 0, bool forPages = false,
        Func<IServiceProvider, CiteAccess, Task>? seed = null, string? postgreSql = null)
    {
        var folder = NewFolder();
        var seeded = await SeedAsync(folder, cards, members, seed, postgreSql);
        return await LaunchAsync(folder, seeded, forPages, postgreSql);
    }

    /// <summary>Another server on the same PostgreSQL database (its own data folder and search index): the same board.</summary>
    /// <param name="forPages">As for <see cref="StartAsync"/>: the published output, for Chromium pages.</param>
    public Task<BoardBenchServer> StartAnotherAsync(bool forPages = false) =>
        _postgreSql is null
            ? throw new InvalidOperationException("Un second serveur partage une base PostgreSQL : démarrez le premier avec postgreSql.")
            : LaunchAsync(NewFolder(), _seeded, forPages, _postgreSql);

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-board-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<BoardBenchServer> LaunchAsync(string folder, Seeded seeded, bool forPages, string? postgreSql)
    {
        var port = FreePort();
        var web = forPages ? await PublishedFolderAsync() : WebOutputFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(web, "CiteEmploi.Web.dll"));
        start.Environment["CiteEmploi__DataFolder"] = folder;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Production refuses to start without its public address (decision 0025): here, its own.
        start.Environment["CiteEmploi__PublicUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // the writers here stand for many people at once: each connection goes far beyond one person's pace (issue 15)
        start.Environment["CiteEmploi__Tableaux__Cadence__PerSecond"] = "1000000";
        start.Environment["CiteEmploi__Tableaux__Cadence__Burst"] = "1000000";
        if (postgreSql is not null)
        {
            start.Environment["CiteEmploi__Database__Provider"] = nameof(DatabaseProvider.PostgreSql);
            start.Environment["ConnectionStrings__Default"] = postgreSql;
        }
        var process = Process.Start(start)!;
        var server = new BoardBenchServer(process, folder, $"http://127.0.0.1:{port}", seeded, postgreSql);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync();
        return server;
    }

    public Task<CookieContainer> SignInAsync() => HubClients.SignInAsync(BaseUrl, Email, Password);

    /// <summary>Signs in one of the extra partners (<see cref="MemberEmail"/>) through the real login form.</summary>
    public Task<CookieContainer> SignInAsync(string email) => HubClients.SignInAsync(BaseUrl, email, Password);

    /// <summary>Resident set (VmRSS of /proc/&lt;pid&gt;/status) of the server process, in bytes; 0 when unreadable.</summary>
    public long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)
                    && long.TryParse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), out var kib))
                {
                    return kib * 1024;
                }
            }
        }
        catch (IOException)
        {
            // not Linux, or the process is gone: the caller reports 0
        }
        return 0;
    }

    /// <summary>Resident memory of the server process, in bytes.</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    private sealed record Seeded(Guid BoardId, Guid ColumnId, string Slug);

    private static async Task<Seeded> SeedAsync(string folder, int cards, int members, Func<IServiceProvider, CiteAccess, Task>? seed, string? postgreSql)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration["CiteEmploi:DataFolder"] = folder;
        if (postgreSql is not null)
        {
            builder.Configuration["CiteEmploi:Database:Provider"] = nameof(DatabaseProvider.PostgreSql);
            builder.Configuration["ConnectionStrings:Default"] = postgreSql;
        }
        builder.Services.AddCiteEmploiFeatures(builder.Configuration);
        builder.Services.AddCiteEmploiAccounts();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var admin = await services.GetRequiredService<AccountSetupService>().CreateAdministratorAsync("admin@bench.invalid", "Admin du banc", Password, null);
        Check(admin.Succeeded, "administrateur");
        var cites = services.GetRequiredService<CiteService>();
        var cite = await cites.CreateAsync(new CiteProfile { Name = "Cité du banc", TerritoryName = "Banc", BudgetYear = 2026 });
        Check(cite.Succeeded, cite.Describe());
        var access = (await cites.OperatorAccessAsync(cite.Value!))!;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Banc", CreatedAt = DateTimeOffset.UtcNow };
        Check((await users.CreateAsync(user, Password)).Succeeded, "compte");
        await services.GetRequiredService<MemberService>().AddAsync(access, user.Id, CiteRole.Partenaire);
        for (var i = 0; i < members; i++)
        {
            var email = MemberEmail(i);
            var member = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Partenaire {i + 1}", CreatedAt = DateTimeOffset.UtcNow };
            Check((await users.CreateAsync(member, Password)).Succeeded, "compte " + email);
            await services.GetRequiredService<MemberService>().AddAsync(access, member.Id, CiteRole.Partenaire);
        }
        var boards = services.GetRequiredService<BoardService>();
        var created = await boards.CreateAsync(access, BoardKind.Atelier, "Tableau du banc", null, ["Idées"]);
        Check(created.Succeeded, created.Describe());
        var board = (await boards.GetAsync(access, Guid.Parse(created.Value!)))!;
        var colours = Enum.GetValues<CardColour>();
        for (var i = 0; i < cards; i++)
        {
            // workshop-sized texts with a little Markdown, so each card renders as a real one would
            var text = $"Constat n° {i + 1} : les horaires de la ligne {i % 12 + 1} ne permettent pas d'arriver avant **7 h** "
                + $"sur la zone d'activité ; piste à creuser avec le partenaire mobilité ({i % 7 + 1} personnes concernées).";
            var added = await boards.AddCardAsync(access, board.Id, board.Columns[0].Id, new CardContent(text, colours[i % colours.Length]));
            Check(added.Succeeded, added.Describe());
        }
        if (seed is not null)
        {
            await seed(services, access);
        }
        SqliteConnection.ClearAllPools();
        return new Seeded(board.Id, board.Columns[0].Id, cite.Value!);
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("préparation du banc : " + what);
        }
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

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        await DisposeAsync();
        throw new InvalidOperationException("the app did not start:\n" + string.Join("\n", _output));
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// <c>CiteEmploi.Web/bin/&lt;configuration&gt;/bench-publish</c>, published (<c>dotnet publish</c>) when missing or
    /// older than a source file of the web or domain project, so it runs the current code.
    /// </summary>
    private static async Task<string> PublishedFolderAsync()
    {
        var build = WebOutputFolder();
        var folder = Path.Combine(Directory.GetParent(build)!.FullName, "bench-publish");
        var dll = Path.Combine(folder, "CiteEmploi.Web.dll");
        var project = Path.GetFullPath(Path.Combine(build, "..", "..", "..", "CiteEmploi.Web.csproj"));
        if (File.Exists(dll) && NewestSource(Path.GetDirectoryName(project)!) < File.GetLastWriteTimeUtc(dll))
        {
            return folder;
        }
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", project, "-c", MachineInfo.BuildConfiguration, "-o", folder, "--no-restore", "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await publish.WaitForExitAsync(limit.Token);
        return publish.ExitCode == 0 && File.Exists(dll)
            ? folder
            : throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    // The build rewrites its output even when nothing changed, so the sources' dates decide (web and domain projects,
    // bin/ and obj/ left out).
    private static DateTime NewestSource(string webProjectFolder)
    {
        var root = Directory.GetParent(webProjectFolder)!.FullName;
        var separator = Path.DirectorySeparatorChar;
        return new[] { webProjectFolder, Path.Combine(root, "CiteEmploi.Domain") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
                && !file.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .Append(File.GetLastWriteTimeUtc(Path.Combine(root, "Directory.Packages.props")))
            .Max();
    }

    private static string WebOutputFolder()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CiteEmploi.sln")))
        {
            root = root.Parent;
        }
        var folder = Path.Combine(root?.FullName ?? ".", "CiteEmploi.Web", "bin", here.Parent!.Name, here.Name);
        return File.Exists(Path.Combine(folder, "CiteEmploi.Web.dll"))
            ? folder
            : throw new InvalidOperationException($"build the web project first: {folder}");
    }
}

/// <summary>
/// The baseline: a bare SignalR hub in the bench process whose <c>Broadcast</c> sends the payload to every connection
/// (no authorisation, no database, no live bus), on its own loopback port.
/// </summary>
public sealed class BareHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareHubServer(WebApplication app, string hubUrl)
    {
        _app = app;
        HubUrl = hubUrl;
    }

    public string HubUrl { get; }

    public static async Task<BareHubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<BareHub>("/hubs/nu");
        await app.StartAsync();
        var address = app.Urls.First();
        return new BareHubServer(app, address + "/hubs/nu");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Sends what it is given to every connection, acknowledging after the sends are queued.</summary>
    public sealed class BareHub : Hub
    {
        public Task Broadcast(object payload) => Clients.All.SendAsync("BoardChanged", payload);
    }
}
