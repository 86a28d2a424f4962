using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Shared;

/// <summary>
/// A component that refreshes when a live topic reports a change. Subscriptions start only once the component is
/// interactive (not during prerendering), run on the component's dispatcher, report failures through
/// <see cref="ComponentBase.DispatchExceptionAsync"/>, and end when the component is disposed.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly Dictionary<string, IDisposable> _subscriptions = new(StringComparer.Ordinal);

    [Inject]
    private ILiveBus LiveBus { get; set; } = default!;

    /// <summary>
    /// Calls <paramref name="onChange"/> (then re-renders) after each batch of messages on the topic. By default the bus
    /// waits a moment for a burst to end before delivering; <paramref name="immediate"/> delivers the first message at
    /// once and batches only what arrives while the page is busy with the previous one (for pages whose changes
    /// people watch arrive, like boards).
    /// </summary>
    protected void Watch(string topic, Func<IReadOnlyList<object>, Task> onChange, bool immediate = false)
    {
        if (!RendererInfo.IsInteractive || _subscriptions.ContainsKey(topic))
        {
            return;
        }
        Func<IReadOnlyList<object>, Task> handler = messages => InvokeAsync(async () =>
        {
            try
            {
                await onChange(messages);
                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });
        _subscriptions[topic] = immediate ? LiveBus.SubscribeUnbatched(topic, handler) : LiveBus.Subscribe(topic, handler);
    }

    private string? _followed;

    /// <summary>
    /// Watches the topic of what the page's address names (a plan, a session), in place of the one it watched before:
    /// the same component can be given another address, and then follows only the new one.
    /// </summary>
    protected void Follow(string topic, Func<IReadOnlyList<object>, Task> onChange, bool immediate = false)
    {
        if (!RendererInfo.IsInteractive || _followed == topic)
        {
            return;
        }
        if (_followed is not null)
        {
            Unwatch(_followed);
        }
        _followed = topic;
        Watch(topic, onChange, immediate);
    }

    /// <summary>Stops watching a topic (e.g. when the page moves to another Cité).</summary>
    protected void Unwatch(string topic)
    {
        if (_subscriptions.Remove(topic, out var subscription))
        {
            subscription.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Dispose();
        }
        _subscriptions.Clear();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
