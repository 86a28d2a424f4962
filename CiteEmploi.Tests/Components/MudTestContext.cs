using Bunit;
using CiteEmploi.Web.Components.Theme;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services as the app registers them (French texts), JavaScript calls answered
/// loosely, disposed asynchronously (MudBlazor's services require it), and a popover provider rendered, as the layout does, for the components that open popovers.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        Services.AddCiteEmploiUi();
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously: xUnit 2 disposes the context here first.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    /// <summary>Renders the popover host; call before rendering a component whose popovers (select lists) a test opens.</summary>
    protected IRenderedComponent<MudBlazor.MudPopoverProvider> RenderPopovers() => Render<MudBlazor.MudPopoverProvider>();
}
