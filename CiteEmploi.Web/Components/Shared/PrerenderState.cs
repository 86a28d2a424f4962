using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Shared;

/// <summary>
/// What a page hands from its prerender to its interactive start (a <see cref="PersistentStateAttribute"/> property), kept
/// small: the browser sends that state back in the circuit's first SignalR message, and a message over the hub's limit
/// stops the circuit from starting at all, with no error shown (dotnet/aspnetcore#44935, #65101: the demonstration
/// board with its history did that under SignalR's default 32 KB). A value over <see cref="MaxBytes"/> is not handed
/// over: that page then loads on its interactive start as it did before (the first render without its data).
/// </summary>
public static class PrerenderState
{
    /// <summary>The Blazor hub's limit on a message from the browser (Program.cs), twice SignalR's default.</summary>
    public const int CircuitMessageBytes = 64 * 1024;

    /// <summary>
    /// The most one page hands over, as JSON. The state is encoded twice in base64 around data protection (about 1.8 times
    /// its size); with the Cité's snapshot (1 to 3 KB) and the components' markers it stays under
    /// <see cref="CircuitMessageBytes"/>. The demonstration's diagnostic board (11 cards) is 14 KB.
    /// </summary>
    public const int MaxBytes = 24 * 1024;

    /// <summary>
    /// <paramref name="value"/> while prerendering if it is small enough, otherwise null (once interactive there is no
    /// prerender to hand over to, and the page keeps its own copy).
    /// </summary>
    public static T? Keep<T>(T? value, RendererInfo renderer) where T : class =>
        value is null || renderer.IsInteractive || JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web).Length > MaxBytes
            ? null
            : value;
}
