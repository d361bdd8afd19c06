using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace BlockchainCs.Cli.Tests;

/// <summary>
/// A real browser for the live page's tests: Debian's chromium driven through its chromedriver by Selenium WebDriver,
/// headless, with a profile of its own that is deleted afterwards. Found on PATH (CHROMIUM and CHROMEDRIVER name
/// others); where either is missing the tests that need it are skipped with <see cref="SkipReason"/>, never passed.
/// Selenium's own driver download (Selenium Manager) is never used: both paths are given.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private static readonly string? s_browser = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } browser
        ? browser
        : FindOnPath("chromium", "chromium-browser", "google-chrome");

    private static readonly string? s_driver = Environment.GetEnvironmentVariable("CHROMEDRIVER") is { Length: > 0 } driver
        ? driver
        : FindOnPath("chromedriver");

    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"blockchain_cs_chromium-{Guid.NewGuid():N}");

    /// <summary>Why the browser tests cannot run here; null when they can.</summary>
    public static string? SkipReason =>
        OperatingSystem.IsWindows() ? "the browser tests use Debian's chromium (Linux)"
        : s_browser is null ? "no chromium on PATH (apt-get install chromium chromium-driver; .ci/run does it)"
        : s_driver is null ? "no chromedriver on PATH (apt-get install chromium-driver; .ci/run does it)"
        : null;

    public HeadlessChromium()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(s_driver)!, Path.GetFileName(s_driver)!);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = s_browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1360,1500",
            "--disable-background-networking", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
            $"--user-data-dir={_profile}");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ChromeDriver Driver { get; }

    /// <summary>
    /// Waits until the JavaScript expression <paramref name="condition"/> is truthy on the page, and returns its value:
    /// checked at once, then on each change of the page (a MutationObserver), so nothing sleeps or polls. Fails the
    /// test with <paramref name="what"/> and the page's text at the deadline.
    /// </summary>
    public object WaitFor(string condition, TimeSpan timeout, string what)
    {
        Driver.Manage().Timeouts().AsynchronousJavaScript = timeout;
        // The condition is part of the script's own text (compiled by the driver, not eval'd by the page: its CSP forbids eval).
        var script = "const done = arguments[arguments.length - 1];\n" +
            $"const test = () => {{ try {{ return ({condition}); }} catch {{ return null; }} }};\n" +
            """
            const first = test();
            if (first) { done(first); return; }
            const observer = new MutationObserver(() => {
              const value = test();
              if (value) { observer.disconnect(); done(value); }
            });
            observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
            """;
        try
        {
            return Driver.ExecuteAsyncScript(script) ?? throw new InvalidOperationException("the wait ended without a value");
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail($"the page did not show {what} within {timeout.TotalSeconds:0.#} s; it shows:\n{Driver.FindElement(By.TagName("body")).Text}");
            throw;
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: chromium may still be closing a file.
        }
    }

    private static string? FindOnPath(params string[] names) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
}
