using System.Text;

namespace BlockchainCs.Core.Wallets;

/// <summary>
/// One alert key pair in its own owner-only file (createalertkey): the private key signs alerts (sendalert), the public
/// key goes into a new chain's genesis block (createblockchain -alertkey). Never overwritten: losing an alert key
/// cannot be undone on a running chain.
/// </summary>
public static class AlertKeyFile
{
    private const string Header = "blockchain_cs alert key";

    /// <summary>Creates the file with a fresh key; returns the key pair (as a <see cref="Wallet"/>: same secp256k1 keys).</summary>
    public static Wallet Create(string path)
    {
        var key = Wallet.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes($"{Header}\nkey {Convert.ToHexStringLower(key.PrivateKey)}\npublic {Convert.ToHexStringLower(key.PublicKey)}\n"));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new WalletException($"{path} already exists; an alert key file is never overwritten", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WalletException($"cannot write alert key file {path}: {e.Message}", e);
        }

        return key;
    }

    /// <summary>Reads a key file; a missing, foreign or damaged file is a <see cref="WalletException"/>.</summary>
    public static Wallet Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WalletException($"cannot read alert key file {path}: {e.Message}", e);
        }

        if (lines.Length < 2 || lines[0] != Header || !lines[1].StartsWith("key ", StringComparison.Ordinal))
            throw new WalletException($"{path} is not an alert key file (createalertkey makes one)");
        try
        {
            var key = new Wallet(Convert.FromHexString(lines[1][4..]));
            if (lines.Length > 2 && lines[2] != $"public {Convert.ToHexStringLower(key.PublicKey)}")
                throw new WalletException($"alert key file {path} is damaged: its public key does not match its private key");
            return key;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new WalletException($"alert key file {path} is damaged: {e.Message}", e);
        }
    }
}
