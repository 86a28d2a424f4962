using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CiteEmploi.Tests.Features;

/// <summary>
/// Observability by configuration (Hosting/Telemetry): nothing is registered unless asked; with an OTLP address the
/// real app sends its spans and its metrics — the live layer's among them — to a collector, here a loopback HTTP
/// listener that keeps what it receives.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task WithoutAnExporter_NoTelemetryIsRegistered()
    {
        await using var app = new CiteEmploiApp();
        _ = app.BaseUrl;
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task WithAnOtlpAddress_TheAppSendsItsSpansAndItsLiveFigures_ToTheCollector()
    {
        await using var collector = new LoopbackCollector();
        await using var app = new CiteEmploiApp(settings: new Dictionary<string, string?>
        {
            ["CiteEmploi:Telemetry:OtlpEndpoint"] = collector.Address,
            ["CiteEmploi:Telemetry:ExportIntervalSeconds"] = "0.5",
        });
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(app.BaseUrl + "/health")).StatusCode);
        // a change that goes through the live bus (the list of Cités is told of a new one)
        var created = await app.Get<CiteService>().CreateAsync(new CiteEmploi.Domain.Cites.CiteProfile { Name = "Cité de Vénissieux", TerritoryName = "Vénissieux", BudgetYear = 2026 });
        Assert.True(created.Succeeded, created.Describe());

        // bounded: the exports leave every half second; a loaded machine may hold them back a few seconds
        // (an earlier export may count other live messages, such as the app's own at start-up: the one with this kind is awaited)
        var metrics = await collector.WaitForAsync("/v1/metrics",
            body => body.Contains("citeemploi.live.messages", StringComparison.Ordinal) && body.Contains("CiteCreated", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Contains("CiteEmploi", metrics, StringComparison.Ordinal); // the service's name, on the resource
        var traces = await collector.WaitForAsync("/v1/traces", body => body.Contains("/health", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.NotEmpty(traces);
    }

    /// <summary>An OTLP/HTTP collector reduced to what the test reads: the bodies posted to each path, as text.</summary>
    private sealed class LoopbackCollector : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();
        private readonly Task _loop;

        public LoopbackCollector()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Address { get; }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                // protobuf keeps strings as UTF-8 bytes: names, tags and routes can be read without decoding the messages
                _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public async Task<string> WaitForAsync(string path, Func<string, bool> wanted, TimeSpan within)
        {
            var deadline = DateTime.UtcNow + within;
            while (DateTime.UtcNow < deadline)
            {
                var found = _received.FirstOrDefault(r => r.Path == path && wanted(r.Body));
                if (found.Body is not null)
                {
                    return found.Body;
                }
                await Task.Delay(100);
            }
            Assert.Fail($"Rien de tel reçu sur {path} en {within.TotalSeconds} s ; reçu : {string.Join(", ", _received.Select(r => r.Path).Distinct())}.");
            return string.Empty;
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop.ContinueWith(_ => { });
        }
    }
}
