using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace CiteEmploi.Web.Components.Theme;

/// <summary>The workspace speaks French: fr-FR for every request and circuit, MudBlazor's texts in French.</summary>
public static class FrenchCulture
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>fr-FR only: a browser asking for English still gets French numbers and dates, as the text is French.</summary>
    public static RequestLocalizationOptions RequestLocalization { get; } = new()
    {
        DefaultRequestCulture = new RequestCulture(Culture),
        SupportedCultures = [Culture],
        SupportedUICultures = [Culture],
        RequestCultureProviders = [],
    };

    /// <summary>MudBlazor's services with its French texts and snackbars placed for phones as well as desktops.</summary>
    public static IServiceCollection AddCiteEmploiUi(this IServiceCollection services)
    {
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
            options.SnackbarConfiguration.ShowCloseIcon = true;
        });
        services.AddTransient<MudLocalizer, FrenchMudLocalizer>();
        return services;
    }
}
