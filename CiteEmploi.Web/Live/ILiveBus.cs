namespace CiteEmploi.Web.Live;

/// <summary>
/// Carries "something changed" messages to the people looking at it. Publish only after the change is committed;
/// subscribers receive messages of a topic in publication order, in batches when they arrive faster than a subscriber
/// handles them. A message published on one server reaches the subscribers of every server (<see cref="ILiveBackplane"/>).
/// Nothing outside <c>Live/</c> may depend on which implementation or backplane runs.
/// </summary>
public interface ILiveBus
{
    void Publish(string topic, object message);

    /// <summary>Subscribes to a topic; dispose the result to stop. No message is delivered after disposal.</summary>
    IDisposable Subscribe(string topic, Func<IReadOnlyList<object>, Task> handler);

    /// <summary>
    /// Like <see cref="Subscribe"/>, but messages are handed over as soon as they arrive, without waiting to gather a
    /// burst: for subscribers that forward each message (the board hub) rather than re-render a page.
    /// </summary>
    IDisposable SubscribeUnbatched(string topic, Func<IReadOnlyList<object>, Task> handler) => Subscribe(topic, handler);

    /// <summary>
    /// Calls <paramref name="observer"/> synchronously for every message delivered on this server — published here or
    /// received from another server — before any subscriber is handed it, until disposed: for caches and in-memory
    /// state (board copies, presence) that must be current before anyone the message wakes reads them.
    /// An observer must be quick and must not publish.
    /// </summary>
    IDisposable Observe(Action<string, object> observer);
}
