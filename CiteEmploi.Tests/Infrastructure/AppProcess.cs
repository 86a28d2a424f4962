using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>The web app as its own OS process on a free loopback port.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The app's last lines of output, for a failure's message.</summary>
    public string Output => string.Join("\n", _output);

    /// <param name="environment">
    /// « Production » unless a browser drives the app: then « Development », the only environment in which the app's
    /// own build-time assets (scoped CSS, collocated <c>.razor.js</c>) are served from the build output, as a published
    /// app serves them from its wwwroot; without them the page never becomes interactive.
    /// </param>
    /// <param name="port">The port to listen on (a restart on the same address); a free one when not given.</param>
    /// <param name="settings">Configuration given to the app as environment variables (<c>Section__Key</c>).</param>
    public static async Task<AppProcess> StartAsync(string dataFolder, CancellationToken cancellationToken, string environment = "Production", int? port = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        port ??= FreePort();
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
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        // Production refuses to start without its public address (decision 0025): here, its own.
        start.Environment["CiteEmploi__PublicUrl"] = $"http://127.0.0.1:{port}";
        start.Environment.Remove("ConnectionStrings__Default");
        foreach (var (key, value) in TestDatabases.ProcessEnvironment(dataFolder))
        {
            start.Environment[key] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var app = new AppProcess(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitHealthyAsync(cancellationToken);
        return app;
    }

    /// <summary>
    /// Starts the app with exactly <paramref name="environment"/> (nothing else added: no public address) and waits for
    /// it to exit by itself; gives up after <paramref name="timeout"/> (the process is then killed, and ExitCode is null).
    /// </summary>
    public static async Task<(int? ExitCode, string Output)> RunToExitAsync(string dataFolder, IDictionary<string, string> environment, TimeSpan timeout)
    {
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
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CiteEmploi__", StringComparison.Ordinal) && k != "CiteEmploi__DataFolder").ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment.Remove("ConnectionStrings__Default");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var budget = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(budget.Token);
            process.WaitForExit(); // the output's last lines
            return (process.ExitCode, string.Join("\n", output));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
            return (null, string.Join("\n", output));
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

    internal static int FreePort()
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
