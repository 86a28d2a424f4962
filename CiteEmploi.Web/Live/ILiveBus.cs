namespace CiteEmploi.Web.Live;

/// <summary>
/// Carries "something changed" messages to the people looking at it. Publish only after the change is committed;
/// subscribers receive messages of a topic in publication order, in batches when they arrive faster than a subscriber
/// handles them. Nothing outside <c>Live/</c> may depend on which implementation runs.
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
}
