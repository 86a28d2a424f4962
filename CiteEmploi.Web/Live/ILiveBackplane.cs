namespace CiteEmploi.Web.Live;

/// <summary>
/// Carries live messages between the servers of one installation. The bus hands it every message published on this
/// server and delivers what it receives to this server's subscribers exactly like a local message. An implementation
/// sends a message to the other servers only (never back to its sender) and keeps the order of one sender's messages.
/// <see cref="SingleServerBackplane"/> serves one server; a PostgreSQL LISTEN/NOTIFY one would serialise envelopes
/// with <see cref="LiveMessageKinds.Serialize"/> and read them back with <see cref="LiveMessageKinds.Deserialize"/>.
/// </summary>
public interface ILiveBackplane
{
    /// <summary>Sends a message to the other servers. Must not block: the publisher is a committing request.</summary>
    void Publish(LiveMessage message);

    /// <summary>Hands every message received from another server to <paramref name="receiver"/>, in order, until disposed.</summary>
    IDisposable Receive(Action<LiveMessage> receiver);
}

/// <summary>The backplane of a single server: there is nobody to send to and nothing to receive.</summary>
public sealed class SingleServerBackplane : ILiveBackplane
{
    public void Publish(LiveMessage message)
    {
    }

    public IDisposable Receive(Action<LiveMessage> receiver) => Nothing.Instance;

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
