using System.Text.RegularExpressions;

namespace BlockchainCs.Cli.Tests;

/// <summary>The tutorial's session as a new user runs it, through the real CLI, plus the options that choose the node's files.</summary>
public sealed partial class CliHappyPathTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task TutorialSession_TwoWalletsTwoMinedSends_BalancesChainAndUtxoAreRight()
    {
        var cli = _dir.Runner("3000");
        var a = CliChainTemplate.ParseNewAddress(await cli.RunAsync("createwallet"));
        var b = CliChainTemplate.ParseNewAddress(await cli.RunAsync("createwallet"));
        Assert.NotEqual(a, b);

        AssertOutput(await cli.RunAsync("createblockchain", "-address", a, "--target-bits", "8"), "Done!");
        AssertOutput(await cli.RunAsync("send", "-from", a, "-to", b, "-amount", "10", "-mine"), "Success!");
        AssertOutput(await cli.RunAsync("send", "-from", a, "-to", b, "-amount", "10", "-mine"), "Success!");

        // A: genesis 10, sent 10 twice, got two block rewards of 10 as the miner; B: received 10 twice. Both spellings work.
        AssertOutput(await cli.RunAsync("getbalance", "-address", a), $"Balance of '{a}': 10");
        AssertOutput(await cli.RunAsync("getbalance", "--address", b), $"Balance of '{b}': 20");
        AssertOutput(await cli.RunAsync("getbalance", "--address", a), $"Balance of '{a}': 10");

        var addresses = await cli.RunAsync("listaddresses");
        Assert.True(addresses.ExitCode == 0, addresses.ToString());
        Assert.Equal([a, b], addresses.OutLines);

        var chain = await cli.RunAsync("printchain");
        Assert.True(chain.ExitCode == 0, chain.ToString());
        Assert.Empty(chain.StdErr);
        Assert.Equal(3, BlockHeader().Count(chain.StdOut));
        Assert.Equal(["Height: 2", "Height: 1", "Height: 0"], chain.OutLines.Where(l => l.StartsWith("Height: ", StringComparison.Ordinal)));
        Assert.Equal(["PoW: true", "PoW: true", "PoW: true"], chain.OutLines.Where(l => l.StartsWith("PoW: ", StringComparison.Ordinal)));

        // Unspent: the first send's payment to B, and block 2's coinbase and payment (the genesis coinbase and block 1's
        // coinbase were each spent whole by a send).
        AssertOutput(await cli.RunAsync("reindexutxo"), "Done! There are 3 transactions in the UTXO set.");
        AssertOutput(await cli.RunAsync("getbalance", "-address", b), $"Balance of '{b}': 20");
        Assert.Equal(["blockchain_3000.db", "wallet_3000.dat"], CliAssert.Snapshot(_dir.Path).Keys);
    }

    [Fact]
    public async Task NodeIdOption_WithDifferentNodeIdEnvironment_OptionWins()
    {
        var env3000 = _dir.Runner("3000");
        var address = CliChainTemplate.ParseNewAddress(await env3000.RunAsync("--node-id", "3001", "createwallet"));
        Assert.Equal(["wallet_3001.dat"], CliAssert.Snapshot(_dir.Path).Keys);

        AssertOutput(await env3000.RunAsync("listaddresses", "--node-id", "3001"), address);
        AssertOutput(await _dir.Runner(nodeId: null).RunAsync("listaddresses", "-node-id", "3001"), address);
        var own = await env3000.RunAsync("listaddresses");
        Assert.True(own.ExitCode == 0 && own.StdOut.Length == 0, own.ToString());
        Assert.Contains("create one with: blockchain_cs createwallet", own.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDirOption_OtherDirectory_FilesGoThere()
    {
        var elsewhere = Path.Combine(_dir.Path, "node-data");
        Directory.CreateDirectory(elsewhere);
        var cwd = Path.Combine(_dir.Path, "cwd");
        Directory.CreateDirectory(cwd);
        var cli = new CliRunner(cwd, "3000");

        var address = CliChainTemplate.ParseNewAddress(await cli.RunAsync("createwallet", "--data-dir", elsewhere));
        AssertOutput(await cli.RunAsync("createblockchain", "-address", address, "--target-bits", "8", "-data-dir", elsewhere), "Done!");
        AssertOutput(await cli.RunAsync("--data-dir", elsewhere, "getbalance", "-address", address), $"Balance of '{address}': 10");

        Assert.Empty(Directory.EnumerateFileSystemEntries(cwd));
        Assert.Equal(["blockchain_3000.db", "wallet_3000.dat"], CliAssert.Snapshot(elsewhere).Keys);
    }

    private static void AssertOutput(CliResult result, string expectedLine)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.StdErr.Length == 0, result.ToString());
        Assert.Equal([expectedLine], result.OutLines);
    }

    [GeneratedRegex("^============ Block [0-9a-f]{64} ============\\r?$", RegexOptions.Multiline)]
    private static partial Regex BlockHeader();
}
