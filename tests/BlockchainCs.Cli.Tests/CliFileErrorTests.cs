namespace BlockchainCs.Cli.Tests;

/// <summary>
/// The node's files missing, already there, or damaged, and no node chosen: each command fails with one line on stderr and
/// exit 1, and leaves every file byte-identical (and creates none).
/// </summary>
public sealed class CliFileErrorTests : IDisposable
{
    private readonly CliTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetBalance_NoNodeIdAnywhere_FailsWithOneLine()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner(nodeId: null).RunAsync("getbalance", "-address", template.AddressA));
        CliAssert.FailsWithOneLine(result, "NODE_ID env. var is not set!");
    }

    [Fact]
    public async Task CreateWallet_NoNodeIdAnywhere_FailsAndCreatesNoWallet()
    {
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner(nodeId: null).RunAsync("createwallet"));
        CliAssert.FailsWithOneLine(result, "NODE_ID env. var is not set!");
    }

    [Fact]
    public async Task CreateWallet_NodeIdWithPathSeparator_FailsWithOneLine()
    {
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync("createwallet", "--node-id", "../x"));
        CliAssert.FailsWithOneLine(result, "must be a port number from 1 to 65535");
    }

    [Fact]
    public async Task CreateWallet_DataDirMissing_FailsWithOneLine()
    {
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("createwallet", "--data-dir", Path.Combine(_dir.Path, "missing")));
        CliAssert.FailsWithOneLine(result, "does not exist");
    }

    [Fact]
    public async Task CreateBlockchain_Twice_FailsAndKeepsFirstChain()
    {
        var template = await _dir.CopyTemplateAsync();
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("createblockchain", "-address", template.AddressB, "--target-bits", "8"));
        CliAssert.FailsWithOneLine(result, "Blockchain already exists");
    }

    [Theory]
    [InlineData("getbalance")]
    [InlineData("send")]
    [InlineData("printchain")]
    [InlineData("reindexutxo")]
    [InlineData("utxodigest")]
    public async Task Command_BeforeCreateBlockchain_FailsAndCreatesNoDatabase(string command)
    {
        var template = await _dir.CopyTemplateAsync(withChain: false);
        string[] args = command switch
        {
            "getbalance" => [command, "-address", template.AddressA],
            "send" => [command, "-from", template.AddressA, "-to", template.AddressB, "-amount", "1", "-mine"],
            _ => [command],
        };
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync(args));
        CliAssert.FailsWithOneLine(result, "No existing blockchain found");
        Assert.False(File.Exists(_dir.DatabasePath));
    }

    [Theory]
    [InlineData("getbalance")]
    [InlineData("printchain")]
    public async Task Command_DatabaseFileOfRandomBytes_FailsAndLeavesItUnchanged(string command)
    {
        var template = await _dir.CopyTemplateAsync(withChain: false);
        var junk = new byte[8192];
        new Random(3000).NextBytes(junk);
        File.WriteAllBytes(_dir.DatabasePath, junk);
        string[] args = command == "getbalance" ? [command, "-address", template.AddressA] : [command];
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync(args));
        CliAssert.FailsWithOneLine(result, "is not a readable blockchain database");
    }

    [Fact]
    public async Task GetBalance_SqliteDatabaseOfAnotherProgram_FailsAndLeavesItUnchanged()
    {
        var template = await _dir.CopyTemplateAsync(withChain: false);
        CreateForeignSqliteDatabase(_dir.DatabasePath);
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path,
            () => _dir.Runner().RunAsync("getbalance", "-address", template.AddressA));
        CliAssert.FailsWithOneLine(result, "blockchain");
    }

    [Theory]
    [InlineData("truncate", "createwallet")]
    [InlineData("truncate", "send")]
    [InlineData("flip", "createwallet")]
    [InlineData("flip", "send")]
    [InlineData("flip", "listaddresses")]
    public async Task Command_CorruptWalletFile_FailsAndLeavesItUnchanged(string damage, string command)
    {
        var template = await _dir.CopyTemplateAsync();
        var bytes = File.ReadAllBytes(_dir.WalletPath);
        if (damage == "truncate")
            bytes = bytes[..(bytes.Length / 2)];
        else
            bytes[40] ^= 0x01; // Inside the first key's hex digits: still text, but the checksum no longer matches.
        File.WriteAllBytes(_dir.WalletPath, bytes);

        string[] args = command == "send"
            ? [command, "-from", template.AddressA, "-to", template.AddressB, "-amount", "1", "-mine"]
            : [command];
        var result = await CliAssert.LeavesFilesUnchangedAsync(_dir.Path, () => _dir.Runner().RunAsync(args));
        CliAssert.FailsWithOneLine(result, "is corrupt");
    }

    private static void CreateForeignSqliteDatabase(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello');";
        command.ExecuteNonQuery();
    }
}
