using System.Globalization;
using Bunit;
using CiteEmploi.Web.Components.Theme;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CiteEmploi.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services (and its French texts), JavaScript calls answered loosely (MudBlazor calls
/// its own scripts), the system clock, in fr-FR like every request and circuit of the app. A test of a MudSelect or a
/// menu renders <see cref="MudPopoverProvider"/> first.
/// </summary>
/// <remarks>
/// MudBlazor's services dispose only asynchronously: xUnit 2 disposes the test class through <see cref="IAsyncLifetime"/>
/// first, and the synchronous dispose that follows then has nothing left to do.
/// </remarks>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    private bool _disposedAsynchronously;

    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected MudTestContext()
    {
        CultureInfo.CurrentCulture = FrenchCulture.Culture;
        CultureInfo.CurrentUICulture = FrenchCulture.Culture;
        Services.AddCiteEmploiUi(); // MudBlazor's services as the app registers them, with its French texts
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Renders as an interactive server circuit does (call it once the test's own services are added).</summary>
    protected void AsInteractiveServer() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    /// <summary>Renders the popover host; call before rendering a component whose popovers (select lists) a test opens.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopovers() => Render<MudPopoverProvider>();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        _disposedAsynchronously = true;
        await DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (!_disposedAsynchronously)
        {
            base.Dispose(disposing);
        }
    }
}
