using System.Net;
using Microsoft.Playwright;

namespace CiteEmploi.Bench.Live;

/// <summary>
/// One headless Debian Chromium (the end-to-end tests' browser, same switches as
/// <c>CiteEmploi.Tests/Infrastructure/Browser.cs</c>) whose pages are each in their own <see cref="IBrowserContext"/>,
/// signed in with the cookie of a login made over HTTP, so every page is a separate person with its own circuit.
/// </summary>
public sealed class BenchBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];

    private BenchBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CITEEMPLOI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<BenchBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath} (apt-get install -y chromium, or set CITEEMPLOI_CHROMIUM).");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
                // background pages must not be throttled: every page here is "in the background" but one
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            ],
        });
        return new BenchBrowser(playwright, browser);
    }

    /// <summary>A new context carrying <paramref name="cookies"/> for <paramref name="baseUrl"/>, and its one page.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewSignedInPageAsync(string baseUrl, CookieContainer cookies, int width = 800, int height = 600)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        await context.AddCookiesAsync(cookies.GetCookies(new Uri(baseUrl)).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Url = baseUrl + "/",
            HttpOnly = c.HttpOnly,
            SameSite = SameSiteAttribute.Lax,
        }));
        _contexts.Add(context);
        return (context, await context.NewPageAsync());
    }

    /// <summary>Opens <paramref name="url"/> and waits until its Blazor circuit is live (the shell marks it).</summary>
    public static async Task GotoInteractiveAsync(IPage page, string url)
    {
        var problems = new List<string>();
        void Console(object? sender, IConsoleMessage m)
        {
            if (m.Type is "error" or "warning")
            {
                problems.Add(m.Text);
            }
        }
        void Failed(object? sender, IRequest r) => problems.Add($"failed: {r.Url} {r.Failure}");
        page.Console += Console;
        page.RequestFailed += Failed;
        try
        {
            var response = await page.GotoAsync(url);
            if (response is null || !response.Ok)
            {
                throw new InvalidOperationException($"{url}: {response?.Status}");
            }
            await page.Locator(".app-shell[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"{url} did not become interactive; the page said:\n{string.Join("\n", problems)}", ex);
        }
        finally
        {
            page.Console -= Console;
            page.RequestFailed -= Failed;
        }
    }

    /// <summary>Closes a context the way a person closes a tab (its circuit gets the disconnect beacon).</summary>
    public async Task CloseAsync(IBrowserContext context)
    {
        _contexts.Remove(context);
        foreach (var page in context.Pages.ToList())
        {
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        }
        await context.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    /// <summary>
    /// A Playwright init script (so the app's CSP does not apply to it) reporting, through <c>window.benchSeen</c>, the
    /// first time each bench token (« banc-xxxxxxxx-n ») is inside an element matching <paramref name="itemSelector"/>
    /// (a board's card, a plan's action link); with <paramref name="reportSubmits"/>, also the moment a form whose
    /// textarea holds a token is submitted (<c>window.benchSubmitted</c>). <c>Date.now()</c> is taken once per observer
    /// callback: the DOM batch Blazor applied has just ended.
    /// </summary>
    public static string TokenObserver(string itemSelector, bool reportSubmits = false) => $$"""
        (() => {
          const re = /banc-[0-9a-f]{8}-\d+/g;
          const seen = new Set();
          const scan = (item, at) => {
            for (const token of (item.textContent || '').match(re) || []) {
              if (!seen.has(token)) { seen.add(token); window.benchSeen(token + '|' + at); }
            }
          };
          const itemsOf = node => {
            const element = node.nodeType === 1 ? node : node.parentElement;
            if (!element) return [];
            const inside = element.closest('{{itemSelector}}');
            if (inside) return [inside];
            return node.nodeType === 1 ? element.querySelectorAll('{{itemSelector}}') : [];
          };
          new MutationObserver(records => {
            const at = Date.now();
            for (const r of records) {
              for (const n of (r.type === 'characterData' ? [r.target] : r.addedNodes)) {
                for (const item of itemsOf(n)) scan(item, at);
              }
            }
          }).observe(document, { childList: true, subtree: true, characterData: true });
          {{(reportSubmits ? SubmitListener : string.Empty)}}
        })();
        """;

    private const string SubmitListener = """
        document.addEventListener('submit', e => {
            const at = Date.now();
            const area = e.target instanceof HTMLFormElement ? e.target.querySelector('textarea') : null;
            const found = area ? area.value.match(/banc-[0-9a-f]{8}-\d+/) : null;
            if (found) window.benchSubmitted(found[0] + '|' + at);
          }, true);
        """;
}
