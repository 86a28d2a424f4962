using Microsoft.Playwright;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole run (never Playwright's own download). Each test opens its own
/// browser contexts, so cookies and storage never leak between tests. Debian's headless shell
/// (<c>chromium-headless-shell</c>, installed by test.sh) when it is there: the same Chromium with about a third less CPU
/// per page, which is most of the suite's time; else the full <c>chromium</c>.
/// </summary>
public static class Browser
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CITEEMPLOI_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists(HeadlessShell) ? HeadlessShell
        : "/usr/bin/chromium";

    private const string HeadlessShell = "/usr/bin/chromium-headless-shell";

    public static async Task<IBrowser> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }
            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException(
                    $"Chromium est introuvable ({ExecutablePath}). Lancez ./test.sh, qui l'installe (apt-get install chromium-headless-shell), ou indiquez son chemin dans CITEEMPLOI_CHROMIUM.");
            }
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
                ],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh context (its own cookies), desktop-sized unless a phone width is asked for.</summary>
    public static async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800)
    {
        var browser = await GetAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        // Generous on purpose: on a loaded 2-core CI machine a sign-in post or a circuit start can take tens of seconds;
        // a test that passes is not slowed down by a longer limit.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        // The same for Expect(...) assertions (Playwright's default is 5 s): a live change seen by another page waits
        // for that page's circuit, which a loaded machine can hold back for several seconds (the workshop test, six
        // live pages, asked for 20 s on its own). Playwright keeps it in one static setting, so it is set here, for all.
        Assertions.SetDefaultExpectTimeout(20_000);
        return context;
    }
}
