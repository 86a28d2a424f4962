using Deque.AxeCore.Commons;
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
    /// Waits for the address after an in-page (Blazor) navigation, by reading the page's address until it matches (60 s
    /// at most): the URL changes with history.pushState and no page load follows, and Playwright's navigation events
    /// were seen to miss such a change (the page was there, the wait timed out: sessions 11–13). <paramref name="urlGlob"/>
    /// is a glob as Playwright's: <c>**</c> stands for anything, <c>*</c> for anything but a slash (<c>**/c/lorient</c>,
    /// <c>**statut=en-cours*</c>); everything else is itself. The assertions after it wait for the content.
    /// </summary>
    public static Task WaitForInPageNavigationAsync(this IPage page, string urlGlob) =>
        page.WaitForInPageNavigationAsync(new System.Text.RegularExpressions.Regex("^" + string.Join(".*", urlGlob.Split("**")
            .Select(part => string.Join("[^/]*", part.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)))) + "$"));

    /// <inheritdoc cref="WaitForInPageNavigationAsync(IPage, string)"/>
    public static async Task WaitForInPageNavigationAsync(this IPage page, System.Text.RegularExpressions.Regex url)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!url.IsMatch(page.Url))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"La page est restée à {page.Url} (attendu : {url}).");
            }
            await Task.Delay(50);
        }
    }

    public static async Task WaitForInteractiveAsync(this IPage page) =>
        await page.Locator(".app-shell[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });

    /// <summary>
    /// Runs axe on the current page and fails on any serious or critical violation, listing them. axe-core (the
    /// version bundled by Deque.AxeCore.Commons) is put in the page once per document and asked for violations only,
    /// summarised in the page: Deque's RunAxe opened a second page and brought every pass back to .NET, 2 to 7 s a
    /// call on this machine, most of the suite's time.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // While the interactive start renders the head again, the title is gone for an instant: axe checks the page
        // once it has one again (a page that never gets one still fails below, on axe's document-title rule).
        try
        {
            await page.WaitForFunctionAsync("() => document.title.length > 0", null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync($"() => {{ {AxeScript.Value} }}");
        }
        var blocking = await page.EvaluateAsync<string[]>(AxeRun);
        Assert.True(blocking.Length == 0, $"axe sur {page.Url} :{Environment.NewLine}" + string.Join(Environment.NewLine, blocking));
    }

    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>The serious and critical violations, each as « [impact] rule: help — first three targets ».</summary>
    private const string AxeRun = """
        async () => {
            const result = await window.axe.run(document, { resultTypes: ['violations'] });
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `- [${v.impact}] ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
        }
        """;

    /// <summary>
    /// True when the page scrolls sideways at the current viewport width once it has settled: right after a resize the
    /// layout's drawer folds away with a transition (a quarter of a second), during which the page is briefly wider
    /// than the screen; a person sees the page after it. Looks again for up to two seconds before saying it scrolls.
    /// </summary>
    public static async Task<bool> HasHorizontalScrollAsync(this IPage page)
    {
        const string Scrolls = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1";
        for (var look = 0; look < 10; look++)
        {
            if (!await page.EvaluateAsync<bool>(Scrolls))
            {
                return false;
            }
            await Task.Delay(200);
        }
        return true;
    }

    /// <summary>The elements that stick out to the right of the viewport, to explain a sideways scroll.</summary>
    public static Task<string> OverflowingElementsAsync(this IPage page) =>
        page.EvaluateAsync<string>(@"() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1 && !(e.parentElement && e.parentElement.closest('.table-scroll')))
            .slice(0, 8).map(e => e.tagName + '.' + e.className + ' (' + Math.round(e.getBoundingClientRect().right) + ')').join(', '); }");

}
