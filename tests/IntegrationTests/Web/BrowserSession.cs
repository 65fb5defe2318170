using Microsoft.Playwright;

namespace ReliefPlatform.IntegrationTests.Web;

/// <summary>
/// A real browser for the journeys (issue 20): Debian's Chromium driven by Playwright (no browser can be
/// downloaded here; eng/install-prerequisites.sh installs the package and a CJK font). Each journey keeps a
/// screenshot of its pages in <c>artifacts/screenshots/</c>.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Debian's Chromium, or the one <c>CHROMIUM_PATH</c> names.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: eng/install-prerequisites.sh installs Debian's 'chromium' package (or set CHROMIUM_PATH).");
        }

        var playwright = await Playwright.CreateAsync();
        // --no-sandbox: the tests run as root in CI, where Chromium's sandbox cannot start.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>
    /// A fresh page (its own cookies) on <paramref name="baseAddress"/>; a phone's screen when asked. Each page
    /// is a visitor of its own address (X-Forwarded-For, believed from loopback as from the web's servers), so
    /// the gateway's per-address limit counts it apart from the tests' other callers on this machine.
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool phone = false, string language = "zh-CN", IDictionary<string, string>? headers = null)
    {
        var extra = new Dictionary<string, string>(headers ?? new Dictionary<string, string>())
        {
            [Platform.Visitors.Header] = Platform.Visitors.NewAddress(),
        };
        var context = await _browser.NewContextAsync(new()
        {
            ExtraHTTPHeaders = extra,
            BaseURL = baseAddress.ToString(),
            Locale = language,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Keeps a screenshot of the whole page as a test artifact.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(Repository.Root(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>Where the repository is, from the test's output folder.</summary>
public static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReliefPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
