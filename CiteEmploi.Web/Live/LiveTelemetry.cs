using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CiteEmploi.Web.Live;

/// <summary>
/// What the live layer tells an operator (OpenTelemetry, exported by configuration: Hosting/Telemetry): how many live
/// messages go through the bus per second, and how long one waits between its publication and the start of each
/// subscriber's handler (the queue and the coalescing window, i.e. the live layer's own share of « a change appears for
/// everyone »). Tags are bounded: the topic's family (« board », « cite.members »…, never an id) and the message's type.
/// The instruments cost next to nothing when nobody listens (System.Diagnostics.Metrics).
/// </summary>
public static class LiveTelemetry
{
    /// <summary>The meter and activity source's name, to enable in an exporter.</summary>
    public const string Name = "CiteEmploi.Live";

    private static readonly Meter Meter = new(Name);

    private static readonly ActivitySource Source = new(Name);

    private static readonly Counter<long> Messages = Meter.CreateCounter<long>(
        "citeemploi.live.messages", unit: "{message}",
        description: "Messages delivered by the live bus on this server (published here or received from another server).");

    private static readonly Histogram<double> DeliveryTime = Meter.CreateHistogram(
        "citeemploi.live.delivery.duration", unit: "s",
        description: "Time between a message's publication and the start of a subscriber's handler that receives it.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.5, 1, 2.5, 5] });

    /// <summary>A message delivered here; <paramref name="fromOtherServer"/> when the backplane brought it.</summary>
    public static void Delivered(string topic, object message, bool fromOtherServer)
    {
        if (Messages.Enabled)
        {
            Messages.Add(1,
                new KeyValuePair<string, object?>("citeemploi.live.topic", Family(topic)),
                new KeyValuePair<string, object?>("citeemploi.live.kind", message.GetType().Name),
                new KeyValuePair<string, object?>("citeemploi.live.origin", fromOtherServer ? "backplane" : "local"));
        }
    }

    /// <summary>Whether the delivery time is measured (so the bus reads the clock only when someone listens).</summary>
    public static bool MeasuresDelivery => DeliveryTime.Enabled;

    /// <summary>A subscriber's handler starts with messages, the oldest published at <paramref name="oldestTimestamp"/> (<see cref="Stopwatch"/>).</summary>
    public static void HandlerStarted(string topic, long oldestTimestamp) =>
        DeliveryTime.Record(Stopwatch.GetElapsedTime(oldestTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("citeemploi.live.topic", Family(topic)));

    /// <summary>
    /// A span around a subscriber's handling of a batch (a page re-rendering after a change, a hub fan-out), or null
    /// when no trace is collected.
    /// </summary>
    public static Activity? Handling(string topic, int messages)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var family = Family(topic);
        var activity = Source.StartActivity("live " + family);
        activity?.SetTag("citeemploi.live.topic", family);
        activity?.SetTag("citeemploi.live.batch_size", messages);
        return activity;
    }

    /// <summary>
    /// A topic's family, its ids left out: « board:9f…» → « board », « cite:9f…:members » → « cite.members »,
    /// « cites » → « cites », « account:… » → « account ».
    /// </summary>
    public static string Family(string topic)
    {
        var parts = topic.Split(':');
        return parts.Length <= 2 ? parts[0] : parts[0] + "." + string.Join('.', parts[2..]);
    }
}
