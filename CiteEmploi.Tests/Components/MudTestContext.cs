using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CiteEmploi.Tests.Components;

/// <summary>
/// A bUnit context for MudBlazor components: MudBlazor's services, loose JavaScript interop (MudBlazor calls its own
/// scripts) and the system clock. A test of a MudSelect or a menu renders <see cref="MudPopoverProvider"/> first.
/// Disposed asynchronously: some of MudBlazor's services only dispose that way.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Renders as an interactive server circuit does (call it once the test's own services are added).</summary>
    protected void AsInteractiveServer() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
