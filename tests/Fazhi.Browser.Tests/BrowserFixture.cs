using Fazhi.TestKit;
using Microsoft.Playwright;
using Xunit;

namespace Fazhi.Browser.Tests;

/// <summary>
/// The web app on a real Kestrel port (127.0.0.1) and Debian's Chromium driven by Playwright. Playwright's own browser
/// download is unavailable on our machines, so the system Chromium is launched by path.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package installs the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public FazhiAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: $FAZHI_TEST_ARTIFACTS, or artifacts/test-results under the repository root.</summary>
    public static string ArtifactsDirectory { get; } = FindArtifactsDirectory();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // xunit 2 cannot skip at run time without another package; eng/test.sh leaves this project out when Chromium
            // is missing (and refuses to under CI=true), so reaching this line means a run that needs the browser.
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install it with: apt-get install -y chromium fonts-noto-cjk"
                + (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: browser tests may not be skipped)." : "."));
        }

        App.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps trying to reach Google's hosts on a closed network.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a Chinese locale and a laptop-sized window.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = App.ServerAddress.ToString(),
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    private static string FindArtifactsDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("FAZHI_TEST_ARTIFACTS");
        string directory;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            directory = Path.GetFullPath(configured);
        }
        else
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fazhi.slnx")))
            {
                root = root.Parent;
            }

            directory = Path.Combine(root?.FullName ?? Directory.GetCurrentDirectory(), "artifacts", "test-results");
        }

        Directory.CreateDirectory(directory);
        return directory;
    }
}
