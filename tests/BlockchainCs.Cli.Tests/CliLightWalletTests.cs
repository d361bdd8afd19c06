namespace BlockchainCs.Cli.Tests;

/// <summary>
/// The light wallet's commands typed wrong: each a one-line refusal that touches nothing. (It working end to end —
/// pending, confirmed, paying back — is scripts/spv-demo.sh, which scripts/test.sh runs.)
/// </summary>
public sealed class CliLightWalletTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartNodeSpv_WithoutTheGenesisCopy_SaysToCopyIt()
    {
        await _dir.CopyTemplateAsync(withChain: false);

        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync("startnode", "-spv", "--seed", "127.0.0.1:1"));

        CliAssert.FailsWithOneLine(result, "a light wallet starts from the chain's genesis block: copy it first (cp blockchain_genesis.db blockchain_3000.db)");
        Assert.False(File.Exists(Path.Combine(_dir.Path, "spv_3000.db")));
    }

    [Fact]
    public async Task StartNodeSpv_WithoutAWallet_SaysToCreateOne()
    {
        var template = await CliChainTemplate.GetAsync();
        File.Copy(template.DatabasePath, _dir.DatabasePath);

        CliAssert.FailsWithOneLine(await _dir.Runner().RunAsync("startnode", "-spv", "--seed", "127.0.0.1:1"), "create one first: blockchain_cs createwallet");
    }

    [Theory]
    [InlineData("-miner", "A", "a light wallet does not mine: -spv and -miner do not go together")]
    [InlineData("--bloom-fp", "2", "--bloom-fp must be between 0 and 1 (like 0.0001), not 2")]
    [InlineData("--bloom-fp", "0", "--bloom-fp must be between 0 and 1 (like 0.0001), not 0")]
    [InlineData("--bloom", "--filters", "--filters and --bloom are two ways to find a light wallet's blocks: choose one")]
    public async Task StartNodeSpv_WrongOptions_RefusedWithOneLine(string option, string value, string expected)
    {
        var template = await _dir.CopyTemplateAsync();
        if (value == "A")
            value = template.AddressA;

        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync("startnode", "-spv", option, value, "--seed", "127.0.0.1:1"));

        CliAssert.FailsWithOneLine(result, expected);
    }

    [Fact]
    public async Task ListTransactions_OnAFullNode_SaysItIsALightWalletCommand()
    {
        await _dir.CopyTemplateAsync();

        CliAssert.FailsWithOneLine(await _dir.Runner().RunAsync("listtransactions"),
            "listtransactions lists a light wallet's transactions and there is none for NODE_ID 3000 (start one with: blockchain_cs startnode -spv)");
    }
}
