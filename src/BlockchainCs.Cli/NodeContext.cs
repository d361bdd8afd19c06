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
    private NodeContext(string nodeId, int port, string dataDirectory, bool syncFull)
    {
        NodeId = nodeId;
        Port = port;
        DataDirectory = dataDirectory;
        SyncFull = syncFull;
    }

    /// <summary>--sync-full: writes survive an OS crash too (SQLite synchronous=FULL).</summary>
    public bool SyncFull { get; }

    public string NodeId { get; }

    /// <summary>NODE_ID as a number: the node's default port (and, + 10,000, its RPC port).</summary>
    public int Port { get; }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, $"blockchain_{NodeId}.db");

    public string WalletPath => Path.Combine(DataDirectory, $"wallet_{NodeId}.dat");

    /// <summary>A light wallet's database (startnode -spv): headers and the wallet's transactions.</summary>
    public string LightWalletPath => Network.Spv.SpvStore.PathFor(DataDirectory, NodeId);

    /// <summary>True when this NODE_ID is a light wallet: getbalance, listtransactions and send use its database.</summary>
    public bool IsLightWallet => File.Exists(LightWalletPath);

    /// <summary>Opens the light wallet's database to read (beside its running node).</summary>
    public Network.Spv.SpvStore ReadLightWallet() => Network.Spv.SpvStore.Open(LightWalletPath, readOnly: true);

    public static NodeContext Resolve(string? nodeIdOption, string? dataDirectoryOption, bool syncFull = false)
    {
        var nodeId = string.IsNullOrWhiteSpace(nodeIdOption) ? Environment.GetEnvironmentVariable("NODE_ID") : nodeIdOption;
        if (string.IsNullOrWhiteSpace(nodeId))
            throw new UserErrorException("NODE_ID env. var is not set! Set NODE_ID (e.g. export NODE_ID=3000) or pass -node-id.");
        // The same rule for every command: NODE_ID names the files and is the node's default port, as in the tutorial.
        if (!nodeId.All(char.IsAsciiDigit) || !int.TryParse(nodeId, out var port) || port is < 1 or > 65535)
            throw new UserErrorException($"NODE_ID '{nodeId}' must be a port number from 1 to 65535, like 3000");
        var directory = string.IsNullOrWhiteSpace(dataDirectoryOption) ? Directory.GetCurrentDirectory() : Path.GetFullPath(dataDirectoryOption);
        if (!Directory.Exists(directory))
            throw new UserErrorException($"data directory {directory} does not exist");
        return new NodeContext(nodeId, port, directory, syncFull);
    }

    /// <summary>How long a command that writes waits for another command writing the same database to finish.</summary>
    public static TimeSpan WriterWait { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Opens the chain for a command that only reads: nothing is written, so it works beside a running node, on a
    /// read-only mount and on a full disk.</summary>
    public Blockchain ReadChain() => Blockchain.Open(DatabasePath, options: StoreOptions.Reading);

    /// <summary>Opens the chain for writing; the caller holds the writer lock (<see cref="LockForWriting"/>).</summary>
    public Blockchain WriteChain(Microsoft.Extensions.Logging.ILogger? log = null) =>
        Blockchain.Open(DatabasePath, log: log, options: new StoreOptions(SyncFull: SyncFull));

    /// <summary>
    /// Takes the database's writer lock for <paramref name="holder"/> (one writer per database across processes), after
    /// checking that the database exists (unless <paramref name="creating"/>) and can be written at all.
    /// </summary>
    public WriterLock LockForWriting(string holder, bool creating = false, string? command = null)
    {
        command ??= holder;
        if (!creating && !File.Exists(DatabasePath))
            throw ChainStore.Missing(DatabasePath);
        if (StoreFaults.IsReadOnly(DatabasePath))
            throw StoreFaults.ReadOnly(DatabasePath, command);
        return WriterLock.Acquire(DatabasePath, holder, WriterWait, creating);
    }

    public WalletStore LoadWallets() => WalletStore.Load(WalletPath);

    /// <summary>Decodes an address given on the command line, or fails with one clear line.</summary>
    public static byte[] ParseAddress(string? address, string what = "address")
    {
        if (!Address.TryDecode(address, out var pubKeyHash))
            throw new UserErrorException($"{what} '{address}' is not valid");
        return pubKeyHash;
    }
}
