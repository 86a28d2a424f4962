using Microsoft.Playwright;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>How a person drives the MudBlazor controls of the Cité pages (Pages/Cites, Members, Admin).</summary>
public static class CitePages
{
    /// <summary>Opens the MudSelect labelled <paramref name="label"/> and picks <paramref name="option"/>, as a click would.</summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    /// <summary>The platform's Cités on the administration page (the region « Cités »).</summary>
    public static ILocator AdminCites(this IPage page) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Cités", Exact = true }).GetByRole(AriaRole.Table);

    /// <summary>The button of the open MudBlazor dialog (a confirmation, a choice).</summary>
    public static ILocator DialogButton(this IPage page, string name) =>
        page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
