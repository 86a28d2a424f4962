using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>What every end-to-end test does on the pages it visits.</summary>
public static class PageChecks
{
    /// <summary>Opens a page and waits until its Blazor circuit is live (clicks would be lost before).</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.NotNull(response);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>
    /// Waits for the address after an in-page (Blazor) navigation: the URL changes with history.pushState and no page
    /// load follows, so waiting for a "load" event can time out; the assertions after it wait for the content.
    /// </summary>
    public static Task WaitForInPageNavigationAsync(this IPage page, string urlGlob) =>
        page.WaitForURLAsync(urlGlob, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

    /// <inheritdoc cref="WaitForInPageNavigationAsync(IPage, string)"/>
    public static Task WaitForInPageNavigationAsync(this IPage page, System.Text.RegularExpressions.Regex url) =>
        page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

    public static async Task WaitForInteractiveAsync(this IPage page) =>
        await page.Locator(".app-shell[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });

    /// <summary>Runs axe on the current page and fails on any serious or critical violation, listing them.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .ToList();
        Assert.True(blocking.Count == 0,
            $"axe sur {page.Url} :{Environment.NewLine}" + string.Join(Environment.NewLine, blocking.Select(Describe)));
    }

    /// <summary>True when the page scrolls sideways at the current viewport width.</summary>
    public static Task<bool> HasHorizontalScrollAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");

    /// <summary>The elements that stick out to the right of the viewport, to explain a sideways scroll.</summary>
    public static Task<string> OverflowingElementsAsync(this IPage page) =>
        page.EvaluateAsync<string>(@"() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1 && !(e.parentElement && e.parentElement.closest('.table-scroll')))
            .slice(0, 8).map(e => e.tagName + '.' + e.className + ' (' + Math.round(e.getBoundingClientRect().right) + ')').join(', '); }");

    private static string Describe(AxeResultItem v) =>
        $"- [{v.Impact}] {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}";
}
