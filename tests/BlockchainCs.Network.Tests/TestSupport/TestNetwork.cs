using System.Net;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Spv;
using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>
/// One test's little network: a temporary directory (deleted afterwards), a genesis chain created once and copied
/// for every node (as the tutorial copies blockchain_genesis.db), nodes on 127.0.0.1 port 0 with short timeouts,
/// and raw peers. Everything it started is stopped when it is disposed.
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    /// <summary>Easy enough that the reference miner finds a block in a few hundred hashes.</summary>
    public const int TargetBits = 8;

    private readonly ITestOutputHelper? _output;
    private readonly List<Network.Node> _nodes = [];
    private readonly List<Blockchain> _chains = [];
    private readonly List<TestPeer> _peers = [];
    private readonly Dictionary<Network.Node, TestLoggerFactory> _logs = [];
    private readonly List<(SpvNode Node, SpvStore Store, TestLoggerFactory Logs)> _lightWallets = [];
    private int _chainCount;

    public TestNetwork(ITestOutputHelper? output = null, AlertKeys? alertKeys = null)
    {
        _output = output;
        Directory = Path.Combine(Path.GetTempPath(), $"blockchaincs-nettests-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        Alice = Wallet.Generate();
        GenesisPath = Path.Combine(Directory, "blockchain_genesis.db");
        using var genesis = Blockchain.Create(GenesisPath, Alice.PubKeyHash, Parameters, Mine, alertKeys: alertKeys);
        GenesisHash = genesis.GenesisHash;
    }

    public static ChainParameters Parameters { get; } = new() { TargetBits = TargetBits };

    public string Directory { get; }

    public string GenesisPath { get; }

    public Hash256 GenesisHash { get; }

    /// <summary>Owns the genesis coinbase (10 coins), so every copy of the chain starts with money to spend.</summary>
    public Wallet Alice { get; }

    /// <summary>The reference miner on one thread (the machine is shared).</summary>
    public static Block Mine(Block candidate) =>
        new Miner(1).Mine(candidate) ?? throw new InvalidOperationException("mining was cancelled");

    /// <summary>A fresh copy of the genesis database, opened (closed when the network is disposed).</summary>
    public Blockchain CreateChain(string? name = null)
    {
        var path = Path.Combine(Directory, $"blockchain_{name ?? $"node{Interlocked.Increment(ref _chainCount)}"}.db");
        File.Copy(GenesisPath, path);
        return Track(Blockchain.Open(path));
    }

    /// <summary>A chain with its own genesis block (another network that happens to use the same magic).</summary>
    public Blockchain CreateForeignChain()
    {
        var path = Path.Combine(Directory, $"blockchain_foreign{Interlocked.Increment(ref _chainCount)}.db");
        return Track(Blockchain.Create(path, Wallet.Generate().PubKeyHash, Parameters, Mine));
    }

    private Blockchain Track(Blockchain chain)
    {
        lock (_chains)
            _chains.Add(chain);
        return chain;
    }

    private static int s_seed;

    /// <summary>
    /// The configuration every test node starts from: loopback, port 0, no seeds (never localhost:3000), short
    /// timeouts, and a seeded random source (each node its own seed), so a test runs the same way every time.
    /// </summary>
    public static NodeConfig DefaultConfig => new()
    {
        Listen = new PeerAddress("127.0.0.1", 0),
        Seeds = [],
        MinerThreads = 1,
        Limits = new PeerLimits { HandshakeTimeout = TimeSpan.FromSeconds(5) },
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromSeconds(1),
        Random = new ThreadSafeRandom(Interlocked.Increment(ref s_seed)),
    };

    /// <summary>Starts a node on a fresh copy of the genesis chain, which <paramref name="prepare"/> may extend first.</summary>
    public Network.Node Start(Func<NodeConfig, NodeConfig>? configure = null, Action<Blockchain>? prepare = null, string? name = null)
    {
        var chain = CreateChain(name);
        prepare?.Invoke(chain);
        return StartNode(chain, configure ?? (c => c), name);
    }

    /// <summary>Starts a node on <paramref name="chain"/> that dials <paramref name="seeds"/>.</summary>
    public Network.Node StartNode(Blockchain chain, params PeerAddress[] seeds) =>
        StartNode(chain, config => config with { Seeds = seeds });

    public Network.Node StartNode(Blockchain chain, Func<NodeConfig, NodeConfig> configure, string? name = null)
    {
        var logs = new TestLoggerFactory(_output, $"[{name ?? $"node{_nodes.Count + 1}"}] ");
        var node = new Network.Node(chain, configure(DefaultConfig), logs);
        node.Start();
        lock (_nodes)
        {
            _nodes.Add(node);
            _logs[node] = logs;
        }

        return node;
    }

    /// <summary>Starts a light wallet node (bloom filters) for <paramref name="wallet"/> on a new light database of this network's genesis, dialling <paramref name="seeds"/>.</summary>
    public SpvNode StartSpv(Wallet wallet, params PeerAddress[] seeds) => StartSpv(wallet, SpvMode.Bloom, seeds);

    /// <summary>The same, finding its blocks the way <paramref name="mode"/> says.</summary>
    public SpvNode StartSpv(Wallet wallet, SpvMode mode, params PeerAddress[] seeds)
    {
        var source = CreateChain();
        var store = SpvStore.Create(Path.Combine(Directory, $"spv_{Guid.NewGuid():N}.db"), source.GetBlock(source.GenesisHash)!, TargetBits);
        var logs = new TestLoggerFactory(_output, "[spv] ");
        var node = new SpvNode(store, new SpvWallet([wallet]), new SpvConfig { Network = DefaultConfig with { Seeds = seeds }, Mode = mode }, logs);
        node.Start();
        lock (_lightWallets)
            _lightWallets.Add((node, store, logs));
        return node;
    }

    /// <summary>What the light wallet node <paramref name="node"/> logged so far.</summary>
    public TestLoggerFactory Logs(SpvNode node)
    {
        lock (_lightWallets)
            return _lightWallets.Single(w => w.Node == node).Logs;
    }

    /// <summary>What <paramref name="node"/> logged so far.</summary>
    public TestLoggerFactory Logs(Network.Node node)
    {
        lock (_nodes)
            return _logs[node];
    }

    /// <summary>A test peer connected to <paramref name="node"/> without a handshake; closed when the network is disposed.</summary>
    public async Task<TestPeer> ConnectRawAsync(Network.Node node, NetworkMagic? magic = null, IPAddress? from = null) =>
        Track(await TestPeer.ConnectRawAsync(node.ListenAddress, GenesisHash, from, magic));

    /// <summary>A test peer that finished the real handshake with <paramref name="node"/>, from <paramref name="from"/> when given.</summary>
    public async Task<TestPeer> ConnectAsync(Network.Node node, IPAddress? from = null, int bestHeight = 0, bool relay = true) =>
        Track(await TestPeer.ConnectAsync(node.ListenAddress, GenesisHash, from, bestHeight, relay));

    private TestPeer Track(TestPeer peer)
    {
        lock (_peers)
            _peers.Add(peer);
        return peer;
    }

    /// <summary>True when <paramref name="node"/> has a ready connection to (or from) the node at <paramref name="address"/>.</summary>
    public static bool IsConnectedTo(Network.Node node, PeerAddress address) =>
        node.ReadyPeers.Any(p => p.Remote.Key == address.Key || p.ListenAddress?.Key == address.Key);

    public static int OutboundReady(Network.Node node) => node.ReadyPeers.Count(p => !p.Inbound);

    /// <summary>Waits until both nodes have a ready (handshake done) peer.</summary>
    public static Task WaitConnectedAsync(Network.Node a, Network.Node b) =>
        Wait.UntilAsync(() => a.ReadyPeers.Any() && b.ReadyPeers.Any(), "the two nodes to finish their handshake");

    /// <summary>Mines <paramref name="count"/> empty blocks on top of <paramref name="chain"/> (before its node starts).</summary>
    public static List<Block> AddBlocks(Blockchain chain, int count, byte[] minerPubKeyHash, string? note = null)
    {
        var blocks = new List<Block>(count);
        for (var i = 0; i < count; i++)
            blocks.Add(AddBlock(chain, [], minerPubKeyHash, note));
        return blocks;
    }

    /// <summary>Mines a block holding <paramref name="transactions"/> and adds it to <paramref name="chain"/> directly.</summary>
    public static Block AddBlock(Blockchain chain, IReadOnlyList<Transaction> transactions, byte[] minerPubKeyHash, string? note = null)
    {
        var block = MineCandidate(chain, transactions, minerPubKeyHash, note);
        var result = chain.AddBlock(block);
        Assert.True(result.ChangedTip, $"the block was not connected: {result.Status}");
        return block;
    }

    /// <summary>A valid block on the tip of <paramref name="chain"/>, not added to it (the coinbase claims the subsidy only).</summary>
    public static Block MineCandidate(Blockchain chain, IReadOnlyList<Transaction> transactions, byte[] minerPubKeyHash, string? note = null) =>
        Mine(chain.BuildCandidate(transactions, minerPubKeyHash, 0, note));

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _peers)
            await peer.DisposeAsync();
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
        foreach (var (node, store, _) in _lightWallets)
        {
            await node.DisposeAsync();
            store.Dispose();
        }

        foreach (var chain in _chains)
            chain.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
