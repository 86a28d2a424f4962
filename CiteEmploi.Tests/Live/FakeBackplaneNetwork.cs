using CiteEmploi.Web.Live;

namespace CiteEmploi.Tests.Live;

/// <summary>
/// A network of backplanes: what one node publishes is serialised, then read back and handed, in order, to every
/// other node (never to itself), as PostgreSQL NOTIFY would.
/// </summary>
internal sealed class FakeBackplaneNetwork
{
    private readonly Lock _gate = new();
    private readonly List<Node> _nodes = [];

    public int Carried { get; private set; }

    public ILiveBackplane Join(LiveMessageKinds kinds)
    {
        var node = new Node(this, kinds);
        lock (_gate)
        {
            _nodes.Add(node);
        }
        return node;
    }

    private void Send(Node from, string json)
    {
        // one lock for the whole network: one sender's messages arrive in the order sent
        lock (_gate)
        {
            foreach (var node in _nodes.Where(n => !ReferenceEquals(n, from)))
            {
                if (node.Kinds.Deserialize(json) is { } message)
                {
                    Carried++;
                    node.Receiver?.Invoke(message);
                }
            }
        }
    }

    private sealed class Node(FakeBackplaneNetwork network, LiveMessageKinds kinds) : ILiveBackplane
    {
        public LiveMessageKinds Kinds { get; } = kinds;

        public Action<LiveMessage>? Receiver { get; private set; }

        public void Publish(LiveMessage message) => network.Send(this, Kinds.Serialize(message));

        public IDisposable Receive(Action<LiveMessage> receiver)
        {
            Receiver = receiver;
            return new Stop(() => Receiver = null);
        }
    }

    private sealed class Stop(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }
}
