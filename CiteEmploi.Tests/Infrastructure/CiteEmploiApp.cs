using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// The real application on a loopback port (Kestrel, not the in-memory test server), on its own SQLite file in a
/// fresh data folder (or its own PostgreSQL database when the tests run on PostgreSQL: <see cref="TestDatabases"/>). Browser tests point Chromium at <see cref="BaseUrl"/>.
/// </summary>
public class CiteEmploiApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _testServices;
    private readonly bool _ownDatabase;
    private string? _baseUrl;

    /// <param name="testServices">Replaces app services after the app registered its own (e.g. a fake e-mail sender).</param>
    public CiteEmploiApp(string? dataFolder = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null)
    {
        _testServices = testServices;
        DataFolder = dataFolder ?? TestFolders.Create("app");
        // on PostgreSQL (TestDatabases), a database of its own; the caller's settings win
        // a database of its own (dropped after) unless the folder's, or one the test shares between apps
        _ownDatabase = dataFolder is null && TestDatabases.OnPostgreSql && settings?.ContainsKey("ConnectionStrings:Default") != true;
        _settings = new Dictionary<string, string?>(TestDatabases.AppSettings(dataFolder));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        _settings["CiteEmploi:DataFolder"] = DataFolder;
        UseKestrel(0);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownDatabase && _settings.TryGetValue("ConnectionStrings:Default", out var connection) && connection is not null)
        {
            await TestDatabases.DropPostgreSqlDatabaseAsync(connection);
        }
    }

    public string DataFolder { get; }

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:41234 (starts the server on first use).</summary>
    public string BaseUrl
    {
        get
        {
            if (_baseUrl is null)
            {
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
                _baseUrl = addresses.First().Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                    .Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
            }
            return _baseUrl;
        }
    }

    /// <summary>A service of the running app (feature services, the live bus…).</summary>
    public T Get<T>() where T : notnull
    {
        _ = BaseUrl;
        return Services.GetRequiredService<T>();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, package assets (_content/MudBlazor/…) are served from the build's manifest only
        // when asked for: the published app has them in wwwroot, the test host reads them from the NuGet cache.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_testServices is not null)
        {
            builder.ConfigureTestServices(_testServices);
        }
    }
}

/// <summary>Temporary folders for test databases, removed at the end of the run.</summary>
public static class TestFolders
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "citeemploi-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Create(string prefix)
    {
        var path = Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
