using System.Diagnostics;
using OpenQA.Selenium;

namespace BlockchainCs.Cli.Tests;

/// <summary>
/// The live page in a real browser (headless chromium through Selenium WebDriver) against real node processes: the
/// tutorial's central node shows its height, a payment sent to it appears in its mempool list without a reload, the
/// miner's block appears, and a click shows the block's transactions. A screenshot of the result is saved
/// (live-page.png beside the tests, and at BLOCKCHAIN_CS_SCREENSHOT when set: scripts/test.sh keeps it in artifacts/).
/// </summary>
public sealed class CliLivePageBrowserTests : IDisposable
{
    private static readonly TimeSpan s_shown = TimeSpan.FromSeconds(30);

    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task LivePage_ShowsHeight_PaymentInMempoolWithin2s_MinedBlockAppears_ClickShowsItsTransactions()
    {
        Assert.SkipWhen(HeadlessChromium.SkipReason is not null, HeadlessChromium.SkipReason ?? "");
        var template = await _dir.CopyTemplateAsync();
        File.Copy(_dir.DatabasePath, Path.Combine(_dir.Path, "blockchain_3001.db"));
        var central = _dir.Runner();
        var listen = $"127.0.0.1:{CliTimeouts.FreePort()}";
        var rpc = $"127.0.0.1:{CliTimeouts.FreePort()}";
        await using var node = central.Start("startnode", "--listen", listen, "--seed", "127.0.0.1:1", "--rpc-bind", rpc);
        await node.WaitForOutputAsync("Live page: ", CliTimeouts.Start);
        var page = await central.RunAsync("page", "--rpc-connect", rpc);
        Assert.True(page.ExitCode == 0 && page.OutLines.Count == 1, page.ToString());
        Assert.Contains($"Live page: {page.OutLines[0]}", node.StdOut, StringComparison.Ordinal);

        using var browser = new HeadlessChromium();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(page.OutLines[0]);
        Assert.DoesNotContain("key=", driver.Url, StringComparison.Ordinal); // the key left the address bar
        browser.WaitFor("document.getElementById('live').textContent === 'live'", s_shown, "its live stream connected");
        browser.WaitFor("document.getElementById('height').textContent === '0'", s_shown, "height 0");
        Assert.Equal(listen, driver.FindElement(By.Id("node-address")).Text);
        driver.ExecuteScript("window.notReloaded = true;");

        // A payment handed to the central node (no -mine) shows in its mempool list within 2 s, without a reload.
        var send = await central.RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "3", "--seed", listen);
        Assert.True(send.ExitCode == 0, send.ToString());
        var clock = Stopwatch.StartNew();
        var txid = (string)browser.WaitFor("document.querySelector('#mempool-list tr[data-txid]')?.dataset.txid", TimeSpan.FromSeconds(2),
            "the payment in the mempool list (2 s budget)");
        var shownAfter = clock.Elapsed;
        Assert.Equal(64, txid.Length);
        var mempool = await central.RunAsync("getrawmempool", "--rpc-connect", rpc);
        Assert.Contains(txid, mempool.StdOut, StringComparison.Ordinal);
        Assert.True(shownAfter < TimeSpan.FromSeconds(2), $"shown after {shownAfter.TotalMilliseconds:0} ms");
        // Its row: id, bytes, fee, fee rate (coins/kB; 0, as the tutorial pays no fee), waiting.
        Assert.Equal("0 0", (string)browser.WaitFor(
            "(() => { const c = document.querySelectorAll('#mempool-list tr[data-txid] td'); return c.length === 5 ? c[2].textContent + ' ' + c[3].textContent : null; })()",
            s_shown, "the payment's fee and fee rate"));

        // The miner connects, receives the payment, mines it; its block appears and the mempool empties.
        await using var miner = _dir.Runner("3001").Start("startnode", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", listen,
            "--miner", template.AddressB, "--mine-min-txs", "1", "--no-rpc");
        browser.WaitFor("document.querySelector(\"#blocks-list tr[data-height='1']\")", s_shown, "block 1 in the list");
        browser.WaitFor("document.getElementById('height').textContent === '1'", s_shown, "height 1");
        browser.WaitFor("document.querySelectorAll('#mempool-list tr').length === 0", s_shown, "an empty mempool");
        browser.WaitFor("document.querySelectorAll('#peers-list tr').length === 1", s_shown, "the miner in the peers table");
        browser.WaitFor("document.querySelectorAll('#graph circle.miner').length === 1", s_shown, "the miner in the picture");
        browser.WaitFor("document.getElementById('events-list').textContent.includes('Block 1 ')", s_shown, "the block's event");
        Assert.Equal(true, driver.ExecuteScript("return window.notReloaded === true;"));

        // A click on the block shows its transactions: the coinbase and the payment of 3 to B.
        driver.FindElement(By.CssSelector("#blocks-list tr[data-height='1']")).Click();
        browser.WaitFor($"document.querySelector(\"#detail .tx[data-txid='{txid}']\")", s_shown, "the payment in the block");
        var detail = driver.FindElement(By.Id("detail")).Text;
        Assert.Contains($"3 → {template.AddressB}", detail, StringComparison.Ordinal);
        Assert.Contains("coinbase", detail, StringComparison.Ordinal);
        Assert.Equal("Block 1", driver.FindElement(By.Id("detail-title")).Text);
        SaveScreenshot(driver);

        await miner.TerminateAsync();
        Assert.True(await miner.WaitForExitAsync(CliTimeouts.Stop) == 0, miner.Describe());
        await node.TerminateAsync();
        Assert.True(await node.WaitForExitAsync(CliTimeouts.Stop) == 0, node.Describe());
    }

    [Fact]
    public async Task LivePage_WithoutItsKey_ShowsHowToGetIt_AndReadsNothing()
    {
        Assert.SkipWhen(HeadlessChromium.SkipReason is not null, HeadlessChromium.SkipReason ?? "");
        await _dir.CopyTemplateAsync();
        var rpc = $"127.0.0.1:{CliTimeouts.FreePort()}";
        await using var node = _dir.Runner().Start("startnode", "--listen", $"127.0.0.1:{CliTimeouts.FreePort()}", "--seed", "127.0.0.1:1", "--rpc-bind", rpc);
        await node.WaitForOutputAsync("Live page: ", CliTimeouts.Start);

        using var browser = new HeadlessChromium();
        browser.Driver.Navigate().GoToUrl($"http://{rpc}/?key=0123456789abcdef0123456789abcdef");
        Assert.Contains("needs its key", browser.Driver.FindElement(By.TagName("h1")).Text, StringComparison.Ordinal);
        Assert.Empty(browser.Driver.FindElements(By.Id("height")));
        browser.Driver.Navigate().GoToUrl($"http://{rpc}/api/getpeerinfo");
        Assert.DoesNotContain("addr", browser.Driver.PageSource, StringComparison.Ordinal);
    }

    private static void SaveScreenshot(ITakesScreenshot driver)
    {
        var shot = driver.GetScreenshot();
        shot.SaveAsFile(Path.Combine(AppContext.BaseDirectory, "live-page.png"));
        if (Environment.GetEnvironmentVariable("BLOCKCHAIN_CS_SCREENSHOT") is { Length: > 0 } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            shot.SaveAsFile(path);
        }
    }
}
