using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using Microsoft.Playwright;

namespace CiteEmploi.Tests.EndToEnd.Boards;

/// <summary>What the board browser tests share: where a column and a card are on a page, and a guest on a phone.</summary>
internal static class BoardPages
{
    public static ILocator Column(IPage page, BoardView board, int index) => page.Locator($"#colonne-{board.Columns[index].Id}");

    public static ILocator Card(IPage page, string text) => page.Locator("[data-card]", new() { HasText = text });

    /// <summary>A phone-sized page in a context of its own (its own cookies), closed with <paramref name="contexts"/>.</summary>
    public static async Task<IPage> PhoneAsync(List<IBrowserContext> contexts)
    {
        var context = await Browser.NewContextAsync(360, 740);
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>On the join page, gives a display name and joins: ends on the guest's live board.</summary>
    public static async Task JoinAsync(IPage phone, string name)
    {
        await phone.GetByLabel("Votre nom affiché").FillAsync(name);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Rejoindre le tableau" }).ClickAsync();
        await phone.WaitForURLAsync(u => u.EndsWith("/invite/tableau", StringComparison.Ordinal));
        await phone.WaitForInteractiveAsync();
    }
}
