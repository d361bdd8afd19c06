using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Cli;

/// <summary>
/// NodeContext resolves which node a command works on (NODE_ID or --node-id, which wins) and where its files are
/// (the current directory or --data-dir): blockchain_NODE_ID.db and wallet_NODE_ID.dat, as in the tutorial.
/// </summary>
public sealed class NodeContext
{
    private NodeContext(string nodeId, string dataDirectory)
    {
        NodeId = nodeId;
        DataDirectory = dataDirectory;
    }

    public string NodeId { get; }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, $"blockchain_{NodeId}.db");

    public string WalletPath => Path.Combine(DataDirectory, $"wallet_{NodeId}.dat");

    public static NodeContext Resolve(string? nodeIdOption, string? dataDirectoryOption)
    {
        var nodeId = string.IsNullOrWhiteSpace(nodeIdOption) ? Environment.GetEnvironmentVariable("NODE_ID") : nodeIdOption;
        if (string.IsNullOrWhiteSpace(nodeId))
            throw new UserErrorException("NODE_ID env. var is not set! Set NODE_ID (e.g. export NODE_ID=3000) or pass --node-id.");
        nodeId = nodeId.Trim();
        if (nodeId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || nodeId.Contains("..", StringComparison.Ordinal))
            throw new UserErrorException($"NODE_ID '{nodeId}' cannot be part of a file name");
        var directory = string.IsNullOrWhiteSpace(dataDirectoryOption) ? Directory.GetCurrentDirectory() : Path.GetFullPath(dataDirectoryOption);
        if (!Directory.Exists(directory))
            throw new UserErrorException($"data directory {directory} does not exist");
        return new NodeContext(nodeId, directory);
    }

    /// <summary>How long a command that writes waits for another command writing the same database to finish.</summary>
    public static TimeSpan WriterWait { get; } = TimeSpan.FromSeconds(10);

    public Blockchain OpenChain(Microsoft.Extensions.Logging.ILogger? log = null) => Blockchain.Open(DatabasePath, log: log);

    /// <summary>
    /// Takes the database's writer lock for <paramref name="holder"/> (one writer per database across processes), after
    /// checking that the database, when it exists, can be written at all.
    /// </summary>
    public WriterLock LockForWriting(string holder, bool creating = false)
    {
        var writer = WriterLock.Acquire(DatabasePath, holder, WriterWait, creating);
        try
        {
            if (File.Exists(DatabasePath))
                using (File.Open(DatabasePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
                {
                }
        }
        catch (UnauthorizedAccessException)
        {
            writer.Dispose();
            throw new UserErrorException($"ERROR: {DatabasePath} is read-only: {holder} needs to write it");
        }

        return writer;
    }

    public WalletStore LoadWallets() => WalletStore.Load(WalletPath);

    /// <summary>Decodes an address given on the command line, or fails with one clear line.</summary>
    public static byte[] ParseAddress(string? address, string what = "address")
    {
        if (!Address.TryDecode(address, out var pubKeyHash))
            throw new UserErrorException($"ERROR: {what} '{address}' is not valid");
        return pubKeyHash;
    }
}
