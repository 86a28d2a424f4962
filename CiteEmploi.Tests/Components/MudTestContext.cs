using System.Globalization;
using Bunit;
using CiteEmploi.Web.Components.Theme;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services (and its French texts), JavaScript calls answered loosely, in fr-FR like
/// every request and circuit of the app.
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
        Services.AddMudServices();
        Services.AddTransient<MudLocalizer, FrenchMudLocalizer>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

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
