namespace BlockchainCs.Cli.Tests;

/// <summary>
/// Amounts send must refuse (A holds 10): one line on stderr naming -amount as the help does and pointing to send's help,
/// exit 1, nothing mined, files untouched.
/// </summary>
public sealed class CliAmountErrorTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("0", "-amount must be a positive whole number of coins, not '0'")]
    [InlineData("-5", "-amount must be a whole number of coins (like 3), not '-5'")]
    [InlineData("ten", "-amount must be a whole number of coins (like 3), not 'ten'")]
    [InlineData("1.5", "-amount must be a whole number of coins (like 3), not '1.5'")]
    [InlineData(" 1", "-amount must be a whole number of coins (like 3), not ' 1'")]
    [InlineData("+1", "-amount must be a whole number of coins (like 3), not '+1'")]
    [InlineData("99999999999999999999", "-amount '99999999999999999999' is too large")]
    [InlineData("11", "Not enough funds: balance 10, needed 11")]
    public async Task Send_BadAmount_FailsWithOneLine(string amount, string expected)
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-amount", amount, "-mine"));
        CliAssert.FailsWithOneLine(result, expected);
        if (amount != "11")
            Assert.EndsWith("(see 'blockchain_cs send --help')", result.StdErr.TrimEnd());
    }
}
