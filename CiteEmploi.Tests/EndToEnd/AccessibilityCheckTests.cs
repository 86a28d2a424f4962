using CiteEmploi.Tests.Infrastructure;
using Xunit.Sdk;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>
/// The axe check every browser test relies on can fail: a page with an unnamed button and an image without text is
/// refused, naming the rules; the same page made right passes.
/// </summary>
public sealed class AccessibilityCheckTests
{
    [Fact]
    public async Task APageWithSeriousViolations_IsRefused_WithTheRulesNamed_AndTheCorrectedPagePasses()
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="fr"><head><title>Essai</title></head>
            <body><main><h1>Essai</h1><button id="b"></button><img id="i" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
            """);
        var refused = await Assert.ThrowsAsync<TrueException>(page.AssertAccessibleAsync);
        Assert.Contains("[critical] button-name", refused.Message);
        Assert.Contains("[critical] image-alt", refused.Message);
        Assert.Contains("#b", refused.Message);

        // Fixed in place (axe already in the page), then on a new document (axe put in again).
        await page.EvaluateAsync("() => { b.setAttribute('aria-label', 'Valider'); i.setAttribute('alt', ''); }");
        await page.AssertAccessibleAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="fr"><head><title>Essai</title></head>
            <body><main><h1>Essai</h1><button>Valider</button></main></body></html>
            """);
        await page.AssertAccessibleAsync();
    }
}
