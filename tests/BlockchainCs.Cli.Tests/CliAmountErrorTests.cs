namespace BlockchainCs.Cli.Tests;

/// <summary>Amounts send must refuse (A holds 10): one line on stderr, exit 1, nothing mined, files untouched.</summary>
public sealed class CliAmountErrorTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("0", "the amount must be a positive whole number, not 0")]
    [InlineData("-5", "the amount must be a positive whole number, not -5")]
    [InlineData("ten", "Cannot parse argument 'ten'")]
    [InlineData("1.5", "Cannot parse argument '1.5'")]
    [InlineData("99999999999999999999", "Cannot parse argument '99999999999999999999'")]
    [InlineData("11", "Not enough funds: balance 10, needed 11")]
    public async Task Send_BadAmount_FailsWithOneLine(string amount, string expected)
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-amount", amount, "-mine"));
        CliAssert.FailsWithOneLine(result, expected);
    }
}
