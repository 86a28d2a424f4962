using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CiteEmploi.Web.Features.Security;

/// <summary>
/// Where the person's requests come from, for the security log. Filled from the HTTP request in static pages and,
/// for interactive circuits, from the connection that opened the circuit.
/// </summary>
public sealed class ClientOrigin(IHttpContextAccessor accessor)
{
    private string? _captured;

    public string IpAddress => _captured ?? Read(accessor.HttpContext) ?? "inconnue";

    internal void Capture(HttpContext? context) => _captured ??= Read(context);

    private static string? Read(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString();
}

/// <summary>Remembers the address of the connection that opened a circuit (HttpContext is gone afterwards).</summary>
public sealed class ClientOriginCircuitHandler(ClientOrigin origin, IHttpContextAccessor accessor) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        origin.Capture(accessor.HttpContext);
        return Task.CompletedTask;
    }
}
