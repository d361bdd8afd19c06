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
        CliAssert.FailsWithOneLine(result, "'--address' is required");
    }

    [Fact]
    public async Task Send_MissingAmountOption_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-mine"));
        CliAssert.FailsWithOneLine(result, "'--amount' is required");
    }

    [Fact]
    public async Task GetBalance_UnexpectedExtraArgument_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("getbalance", "-address", template.AddressA, "extra"));
        CliAssert.FailsWithOneLine(result, "'extra'");
    }
}
