using System.Text.RegularExpressions;

namespace BlockchainCs.Cli.Tests;

/// <summary>
/// Fees and alerts from the command line: send -fee prints the fee and its rate and the miner gets it; alert keys are
/// owner-only files never overwritten; every wrong alert option is one line; a chain's alert keys come from its genesis.
/// </summary>
public sealed partial class CliFeeAndAlertTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SendWithFee_PrintsFeeAndRate_MinerGetsSubsidyPlusFee()
    {
        var template = await _dir.CopyTemplateAsync();
        var cli = _dir.Runner();

        var sent = await cli.RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "3", "-fee", "2", "-mine");

        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Equal("Success!", sent.OutLines[0]);
        var fee = FeeLine().Match(sent.OutLines[1]);
        Assert.True(fee.Success, sent.StdOut);
        var size = int.Parse(fee.Groups["size"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Round(2_000m / size, 2).ToString(System.Globalization.CultureInfo.InvariantCulture), fee.Groups["rate"].Value);
        // A paid 3 and a fee of 2, then mined the block itself: subsidy 10 + the fee 2 came back.
        Assert.Equal($"Balance of '{template.AddressA}': 17", (await cli.RunAsync("getbalance", "-address", template.AddressA)).StdOut.Trim());
        Assert.Equal($"Balance of '{template.AddressB}': 3", (await cli.RunAsync("getbalance", "-address", template.AddressB)).StdOut.Trim());
    }

    [Theory]
    [InlineData("1.5", "-fee must be a whole number of coins (like 3), not '1.5'")]
    [InlineData("ten", "-fee must be a whole number of coins (like 3), not 'ten'")]
    [InlineData("8", "Not enough funds: balance 10, needed 11")]
    public async Task SendWithBadFee_FailsWithOneLine(string fee, string expected)
    {
        var template = await _dir.CopyTemplateAsync();

        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("send", "-from", template.AddressA, "-to", template.AddressB, "-amount", "3", "-fee", fee, "-mine"));

        CliAssert.FailsWithOneLine(result, expected);
    }

    [Fact]
    public async Task CreateAlertKey_OwnerOnlyFile_PrintsThePublicKey_NeverOverwrites()
    {
        var cli = _dir.Runner();

        var created = await cli.RunAsync("createalertkey", "-file", "holder.key");
        var again = await cli.RunAsync("createalertkey", "-file", "holder.key");
        var named = await cli.RunAsync("createalertkey");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches("^Alert public key: 0[23][0-9a-f]{64}$", created.OutLines[0]);
        var path = Path.Combine(_dir.Path, "holder.key");
        Assert.Contains(created.OutLines[0][^66..], File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        CliAssert.FailsWithOneLine(again, "holder.key already exists; an alert key file is never overwritten");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Single(Directory.GetFiles(_dir.Path, $"alertkey_{named.OutLines[0][^66..][2..10]}.key"));
    }

    [Fact]
    public async Task CreateBlockchainWithAlertKeys_SendAlertNeedsKOfThem_AndRefusesBadOptionsWithOneLine()
    {
        var cli = _dir.Runner();
        var address = CliChainTemplate.ParseNewAddress(await cli.RunAsync("createwallet"));
        var keys = new List<string>();
        foreach (var name in new[] { "k1.key", "k2.key", "k3.key" })
            keys.Add((await cli.RunAsync("createalertkey", "-file", name)).OutLines[0][^66..]);

        var created = await cli.RunAsync("createblockchain", "-address", address, "--target-bits", "8", "-alertkey", keys[0], "-alertkey", keys[1], "-alertkey", keys[2]);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("Alerts on this chain need 2 of these 3 key(s)", created.StdOut, StringComparison.Ordinal);
        CliAssert.FailsWithOneLine(await cli.RunAsync("sendalert", "-message", "hi", "-expires", "24", "-key", "k1.key"),
            "this chain's alerts need 2 of its 3 alert keys; 1 given (-key FILE)");
        CliAssert.FailsWithOneLine(await cli.RunAsync("sendalert", "-message", "hi", "-expires", "721", "-key", "k1.key"),
            "-expires must be 1 to 720 hours, not 721");
        CliAssert.FailsWithOneLine(await cli.RunAsync("sendalert", "-message", "caf\u00e9", "-expires", "1", "-key", "k1.key"),
            "-message must be 1 to 256 printable ASCII characters");
        await cli.RunAsync("createalertkey", "-file", "stranger.key");
        CliAssert.FailsWithOneLine(await cli.RunAsync("sendalert", "-message", "hi", "-expires", "1", "-key", "k1.key", "-key", "stranger.key"),
            "stranger.key holds a key that is not one of this chain's alert keys");
        // Two of the chain's keys: signed, then no node listens here (the default seed, localhost:3000, refuses).
        var noNode = await cli.RunAsync("sendalert", "-message", "hi", "-expires", "1", "-key", "k1.key", "-key", "k3.key", "--seed", "127.0.0.1:1");
        CliAssert.FailsWithOneLine(noNode, "cannot reach any node to send the alert to (127.0.0.1:1: ConnectionRefused)");
    }

    [Theory]
    [InlineData("--alert-threshold", "2", "--alert-threshold needs alert keys (-alertkey PUBKEY, from createalertkey)")]
    [InlineData("-alertkey", "02abcd", "-alertkey '02abcd' is not a compressed secp256k1 public key (33 bytes, 02… or 03…)")]
    [InlineData("-alertkey", "zz", "-alertkey 'zz' is not hex (createalertkey prints a public key to use)")]
    [InlineData("-alertkey", "020000000000000000000000000000000000000000000000000000000000000005",
        "-alertkey '020000000000000000000000000000000000000000000000000000000000000005' is not a compressed secp256k1 public key (33 bytes, 02… or 03…)")]
    public async Task CreateBlockchainWithBadAlertOptions_FailsWithOneLine_NoChain(string option, string value, string expected)
    {
        var cli = _dir.Runner();
        var address = CliChainTemplate.ParseNewAddress(await cli.RunAsync("createwallet"));

        var result = await cli.RunAsync("createblockchain", "-address", address, "--target-bits", "8", option, value);

        CliAssert.FailsWithOneLine(result, expected);
        Assert.False(File.Exists(_dir.DatabasePath));
    }

    [Fact]
    public async Task SendAlert_ChainWithoutAlertKeys_OneLine()
    {
        await _dir.CopyTemplateAsync();
        var cli = _dir.Runner();
        await cli.RunAsync("createalertkey", "-file", "k.key");

        var result = await cli.RunAsync("sendalert", "-message", "hi", "-expires", "1", "-key", "k.key");

        CliAssert.FailsWithOneLine(result, "this chain has no alert keys: its genesis block names none (createblockchain -alertkey PUBKEY makes a chain with alerts)");
    }

    [GeneratedRegex(@"^Fee: 2 coins for (?<size>\d+) bytes \((?<rate>[0-9.]+) coins/kB\)$")]
    private static partial Regex FeeLine();
}
