using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace CiteEmploi.Web.Components.Theme;

/// <summary>The workspace speaks French: fr-FR for every request and circuit, MudBlazor's texts in French.</summary>
public static class FrenchCulture
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>« 1 invitation en attente », « 1 234 invitations en attente »: the number in French, then the right form.</summary>
    public static string Count(int n, string one, string many) => $"{n.ToString("N0", Culture)} {(n > 1 ? many : one)}";

    /// <summary>
    /// Reads an amount as people type it: « 100 000 », « 100000,50 », « 100 000 € » or « 100000.50 » (any space,
    /// the euro sign, a comma or a point); an empty text is 0. One reader for every form that takes euros.
    /// </summary>
    public static bool TryReadAmount(string? text, out decimal amount)
    {
        amount = 0;
        var cleaned = new string([.. (text ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '€')]).Replace('.', ',');
        return cleaned.Length == 0
            || decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Culture, out amount);
    }

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
