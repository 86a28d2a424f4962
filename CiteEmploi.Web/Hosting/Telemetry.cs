using CiteEmploi.Web.Live;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CiteEmploi.Web.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs, exported only when configured (docs/decisions/0030-observability.md):
/// <list type="bullet">
/// <item><c>CiteEmploi:Telemetry:OtlpEndpoint</c> — an OTLP collector's address over HTTP/protobuf (e.g.
/// <c>http://127.0.0.1:4318</c>); the signals go to its <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>.</item>
/// <item><c>CiteEmploi:Telemetry:Console</c> — <c>true</c> writes traces and metrics to the console (trying it out).</item>
/// <item><c>CiteEmploi:Telemetry:ExportIntervalSeconds</c> — how often metrics and batches of spans leave (15 s).</item>
/// </list>
/// What is collected: HTTP requests, Blazor's circuits (active, connected, their lifetime), route changes and event
/// handlers, SignalR's connections and hub calls, the runtime (GC, threads), and the live layer's own figures
/// (<see cref="LiveTelemetry"/>: messages per second, delivery time). Without either setting nothing is registered
/// and nothing costs. Structured logs on the console need no package: <c>Logging:Console:FormatterName=json</c>.
/// </summary>
public static class Telemetry
{
    public const string Section = "CiteEmploi:Telemetry";

    /// <summary>The meters read besides the live layer's: Blazor's circuits and components, SignalR's connections.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Components.Server.Circuits", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.SignalR",
    ];

    /// <summary>The span sources read besides the live layer's: Blazor's circuits and events, SignalR's hub calls.</summary>
    private static readonly string[] FrameworkSources = ["Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.SignalR.Server"];

    public static WebApplicationBuilder AddCiteEmploiTelemetry(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(Section);
        var otlp = settings["OtlpEndpoint"] is { Length: > 0 } address ? new Uri(address.TrimEnd('/') + "/") : null;
        var console = settings.GetValue("Console", false);
        if (otlp is null && !console)
        {
            return builder;
        }
        var interval = (int)TimeSpan.FromSeconds(Math.Clamp(settings.GetValue("ExportIntervalSeconds", 15.0), 0.2, 3600)).TotalMilliseconds;

        void Otlp(OtlpExporterOptions options, string signal)
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.Endpoint = new Uri(otlp!, signal);
            options.BatchExportProcessorOptions.ScheduledDelayMilliseconds = interval;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("CiteEmploi", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddSource(LiveTelemetry.Name).AddSource(FrameworkSources);
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(options => Otlp(options, "v1/traces"));
                }
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(LiveTelemetry.Name).AddMeter(FrameworkMeters);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter((options, reader) =>
                    {
                        Otlp(options, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                    });
                }
                if (console)
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
                }
            });
        if (otlp is not null)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
                logging.AddOtlpExporter(options => Otlp(options, "v1/logs"));
            });
        }
        return builder;
    }
}
