using MudBlazor;

namespace CiteEmploi.Web.Components.Theme;

/// <summary>
/// The one theme of the workspace, close to the French public-service palette (bleu France #000091, rouge Marianne),
/// every text/background pair at WCAG AA or better (axe checks it on every page the tests visit).
/// </summary>
public static class CiteTheme
{
    public static MudTheme Instance { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#000091",
            PrimaryDarken = "#00006d",
            PrimaryLighten = "#3b3bb5",
            Secondary = "#0a5d8c",
            Tertiary = "#6e445a",
            Info = "#0063cb",
            Success = "#18753c",
            Warning = "#b34000",
            Error = "#ce0500",
            Dark = "#161616",
            TextPrimary = "#161616",
            TextSecondary = "#3a3a3a",
            ActionDefault = "#3a3a3a",
            AppbarBackground = "#000091",
            AppbarText = "#ffffff",
            DrawerBackground = "#f6f6f6",
            DrawerText = "#161616",
            DrawerIcon = "#161616",
            Background = "#ffffff",
            Surface = "#ffffff",
            LinesDefault = "#929292",
            LinesInputs = "#666666",
            TableLines = "#dddddd",
            Divider = "#dddddd",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Marianne", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Arial", "sans-serif"],
            },
            H1 = new H1Typography { FontSize = "1.75rem", FontWeight = "700", LineHeight = "1.25" },
            H2 = new H2Typography { FontSize = "1.4rem", FontWeight = "700", LineHeight = "1.3" },
            H3 = new H3Typography { FontSize = "1.15rem", FontWeight = "700", LineHeight = "1.35" },
            H4 = new H4Typography { FontSize = "1.05rem", FontWeight = "700", LineHeight = "1.4" },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "4px",
            AppbarHeight = "56px",
            DrawerWidthLeft = "260px",
        },
    };
}
