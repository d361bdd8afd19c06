using BlockchainCs.Core.Chain;

namespace BlockchainCs.Network.Tests.P2P;

/// <summary>One running <see cref="Network.Node"/> with its own chain file and collected log.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private bool _disposed;

    private TestNode(Network.Node node, Blockchain chain, LogCollector logs, string database)
    {
        Node = node;
        Chain = chain;
        Logs = logs;
        Database = database;
    }

    public Network.Node Node { get; }

    public Blockchain Chain { get; }

    public LogCollector Logs { get; }

    public string Database { get; }

    /// <summary>Where the node listens, as other nodes dial it.</summary>
    public PeerAddress Address => new("127.0.0.1", Node.ListenAddress.Port);

    public static TestNode Start(string database, NodeConfig config, Action<Blockchain>? prepare = null)
    {
        var chain = Blockchain.Open(database);
        prepare?.Invoke(chain);
        var logs = new LogCollector();
        var node = new Network.Node(chain, config, logs);
        node.Start();
        return new TestNode(node, chain, logs, database);
    }

    /// <summary>Ready peers of this node (handshake done) that listen at <paramref name="address"/>.</summary>
    public bool IsConnectedTo(PeerAddress address) =>
        Node.ReadyPeers.Any(p => p.Remote.Key == address.Key || p.ListenAddress?.Key == address.Key);

    public int OutboundReady => Node.ReadyPeers.Count(p => !p.Inbound);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await Node.DisposeAsync();
        Chain.Dispose();
    }
}
