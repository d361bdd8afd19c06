using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Mempool;

public sealed class OrphanTransactionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OrphanTransactions_150FromThreePeers_PoolBoundedAt100AndEachPeerAtAQuarter()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start();
        var owner = Wallet.Generate();
        var peers = new List<TestPeer>();
        for (var p = 0; p < 3; p++)
        {
            var peer = await net.ConnectAsync(node);
            peers.Add(peer);
            for (var i = 0; i < 50; i++)
                await peer.SendAsync(new TxPayload(Payments.Orphan(owner)));
            await peer.SyncAsync();
        }

        var state = node.Sync.State;
        Assert.Equal(75, state.OrphanTransactions);
        Assert.True(state.OrphanTransactionBytes <= node.Config.OrphanTransactionBytes);
        Assert.Equal(0, node.Mempool.Count);
        Assert.All(peers, p => Assert.False(p.IsClosed, "an orphan is not misbehaviour"));
    }

    [Fact]
    public async Task OrphanTransactions_Over5MiB_PoolStaysWithinItsByteBudget()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start(c => c with { OrphanTransactionBytes = 20_000 });
        var peer = await net.ConnectAsync(node);
        var owner = Wallet.Generate();

        for (var i = 0; i < 100; i++)
            await peer.SendAsync(new TxPayload(Payments.Orphan(owner)));
        await peer.SyncAsync();

        Assert.InRange(node.Sync.State.OrphanTransactionBytes, 1, 20_000 / 4);
    }

    [Fact]
    public async Task OrphanTransaction_ParentNeverComes_ExpiresAfter20Minutes()
    {
        await using var net = new TestNetwork(output);
        var time = new ShiftedTimeProvider();
        var node = net.Start(c => c with { Time = time });
        var peer = await net.ConnectAsync(node);
        var middle = Wallet.Generate();
        var parent = Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (middle.PubKeyHash, 10));
        var child = Payments.Pay(middle, [Payments.CoinOf(parent, 0)], (Wallet.Generate().PubKeyHash, 10));

        await peer.SendAsync(new TxPayload(child));
        await peer.SyncAsync();
        Assert.Equal(1, node.Sync.State.OrphanTransactions);

        time.Advance(TimeSpan.FromMinutes(21));
        // The parent arriving now finds no child waiting.
        await peer.SendAsync(new TxPayload(parent));
        await peer.SyncAsync();
        Assert.True(node.Mempool.Contains(parent.Id));
        Assert.False(node.Mempool.Contains(child.Id));
        Assert.Equal(0, node.Sync.State.OrphanTransactions);
    }

    [Fact]
    public async Task OrphanTransaction_ParentArrives_ChildEntersMempool()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start();
        var peer = await net.ConnectAsync(node);
        var middle = Wallet.Generate();
        var parent = Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (middle.PubKeyHash, 10));
        var child = Payments.Pay(middle, [Payments.CoinOf(parent, 0)], (Wallet.Generate().PubKeyHash, 10));

        await peer.SendAsync(new TxPayload(child));
        // The node asks the sender for the missing parent.
        await peer.ExpectAsync<GetDataPayload>(g => g.Items.Contains(new InventoryVector(InventoryType.Tx, parent.Id)));
        Assert.False(node.Mempool.Contains(child.Id));

        await peer.SendAsync(new TxPayload(parent));
        await Wait.UntilAsync(() => node.Mempool.Contains(child.Id), "the child leaves the orphan pool for the mempool");
        Assert.True(node.Mempool.Contains(parent.Id));
        await Wait.UntilAsync(() => node.Sync.State.OrphanTransactions == 0, "the orphan pool to be empty");
        Assert.True(net.Logs(node).Contains($"Accepted transaction {child.Id}"));
    }
}
