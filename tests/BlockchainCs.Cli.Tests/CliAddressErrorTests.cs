namespace BlockchainCs.Cli.Tests;

/// <summary>Malformed addresses and a sender the wallet does not hold: one line on stderr, exit 1, files untouched.</summary>
public sealed class CliAddressErrorTests : IDisposable
{
    // Not Base58, a wrong checksum (last character changed), too short, and an empty value.
    public static TheoryData<string> MalformedAddresses => new()
    {
        "not-an-address",
        CliChainTemplate.StrangerAddress[..^1] + (CliChainTemplate.StrangerAddress[^1] == 'z' ? 'y' : 'z'),
        "1BoatSLRHtKNng",
        "",
    };

    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(MalformedAddresses))]
    public async Task GetBalance_MalformedAddress_FailsWithOneLine(string address)
    {
        await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync("getbalance", "-address", address));
        CliAssert.FailsWithOneLine(result, $"address '{address}' is not valid");
    }

    [Fact]
    public async Task SendTo_MalformedAddress_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("send", "-from", template.AddressA, "-to", "not-an-address", "-amount", "1", "-mine"));
        CliAssert.FailsWithOneLine(result, "recipient address 'not-an-address' is not valid");
    }

    [Fact]
    public async Task SendFrom_MalformedAddress_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("send", "-from", "not-an-address", "-to", template.AddressB, "-amount", "1", "-mine"));
        CliAssert.FailsWithOneLine(result, "sender address 'not-an-address' is not valid");
    }

    [Fact]
    public async Task SendFrom_AddressNotInWallet_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var stranger = CliChainTemplate.StrangerAddress;
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("send", "-from", stranger, "-to", template.AddressB, "-amount", "1", "-mine"));
        CliAssert.FailsWithOneLine(result, $"sender '{stranger}' is not in this node's wallet");
    }

    [Fact]
    public async Task CreateBlockchain_MalformedAddress_FailsAndCreatesNoDatabase()
    {
        await _dir.CopyTemplateAsync(withChain: false);
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("createblockchain", "-address", "not-an-address", "--target-bits", "8"));
        CliAssert.FailsWithOneLine(result, "address 'not-an-address' is not valid");
        Assert.False(File.Exists(_dir.DatabasePath));
    }
}
