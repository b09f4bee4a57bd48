using System.Diagnostics;
using System.Globalization;
using CodeExecution.Functions.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CodeExecution.Functions.Tests.Browser;

/// <summary>
/// The playground page in Debian's Chromium, headless, driven by Playwright: the page and the functions are the app's
/// own, served on a loopback port by <see cref="FunctionsWebHost"/>. A screenshot of a finished run is kept at
/// <c>TestResults/playground.png</c> under the repository root.
/// </summary>
public sealed class PlaygroundBrowserTests(PlaygroundBrowserTests.Browser browser) : IClassFixture<PlaygroundBrowserTests.Browser>
{
    public static string ScreenshotPath { get; } = Path.Combine(RepositoryRoot.Path, "TestResults", "playground.png");

    public sealed class Browser : IAsyncLifetime
    {
        private const string Chromium = "/usr/bin/chromium";
        private AzuriteServer? _azurite;
        private IPlaywright? _playwright;

        public FunctionsWebHost Host { get; private set; } = null!;

        public IBrowser Chrome { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _azurite = await AzuriteServer.StartAsync();
            Host = await FunctionsWebHost.StartAsync(TestHost.Settings(_azurite, StorageNamesForRun.Unique()));
            _playwright = await Playwright.CreateAsync();
            Chrome = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        }

        public async Task DisposeAsync()
        {
            await Chrome.DisposeAsync();
            _playwright!.Dispose();
            await Host.DisposeAsync();
            await _azurite!.DisposeAsync();
        }
    }

    [Fact]
    public async Task Python_OutputArrivesAsWritten_ThenTheVerdict_WithTheKeyFromTheAddress()
    {
        var page = await OpenAsync("#key=playground-test-key");
        var served = await page.Context.APIRequest.GetAsync(new Uri(browser.Host.BaseAddress, "api/playground").ToString());
        await page.SelectOptionAsync("#language", "python");
        await page.FillAsync("#code", "import time\nprint('first')\ntime.sleep(1)\nprint(time.time_ns() // 1000000)\n");
        // When "first" is first seen in the page, in the browser's clock (the same machine's).
        await page.EvaluateAsync("""
            () => {
              const output = document.getElementById('output');
              window.firstSeenAt = null;
              new MutationObserver(() => {
                if (window.firstSeenAt === null && output.textContent.includes('first')) window.firstSeenAt = Date.now();
              }).observe(output, { childList: true, subtree: true, characterData: true });
            }
            """);

        var execute = page.WaitForRequestAsync("**/api/execute");
        await page.ClickAsync("#run");

        await Expect(page.Locator("#verdict")).ToHaveTextAsync("Success", new() { Timeout = 30_000 });
        var lines = (await page.Locator("#output").TextContentAsync())!.Split('\n');
        var firstSeenAt = await page.EvaluateAsync<long>("window.firstSeenAt");
        var secondWrittenAt = long.Parse(lines[1], CultureInfo.InvariantCulture);
        Assert.Equal("first", lines[0]);
        Assert.True(firstSeenAt < secondWrittenAt, $"first was shown at {firstSeenAt}, the second line written at {secondWrittenAt}");
        Assert.Equal("0", await page.Locator("#exit-code").TextContentAsync());
        Assert.Matches(@"^\d+\.\d ms$", await page.Locator("#time").TextContentAsync());
        Assert.Matches(@"^\d+\.\d MiB$", await page.Locator("#memory-used").TextContentAsync());
        Assert.Equal("Finished.", await page.Locator("#status").TextContentAsync());
        Assert.Equal("playground-test-key", (await execute).Headers["x-functions-key"]);
        Assert.DoesNotContain("playground-test-key", page.Url, StringComparison.Ordinal);
        Assert.Equal(200, served.Status);
        Assert.StartsWith("default-src 'none'; script-src 'self';", served.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("no-referrer", served.Headers["referrer-policy"]);

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true });
        Assert.True(new FileInfo(ScreenshotPath).Length > 0);
    }

    [Fact]
    public async Task JavaScript_ReadsTheStdinField_AsNodeDoes()
    {
        const string code = "const lines = require('fs').readFileSync(0, 'utf8').trim().split('\\n');\nconsole.log(lines.map(Number).reduce((a, b) => a + b, 0), lines.length);\n";
        const string input = "1\n2\n39\n";
        var page = await OpenAsync();
        await page.SelectOptionAsync("#language", "javascript");
        await page.FillAsync("#code", code);
        await page.FillAsync("#stdin", input);

        await page.ClickAsync("#run");

        await Expect(page.Locator("#verdict")).ToHaveTextAsync("Success", new() { Timeout = 30_000 });
        Assert.Equal(await NodeAsync(code, input), await page.Locator("#output").TextContentAsync());
    }

    [Fact]
    public async Task ProgramFailing_ShowsStderr_AndItsExitCode()
    {
        var page = await OpenAsync();
        await page.SelectOptionAsync("#language", "python");
        await page.FillAsync("#code", "print('before')\nraise ValueError('bad input')\n");

        await page.ClickAsync("#run");

        await Expect(page.Locator("#verdict")).ToHaveTextAsync("Process exited with code 1.", new() { Timeout = 30_000 });
        Assert.Equal("1", await page.Locator("#exit-code").TextContentAsync());
        Assert.Equal("before\n", await page.Locator("#output").EvaluateAsync<string>("o => o.firstChild.textContent"));
        var stderr = await page.Locator("#output .stderr").TextContentAsync();
        Assert.StartsWith("Traceback (most recent call last):\n", stderr, StringComparison.Ordinal);
        Assert.EndsWith("ValueError: bad input\n", stderr, StringComparison.Ordinal);
        await Expect(page.Locator("#verdict")).ToHaveClassAsync("verdict-bad");
    }

    [Fact]
    public async Task RefusedRequests_ShowTheirMessage()
    {
        var page = await OpenAsync();
        await page.SelectOptionAsync("#language", "python");
        await page.FillAsync("#code", "print('never')");
        await page.FillAsync("#timeout", "50");

        await page.ClickAsync("#run");

        await Expect(page.Locator("#status")).ToHaveTextAsync(
            "Invalid request: limits.timeoutMs: 50 is out of range; it must be from 100 to 10000 ms.", new() { Timeout = 30_000 });
        await Expect(page.Locator("#status")).ToHaveClassAsync("refused");
        Assert.True(await page.Locator("#facts").IsHiddenAsync());

        // Both sandboxes (MaxConcurrency 2) sleep; the page's request waits MaxQueueWaitMs (400) and is refused.
        await page.FillAsync("#timeout", "");
        using var http = new HttpClient { BaseAddress = browser.Host.BaseAddress };
        var sleepers = Enumerable.Range(0, 2)
            .Select(_ => http.PostAsync("api/execute", new StringContent("""{"code":"import time\ntime.sleep(3)","language":"python"}""", System.Text.Encoding.UTF8, "application/json")))
            .ToArray();
        await browser.Host.WaitUntilRunningAsync(2);
        await page.ClickAsync("#run");

        await Expect(page.Locator("#status")).ToHaveTextAsync(
            "Too many executions: No sandbox of this instance freed up within 400 ms; try again shortly. Try again in 2 s.", new() { Timeout = 30_000 });
        await Task.WhenAll(sleepers);
    }

    private async Task<IPage> OpenAsync(string fragment = "")
    {
        var page = await browser.Chrome.NewPageAsync();
        await page.GotoAsync(new Uri(browser.Host.BaseAddress, "api/playground") + fragment);
        await Expect(page.Locator("#run")).ToBeEnabledAsync();
        return page;
    }

    private static async Task<string> NodeAsync(string code, string input)
    {
        var start = new ProcessStartInfo("node", ["-e", code]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        return output;
    }
}
