using System.Security.Cryptography;
using System.Text;

namespace BlockchainCs.Core.Wallets;

/// <summary>
/// WalletStore is the wallet file (wallet_NODE_ID.dat, the tutorial's Wallets). The format is text, one line each:
/// <code>
/// blockchain_cs wallet 1
/// key &lt;64 hex digits: a secp256k1 private key&gt;      (one line per wallet, in creation order)
/// checksum &lt;64 hex digits: SHA-256 of all the lines above, each ending in \n&gt;
/// </code>
/// It is written atomically (a temporary file, then a rename) with owner-only permissions on Unix, so a crash never
/// leaves half a wallet, and a damaged file is refused instead of silently losing keys.
/// </summary>
public sealed class WalletStore
{
    private const string Header = "blockchain_cs wallet 1";
    private readonly List<Wallet> _wallets = [];

    private WalletStore(string path) => Path = path;

    public string Path { get; }

    public IReadOnlyList<Wallet> Wallets => _wallets;

    public IEnumerable<string> Addresses => _wallets.Select(w => w.Address);

    /// <summary>Loads the file, or starts an empty wallet when there is none yet.</summary>
    public static WalletStore Load(string path)
    {
        var store = new WalletStore(path);
        if (!File.Exists(path))
            return store;
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (IOException e)
        {
            throw new WalletException($"cannot read wallet file {path}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WalletException($"cannot read wallet file {path}: {e.Message}", e);
        }

        return Parse(path, text);
    }

    /// <summary>Reads the wallet file's text (refusing, with a <see cref="WalletException"/>, anything damaged).</summary>
    public static WalletStore Parse(string path, string text)
    {
        var store = new WalletStore(path);
        var lines = text.Split('\n');
        if (lines.Length < 3 || lines[0] != Header || lines[^1] != "" || !lines[^2].StartsWith("checksum ", StringComparison.Ordinal))
            throw new WalletException($"wallet file {path} is corrupt (not a blockchain_cs wallet)");
        var body = string.Concat(lines[..^2].Select(l => l + "\n"));
        if (!string.Equals(lines[^2]["checksum ".Length..], Checksum(body), StringComparison.Ordinal))
            throw new WalletException($"wallet file {path} is corrupt (checksum mismatch)");
        foreach (var line in lines[1..^2])
        {
            if (!line.StartsWith("key ", StringComparison.Ordinal))
                throw new WalletException($"wallet file {path} is corrupt (unexpected line)");
            try
            {
                store._wallets.Add(new Wallet(Convert.FromHexString(line["key ".Length..])));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new WalletException($"wallet file {path} is corrupt (bad key)", e);
            }
        }

        return store;
    }

    /// <summary>Creates a wallet, saves the file and returns the new address (the tutorial's CreateWallet).</summary>
    public Wallet CreateWallet()
    {
        var wallet = Wallet.Generate();
        _wallets.Add(wallet);
        try
        {
            Save();
        }
        catch
        {
            _wallets.RemoveAt(_wallets.Count - 1);
            throw;
        }

        return wallet;
    }

    public Wallet? Find(string address) => _wallets.FirstOrDefault(w => w.Address == address);

    public void Save()
    {
        var body = new StringBuilder(Header).Append('\n');
        foreach (var wallet in _wallets)
            body.Append("key ").Append(Convert.ToHexStringLower(wallet.PrivateKey)).Append('\n');
        var text = body + "checksum " + Checksum(body.ToString()) + "\n";

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the cleanup must not hide the real error (File.Delete throws when the directory is missing).
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
            }

            throw new WalletException(Chain.StoreFaults.IsReadOnly(Path)
                ? $"wallet file is read-only: {Path} (the key was not saved)"
                : $"cannot write wallet file {Path}: {e.Message}", e);
        }
    }

    private static string Checksum(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
}
