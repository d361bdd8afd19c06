using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Network.Tests.P2P;

/// <summary>
/// A temporary directory with one genesis block (easy proof of work, its coinbase paying <see cref="Owner"/>) that
/// every node of a test copies, so they are all on the same chain; disposing it stops the nodes and deletes the files.
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    public const int TargetBits = 4;

    private readonly List<TestNode> _nodes = [];
    private int _next;

    public TestNetwork()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"bccs-p2p-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        Owner = Wallet.Generate();
        GenesisPath = Path.Combine(Directory, "genesis.db");
        var miner = new Miner(1);
        using var chain = Blockchain.Create(GenesisPath, Owner.PubKeyHash, new ChainParameters { TargetBits = TargetBits },
            candidate => miner.Mine(candidate) ?? throw new OperationCanceledException());
        GenesisHash = chain.GenesisHash;
    }

    public string Directory { get; }

    public string GenesisPath { get; }

    public Wallet Owner { get; }

    public Core.Primitives.Hash256 GenesisHash { get; }

    /// <summary>A fresh copy of the genesis database for one node.</summary>
    public string NewDatabase()
    {
        var path = Path.Combine(Directory, $"node{Interlocked.Increment(ref _next)}.db");
        File.Copy(GenesisPath, path);
        return path;
    }

    /// <summary>The settings tests start from: loopback, a free port, no seeds, quick reconnects.</summary>
    public static NodeConfig Config(params PeerAddress[] seeds) => new()
    {
        Listen = new PeerAddress("127.0.0.1", 0),
        Seeds = seeds,
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromSeconds(2),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Starts a node on a new copy of the genesis (or on <paramref name="database"/>, to restart one).</summary>
    public TestNode Start(NodeConfig? config = null, string? database = null, Action<Blockchain>? prepare = null)
    {
        var node = TestNode.Start(database ?? NewDatabase(), config ?? Config(), prepare);
        lock (_nodes)
            _nodes.Add(node);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        List<TestNode> nodes;
        lock (_nodes)
            nodes = [.. _nodes];
        foreach (var node in nodes)
            await node.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp directory behind.
        }
    }
}
