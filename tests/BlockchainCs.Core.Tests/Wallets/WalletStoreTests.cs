using System.Security.Cryptography;
using System.Text;
using BlockchainCs.Core.Tests.TestSupport;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Core.Tests.Wallets;

/// <summary>The wallet file: round trip, owner-only permissions, refusing damaged files untouched, atomic writes.</summary>
public sealed class WalletStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WalletPath => _dir.File("wallet_3000.dat");

    /// <summary>A wallet file with three keys; returns its bytes.</summary>
    private byte[] CreateWalletFile()
    {
        var store = WalletStore.Load(WalletPath);
        for (var i = 0; i < 3; i++)
            store.CreateWallet();
        return File.ReadAllBytes(WalletPath);
    }

    private static string Checksum(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    private void AssertRefusedUnchanged(byte[] content)
    {
        File.WriteAllBytes(WalletPath, content);

        Assert.Throws<WalletException>(() => WalletStore.Load(WalletPath));
        Assert.Equal(content, File.ReadAllBytes(WalletPath));
    }

    [Fact]
    public void Load_NoFile_EmptyAndNothingWritten()
    {
        var store = WalletStore.Load(WalletPath);

        Assert.Empty(store.Wallets);
        Assert.False(File.Exists(WalletPath));
    }

    [Fact]
    public void Load_SavedWallets_SameKeysInCreationOrder()
    {
        var store = WalletStore.Load(WalletPath);
        var created = Enumerable.Range(0, 3).Select(_ => store.CreateWallet()).ToList();

        var loaded = WalletStore.Load(WalletPath);

        Assert.Equal(created.Select(w => w.Address), loaded.Addresses);
        Assert.Equal(created.Select(w => Convert.ToHexString(w.PrivateKey)), loaded.Wallets.Select(w => Convert.ToHexString(w.PrivateKey)));
        Assert.Equal(created.Select(w => Convert.ToHexString(w.PublicKey)), loaded.Wallets.Select(w => Convert.ToHexString(w.PublicKey)));
    }

    [Fact]
    public void Save_FileFormat_HeaderKeysAndChecksum()
    {
        var store = WalletStore.Load(WalletPath);
        var wallet = store.CreateWallet();

        var text = File.ReadAllText(WalletPath);

        var body = $"blockchain_cs wallet 1\nkey {Convert.ToHexStringLower(wallet.PrivateKey)}\n";
        Assert.Equal(body + "checksum " + Checksum(body) + "\n", text);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Save_OnUnix_OwnerReadWriteOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "file modes are POSIX only");
        var store = WalletStore.Load(WalletPath);
        store.CreateWallet();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(WalletPath));

        // Even when someone loosened the mode, the next save writes a fresh owner-only file.
        File.SetUnixFileMode(WalletPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        store.CreateWallet();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(WalletPath));
    }

    [Fact]
    public void Save_ManyTimes_NoTemporaryFilesLeft()
    {
        var store = WalletStore.Load(WalletPath);
        for (var i = 0; i < 5; i++)
            store.CreateWallet();
        store.Save();

        Assert.Equal([WalletPath], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void CreateWallet_DirectoryMissing_WalletExceptionAndNoWalletKept()
    {
        var store = WalletStore.Load(Path.Combine(_dir.Path, "missing", "wallet.dat"));

        Assert.Throws<WalletException>(() => store.CreateWallet());
        Assert.Empty(store.Wallets);
    }

    [Fact]
    public void Load_Truncated_WalletExceptionAndFileUnchanged()
    {
        var bytes = CreateWalletFile();

        AssertRefusedUnchanged(bytes[..(bytes.Length - 20)]);
    }

    [Fact]
    public void Load_TruncatedAfterAKeyLine_WalletExceptionAndFileUnchanged()
    {
        var text = Encoding.UTF8.GetString(CreateWalletFile());

        AssertRefusedUnchanged(Encoding.UTF8.GetBytes(text[..(text.IndexOf("checksum", StringComparison.Ordinal))]));
    }

    [Fact]
    public void Load_OneKeyCharacterFlipped_WalletExceptionAndFileUnchanged()
    {
        var bytes = CreateWalletFile();
        var at = Encoding.UTF8.GetString(bytes).IndexOf("key ", StringComparison.Ordinal) + 10;
        bytes[at] = (byte)(bytes[at] == (byte)'a' ? 'b' : 'a');

        AssertRefusedUnchanged(bytes);
    }

    [Fact]
    public void Load_ChecksumAltered_WalletExceptionAndFileUnchanged()
    {
        var bytes = CreateWalletFile();
        var at = bytes.Length - 2;
        bytes[at] = (byte)(bytes[at] == (byte)'0' ? '1' : '0');

        AssertRefusedUnchanged(bytes);
    }

    [Fact]
    public void Load_Garbage_WalletExceptionAndFileUnchanged()
    {
        var garbage = new byte[600];
        new Random(42).NextBytes(garbage);

        AssertRefusedUnchanged(garbage);
    }

    [Fact]
    public void Load_EmptyFile_WalletException() => AssertRefusedUnchanged([]);

    [Fact]
    public void Load_InvalidKeyWithAValidChecksum_WalletExceptionAndFileUnchanged()
    {
        var body = $"blockchain_cs wallet 1\nkey {new string('0', 64)}\n";

        AssertRefusedUnchanged(Encoding.UTF8.GetBytes(body + "checksum " + Checksum(body) + "\n"));
    }

    [Fact]
    public void Load_UnknownLineWithAValidChecksum_WalletExceptionAndFileUnchanged()
    {
        var body = "blockchain_cs wallet 1\nseed abc\n";

        AssertRefusedUnchanged(Encoding.UTF8.GetBytes(body + "checksum " + Checksum(body) + "\n"));
    }

    [Fact]
    public void Load_OtherVersion_WalletExceptionAndFileUnchanged()
    {
        var body = "blockchain_cs wallet 2\n";

        AssertRefusedUnchanged(Encoding.UTF8.GetBytes(body + "checksum " + Checksum(body) + "\n"));
    }

    [Fact]
    public void Find_KnownAndUnknownAddress_WalletOrNull()
    {
        var store = WalletStore.Load(WalletPath);
        var first = store.CreateWallet();
        var second = store.CreateWallet();

        Assert.Same(second, store.Find(second.Address));
        Assert.Same(first, store.Find(first.Address));
        Assert.Null(store.Find(Wallet.Generate().Address));
        Assert.Null(store.Find(""));
    }
}
