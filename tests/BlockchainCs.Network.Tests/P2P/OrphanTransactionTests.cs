using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.P2P;

public sealed class OrphanTransactionTests
{
    private static Transaction GenesisCoinbase(TestNode node) => node.Chain.GetBlock(node.Chain.GenesisHash)!.Transactions[0];

    [Fact]
    public async Task OrphanTransactions_ParentsNeverCome_PoolBoundedAt100()
    {
        await using var net = new TestNetwork();
        var node = net.Start();
        await using var peer = await RawPeer.ConnectAsync(node, net.GenesisHash);
        var owner = Wallet.Generate();

        for (var i = 0; i < 150; i++)
            await peer.SendAsync(new TxPayload(Blocks.Orphan(owner)));
        await peer.SyncAsync();

        Assert.Equal(100, node.Node.Sync.OrphanTransactionCount);
        Assert.Equal(100, node.Node.Sync.OrphanTransactionCapacity);
        Assert.Equal(0, node.Node.Mempool.Count);
        Assert.False(peer.IsClosed, "an orphan is not misbehaviour");
    }

    [Fact]
    public async Task OrphanTransaction_ParentNeverComes_ExpiresAfter20Minutes()
    {
        await using var net = new TestNetwork();
        var time = new ShiftedTimeProvider();
        var node = net.Start(TestNetwork.Config() with { Time = time });
        await using var peer = await RawPeer.ConnectAsync(node, net.GenesisHash);
        var middle = Wallet.Generate();
        var parent = Blocks.Spend(GenesisCoinbase(node), 0, net.Owner, 10, middle);
        var child = Blocks.Spend(parent, 0, middle, 10);

        await peer.SendAsync(new TxPayload(child));
        await peer.SyncAsync();
        Assert.True(node.Node.Sync.HasOrphanTransaction(child.Id));

        time.Advance(TimeSpan.FromMinutes(19));
        Assert.True(node.Node.Sync.HasOrphanTransaction(child.Id), "kept for 20 minutes");
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, node.Node.Sync.OrphanTransactionCount);

        // The parent arriving now finds no child waiting.
        await peer.SendAsync(new TxPayload(parent));
        await peer.SyncAsync();
        Assert.True(node.Node.Mempool.Contains(parent.Id));
        Assert.False(node.Node.Mempool.Contains(child.Id));
    }

    [Fact]
    public async Task OrphanTransaction_ParentArrives_ChildEntersMempool()
    {
        await using var net = new TestNetwork();
        var node = net.Start();
        await using var peer = await RawPeer.ConnectAsync(node, net.GenesisHash);
        var middle = Wallet.Generate();
        var parent = Blocks.Spend(GenesisCoinbase(node), 0, net.Owner, 10, middle);
        var child = Blocks.Spend(parent, 0, middle, 10);

        await peer.SendAsync(new TxPayload(child));
        // The node asks the sender for the missing parent.
        await peer.ExpectAsync<GetDataPayload>(g => g.Items.Contains(new InventoryVector(InventoryType.Tx, parent.Id)));
        Assert.True(node.Node.Sync.HasOrphanTransaction(child.Id));
        Assert.False(node.Node.Mempool.Contains(child.Id));

        await peer.SendAsync(new TxPayload(parent));
        await Poll.UntilAsync(() => node.Node.Mempool.Contains(child.Id), "the child leaves the orphan pool for the mempool");
        Assert.True(node.Node.Mempool.Contains(parent.Id));
        Assert.Equal(0, node.Node.Sync.OrphanTransactionCount);
        Assert.True(node.Logs.Contains($"Accepted transaction {child.Id}"));
    }
}
