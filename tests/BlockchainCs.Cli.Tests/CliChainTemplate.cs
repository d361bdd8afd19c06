using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Cli.Tests;

/// <summary>
/// The starting point of most tests, made once per test run through the CLI itself and copied into each test's directory:
/// node 3000 with wallets A and B and a chain (target bits 8, so mining is instant) whose genesis reward of 10 pays A.
/// </summary>
public sealed class CliChainTemplate
{
    public const long Subsidy = 10;

    private static readonly Lazy<Task<CliChainTemplate>> s_template = new(CreateAsync);

    private CliChainTemplate(string directory, string addressA, string addressB)
    {
        Directory = directory;
        AddressA = addressA;
        AddressB = addressB;
    }

    public string Directory { get; }

    public string AddressA { get; }

    public string AddressB { get; }

    public string DatabasePath => Path.Combine(Directory, $"blockchain_{CliRunner.DefaultNodeId}.db");

    public string WalletPath => Path.Combine(Directory, $"wallet_{CliRunner.DefaultNodeId}.dat");

    /// <summary>A well-formed address that no wallet here holds.</summary>
    public static string StrangerAddress { get; } = Address.FromPubKeyHash(Enumerable.Repeat((byte)0x5a, Address.PubKeyHashSize).ToArray());

    public static Task<CliChainTemplate> GetAsync() => s_template.Value;

    private static async Task<CliChainTemplate> CreateAsync()
    {
        var directory = new CliTestDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => directory.Dispose();
        var cli = directory.Runner();
        var a = ParseNewAddress(await cli.RunAsync("createwallet"));
        var b = ParseNewAddress(await cli.RunAsync("createwallet"));
        var created = await cli.RunAsync("createblockchain", "-address", a, "--target-bits", "8");
        Assert.True(created.ExitCode == 0, created.ToString());
        return new CliChainTemplate(directory.Path, a, b);
    }

    /// <summary>The address of a <c>createwallet</c> output ("Your new address: ADDR"), checked to be valid Base58Check version 0.</summary>
    public static string ParseNewAddress(CliResult result)
    {
        const string prefix = "Your new address: ";
        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.OutLines);
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        var address = line[prefix.Length..];
        Assert.True(Address.TryDecode(address, out var pubKeyHash), $"'{address}' is not a valid address");
        Assert.Equal(Address.PubKeyHashSize, pubKeyHash.Length);
        return address;
    }
}
