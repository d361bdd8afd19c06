using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network;

/// <summary>
/// NodeConfig is how one node runs: where it listens, whom it contacts first, whether it mines, its limits, and where
/// its time and randomness come from (tests inject both, so they run the same way every time).
/// </summary>
public sealed record NodeConfig
{
    /// <summary>The address to listen on; port 0 picks a free port (tests).</summary>
    public required PeerAddress Listen { get; init; }

    /// <summary>The nodes contacted first (the tutorial's central node, localhost:3000, by default).</summary>
    public IReadOnlyList<PeerAddress> Seeds { get; init; } = [PeerAddress.DefaultSeed];

    /// <summary>When set, the node mines and pays its coinbases to this public-key hash.</summary>
    public byte[]? MinerPubKeyHash { get; init; }

    /// <summary>The miner starts a block when the mempool holds this many transactions (the tutorial's 2).</summary>
    public int MineMinTransactions { get; init; } = 2;

    /// <summary>Threads the miner uses (0 = all cores).</summary>
    public int MinerThreads { get; init; }

    public int MaxOutbound { get; init; } = 8;

    public int MaxInbound { get; init; } = 125;

    public NetworkMagic Magic { get; init; } = NetworkMagic.Main;

    public string UserAgent { get; init; } = "/blockchain_cs:1.0/";

    /// <summary>The byte and time budgets of each connection (send queue, handshake deadline, stalled writes).</summary>
    public PeerLimits Limits { get; init; } = new();

    /// <summary>How often a quiet peer is pinged, and how long a ping may go unanswered.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a misbehaving peer's IP stays banned.</summary>
    public TimeSpan BanDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The first and the longest wait before dialling a failed address again.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A requested block that has not arrived in this time is asked of another peer that announced it.</summary>
    public TimeSpan BlockRequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Transactions unconfirmed this long are announced again to every peer (once per interval).</summary>
    public TimeSpan RebroadcastInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>After the disk was full, the first wait before writing again; it doubles up to <see cref="MaxStorageRetry"/>.</summary>
    public TimeSpan StorageRetry { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxStorageRetry { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Blocks held in memory but not stored (orphans, lighter side branches): count and byte budgets.</summary>
    public int OrphanBlockCapacity { get; init; } = 100;

    /// <summary>The JSON-RPC endpoint (null: none, as --no-rpc).</summary>
    public Rpc.RpcConfig? Rpc { get; init; }

    /// <summary>
    /// Serve BIP 37 bloom filters (filterload, merkleblock), advertised as the Bloom service. On by default on this
    /// teaching network (Bitcoin Core turned it off in 0.19); off, a peer that sends filter messages is disconnected (BIP 111).
    /// </summary>
    public bool ServeBloomFilters { get; init; } = true;

    public long OrphanBlockBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Transactions whose parents are unknown: count and byte budgets.</summary>
    public int OrphanTransactionCapacity { get; init; } = 100;

    public long OrphanTransactionBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>The mempool's limits and fee floors (a full pool or a low fee refuses, it does not punish).</summary>
    public MempoolPolicy Mempool { get; init; } = new();

    /// <summary>The largest block this node's miner builds, header and coinbase included (-max-block-bytes).</summary>
    public int MaxBlockBytes { get; init; } = 1_000_000;

    /// <summary>How often the node checks whether its peers should hear a new minimum fee rate (BIP 133 feefilter).</summary>
    public TimeSpan FeeFilterInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Random Random { get; init; } = new ThreadSafeRandom();

    /// <summary>Called by every supervised loop before each step, with the loop's name: tests inject faults here.</summary>
    public Action<string>? BeforeLoopStep { get; init; }
}
