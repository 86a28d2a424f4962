using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>A newcomer's first minutes on an empty workspace.</summary>
public sealed class FirstStartTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task EmptyWorkspace_SaysSo_AndLoadsTheDemonstrationCiteWithOneClick()
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.Url("/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aucune Cité pour l'instant" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Charger la Cité de démonstration" }).ClickAsync();

        await page.WaitForURLAsync("**/c/demo");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cité de démonstration", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".demo-notice")).ToContainTextAsync("fictives");
        await page.AssertAccessibleAsync();
    }
}
