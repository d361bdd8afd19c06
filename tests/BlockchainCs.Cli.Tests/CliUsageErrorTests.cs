namespace BlockchainCs.Cli.Tests;

/// <summary>Mistakes on the command line itself: one line (not the help text) on stderr, exit 1.</summary>
public sealed class CliUsageErrorTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task UnknownCommand_FailsWithOneLineNamingIt()
    {
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync("frobnicate"));
        CliAssert.FailsWithOneLine(result, "'frobnicate'");
    }

    [Fact]
    public async Task NoCommand_FailsWithOneLine()
    {
        var result = await _dir.Runner().RunAsync();
        CliAssert.FailsWithOneLine(result, "command");
    }

    [Fact]
    public async Task GetBalance_MissingAddressOption_FailsWithOneLine()
    {
        await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync("getbalance"));
        CliAssert.FailsWithOneLine(result, "option '-address' is required (see 'blockchain_cs getbalance --help')");
    }

    [Fact]
    public async Task Send_MissingAmountOption_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-mine"));
        CliAssert.FailsWithOneLine(result, "option '-amount' is required (see 'blockchain_cs send --help')");
    }

    [Fact]
    public async Task GetBalance_UnexpectedExtraArgument_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("getbalance", "-address", template.AddressA, "extra"));
        CliAssert.FailsWithOneLine(result, "'extra'");
    }

    [Theory]
    [InlineData("getbalanse", "getbalance")]
    [InlineData("startnod", "startnode")]
    [InlineData("createwalet", "createwallet")]
    public async Task MistypedCommand_SuggestsTheRightOne(string typed, string meant)
    {
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync(typed, "-address", "x"));
        CliAssert.FailsWithOneLine(result, $"error: unknown command '{typed}'; did you mean '{meant}'? (see 'blockchain_cs --help')");
    }

    [Fact]
    public async Task MistypedOption_SuggestsTheRightOneAndPointsToTheCommandsHelp()
    {
        await _dir.CopyTemplateAsync();
        var result = await _dir.Runner().RunAsync("getbalance", "-adress", "x");
        CliAssert.FailsWithOneLine(result, "did you mean '-address'? (see 'blockchain_cs getbalance --help')");
    }

    [Theory]
    [InlineData("createblockchain")]
    [InlineData("createwallet")]
    [InlineData("listaddresses")]
    [InlineData("getbalance")]
    [InlineData("send")]
    [InlineData("printchain")]
    [InlineData("reindexutxo")]
    [InlineData("startnode")]
    [InlineData("utxodigest")]
    public async Task Help_EveryCommand_HasAnExample(string command)
    {
        var result = await _dir.Runner().RunAsync(command, "--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Example: blockchain_cs {command}", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("createwallet")]
    [InlineData("listaddresses")]
    [InlineData("getbalance", "-address", "x")]
    [InlineData("createblockchain", "-address", "x")]
    [InlineData("startnode")]
    public async Task NodeId_NotAPortNumber_RefusedTheSameWayByEveryCommand(params string[] args)
    {
        var result = await _dir.Runner(nodeId: "abc").RunAsync(args);
        CliAssert.FailsWithOneLine(result, "error: NODE_ID 'abc' must be a port number from 1 to 65535, like 3000");
    }
}
